"""``ask``: plain questions in English or Chinese -> cited answers from a store.

Pure: ``answer(question, store)`` reads the store and returns an ``Answer``; no GraphQL.
The answer is in the question's language, names the conditions the rules attach, and
cites every article it uses. A question it cannot map gets an answer that says so and
lists the supported forms; a question that lacks a slot (which meeting? which place?)
gets an answer that asks for it. It never guesses.

>>> a = answer("Who chairs the executive meeting in Chaoyang?", store)   # doctest: +SKIP
>>> a.intent, a.understood, a.text.splitlines()[0]                       # doctest: +SKIP
(<Intent.MEETING_CHAIRS: 'meeting_chairs'>, True, 'Chaoyang (北京市朝阳区):')
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from schema.naming import open_key
from schema.rows import ArticleRow, JurisdictionRow, MeetingRow, Slot, Source, StepRow
from schema.script import to_simplified
from schema.vocabulary import DEFAULT_LEVEL, LEVELS
from stores.base import Store

from . import ask_government, phrasing
from .ask_messages import missing_text, place_text, say, suggestions
from .names import resolve_document
from .question import Question, patterns, understand

MAX_LINES = 25  # list answers (reporting lines, deadlines) stop here and say how many more


class Intent(StrEnum):
    SIGNING = "signing"
    COMPARE_SIGNING = "compare_signing"
    MEETING_CHAIRS = "meeting_chairs"
    MEETING_CONVENERS = "meeting_conveners"
    MEETING_MEMBERS = "meeting_members"
    MEETING_ATTENDEES = "meeting_attendees"
    MEETING_FREQUENCY = "meeting_frequency"
    MEETING_QUORUM = "meeting_quorum"
    REPORTING = "reporting"
    DEADLINES = "deadlines"
    GOVERNMENT_COMPOSITION, GOVERNMENT_HEAD = "government_composition", "government_head"
    GOVERNMENT_ACTING, GOVERNMENT_ASSISTANTS = "government_acting", "government_assistants"
    GOVERNMENT_LEADERSHIP, GOVERNMENT_ACCOUNTABILITY = "government_leadership", "government_accountability"
    GOVERNMENT_BASIS, GOVERNMENT_PRINCIPLES, RULES_QUOTE = "government_basis", "government_principles", "rules_quote"
    UNSUPPORTED = "unsupported"


@dataclass(frozen=True)
class Answer:
    question: str
    language: str  # "en" | "zh"
    intent: Intent
    text: str
    understood: bool  # False: the text explains what was missing or unsupported
    jurisdictions: tuple[JurisdictionRow, ...] = ()  # the places answered about
    citations: tuple[ArticleRow, ...] = ()  # in order of first use
    suggestions: tuple[str, ...] = ()


@dataclass
class _Block:
    lines: list[str]
    citations: list[ArticleRow]


Handler = Callable[[Question, Store, JurisdictionRow, str | None], _Block]


def answer(question: str, store: Store, document: str | None = None, held: list[JurisdictionRow] | None = None
           ) -> Answer:
    """Answer ``question`` from ``store`` (current documents, or ``document`` by key/number/title).

    ``held``: the store's jurisdictions when the caller has them already (the API's shared
    list of places); read from the store otherwise."""
    if held is None:
        held = store.jurisdictions()
    q = understand(question.strip(), held)
    if q.intent is None:
        return _not_understood(q, held, say(q, "unsupported"))
    intent = Intent(q.intent)
    if q.missing:
        return _not_understood(q, held, missing_text(q, store, held), intent)
    if intent is Intent.COMPARE_SIGNING:
        return _done(q, intent, [_compare(q, store)], list(q.jurisdictions))
    places = list(q.jurisdictions)
    if not places:
        if q.unknown_place or len(held) != 1:
            return _not_understood(q, held, place_text(q, held), intent)
        places = held  # the only place the store holds: nothing to choose between
    doc = None
    if document is not None:
        if len(places) != 1:
            return _not_understood(q, held, say(q, "one_place_for_document"), intent)
        doc = resolve_document(document, places[0].documents).key
    handler = _HANDLERS[intent]
    blocks = []
    for jur in places:
        block = handler(q, store, jur, doc)
        block.lines.insert(0, phrasing.place(jur.place, q.language) + (":" if q.language == "en" else "："))
        blocks.append(block)
    return _done(q, intent, blocks, places)


# -- handlers: (question, store, jurisdiction row, document key) -> block -----------------------


def _level(jur: JurisdictionRow) -> str:
    return jur.place.level or "district"


def _signing(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> _Block:
    issuers = [q.issuer] if q.issuer else list(patterns().implied_issuers)
    genre = q.genre.key if q.genre else ("minutes" if q.issuer and q.issuer.kind == "meeting" else None)
    recipient = q.recipient.key if q.recipient else None
    steps: list[StepRow] = []
    for issuer in issuers:
        steps += store.signatories(jur.place.key, issuer.key, genre, recipient, doc)
    if not steps:
        what = q.issuer.zh_for(_level(jur)) if q.issuer else q.recipient.zh_for(_level(jur))  # type: ignore[union-attr]
        return _Block([say(q, "no_signing", what=what)], [])
    return _Block(*_signing_lines(steps, q.language, jur.place.level))


def _signing_lines(steps: Sequence[StepRow], language: str, level: str | None) -> tuple[list[str], list[ArticleRow]]:
    by_type: dict[str, list[StepRow]] = {}
    for step in steps:
        by_type.setdefault(step.document_type.key, []).append(step)
    lines = [phrasing.signing_rule(group, language, level) for group in by_type.values()]
    return lines, [s.article for s in steps]


def _compare(q: Question, store: Store) -> _Block:
    wanted = {j.place.key for j in q.jurisdictions}
    genre = q.genre.key if q.genre else ("minutes" if q.issuer and q.issuer.kind == "meeting" else None)
    lines: list[str] = []
    cited: list[ArticleRow] = []
    for row in store.compare(q.issuer.key, genre):  # type: ignore[union-attr]
        place = row.place
        if wanted and place.key not in wanted:
            continue
        lines.append(phrasing.place(place, q.language) + (":" if q.language == "en" else "："))
        if not row.steps:
            lines.append(say(q, "no_signing", what=q.issuer.zh_for(place.level or "district")))  # type: ignore[union-attr]
            continue
        more, articles = _signing_lines(row.steps, q.language, place.level)
        lines += more
        cited += articles
    return _Block(lines, cited)


def _meeting_handler(render: Callable[[MeetingRow, str], str], cite: Callable[[MeetingRow], list[ArticleRow]]
                     ) -> Handler:
    def handle(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> _Block:
        rows = store.meetings(jur.place.key, q.meeting.key, doc)  # type: ignore[union-attr]
        if not rows:
            return _Block([say(q, "no_meeting", what=q.meeting.zh_for(_level(jur)))], [])  # type: ignore[union-attr]
        sep = " " if q.language == "en" else ""
        lines = [render(m, q.language) + sep + phrasing.cite([a.number for a in cite(m)], q.language) for m in rows]
        return _Block(lines, [a for m in rows for a in cite(m)])

    return handle


def _slot(slot: Slot) -> Handler:
    def cite(meeting: MeetingRow) -> list[ArticleRow]:
        found = [p.article for p in meeting.slot(slot) if p.article]
        return found or list(meeting.articles)

    return _meeting_handler(lambda m, lang: phrasing.participants(m, slot, lang), cite)


def _stated_in(source: Callable[[MeetingRow], Source | None]) -> Callable[[MeetingRow], list[ArticleRow]]:
    """The article that states a meeting's figure (its frequency, its quorum); the meeting's
    articles when the figure has no recorded source."""

    def cite(meeting: MeetingRow) -> list[ArticleRow]:
        stated = source(meeting)
        article = stated.article if stated else None
        return [article] if article else list(meeting.articles)

    return cite


def _reporting(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> _Block:
    source = q.source.key if q.source else None
    target = q.target.key if q.target else None
    rows = store.reporting_lines(jur.place.key, source, target, doc)
    if not rows and q.source_described:  # the rules name the party as described: its open key
        level = jur.place.level if jur.place.level in LEVELS else DEFAULT_LEVEL
        rows = store.reporting_lines(jur.place.key, open_key(to_simplified(q.source_described), level), target, doc)
    if not rows:
        who = (q.source or q.target).zh_for(_level(jur))  # type: ignore[union-attr]
        return _Block([say(q, "no_reporting", what=who)], [])
    lines = [phrasing.reporting(r, q.language) for r in rows[:MAX_LINES]]
    if len(rows) > MAX_LINES:
        lines.append(say(q, "more", count=len(rows) - MAX_LINES, field="reportingLines"))
    return _Block(lines, [r.article for r in rows[:MAX_LINES]])


def _deadlines(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> _Block:
    bearer = q.bearer.key if q.bearer else None
    page = store.obligations(jur.place.key, bearer, None, True, doc, 0, MAX_LINES)
    if not page.rows:
        who = q.bearer.zh_for(_level(jur)) if q.bearer else None
        what = "" if who is None else (f" for {who}" if q.language == "en" else f"{who}的")
        return _Block([say(q, "no_deadlines", what=what)], [])
    lines = [phrasing.deadline(r, q.language) for r in page.rows]
    if page.total > len(page.rows):
        lines.append(say(q, "more", count=page.total - len(page.rows), field="obligations(withDeadline: true)"))
    return _Block(lines, [r.article for r in page.rows])


_HANDLERS: dict[Intent, Handler] = {
    Intent.SIGNING: _signing,
    Intent.MEETING_CHAIRS: _slot("chairs"),
    Intent.MEETING_CONVENERS: _slot("conveners"),
    Intent.MEETING_MEMBERS: _slot("members"),
    Intent.MEETING_ATTENDEES: _slot("attendees"),
    Intent.MEETING_FREQUENCY: _meeting_handler(phrasing.frequency,
                                               _stated_in(lambda m: m.frequency.source if m.frequency else None)),
    Intent.MEETING_QUORUM: _meeting_handler(phrasing.quorum, _stated_in(lambda m: m.quorum_source)),
    Intent.REPORTING: _reporting,
    Intent.DEADLINES: _deadlines,
    # what a government is made of, and quotations (graphql_api/ask_government.py)
    **{Intent(name): ask_government.as_block(handler, _Block) for name, handler in ask_government.HANDLERS.items()},
}


# -- answers -------------------------------------------------------------------------------------


def _not_understood(q: Question, held: list[JurisdictionRow], text: str, intent: Intent = Intent.UNSUPPORTED) -> Answer:
    hints = suggestions(q.language, held)
    full = text + ("\n" + "\n".join(f"- {s}" for s in hints) if intent is Intent.UNSUPPORTED else "")
    return Answer(q.text, q.language, intent, full, False, tuple(q.jurisdictions), (), hints)


def _done(q: Question, intent: Intent, blocks: list[_Block], places: list[JurisdictionRow]) -> Answer:
    citations: dict[tuple[str, int], ArticleRow] = {}
    for block in blocks:
        for article in block.citations:
            citations.setdefault((article.document.key, article.number), article)
    text = "\n".join(line for block in blocks for line in block.lines)
    return Answer(q.text, q.language, intent, text, True, tuple(places), tuple(citations.values()))
