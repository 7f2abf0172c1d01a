"""The saved queries of cypher/browser/: documented for the Browser, and each answers on the real
Neo4j exactly what the loaded graphs say (computed here from the graphs, not with Cypher)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from neo4j import GraphDatabase

from schema.model import Graph
from tests.conftest import ROOT

BROWSER_DIR = ROOT / "cypher" / "browser"
SAVED = sorted(BROWSER_DIR.glob("*.cypher"))
STEP_TYPES = {"SIGNS", "APPROVES", "REVIEWS", "COUNTERSIGNS"}
_PARAM_LINE = re.compile(r"^// :param (\w+) => ('[^']*'|-?\d+)(\s|$)")
_PARAMETER = re.compile(r"\$(\w+)")


def test_the_five_saved_queries_exist() -> None:
    assert [p.stem for p in SAVED] == [
        "across_districts", "article_facts", "meeting", "reporting_lines", "who_signs_what"]


@pytest.mark.parametrize("path", SAVED, ids=lambda p: p.stem)
def test_each_saved_query_says_what_it_answers_and_declares_its_parameters(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("// ") and len(lines[0]) > 20 and not lines[0].startswith("// :param")
    declared = [m.group(1) for line in lines if (m := _PARAM_LINE.match(line))]
    body = "\n".join(line for line in lines if not line.startswith("//"))
    assert sorted(declared) == sorted(set(_PARAMETER.findall(body)))


# -- on Neo4j -------------------------------------------------------------------------------


def _run(store, name: str, **params):  # type: ignore[no-untyped-def]
    """(node keys, relationship keys) of the paths the saved query returns."""
    s = store.settings
    with GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as driver:
        records = driver.execute_query((BROWSER_DIR / f"{name}.cypher").read_text(encoding="utf-8"), params,
                                       database_=s.database).records
    nodes, rels = set(), set()
    for record in records:
        for value in record.values():
            if hasattr(value, "relationships"):
                nodes |= {n["key"] for n in value.nodes}
                rels |= {r["key"] for r in value.relationships}
    return nodes, rels


def _current(store) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    """The names a saved query takes of each jurisdiction, and its current document key as `current`,
    by jurisdiction key."""
    return {j.place.key: {"key": j.place.key, "name": j.place.name, "fullName": j.place.full_name,
                          "nameEn": j.place.name_en, "current": next(d.key for d in j.documents if d.current)}
            for j in store.jurisdictions()}


def _graph(graphs: Iterable[Graph], doc: str) -> Graph:
    return next(g for g in graphs if g.document == doc).deduplicated()


@pytest.mark.neo4j
def test_who_signs_what(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    for jur in _current(loaded_neo4j).values():
        graph = _graph(corpus_graphs, jur["current"])
        _, rels = _run(loaded_neo4j, "who_signs_what", jurisdiction=jur["nameEn"])
        steps = {r.key for r in graph.relationships if r.type in STEP_TYPES}
        issued = {r.key for r in graph.relationships if r.type in ("ISSUED_AS", "STATED_IN")
                  and r.start.split(":")[1] == "doctype"}
        assert steps and rels == steps | issued


@pytest.mark.neo4j
def test_meeting(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    checked = 0
    for jur in _current(loaded_neo4j).values():
        graph = _graph(corpus_graphs, jur["current"])
        for meeting in (n for n in graph.nodes if n.label == "Meeting"):
            nodes, rels = _run(loaded_neo4j, "meeting", jurisdiction=jur["name"], meeting=meeting.props["name"])
            around = {r.key: r for r in graph.relationships if meeting.key in (r.start, r.end)}
            minutes = {r.start for r in around.values() if r.type == "ISSUED_AS"}
            signing = {r.key: r for r in graph.relationships if r.end in minutes and r.type in STEP_TYPES}
            expected = {**around, **signing}
            assert rels == set(expected)
            assert nodes == {meeting.key} | {k for r in expected.values() for k in (r.start, r.end)}
            checked += 1
    assert checked


@pytest.mark.neo4j
def test_reporting_lines(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    for jur in _current(loaded_neo4j).values():
        graph = _graph(corpus_graphs, jur["current"])
        _, rels = _run(loaded_neo4j, "reporting_lines", jurisdiction=jur["key"])
        assert rels == {r.key for r in graph.relationships if r.type == "REPORTS_TO"}


@pytest.mark.neo4j
def test_across_districts(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    nodes, rels = _run(loaded_neo4j, "across_districts", issuer="government_office")
    steps, places = set(), set()
    for jur in _current(loaded_neo4j).values():
        graph = _graph(corpus_graphs, jur["current"])
        office = {n.key for n in graph.nodes
                  if n.label == "DocumentType" and n.props["issuerKey"] == "government_office"}
        found = {r.key for r in graph.relationships if r.end in office and r.type in STEP_TYPES}
        steps |= found
        places |= {jur["key"]} if found else set()
    assert len(places) > 1
    assert {r for r in rels if any(f"-{t}-" in r for t in STEP_TYPES)} == steps
    assert {k for k in nodes if k.startswith("jur:")} == places


@pytest.mark.neo4j
def test_article_facts(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    for jur in _current(loaded_neo4j).values():
        graph = _graph(corpus_graphs, jur["current"])
        labels = {n.key: n.label for n in graph.nodes}
        cited = [r for r in graph.relationships if r.props.get("article") is not None and r.type != "STATED_IN"
                 and labels[r.start] in ("Role", "Body", "Meeting", "DocumentType", "Obligation")]
        number = max({r.props["article"] for r in cited}, key=lambda n: sum(r.props["article"] == n for r in cited))
        article = f"{graph.document}:art:{number}"
        _, rels = _run(loaded_neo4j, "article_facts", jurisdiction=jur["fullName"], article=number)
        stated = {r.key for r in graph.relationships if r.type == "STATED_IN" and r.end == article}
        structure = {r.key for r in graph.relationships if r.type == "HAS_ARTICLE" and r.start == graph.document
                     and r.end == article}
        assert rels == {r.key for r in cited if r.props["article"] == number} | stated | structure
