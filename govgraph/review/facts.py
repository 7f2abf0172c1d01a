"""The facts a diff and a check compare, and the keys they are matched on: defined here, once.

A ``Fact`` is one statement of a document reduced to what it means: a ``kind`` and a ``key``
that say *what it is about* (the signer of a kind of document, a meeting's frequency, a
reporting pair), a ``value`` that says *what it says* (who signs, how often), and the
citations it comes from. Two versions are matched on (kind, key), never on article numbers;
two governments on ``peer`` (a coarser key, the same for every government of the genre).

A new kind of fact is one reader function added to ``FACT_READERS`` (and, to be compared
with peers, a ``peer`` key and a ``PEER_WORDING`` entry).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from schema.rows import (
    ArticleRow,
    DocumentRow,
    JurisdictionRow,
    MeetingRow,
    PlaceRow,
    ReportingLineRow,
    Slot,
    Span,
    StepAction,
    StepRow,
)
from stores.base import Store

_ACTION_VERBS: dict[StepAction, str] = {"SIGN": "签发", "APPROVE": "审批", "REVIEW": "审核", "COUNTERSIGN": "会签"}
_SLOTS: dict[Slot, str] = {"chairs": "主持", "conveners": "召集", "members": "组成人员", "attendees": "列席"}
_PEER_VERBS = {"chairs": "chairs", "conveners": "convenes"}


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a fact is stated: the article (ordinal ``number`` and ``label`` as written) and the
    exact span of the original file (``start``/``end``, end exclusive; None when not located)."""

    document: str
    title: str
    jurisdiction: str
    number: int
    label: str
    start: int | None
    end: int | None
    text: str


@dataclass(frozen=True, slots=True)
class Fact:
    kind: str  # signing | meeting | meeting.frequency | meeting.quorum | meeting.<slot> | reporting
    key: tuple[str, ...]  # what it is about, within its kind
    subject: str  # the same, for a reader: 以区政府办公室名义公文 · 签发
    value: tuple[Any, ...]  # what it says, compared between versions
    shown: str  # the value for a reader: 区政府办公室主任
    citations: tuple[Citation, ...]
    peer: tuple[str, ...] | None = None  # the provision this fact shows, comparable across governments
    peer_subject: str | None = None  # that provision for a reader

    @property
    def articles(self) -> tuple[int, ...]:
        return tuple(sorted({c.number for c in self.citations}))


@dataclass(frozen=True, slots=True)
class DocumentView:
    """One stored document as the store's read API returns it: the document (its ``jurisdiction``
    the place's full name) and its place, its signing steps, meetings, reporting lines and articles."""

    document: DocumentRow
    place: PlaceRow
    signing: list[StepRow] = field(default_factory=list)
    meetings: list[MeetingRow] = field(default_factory=list)
    reporting: list[ReportingLineRow] = field(default_factory=list)
    articles: list[ArticleRow] = field(default_factory=list)

    @property
    def key(self) -> str:
        return self.document.key


def read_document(store: Store, document: str, jurisdictions: list[JurisdictionRow] | None = None) -> DocumentView:
    """Every read a diff or a check needs, for one stored document (a RuleDocument key);
    ``jurisdictions``: the store's jurisdictions() when the caller has read them already."""
    for jur in store.jurisdictions() if jurisdictions is None else jurisdictions:
        for doc in jur.documents:
            if doc.key == document:
                place = jur.place.key
                return DocumentView(
                    replace(doc, jurisdiction=jur.place.full_name), jur.place, store.signing_rules(document),
                    store.meetings(place, None, document), store.reporting_lines(place, None, None, document),
                    store.articles(document))
    raise LookupError(f"no document {document!r} in the {store.name} store")


def citation(article: ArticleRow | None, span: Span | None) -> Citation | None:
    if article is None:
        return None
    doc = article.document
    body, label = article.text or "", article.label or ""
    body = body[len(label):] if label and body.startswith(label) else body
    text = (span.text if span else "") or " ".join(body.split())[:120]  # no clause: the article's beginning
    # the position, not the printed number: a document that repeats or restarts its numbers
    # (the very thing a check reports) still cites each article once (a store loaded before
    # articles had positions has only the number)
    number = article.ordinal if article.ordinal is not None else article.number
    return Citation(doc.key, doc.title or "", doc.jurisdiction or "", number, label,
                    span.start if span else None, span.end if span else None, text)


def _cites(pairs: list[tuple[ArticleRow | None, Span | None]]) -> tuple[Citation, ...]:
    seen: dict[tuple[int, int | None], Citation] = {}
    for article, evidence in pairs:
        c = citation(article, evidence)
        if c is not None:
            seen.setdefault((c.number, c.start), c)
    return tuple(sorted(seen.values(), key=lambda c: (c.number, c.start or 0)))


