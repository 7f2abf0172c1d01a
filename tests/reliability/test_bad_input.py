"""Bad input: every file of the bad-input corpus gives a clear refusal or a loaded
document with warnings — never a traceback, never part of a document in a store.

In process (the pipeline and both stores) and through `govgraph ingest` (exit code
0 when every file loaded, 2 when some were refused; see govgraph/cli.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.pipeline import ingest_bytes
from stores.memory import MemoryStore

from .bad_corpus import BAD_INPUTS, MB, SAME_AS_CLEAN_RULES, BadInput, clean_rules_bytes, write_corpus
from .conftest import BY_NAME as BY_NAME_ALL
from .conftest import Outcomes, entry
from .footprint import EMPTY, describe, graph_footprint, neo4j_footprint, neo4j_totals
from .processes import TRACEBACK, cli_env, run_cli

NAMES = [e.name for e in BAD_INPUTS]
REFUSED = [e.name for e in BAD_INPUTS if e.refused]
LOADED = [e.name for e in BAD_INPUTS if not e.refused]
#: the folder run skips the 10 MB document (it has its own per-file runs): seconds, not minutes
FOLDER = tuple(e for e in BAD_INPUTS if e.name != "large_10mb.txt")


def _memory_counts(graph) -> tuple[dict[str, int], dict[str, int]]:  # type: ignore[no-untyped-def]
    """What a fresh embedded store holds after loading one graph."""
    store = MemoryStore()
    store.load(graph)
    return store.counts()


# ------------------------------------------------------------------------- in process


@pytest.mark.parametrize("name", NAMES)
def test_pipeline_refuses_clearly_or_loads_with_warnings(outcomes: Outcomes, name: str) -> None:
    expected = entry(name)
    outcome = outcomes[name]
    if expected.refused:
        assert isinstance(outcome, IngestError), f"{name} was loaded; it must be refused ({expected.refused})"
        assert outcome.code == expected.refused
        message = str(outcome)
        assert message.startswith(f"{name}: ") and message.endswith(f"[{expected.refused}]")
        assert "\n" not in message  # one clear line
        return
    result = outcomes.loaded(name)
    codes = {w.code for w in result.tree.warnings}
    assert set(expected.warnings) <= codes, f"{name}: warnings {sorted(codes)}"
    if expected.encoding:
        assert result.tree.raw.encoding == expected.encoding
    assert result.tree.articles, f"{name}: no provision to cite"


@pytest.mark.parametrize("name", LOADED)
def test_embedded_store_holds_the_whole_document(outcomes: Outcomes, name: str) -> None:
    graph = outcomes.loaded(name).graph
    assert _memory_counts(graph) == graph.deduplicated().counts()


@pytest.mark.parametrize("name", SAME_AS_CLEAN_RULES)
def test_other_encodings_give_the_same_document(outcomes: Outcomes, name: str) -> None:
    clean = ingest_bytes(clean_rules_bytes(), "clean.txt")
    other = outcomes.loaded(name)
    assert other.graph.document == clean.graph.document  # the id is the text's, not the bytes'
    assert graph_footprint(other.graph) == graph_footprint(clean.graph)
    assert [a.text for a in other.tree.articles] == [a.text for a in clean.tree.articles]


def test_cut_mid_character_keeps_every_whole_character(outcomes: Outcomes) -> None:
    result = outcomes.loaded("truncated_mid_character.txt")
    data = Path(outcomes.paths["truncated_mid_character.txt"]).read_bytes()
    assert result.tree.raw.text == data.decode("utf-8", errors="ignore")
    assert "\ufffd" not in result.tree.raw.text


def test_html_page_cites_text_not_markup(outcomes: Outcomes) -> None:
    """A page saved from a website: articles read as the page shows them."""
    result = outcomes.loaded("page_saved_as_text.html")
    assert len(result.tree.articles) == 4
    for article in result.tree.articles:
        shown = article.clean_text
        assert not re.search(r"[<>]|&\w*;?", shown), f"markup in a citation: {shown!r}"
        assert "版权所有" not in shown, f"website footer in a citation: {shown!r}"


def test_huge_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    from ingest.pipeline import ingest_path

    huge = tmp_path / "huge.txt"
    with huge.open("wb") as f:  # sparse: 4 GiB on paper, nothing on disk
        f.truncate(4 * 1024 * MB)
    with pytest.raises(IngestError) as info:
        ingest_path(huge)
    assert info.value.code == "E004-too-large"


# ------------------------------------------------------------------------------ Neo4j


@pytest.mark.neo4j
@pytest.mark.parametrize("name", [n for n in NAMES if n != "large_10mb.txt"])  # that one: through the CLI below
def test_neo4j_store_holds_each_document_whole_or_not_at_all(neo4j_store, outcomes: Outcomes, name: str) -> None:  # type: ignore[no-untyped-def]
    driver = neo4j_store._driver
    before = neo4j_totals(driver)
    outcome = outcomes[name]
    if isinstance(outcome, IngestError):
        assert neo4j_totals(driver) == before
        return
    neo4j_store.load(outcome.graph)
    expected = graph_footprint(outcome.graph)
    found = neo4j_footprint(driver, outcome.graph.document)
    assert found == expected, describe(found, expected)
    assert neo4j_store.delete(outcome.graph.document)
    assert neo4j_footprint(driver, outcome.graph.document) == EMPTY


# -------------------------------------------------------------------- govgraph ingest


def _check_output(result, entries: tuple[BadInput, ...] | list[BadInput]) -> str:  # type: ignore[no-untyped-def]
    """No traceback; each refused file named with its code; each warning shown."""
    output = result.stdout + result.stderr
    assert TRACEBACK not in output, output
    # File names say what is wrong with them (truncated.txt): look for codes outside them.
    shown = output
    for e in entries:
        shown = shown.replace(e.name, "")
    for e in entries:
        if e.refused:
            lines = [ln for ln in result.stderr.splitlines() if e.name in ln]
            assert any(e.refused in ln for ln in lines), f"no line names {e.name} with {e.refused}:\n{result.stderr}"
        for code in e.warnings:
            assert code in shown, f"warning {code} of {e.name} is not shown:\n{output}"
    return output


def _expected_exit(entries) -> int:  # type: ignore[no-untyped-def]
    return 2 if any(e.refused for e in entries) else 0


@pytest.mark.parametrize("name", NAMES)
def test_cli_ingest_one_file_embedded(bad_corpus, outcomes: Outcomes, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    data_file = tmp_path / "graphs.json"
    result = run_cli(["ingest", str(bad_corpus[name])], env=cli_env(GOVGRAPH_DATA=str(data_file)))
    e = entry(name)
    assert result.returncode == _expected_exit([e]), result.stdout + result.stderr
    _check_output(result, [e])
    store = MemoryStore.from_file(data_file)
    outcome = outcomes[name]
    if isinstance(outcome, IngestError):
        assert store.counts() == ({}, {})
    else:
        assert store.counts() == outcome.graph.deduplicated().counts()


@pytest.mark.neo4j
@pytest.mark.parametrize("name", NAMES)
def test_cli_ingest_one_file_neo4j(neo4j_store, bad_corpus, outcomes: Outcomes, name: str) -> None:  # type: ignore[no-untyped-def]
    driver = neo4j_store._driver
    before = neo4j_totals(driver)
    result = run_cli(["ingest", str(bad_corpus[name]), "--neo4j", neo4j_store.settings.uri], env=cli_env())
    e = entry(name)
    assert result.returncode == _expected_exit([e]), result.stdout + result.stderr
    _check_output(result, [e])
    outcome = outcomes[name]
    if isinstance(outcome, IngestError):
        assert neo4j_totals(driver) == before
        return
    expected = graph_footprint(outcome.graph)
    found = neo4j_footprint(driver, outcome.graph.document)
    assert found == expected, describe(found, expected)
    neo4j_store.delete(outcome.graph.document)


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "district-website-download"
    write_corpus(folder, FOLDER)
    (folder / "rules_clean.txt").write_bytes(clean_rules_bytes())
    return folder


def test_cli_ingest_folder_continues_past_bad_files_embedded(outcomes: Outcomes, tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    data_file = tmp_path / "graphs.json"
    result = run_cli(["ingest", str(folder)], env=cli_env(GOVGRAPH_DATA=str(data_file)))
    assert result.returncode == 2, result.stdout + result.stderr
    _check_output(result, FOLDER)
    store = MemoryStore.from_file(data_file)
    # Every loaded document is there whole: the store equals one built in process.
    expected = MemoryStore()
    for path in sorted(folder.iterdir()):
        try:
            expected.load(ingest_bytes(path.read_bytes(), path.name).graph)
        except IngestError:
            continue
    assert store.counts() == expected.counts()


@pytest.mark.neo4j
def test_cli_ingest_folder_continues_past_bad_files_neo4j(neo4j_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = _folder(tmp_path)
    driver = neo4j_store._driver
    result = run_cli(["ingest", str(folder), "--neo4j", neo4j_store.settings.uri], env=cli_env())
    assert result.returncode == 2, result.stdout + result.stderr
    _check_output(result, FOLDER)
    loaded = 0
    for path in sorted(folder.iterdir()):
        try:
            graph = ingest_bytes(path.read_bytes(), path.name).graph
        except IngestError:
            continue
        found, expected = neo4j_footprint(driver, graph.document), graph_footprint(graph)
        assert found == expected, f"{path.name}: {describe(found, expected)}"
        loaded += 1
    assert loaded == sum(1 for e in FOLDER if not e.refused) + 1  # + rules_clean.txt
    for path in sorted(folder.iterdir()):
        try:
            doc = ingest_bytes(path.read_bytes(), path.name).graph.document
        except IngestError:
            continue
        neo4j_store.delete(doc)
        assert neo4j_footprint(driver, doc) == EMPTY


# ------------------------------------------------------------- the ingestDocument mutation

API_TOKEN = "bad-input-token"
INGEST = """mutation($text: String!, $name: String!) {
  ingestDocument(text: $text, filename: $name) { document { key } nodes relationships } }"""
#: texts only an API client can send: a lone surrogate is valid JSON but not encodable text
API_ONLY = {"lone_surrogate.txt": "北京市朝阳区人民政府工作规则\n第一条　以区政府名义印发的文件，由区长签发\ud800。\n"}


def _api_texts(paths: dict[str, Path]) -> dict[str, str]:
    """The bad inputs an API client can send as a JSON string (text, not too large for the body limit)."""
    texts = dict(API_ONLY)
    for e in BAD_INPUTS:
        data = paths[e.name].read_bytes()
        if len(data) > MB:
            continue
        try:
            texts[e.name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue
    return texts


def test_ingest_mutation_refuses_clearly_and_stores_whole_documents_only(bad_corpus) -> None:  # type: ignore[no-untyped-def]
    import asyncio

    import httpx

    from govgraph.app import create_app

    store = MemoryStore()
    transport = httpx.ASGITransport(app=create_app(store, api_token=API_TOKEN))

    async def send(text: str, name: str) -> httpx.Response:
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            # json.dumps escapes to ASCII, so a lone surrogate travels as \ud800 (httpx's json= cannot send it)
            body = json.dumps({"query": INGEST, "variables": {"text": text, "name": name}})
            return await client.post("/graphql", content=body, headers={
                "Authorization": f"Bearer {API_TOKEN}", "Content-Type": "application/json"})

    texts = _api_texts(bad_corpus)
    assert len(texts) >= 8
    problems = []
    for name, text in texts.items():
        before = store.counts()
        response = asyncio.run(send(text, name))
        body = response.json()
        expected = BY_NAME_ALL.get(name)
        if response.status_code >= 500:
            problems.append(f"{name}: HTTP {response.status_code}")
        elif body.get("errors"):
            codes = {(e.get("extensions") or {}).get("code") for e in body["errors"]}
            if not codes <= {"DOCUMENT_REFUSED", "BAD_ARGUMENT"}:
                problems.append(f"{name}: {body['errors']}")
            if expected is not None and not expected.refused:
                problems.append(f"{name} was refused by the API: {body['errors']}")
            if store.counts() != before:
                problems.append(f"{name}: refused, yet the store changed")
        elif expected is None or expected.refused:
            problems.append(f"{name} was loaded by the API; it must be refused")
            store.delete(body["data"]["ingestDocument"]["document"]["key"])
        else:
            graph = ingest_bytes(text.encode("utf-8"), name).graph
            if body["data"]["ingestDocument"]["document"]["key"] != graph.document:
                problems.append(f"{name}: loaded as another document")
            if store.counts() != graph.deduplicated().counts():
                problems.append(f"{name}: the store does not hold the whole document")
            store.delete(graph.document)
    assert not problems, "\n".join(problems)
