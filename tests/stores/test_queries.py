"""Every file in cypher/queries/ runs, in a read transaction, with realistic parameters, and
as written for Neo4j Browser: its header declares each parameter it uses with a `:param`
line whose example value runs too."""

from __future__ import annotations

import re
from typing import Any

import pytest

import cypher
from stores.neo4j_reads import READERS

from .documents import JURISDICTION, rules_document

pytestmark = pytest.mark.neo4j

OLD, NEW = rules_document(2030), rules_document(2032, revised=True)

#: query -> (realistic parameters, what its answer (its records read by ``neo4j_reads.READERS``) must
#: contain). Every query file needs a row here.
REALISTIC: dict[str, tuple[dict[str, Any], Any]] = {
    "count_nodes": ({}, lambda counts: {"Obligation", "Meeting", "Article"} <= set(counts)),
    "count_relationships": ({}, lambda counts: {"REPORTS_TO", "SUPERSEDES", "ATTENDS"} <= set(counts)),
    "jurisdictions": ({}, lambda rows: JURISDICTION in {r.place.key for r in rows}),
    "documents": ({"jurisdiction": JURISDICTION},
                  lambda rows: [(r.key, r.current, r.supersedes) for r in rows]
                  == [(NEW.document, True, (OLD.document,)), (OLD.document, False, ())]),
    "signatories": ({"jurisdiction": JURISDICTION, "issuer": "executive", "genre": "minutes", "recipient": None,
                     "document": None},
                    lambda rows: [(r.role.key, r.action) for r in rows] == [("head", "SIGN")]),
    "meetings": ({"jurisdiction": JURISDICTION, "meeting": "executive", "document": OLD.document},
                 lambda rows: [(len(m.members), len(m.chairs), len(m.attendees), m.frequency.period,
                                len(m.minutes_signers)) for m in rows] == [(3, 2, 3, "two_weeks", 1)]),
    "reporting_lines": ({"jurisdiction": JURISDICTION, "source": "audit_bureau", "target": "government",
                         "document": None},
                        lambda rows: [r.matter for r in rows] == ["审计工作"]),
    "obligations": ({"jurisdiction": JURISDICTION, "bearer": "government_departments", "modality": "MUST",
                     "withDeadline": True, "document": None, "skip": 0, "limit": 10},
                    lambda page: page.total == 1 and page.rows[0].deadline.text == "5个工作日内"),
    "search": ({"text": "审计工作", "jurisdiction": JURISDICTION, "skip": 0, "limit": 5, "document": None},
               lambda page: [(h.article.document.key, h.article.number, h.score)
                             for h in page.rows] == [(NEW.document, 4, 1)]),
    "compare": ({"issuer": "government_office", "genre": None},
                lambda rows: len(rows) >= 6 and any(r.steps for r in rows)),
    "government": ({"jurisdiction": "jur:天津市北辰区", "document": None},
                   lambda row: row.body.key == "government"
                   and {link.relation for link in row.links} == {"member", "head", "assists"}
                   and "执政为民" in row.principles.evidence.text),
    "basis": ({"document": "doc-088b793222b6524c"},
              lambda rows: [r.instrument.title for r in rows][-1] == "天津市人民政府工作规则"),
    "instrument": ({"key": "instrument:国务院工作规则"},
                   lambda row: len({c.document.key for c in row.cited_by}) == 3),
    "signing_rules": ({"document": NEW.document},
                      lambda rows: ("head", "SIGN") in {(r.role.key, r.action) for r in rows}),
    "articles": ({"document": NEW.document},
                 lambda rows: [r.ordinal for r in rows] == list(range(1, len(rows) + 1)) and len(rows) > 3),
    "article": ({"document": NEW.document, "number": 4, "ordinal": None},
                lambda row: {f.type for f in row.facts} == {"REPORTS_TO", "BEARS", "OWED_TO", "STATED_IN"}),
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


def test_every_query_file_has_realistic_parameters_and_a_reader() -> None:
    assert set(cypher.query_names()) == set(REALISTIC) == set(READERS)


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
    answer = READERS[name](with_versions.run_records(text, params))
    assert answer and answers(answer), answer


@pytest.mark.parametrize("name", cypher.query_names())
def test_query_runs_with_its_browser_example(with_versions, name: str) -> None:  # type: ignore[no-untyped-def]
    text = cypher.statement(f"queries/{name}")
    # the header's example values are valid as typed, and the answer reads as rows
    READERS[name](with_versions.run_records(text, _header_params(text)))
