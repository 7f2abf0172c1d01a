"""`govgraph export`: JSON Lines of cited facts, a Cypher script, GraphML (embedded store).

The Neo4j side (the script recreates the graph; literals round-trip) is in test_neo4j.py.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from govgraph.export import FACT_TYPES, inline, literal, split_script
from ingest.pipeline import document_paths, ingest_path
from tests.conftest import CORPUS

GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"


@pytest.fixture(scope="module")
def corpus():  # type: ignore[no-untyped-def]
    """document key -> IngestResult of the bundled corpus."""
    results = [ingest_path(p) for p in document_paths([CORPUS])]
    return {r.graph.document: r for r in results}


def test_jsonl_has_every_fact_with_a_citation_that_quotes_the_source(loaded, corpus) -> None:  # type: ignore[no-untyped-def]
    result = loaded("export", "--format", "jsonl")
    assert result.exit_code == 0, result.output
    facts = [json.loads(line) for line in result.stdout.splitlines()]
    expected = sum(1 for r in corpus.values() for rel in r.graph.deduplicated().relationships if rel.type in FACT_TYPES)
    expected += sum(1 for r in corpus.values() for n in r.graph.nodes if n.label == "Obligation")
    assert len(facts) == expected
    assert {"SIGNS", "REVIEWS"} <= {f["fact"] for f in facts}
    cited = [f for f in facts if f["citation"] is not None]
    assert cited
    for fact in cited:
        c = fact["citation"]
        source = corpus[c["document"]["key"]]
        assert source.tree.raw.text[c["start"]:c["end"]] == c["text"]
        assert c["document"]["file"] == source.tree.name
        article = source.tree.articles[c["article"] - 1]
        assert article.start <= c["start"] < c["end"] <= article.end
        assert c["articleLabel"] == article.label
        if fact["fact"] == "OBLIGATION":
            assert fact["properties"]["modality"] in ("MUST", "MUST_NOT", "MAY")
        else:
            assert fact["subject"]["name"] and fact["object"]["name"]


def test_jsonl_of_one_document(loaded, corpus) -> None:  # type: ignore[no-untyped-def]
    path = sorted(CORPUS.glob("*.txt"))[0]
    key = ingest_path(path).graph.document
    result = loaded("export", "--document", path.name)
    assert result.exit_code == 0, result.output
    docs = {json.loads(line)["citation"]["document"]["key"] for line in result.stdout.splitlines()
            if json.loads(line)["citation"]}
    assert docs == {key}


def test_output_file_and_unknown_format(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out" / "graph.graphml"
    result = loaded("export", "-f", "graphml", "-o", target)
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith('<?xml version="1.0" encoding="UTF-8"?>')
    assert f"wrote {target}" in result.stderr
    bad = loaded("export", "--format", "csv")
    assert bad.exit_code == 1
    assert bad.stderr.strip() == "error: unknown format 'csv'; use one of: jsonl, cypher, graphml"


def test_graphml_holds_every_node_and_relationship_with_typed_data(loaded, corpus) -> None:  # type: ignore[no-untyped-def]
    result = loaded("export", "--format", "graphml")
    assert result.exit_code == 0, result.output
    root = ET.fromstring(result.stdout)
    keys = {k.get("id"): k for k in root.iter(f"{GRAPHML}key")}
    nodes = {n.get("id"): n for n in root.iter(f"{GRAPHML}node")}
    edges = list(root.iter(f"{GRAPHML}edge"))
    graphs = [r.graph.deduplicated() for r in corpus.values()]
    assert set(nodes) == {n.key for g in graphs for n in g.nodes}
    assert len(edges) == len({r.key for g in graphs for r in g.relationships})
    for edge in edges:
        assert edge.get("source") in nodes and edge.get("target") in nodes
    for data in root.iter(f"{GRAPHML}data"):
        assert data.get("key") in keys
    article = next(n for n in graphs[0].nodes if n.label == "Article")
    element = nodes[article.key]
    values = {d.get("key"): d.text for d in element.iter(f"{GRAPHML}data")}
    assert values["labels"] == ":Article"
    assert keys["n_number"].get("attr.type") == "long" and int(values["n_number"]) == article.props["number"]
    assert values["n_text"] == article.props["text"]
    types = {e.get("label") for e in edges}
    assert {"HAS_ARTICLE", "SIGNS"} <= types


def test_cypher_script_is_one_statement_per_line_end(loaded, corpus) -> None:  # type: ignore[no-untyped-def]
    result = loaded("export", "--format", "cypher")
    assert result.exit_code == 0, result.output
    statements = split_script(result.stdout)
    loads = [s for s in statements if s.startswith("UNWIND")]
    assert loads and all(" MERGE " in s.replace("\n", " ") for s in loads)
    assert not any("$" + name in s for s in statements for name in ("rows", "jurisdiction"))
    nodes = {n.key for r in corpus.values() for n in r.graph.nodes}
    rels = {rel.key for r in corpus.values() for rel in r.graph.relationships}
    assert result.stdout.startswith(
        f"// govgraph export: {len(corpus)} documents, {len(nodes)} nodes, {len(rels)} relationships.\n")


@pytest.mark.parametrize(("value", "expected"), [
    (None, "null"),
    (True, "true"),
    (False, "false"),
    (7, "7"),
    (2.5, "2.5"),
    ("区政府办公室", "'区政府办公室'"),
    ("it's", r"'it\'s'"),
    ('say "hi"', "'say \"hi\"'"),
    ("back\\slash", r"'back\\slash'"),
    ("two\nlines\r\n", r"'two\nlines\r\n'"),
    ("tab\there", r"'tab\there'"),
    ("\x00\x1f", r"'\u0000\u001f'"),
    ("line\u2028separator", r"'line\u2028separator'"),
    ("a;\nb", r"'a;\nb'"),
    (["朝阳区", 1, None], "['朝阳区', 1, null]"),
    ({"key": "x", "odd key": 1, "back`tick": 2}, "{key: 'x', `odd key`: 1, `back``tick`: 2}"),
])
def test_cypher_literals(value: object, expected: str) -> None:
    assert literal(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), object()])
def test_values_without_a_cypher_literal_are_refused(value: object) -> None:
    with pytest.raises(ValueError, match="no Cypher literal"):
        literal(value)


def test_inline_writes_parameters_in_and_drops_comments() -> None:
    text = "// a comment\nMATCH (j:Jurisdiction {key: $jurisdiction})\nRETURN j LIMIT $limit"
    assert inline(text, jurisdiction="jur:北京市朝阳区", limit=3) == (
        "MATCH (j:Jurisdiction {key: 'jur:北京市朝阳区'})\nRETURN j LIMIT 3"
    )
    with pytest.raises(ValueError, match=r"no value for \$limit"):
        inline("RETURN $limit")


def test_split_script_keeps_semicolons_inside_literals() -> None:
    script = "// header\nCREATE (:A {t: " + literal("a;\nb;") + "});\nMATCH (n) RETURN n;\n"
    assert split_script(script) == ["CREATE (:A {t: 'a;\\nb;'})", "MATCH (n) RETURN n"]
