"""Every file in cypher/queries/ runs, in a read transaction, with realistic parameters, and
as written for Neo4j Browser: its header declares each parameter it uses with a `:param`
line whose example value runs too."""

from __future__ import annotations

import re
from typing import Any

import pytest

import cypher

from .documents import JURISDICTION, rules_document

pytestmark = pytest.mark.neo4j

OLD, NEW = rules_document(2030), rules_document(2032, revised=True)

#: query -> (realistic parameters, what the answer must contain). Every query file needs a row here.
REALISTIC: dict[str, tuple[dict[str, Any], Any]] = {
    "count_nodes": ({}, lambda rows: {"Obligation", "Meeting", "Article"} <= {r["name"] for r in rows}),
    "count_relationships": ({}, lambda rows: {"REPORTS_TO", "SUPERSEDES", "ATTENDS"} <= {r["name"] for r in rows}),
    "jurisdictions": ({}, lambda rows: JURISDICTION in {r["key"] for r in rows}),
    "documents": ({"jurisdiction": JURISDICTION},
                  lambda rows: [(r["key"], r["current"]) for r in rows] == [(NEW.document, True), (OLD.document, False)]),
    "signatories": ({"jurisdiction": JURISDICTION, "issuer": "executive", "genre": "minutes", "recipient": None,
                     "document": None},
                    lambda rows: [(r["role"]["key"], r["action"]) for r in rows] == [("head", "SIGN")]),
    "meetings": ({"jurisdiction": JURISDICTION, "meeting": "executive", "document": OLD.document},
                 lambda rows: [(len(m["members"]), len(m["chairs"]), len(m["attendees"]), m["frequency"]["period"],
                                len(m["minutesSigners"])) for m in rows] == [(3, 2, 3, "two_weeks", 1)]),
    "reporting_lines": ({"jurisdiction": JURISDICTION, "source": "audit_bureau", "target": "government",
                         "document": None},
                        lambda rows: [r["matter"] for r in rows] == ["审计工作"]),
    "obligations": ({"jurisdiction": JURISDICTION, "bearer": "government_departments", "modality": "MUST",
                     "withDeadline": True, "document": None, "skip": 0, "limit": 10},
                    lambda rows: rows[0]["total"] == 1 and rows[0]["rows"][0]["deadline"]["text"] == "5个工作日内"),
    "search": ({"text": "审计工作", "jurisdiction": JURISDICTION, "skip": 0, "limit": 5, "document": None},
               lambda rows: [(h["article"]["document"]["key"], h["article"]["number"], h["score"])
                             for h in rows[0]["rows"]] == [(NEW.document, 4, 1)]),
    "compare": ({"issuer": "government_office", "genre": None},
                lambda rows: len(rows) >= 6 and any(r["steps"] for r in rows)),
    "government": ({"jurisdiction": "jur:天津市北辰区", "document": None},
                   lambda rows: rows[0]["body"]["key"] == "government"
                   and {link["relation"] for link in rows[0]["links"]} == {"member", "head", "assists"}
                   and "执政为民" in rows[0]["principles"]["evidence"]["text"]),
    "basis": ({"document": "doc-088b793222b6524c"},
              lambda rows: [r["instrument"]["title"] for r in rows][-1] == "天津市人民政府工作规则"),
    "instrument": ({"key": "instrument:国务院工作规则"},
                   lambda rows: len({c["document"]["key"] for c in rows[0]["citedBy"]}) == 3),
    "signing_rules": ({"document": NEW.document},
                      lambda rows: ("head", "SIGN") in {(r["role"]["key"], r["action"]) for r in rows}),
    "articles": ({"document": NEW.document},
                 lambda rows: [r["ordinal"] for r in rows] == list(range(1, len(rows) + 1)) and len(rows) > 3),
    "article": ({"document": NEW.document, "number": 4},
                lambda rows: {f["type"] for f in rows[0]["facts"]} == {"REPORTS_TO", "BEARS", "OWED_TO", "STATED_IN"}),
}

_PARAM_LINE = re.compile(r"^//.*:param (?P<name>\w+) => (?P<value>'[^']*'|null|true|false|-?\d+)")


def _header_params(text: str) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for line in text.splitlines():
        if m := _PARAM_LINE.match(line.strip()):
            raw = m["value"]
            out[m["name"]] = (raw[1:-1] if raw.startswith("'") else
                              None if raw == "null" else raw == "true" if raw in ("true", "false") else int(raw))
    return out


def _used_params(text: str) -> set[str]:
    body = "\n".join(line for line in text.splitlines() if not line.strip().startswith("//"))
    return set(re.findall(r"\$(\w+)", body))


@pytest.fixture(scope="module")
def with_versions(loaded_neo4j):  # type: ignore[no-untyped-def]
    """The corpus plus two versions of a fictional jurisdiction with every kind of fact."""
    for graph in (OLD, NEW):
        loaded_neo4j.load(graph)
    yield loaded_neo4j
    for graph in (OLD, NEW):
        loaded_neo4j.delete(graph.document)


def test_every_query_file_has_realistic_parameters() -> None:
    assert set(cypher.query_names()) == set(REALISTIC)


@pytest.mark.parametrize("name", cypher.query_names())
def test_query_declares_its_parameters_for_the_browser(name: str) -> None:
    text = cypher.statement(f"queries/{name}")
    assert text.startswith("//"), "a query file opens with a comment that says what it answers"
    assert set(_header_params(text)) == _used_params(text)
    if not _used_params(text):
        assert "Browser: no parameters." in text


@pytest.mark.parametrize("name", cypher.query_names())
def test_query_runs_with_realistic_parameters(with_versions, name: str) -> None:  # type: ignore[no-untyped-def]
    params, answers = REALISTIC[name]
    text = cypher.statement(f"queries/{name}")
    assert set(params) == _used_params(text)
    rows = with_versions.run_read(text, params)
    assert rows and answers(rows), rows


@pytest.mark.parametrize("name", cypher.query_names())
def test_query_runs_with_its_browser_example(with_versions, name: str) -> None:  # type: ignore[no-untyped-def]
    text = cypher.statement(f"queries/{name}")
    with_versions.run_read(text, _header_params(text))  # the header's example values are valid as typed
