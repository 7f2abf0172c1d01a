"""Every extracted fact cites an article and the exact source span that states it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.fact_values import Evidence
from ingest.facts import DocumentFacts
from ingest.pipeline import IngestResult, document_paths, ingest_path

ROOT = Path(__file__).resolve().parent.parent.parent
DOCUMENTS = document_paths([ROOT / "corpus"]) + sorted((ROOT / "tests" / "data" / "docs").glob("*.txt"))


def all_evidence(facts: DocumentFacts) -> list[tuple[str, Evidence]]:
    out: list[tuple[str, Evidence]] = []
    out += [("signing", r.evidence) for r in facts.signing]
    out += [("reporting", r.evidence) for r in facts.reporting]
    out += [("obligation", o.evidence) for o in facts.obligations]
    for m in facts.meetings:
        out += [("meeting", e) for e in m.evidence]
        for slot in (m.members, m.conveners, m.chairs, m.attendees, m.minutes_signers):
            out += [("participant", p.evidence) for p in slot if p.evidence is not None]
        if m.frequency and m.frequency.evidence:
            out.append(("frequency", m.frequency.evidence))
        if m.quorum and m.quorum.evidence:
            out.append(("quorum", m.quorum.evidence))
    if facts.government is not None:
        out += [(f"government {link.relation}", link.evidence) for link in facts.government.links]
        out += [("basis", b.evidence) for b in facts.government.basis]
        if facts.government.principles is not None:
            out.append(("principles", facts.government.principles))
    return out


@pytest.fixture(scope="module", params=DOCUMENTS, ids=lambda p: p.name)
def result(request) -> IngestResult:  # type: ignore[no-untyped-def]
    return ingest_path(request.param)


def test_every_fact_has_an_article_and_an_exact_span(result: IngestResult) -> None:
    text = result.tree.raw.text
    # printed numbers may repeat (a document that numbers 三、 twice): the cited number must be
    # that of the article the span lies in
    evidence = all_evidence(result.facts)
    assert result.facts.signing, "a rules document states who signs"
    for kind, ev in evidence:
        numbered = [a for a in result.tree.articles if a.number == ev.article]
        assert numbered, f"{kind} cites article {ev.article}, which the tree does not have"
        assert text[ev.start : ev.end] == ev.text, f"{kind} evidence is not the source span"
        assert any(a.start <= ev.start < ev.end <= a.end for a in numbered), f"{kind} evidence lies outside its article"
        assert ev.text.strip(), f"{kind} evidence is blank"


def test_meeting_slots_and_lines_cite_their_own_clause(result: IngestResult) -> None:
    """A participant's clause names it (after script and width normalization)."""
    for meeting in result.facts.meetings:
        for p in (*meeting.members, *meeting.conveners, *meeting.chairs, *meeting.attendees):
            assert p.evidence is not None, f"{meeting.entity.name}: {p.entity.name} has no evidence"
