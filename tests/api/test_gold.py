"""The seeds' gold facts come back through the API, from both stores, at the extraction bar.

Signing rules, meetings and reporting lines are read through GraphQL (signatories,
meetings, reportingLines), turned back into facts and scored by the same matcher as
`govgraph eval` (precision >= 0.95, recall >= 0.90 per section). The API must also lose
nothing: every gold fact the extraction matches, the API matches too.
"""

from __future__ import annotations

from pathlib import Path
from typing import get_args

import pytest

from govgraph.evaluate import (
    PRECISION_BAR,
    RECALL_BAR,
    Names,
    SectionScore,
    evaluate,
    merge_gold,
    score_meetings,
    score_reports_to,
    score_signing,
)
from ingest.facts import (
    DocumentFacts,
    EntityRef,
    Evidence,
    Frequency,
    Meeting,
    Participant,
    Quorum,
    ReportingKind,
    ReportingLine,
    SigningRule,
    SigningStep,
)
from schema.vocabulary import load_vocabulary

from .conftest import GOLD_FILE, data

#: the seeds' gold (exhaustive for reporting lines and limits; its header is the convention)
GOLD_FILES = [GOLD_FILE]

REPORTING_KINDS = set(get_args(ReportingKind))
SECTIONS = {"signing": score_signing, "meetings": score_meetings, "reports_to": score_reports_to}
ISSUERS = [(t.kind, t.key) for t in load_vocabulary().terms if t.kind in ("body", "meeting")]
ENTITY = "key name label"
STEPS = """documentType { key genres recipient direction } role { %s } action condition verb delegated
           article { number } evidence { start end text }""" % ENTITY
PEOPLE = "role { %s } mandatory delegated condition" % ENTITY


def _ref(entity: dict) -> EntityRef:
    return EntityRef(entity["label"].lower(), entity["key"], entity["name"])  # type: ignore[arg-type]


def _evidence(row: dict) -> Evidence:
    return Evidence(row["article"]["number"], row["evidence"]["start"], row["evidence"]["end"], row["evidence"]["text"])


def _signing(store, place: str, level: str | None = None) -> list[SigningRule]:  # type: ignore[no-untyped-def]
    """The signing rules the API gives for a place; a recipient's name is read at the place's level
    (a city's 市政府 is its own government, a district's is the city's)."""
    vocab = load_vocabulary()
    rules = []
    for kind, issuer in ISSUERS:
        steps = data(store, "query($j: String!, $i: String!) { signatories(jurisdiction: $j, issuer: $i) { %s } }"
                     % STEPS, j=place, i=issuer)["signatories"]
        by_type: dict[str, list[dict]] = {}
        for step in steps:
            by_type.setdefault(step["documentType"]["key"], []).append(step)
        for group in by_type.values():
            dtype = group[0]["documentType"]
            recipient = vocab.lookup(dtype["recipient"], ("body",), level) if dtype["recipient"] else None
            rules.append(SigningRule(
                issuer=EntityRef(kind, issuer, issuer),  # type: ignore[arg-type]
                genres=tuple(vocab.lookup(g, ("genre",)).key for g in dtype["genres"]),  # type: ignore[union-attr]
                recipient=(EntityRef("body", recipient.key, dtype["recipient"]) if recipient
                           else EntityRef("body", "x:" + dtype["recipient"], dtype["recipient"]) if dtype["recipient"] else None),
                direction=dtype["direction"] or "any",
                steps=tuple(SigningStep(s["action"], _ref(s["role"]), s["verb"] or "", s["condition"], bool(s["delegated"]))
                            for s in group),
                evidence=_evidence(group[0]),
            ))
    return rules


def _meetings(store, place: str) -> list[Meeting]:  # type: ignore[no-untyped-def]
    query = """query($j: String!) { meetings(jurisdiction: $j) { kind name
        members { %s } conveners { %s } chairs { %s } attendees { %s }
        frequency { text period times } quorum minutesSigners { role { %s } action condition delegated } } }""" % (
        PEOPLE, PEOPLE, PEOPLE, PEOPLE, ENTITY)

    def people(rows: list[dict]) -> tuple[Participant, ...]:
        return tuple(Participant(_ref(p["role"]), bool(p["mandatory"]) if p["mandatory"] is not None else True,
                                 bool(p["delegated"]), p["condition"]) for p in rows)

    out = []
    for m in data(store, query, j=place)["meetings"]:
        f = m["frequency"]
        out.append(Meeting(
            entity=EntityRef("meeting", m["kind"], m["name"]),
            members=people(m["members"]), conveners=people(m["conveners"]), chairs=people(m["chairs"]),
            attendees=people(m["attendees"]),
            frequency=Frequency(f["text"], f["period"].lower() if f["period"] else None, f["times"]) if f else None,
            quorum=Quorum(m["quorum"]) if m["quorum"] else None,
            minutes_signers=tuple(Participant(_ref(s["role"]), delegated=bool(s["delegated"]), condition=s["condition"])
                                  for s in m["minutesSigners"] if s["action"] == "SIGN"),
        ))
    return out


def _reporting(store, place: str) -> list[ReportingLine]:  # type: ignore[no-untyped-def]
    query = """query($j: String!) { reportingLines(jurisdiction: $j) {
        from { %s } to { %s } matter kind steps { order actor { %s } action }
        article { number } evidence { start end text } } }""" % (ENTITY, ENTITY, ENTITY)
    rows = data(store, query, j=place)["reportingLines"]
    for r in rows:
        # every line has its kind, and a chain that ends with the recipient's own step
        assert r["kind"] in REPORTING_KINDS, r
        assert [s["order"] for s in r["steps"]] == list(range(1, len(r["steps"]) + 1)), r
        assert r["steps"] and r["steps"][-1]["actor"]["key"] == r["to"]["key"], r
    return [ReportingLine(_ref(r["from"]), _ref(r["to"]), r["matter"] or "", _evidence(r)) for r in rows]


@pytest.fixture(scope="module")
def extracted() -> dict[str, SectionScore]:
    """The scores of the extracted facts themselves (what the API must not lose)."""
    return evaluate(GOLD_FILES, sections=list(SECTIONS)).sections


@pytest.fixture(scope="module")
def merged_gold_by_place() -> dict[str, dict]:
    return {entry["jurisdiction"]["name"]: entry for entry in merge_gold(GOLD_FILES).values()}


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_gold_through_the_api_reaches_the_bar(store, merged_gold_by_place, extracted, section: str) -> None:  # type: ignore[no-untyped-def]
    names = Names(load_vocabulary())
    total = SectionScore(section)
    for place, gold in merged_gold_by_place.items():
        facts = DocumentFacts(
            signing=tuple(_signing(store, place)) if section == "signing" else (),
            meetings=tuple(_meetings(store, place)) if section == "meetings" else (),
            reporting=tuple(_reporting(store, place)) if section == "reports_to" else (),
        )
        total.add(SECTIONS[section](gold, facts, names), Path(gold["file"]).name)
    detail = "\n".join(["misses:", *total.misses, "false hits:", *total.false_hits])
    assert total.gold > 0
    assert total.precision >= PRECISION_BAR, f"{section} precision {total.precision:.3f} via {store.name}\n{detail}"
    assert total.recall >= RECALL_BAR, f"{section} recall {total.recall:.3f} via {store.name}\n{detail}"
    direct = extracted[section]
    assert total.gold == direct.gold and total.matched_gold >= direct.matched_gold, (
        f"the API loses {section} facts the extraction found\n{detail}")
