"""The commands on the real Neo4j server: same answers as the embedded store; the exported
Cypher script recreates the graph. Every test leaves the corpus loaded as it found it."""

from __future__ import annotations

import pytest
from neo4j import GraphDatabase

from govgraph.export import literal, split_script
from ingest.pipeline import ingest_path
from tests.cli.test_ingest import _rows
from tests.conftest import CORPUS, wipe

pytestmark = pytest.mark.neo4j


@pytest.fixture
def driver(loaded_neo4j):  # type: ignore[no-untyped-def]
    s = loaded_neo4j.settings
    with GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as d:
        yield d


def _on_neo4j(invoke, store):  # type: ignore[no-untyped-def]
    return lambda *args: invoke(*args, "--neo4j", store.settings.uri)


def _without_title(stdout: str) -> list[str]:
    """The table lines, without the title that names the store."""
    return [line for line in stdout.splitlines() if "store" not in line]


def test_ingest_stats_and_documents_agree_with_the_embedded_store(loaded, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    neo4j = _on_neo4j(loaded, loaded_neo4j)
    ingested = neo4j("ingest", CORPUS)
    assert ingested.exit_code == 0, ingested.output
    assert "loaded into the neo4j store" in ingested.stdout
    assert _rows(ingested.stdout) == _rows(loaded("ingest", CORPUS).stdout)
    for command in ("stats", "documents"):
        from_neo4j, from_memory = neo4j(command), loaded(command)
        assert from_neo4j.exit_code == 0, from_neo4j.output
        assert "in the neo4j store" in from_neo4j.stdout
        assert _without_title(from_neo4j.stdout) == _without_title(from_memory.stdout)


@pytest.mark.parametrize("format", ["jsonl", "cypher", "graphml"])
def test_exports_are_the_same_from_either_store(loaded, loaded_neo4j, format: str) -> None:  # type: ignore[no-untyped-def]
    from_neo4j = _on_neo4j(loaded, loaded_neo4j)("export", "--format", format)
    assert from_neo4j.exit_code == 0, from_neo4j.output
    assert from_neo4j.stdout == loaded("export", "--format", format).stdout


def _counts(driver) -> tuple[dict, dict]:  # type: ignore[no-untyped-def]
    labels = dict(driver.execute_query("MATCH (n) RETURN labels(n)[0] AS k, count(*) AS c").records)
    types = dict(driver.execute_query("MATCH ()-[r]->() RETURN type(r) AS k, count(*) AS c").records)
    return labels, types


def test_the_cypher_script_recreates_the_graph(loaded, loaded_neo4j, driver, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    neo4j = _on_neo4j(loaded, loaded_neo4j)
    script = neo4j("export", "--format", "cypher").stdout
    before = _counts(driver)
    jsonl_before = neo4j("export").stdout
    try:
        wipe(loaded_neo4j)
        assert _counts(driver) == ({}, {})
        with driver.session(database=loaded_neo4j.settings.database) as session:
            for statement in split_script(script):
                session.run(statement).consume()
        assert _counts(driver) == before
        assert neo4j("export", "--format", "cypher").stdout == script
        assert neo4j("export").stdout == jsonl_before
        current = driver.execute_query("MATCH (d:RuleDocument) WHERE d.current RETURN count(d) AS c").records[0]["c"]
        assert current == len({g.document for g in corpus_graphs})
    finally:
        if _counts(driver) != before:  # leave the corpus loaded for the tests that follow
            wipe(loaded_neo4j)
            for graph in corpus_graphs:
                loaded_neo4j.load(graph)


def test_delete_on_neo4j(loaded, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    neo4j = _on_neo4j(loaded, loaded_neo4j)
    path = sorted(CORPUS.glob("*.txt"))[0]
    graph = ingest_path(path).graph
    try:
        result = neo4j("delete", path.name)
        assert result.exit_code == 0, result.output
        assert result.stdout.startswith(f"deleted {graph.document} (")
        assert path.name not in neo4j("documents").stdout
        again = neo4j("delete", graph.document)
        assert again.exit_code == 1
        assert again.stderr.startswith(f"error: no document '{graph.document}' in the neo4j store")
    finally:
        loaded_neo4j.load(graph)
    assert path.name in neo4j("documents").stdout


@pytest.mark.parametrize("value", [
    "it's", 'say "hi"', "back\\slash \\n", "two\nlines\r\n", "tab\t", "\x00\x01\x1f", "\u2028\u2029",
    "😀 非BMP 𠀀", "`tick` $param // not a comment", "a;\nb;", ["朝阳区", "x'y"], 7, -2.5, True,
])
def test_literals_read_back_as_the_same_value(driver, value: object) -> None:  # type: ignore[no-untyped-def]
    records = driver.execute_query(f"RETURN {literal(value)} AS v").records
    assert records[0]["v"] == value


def test_a_refusal_by_the_server_is_one_line_with_its_code(loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    from neo4j.exceptions import Neo4jError

    from govgraph.commands.ingest import _store_refusal

    with pytest.raises(Neo4jError) as caught:  # a real refusal: a write in a read transaction
        loaded_neo4j.run_read("CREATE (:Jurisdiction {key: 'jur:written-by-a-read'})", {})
    line = _store_refusal(caught.value)
    assert line.startswith("Neo.ClientError.") and ": " in line and "\n" not in line, line
    assert len(line) < 400
