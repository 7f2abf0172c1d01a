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
from dataclasses import dataclass, field
from typing import Any

Row = dict[str, Any]

_ACTION_VERBS = {"SIGN": "签发", "APPROVE": "审批", "REVIEW": "审核", "COUNTERSIGN": "会签"}
_SLOTS = {"chairs": "主持", "conveners": "召集", "members": "组成人员", "attendees": "列席"}
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
    """One stored document as the store's read API returns it."""

    document: Row  # the jurisdictions() row of the document, plus jurisdiction (full name), jurisdictionKey, level
    signing: list[Row] = field(default_factory=list)
    meetings: list[Row] = field(default_factory=list)
    reporting: list[Row] = field(default_factory=list)
    articles: list[Row] = field(default_factory=list)

    @property
    def key(self) -> str:
        return str(self.document["key"])


def read_document(store: Any, document: str, jurisdictions: list[Row] | None = None) -> DocumentView:
    """Every read a diff or a check needs, for one stored document (a RuleDocument key);
    ``jurisdictions``: the store's jurisdictions() when the caller has read them already."""
    for jur in store.jurisdictions() if jurisdictions is None else jurisdictions:
        for doc in jur["documents"]:
            if doc["key"] == document:
                row = {**doc, "jurisdiction": jur["fullName"], "jurisdictionKey": jur["key"], "level": jur.get("level")}
                return DocumentView(
                    row, store.signing_rules(document), store.meetings(jur["key"], None, document),
                    store.reporting_lines(jur["key"], None, None, document), store.articles(document))
    raise LookupError(f"no document {document!r} in the {store.name} store")


def citation(article: Row | None, evidence: Row | None) -> Citation | None:
    if article is None:
        return None
    doc = article["document"]
    span = evidence or {}
    body = article.get("text") or ""
    label = article.get("label") or ""
    body = body[len(label):] if label and body.startswith(label) else body
    text = span.get("text") or " ".join(body.split())[:120]  # no clause: the article's beginning
    # the position, not the printed number: a document that repeats or restarts its numbers
    # (the very thing a check reports) still cites each article once
    return Citation(doc["key"], doc.get("title") or "", doc.get("jurisdiction") or "", article["ordinal"],
                    article.get("label") or "", span.get("start"), span.get("end"), text)


def _cites(pairs: list[tuple[Row | None, Row | None]]) -> tuple[Citation, ...]:
    seen: dict[tuple[int, int | None], Citation] = {}
    for article, evidence in pairs:
        c = citation(article, evidence)
        if c is not None:
            seen.setdefault((c.number, c.start), c)
    return tuple(sorted(seen.values(), key=lambda c: (c.number, c.start or 0)))


def signing_facts(view: DocumentView) -> list[Fact]:
    """Per kind of document (issuer, genres, recipient), action and condition: who does it."""
    groups: dict[tuple[str, ...], list[Row]] = {}
    for step in view.signing:
        t = step["documentType"]
        key: tuple[str, ...] = (t["issuerKey"], ",".join(t.get("genreKeys") or []), t.get("recipientKey") or "",
                                step["action"], step.get("condition") or "")
        groups.setdefault(key, []).append(step)
    facts = []
    # the general rule of an issuer (any genre, any recipient) first: it is the example peers cite
    for key, steps in sorted(groups.items(), key=lambda kv: (bool(kv[0][1]), bool(kv[0][2]))):
        t, action, condition = steps[0]["documentType"], key[3], key[4]
        actors = [(s["role"]["key"], bool(s.get("delegated"))) for s in steps]
        names = [s["role"]["name"] + ("（受委托）" if s.get("delegated") else "") for s in steps]
        subject = f"{t['name']} · {_ACTION_VERBS[action]}" + (f"（{condition}）" if condition else "")
        minutes = key[1] == "minutes"
        peer = ("signing", key[0], "minutes" if minutes else "documents", action) if not condition else None
        what = f"{t['issuer']}纪要" if minutes else f"以{t['issuer']}名义发出的公文"
        facts.append(Fact("signing", key, subject, tuple(sorted(set(actors))), "、".join(dict.fromkeys(names)),
                          _cites([(s["article"], s["evidence"]) for s in steps]), peer,
                          f"say who {action.lower()}s ({_ACTION_VERBS[action]}) {what}" if peer else None))
    return facts


def meeting_facts(view: DocumentView) -> list[Fact]:
    """Per meeting the document establishes (has articles): that it exists, how often it meets,
    its quorum, and who chairs, convenes, sits on and attends it."""
    facts = []
    for m in view.meetings:
        if not m.get("articles"):
            continue  # only named in passing: the document does not establish it
        kind, name = m["kind"], m["name"]
        first = m["articles"][0]
        facts.append(Fact("meeting", (kind,), name, (True,), "设立", _cites([(first, None)]),
                          ("meeting", kind), f"establish the {name}"))
        freq = m.get("frequency")
        if freq:
            facts.append(Fact("meeting.frequency", (kind,), f"{name} · 召开频次",
                              (freq.get("period"), freq.get("times"), freq.get("timesMax")),
                              f"{freq['text']}", _cites([(freq.get("article") or first, freq.get("evidence"))]),
                              ("meeting.frequency", kind), f"say how often the {name} meets"))
        if m.get("quorum"):
            source = m.get("quorumSource") or {}
            facts.append(Fact("meeting.quorum", (kind,), f"{name} · 法定人数", ("".join(m["quorum"].split()),),
                              m["quorum"], _cites([(source.get("article") or first, source.get("evidence"))]),
                              ("meeting.quorum", kind), f"set a quorum for the {name}"))
        for slot, verb in _SLOTS.items():
            people = m.get(slot) or []
            if not people:
                continue
            value = tuple(sorted({(p["entity"]["key"], bool(p.get("delegated"))) for p in people}))
            shown = "、".join(dict.fromkeys(p["entity"]["name"] + ("（受委托）" if p.get("delegated") else "")
                                            for p in people))
            peer = ("meeting." + slot, kind) if slot in ("chairs", "conveners") else None
            facts.append(Fact("meeting." + slot, (kind,), f"{name} · {verb}", value, shown,
                              _cites([(p.get("article"), p.get("evidence")) for p in people]), peer,
                              f"say who {_PEER_VERBS.get(slot)} the {name}" if peer else None))
    return facts


def reporting_facts(view: DocumentView) -> list[Fact]:
    """Per reporting pair (who reports, to whom): the matters reported."""
    groups: dict[tuple[str, str], list[Row]] = {}
    for line in view.reporting:
        groups.setdefault((line["from"]["key"], line["to"]["key"]), []).append(line)
    facts = []
    for (source, target), lines in groups.items():
        a, b = lines[0]["from"]["name"], lines[0]["to"]["name"]
        matters = tuple(sorted({line.get("matter") or "" for line in lines}))
        known = not source.startswith("x:") and not target.startswith("x:")
        facts.append(Fact("reporting", (source, target), f"{a} → {b} · 报告", matters, "；".join(matters),
                          _cites([(line["article"], line["evidence"]) for line in lines]),
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
