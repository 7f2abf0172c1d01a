"""Understanding a plain question: its language, intent, places and named things.

Deterministic and table-driven: the cues, markers and extra English words are data in
``ask_patterns.yaml``; names come from the vocabulary and from the store's jurisdictions.

>>> from schema.rows import JurisdictionRow, PlaceRow
>>> place = PlaceRow("jur:北京市朝阳区", "朝阳区", "北京市朝阳区", "Chaoyang", "district", "北京市")
>>> q = understand("Who chairs the executive meeting in Chaoyang?", [JurisdictionRow(place, ())])
>>> q.intent, q.meeting.key, [j.place.name for j in q.jurisdictions]
('meeting_chairs', 'executive', ['朝阳区'])
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from schema.rows import JurisdictionRow
from schema.vocabulary import LEVELS, Kind, Term, load_vocabulary
from schema.wording import table_words
from schema.yaml_data import load_yaml

from .name_index import Automaton, IndexedPlaces, fold_case, places

_PATTERNS_FILE = Path(__file__).with_name("ask_patterns.yaml")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")
_SLOTS = ("issuer", "document", "meeting", "party")


@dataclass(frozen=True, slots=True)
class Named:
    """A vocabulary term named in the question: ``masked[start:end] == surface``."""

    start: int
    end: int
    surface: str
    term: Term


@dataclass(frozen=True)
class Question:
    text: str
    language: str  # "en" | "zh"
    intent: str | None  # None: no intent's cues match
    missing: tuple[str, ...]  # slots the intent needs but the question lacks
    jurisdictions: tuple[JurisdictionRow, ...]  # known places named, in order
    unknown_place: str | None  # a place named that the store does not hold
    issuer: Term | None = None
    genre: Term | None = None
    recipient: Term | None = None
    meeting: Term | None = None
    source: Term | None = None  # reporting: who reports
    source_described: str | None = None  # …as the rules name a described party: 市政府各工作部门的主要负责人
    target: Term | None = None  # reporting: to whom
    bearer: Term | None = None  # deadlines: whose
    named: tuple[Named, ...] = field(default=())


@dataclass(frozen=True)
class _Intent:
    name: str
    needs: tuple[str, ...]
    cues: dict[str, tuple[tuple[re.Pattern[str], ...], ...]]  # language -> groups of alternatives
    groups: dict[str, tuple[re.Pattern[str], ...]] = field(default_factory=dict)  # each group as one pattern


@dataclass(frozen=True)
class _Patterns:
    intents: tuple[_Intent, ...]
    markers: dict[str, dict[str, tuple[re.Pattern[str], ...]]]
    places: dict[str, tuple[re.Pattern[str], ...]]
    english: tuple[tuple[str, Term], ...]  # (lower-case words, term), longest first
    implied_issuers: tuple[Term, ...]
    suggestions: dict[str, tuple[str, ...]]  # language -> question templates with {place}
    described: re.Pattern[str]  # a role word after a body: 的主要负责人


_WORDING_REF = re.compile(r"^\{wording:(?P<name>\w+)\.(?P<table>\w+)\}$")


def _compile(items: list[str], flags: int = re.IGNORECASE) -> tuple[re.Pattern[str], ...]:
    """Patterns as written; ``{wording:FILE.TABLE}`` is any word of that wording table."""
    out = []
    for p in items:
        ref = _WORDING_REF.match(p)
        if ref:
            words = sorted(table_words(ref["name"], ref["table"]), key=len, reverse=True)
            p = "|".join(map(re.escape, words))
        out.append(re.compile(p, flags))
    return tuple(out)


def _joined(alternatives: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """One pattern that matches where any of ``alternatives`` does (all compiled with the same
    flags; the tables use no back-references, whose numbers joining would shift)."""
    if not alternatives:
        return re.compile("(?!)")  # no alternative: never matches, as any() of none
    if any(re.search(r"\\[1-9]|\(\?P=", p.pattern) for p in alternatives):
        raise ValueError(f"{_PATTERNS_FILE.name}: a cue pattern with a back-reference cannot be joined")
    return re.compile("|".join(f"(?:{p.pattern})" for p in alternatives), alternatives[0].flags)


@lru_cache(maxsize=1)
def patterns() -> _Patterns:
    """The pattern tables, validated on load (unknown slots, kinds or keys are errors)."""
    data = load_yaml(_PATTERNS_FILE)
    intents = []
    for entry in data["intents"]:
        unknown = set(entry.get("needs") or ()) - set(_SLOTS)
        if unknown:
            raise ValueError(f"{_PATTERNS_FILE.name}: intent {entry['intent']} needs unknown slots {sorted(unknown)}")
        cues = {lang: tuple(_compile(group) for group in entry[lang]) for lang in ("en", "zh")}
        groups = {lang: tuple(_joined(group) for group in by_lang) for lang, by_lang in cues.items()}
        intents.append(_Intent(entry["intent"], tuple(entry.get("needs") or ()), cues, groups))
    markers = {name: {lang: _compile(p) for lang, p in by_lang.items()} for name, by_lang in data["markers"].items()}
    places = {"en": _compile(data["places"]["en"], 0), "zh": _compile(data["places"]["zh"], 0)}
    vocab = load_vocabulary()
    english: dict[str, Term] = {}
    for entry in data["english"]:
        term = vocab.term(entry["kind"], entry["key"])
        for words in entry["words"]:
            english.setdefault(words.lower(), term)
    for term in vocab.terms:
        for level in LEVELS:
            english.setdefault(term.en_for(level).lower(), term)
        for alias in term.en_aliases:
            english.setdefault(alias, term)
    ordered = tuple(sorted(english.items(), key=lambda kv: (-len(kv[0]), kv[0])))
    implied = tuple(vocab.term("body", key) for key in data["implied_issuers"])
    suggestions = {lang: tuple(data["suggestions"][lang]) for lang in ("en", "zh")}
    heads = "|".join(map(re.escape, sorted(data["described_heads"], key=len, reverse=True)))
    return _Patterns(tuple(intents), markers, places, ordered, implied, suggestions, re.compile(f"的?(?:{heads})"))


def intent_names() -> tuple[str, ...]:
    return tuple(i.name for i in patterns().intents)


def language_of(text: str) -> str:
    """zh when Chinese characters carry the question (a Chinese name in English text stays en)."""
    return "zh" if len(_CJK.findall(text)) * 3 >= len(_LATIN.findall(text)) else "en"


def understand(text: str, jurisdictions: list[JurisdictionRow]) -> Question:
    """What ``text`` asks, against the places ``jurisdictions`` holds. Remembered for the API's
    snapshot of places (an ``IndexedPlaces``, never changed once made): see ``_Remembered``."""
    if isinstance(jurisdictions, IndexedPlaces):
        return _remembered.understand(text, jurisdictions)
    return _understand(text, jurisdictions)


class _Remembered:
    """The questions last understood against the latest snapshot of places, the most recent
    ``size`` of them: an app's buttons and the suggested questions come again and again, and
    understanding one is ~10% of answering it. A Question holds rows of its snapshot, so a new
    snapshot (the API re-reads the store's places) starts afresh."""

    def __init__(self, size: int = 1024) -> None:
        self._size = size
        self._lock = threading.Lock()  # held for dictionary steps only, never while understanding
        self._places: IndexedPlaces | None = None
        self._questions: OrderedDict[str, Question] = OrderedDict()

    def understand(self, text: str, places: IndexedPlaces) -> Question:
        with self._lock:
            known = self._questions.get(text) if places is self._places else None
            if known is not None:
                self._questions.move_to_end(text)
                return known
        question = _understand(text, places)
        with self._lock:
            if places is not self._places:
                self._places, self._questions = places, OrderedDict()
            self._questions[text] = question
            if len(self._questions) > self._size:
                self._questions.popitem(last=False)
        return question


_remembered = _Remembered()


def _understand(text: str, jurisdictions: list[JurisdictionRow]) -> Question:
    language = language_of(text)
    masked, places = _mask_places(text, jurisdictions)
    # names are read at the level of the place asked about: a city's 市政府 is its own government
    named = _find_names(masked, places[0].place.level if places else None)
    unknown_place = None if places else _unknown_place(masked, named, language)
    slots = _slots(masked, named)
    described = _described_source(masked, named, slots["source"])
    present = {name for name in _SLOTS if _slot_filled(name, slots)}
    chosen = _intent(masked, language, present)
    missing = tuple(n for n in chosen.needs if n not in present) if chosen else ()
    return Question(text, language, chosen.name if chosen else None, missing, tuple(places), unknown_place,
                    named=tuple(named), source_described=described, **slots)


def _intent(masked: str, language: str, present: set[str]) -> _Intent | None:
    """The first intent that applies and has the slots it needs, else the first that applies.
    Intents after the chosen one are not tried; each cue group is one search (its alternatives
    joined: the same match or none)."""
    first = None
    for intent in patterns().intents:
        if all(group.search(masked) for group in intent.groups[language]):
            if set(intent.needs) <= present:
                return intent
            first = first or intent
    return first


def _described_source(masked: str, named: list[Named], source: Term | None) -> str | None:
    """The source as a described party (a body followed by a role word), as written, or None."""
    hit = next((h for h in named if h.term is source), None) if source is not None else None
    if hit is None or hit.term.kind != "body":
        return None
    head = patterns().described.match(masked, hit.end)
    return masked[hit.start : head.end()] if head else None


def _mask_places(text: str, jurisdictions: list[JurisdictionRow]) -> tuple[str, list[JurisdictionRow]]:
    """Replace each known place with its level character (朝阳区政府 -> 区政府; Chaoyang -> blank),
    through an index of every place's forms built once per list of places (``name_index``)."""
    return places.mask(text, jurisdictions)


def _find_names(masked: str, level: str | None = None) -> list[Named]:
    """Vocabulary terms named in Chinese or English (Chinese at ``level`` when a place says it,
    else at any level); longest first, then earliest, no overlaps."""
    vocab = load_vocabulary()
    hits = [Named(m.start, m.end, m.surface, m.term) for m in vocab.find(masked, level=level if level in LEVELS else None)]
    for hit in _english_words().find_all(fold_case(masked)):  # one pass, however many words
        hits.append(Named(hit.start, hit.end, masked[hit.start:hit.end], hit.value))
    return resolve_overlaps(hits)


@lru_cache(maxsize=1)
def _english_words() -> Automaton[Term]:
    """The English words of every term as whole words, any case; a genre also in the plural."""
    forms: list[tuple[str, Term]] = []
    for words, term in patterns().english:
        forms.append((words, term))
        if term.kind == "genre":
            forms += [(words + "s", term), (words + "es", term)]
    return Automaton(forms, whole_words=True)


def resolve_overlaps(hits: list[Named]) -> list[Named]:
    """Keep the longest hit where hits overlap (earliest on ties); result in text order."""
    kept: list[Named] = []
    for hit in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _marked(masked: str, hit: Named, marker: str) -> bool:
    """Whether the words right before ``hit`` are one of the ``marker`` words (either language)."""
    before = masked[: hit.start]
    table = patterns().markers[marker]
    return any(p.search(before) for p in table["en"]) or any(p.search(before.rstrip()) for p in table["zh"])


def _slots(masked: str, named: list[Named]) -> dict[str, Term | None]:
    def first(kinds: tuple[Kind, ...], skip: tuple[Named, ...] = ()) -> Named | None:
        return next((h for h in named if h.term.kind in kinds and h not in skip), None)

    recipient = next((h for h in named if h.term.kind == "body" and _marked(masked, h, "recipient")), None)
    issuer = first(("body", "meeting"), (recipient,) if recipient else ())
    parties = [h for h in named if h.term.kind in ("role", "body", "meeting")]
    target = next((h for h in parties if _marked(masked, h, "report_target")), None)
    source = next((h for h in parties if h is not target), None)
    return {
        "issuer": issuer.term if issuer else None,
        "genre": (g.term if (g := first(("genre",))) else None),
        "recipient": recipient.term if recipient else None,
        "meeting": (m.term if (m := first(("meeting",))) else None),
        "source": source.term if source else None,
        "target": target.term if target else None,
        "bearer": (b.term if (b := first(("role", "body"))) else None),
    }


def _slot_filled(name: str, slots: dict[str, Term | None]) -> bool:
    if name == "party":
        return slots["source"] is not None or slots["target"] is not None
    if name == "document":
        return slots["issuer"] is not None or slots["recipient"] is not None
    return slots[name] is not None


def _unknown_place(masked: str, named: list[Named], language: str) -> str | None:
    for pattern in patterns().places[language]:
        for m in pattern.finditer(masked):
            start, end = m.span(1)
            if all(end <= h.start or start >= h.end for h in named):
                return m.group(1)
    return None