def signing_facts(view: DocumentView) -> list[Fact]:
    """Per kind of document (issuer, genres, recipient), action and condition: who does it."""
    groups: dict[tuple[str, ...], list[StepRow]] = {}
    for step in view.signing:
        t = step.document_type
        key: tuple[str, ...] = (t.issuer_key or "", ",".join(t.genre_keys), t.recipient_key or "", step.action,
                                step.condition or "")
        groups.setdefault(key, []).append(step)
    facts = []
    # the general rule of an issuer (any genre, any recipient) first: it is the example peers cite
    for key, steps in sorted(groups.items(), key=lambda kv: (bool(kv[0][1]), bool(kv[0][2]))):
        t, action, condition = steps[0].document_type, steps[0].action, key[4]
        actors = [(s.role.key, bool(s.delegated)) for s in steps]
        names = [s.role.name + ("（受委托）" if s.delegated else "") for s in steps]
        subject = f"{t.name} · {_ACTION_VERBS[action]}" + (f"（{condition}）" if condition else "")
        minutes = key[1] == "minutes"
        peer = ("signing", key[0], "minutes" if minutes else "documents", action) if not condition else None
        what = f"{t.issuer}纪要" if minutes else f"以{t.issuer}名义发出的公文"
        facts.append(Fact("signing", key, subject, tuple(sorted(set(actors))), "、".join(dict.fromkeys(names)),
                          _cites([(s.article, s.evidence) for s in steps]), peer,
                          f"say who {action.lower()}s ({_ACTION_VERBS[action]}) {what}" if peer else None))
    return facts


def meeting_facts(view: DocumentView) -> list[Fact]:
    """Per meeting the document establishes (has articles): that it exists, how often it meets,
    its quorum, and who chairs, convenes, sits on and attends it."""
    facts = []
    for m in view.meetings:
        if not m.articles:
            continue  # only named in passing: the document does not establish it
        kind, name = m.kind, m.name
        first = m.articles[0]
        facts.append(Fact("meeting", (kind,), name, (True,), "设立", _cites([(first, None)]),
                          ("meeting", kind), f"establish the {name}"))
        freq = m.frequency
        if freq:
            facts.append(Fact("meeting.frequency", (kind,), f"{name} · 召开频次", (freq.period, freq.times, freq.times_max),
                              freq.text, _cites([(freq.source.article or first, freq.source.evidence)]),
                              ("meeting.frequency", kind), f"say how often the {name} meets"))
        if m.quorum:
            source = m.quorum_source
            facts.append(Fact("meeting.quorum", (kind,), f"{name} · 法定人数", ("".join(m.quorum.split()),),
                              m.quorum, _cites([((source.article if source else None) or first,
                                                 source.evidence if source else None)]),
                              ("meeting.quorum", kind), f"set a quorum for the {name}"))
        for slot, verb in _SLOTS.items():
            people = m.slot(slot)
            if not people:
                continue
            value = tuple(sorted({(p.entity.key, bool(p.delegated)) for p in people}))
            shown = "、".join(dict.fromkeys(p.entity.name + ("（受委托）" if p.delegated else "") for p in people))
            peer = ("meeting." + slot, kind) if slot in ("chairs", "conveners") else None
            facts.append(Fact("meeting." + slot, (kind,), f"{name} · {verb}", value, shown,
                              _cites([(p.article, p.evidence) for p in people]), peer,
                              f"say who {_PEER_VERBS.get(slot)} the {name}" if peer else None))
    return facts


def reporting_facts(view: DocumentView) -> list[Fact]:
    """Per reporting pair (who reports, to whom): the matters reported."""
    groups: dict[tuple[str, str], list[ReportingLineRow]] = {}
    for line in view.reporting:
        groups.setdefault((line.source.key, line.target.key), []).append(line)
    facts = []
    for (source, target), lines in groups.items():
        a, b = lines[0].source.name, lines[0].target.name
        matters = tuple(sorted({line.matter or "" for line in lines}))
        known = not source.startswith("x:") and not target.startswith("x:")
        facts.append(Fact("reporting", (source, target), f"{a} → {b} · 报告", matters, "；".join(matters),
                          _cites([(line.article, line.evidence) for line in lines]),
                          ("reporting", source, target) if known else None,
                          f"say that the {a} reports to the {b}" if known else None))
    return facts


#: every kind of fact a diff or a check compares; add a reader to compare a new kind
FACT_READERS: tuple[Callable[[DocumentView], list[Fact]], ...] = (signing_facts, meeting_facts, reporting_facts)


def document_facts(view: DocumentView) -> list[Fact]:
    return [fact for reader in FACT_READERS for fact in reader(view)]


def peer_parent(peer: tuple[str, ...]) -> tuple[str, ...] | None:
    """The provision a peer provision depends on: a meeting's frequency is only missing from a
    document that establishes the meeting (else the meeting itself is what is missing)."""
    if peer[0].startswith("meeting."):
        return ("meeting", peer[1])
    return None
