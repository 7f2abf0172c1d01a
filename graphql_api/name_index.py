"""Names found in a question in one pass over it, whatever the size of the corpus.

``PlaceIndex`` holds every form of every jurisdiction the store holds (full name, name, name
without its level word, English name, pinyin with and without the level) in one Aho–Corasick
automaton (pyahocorasick), built once per list of places; ``English`` holds the vocabulary's
English words the same way, built once. Finding the names of a question then costs time in the
length of the question, not in the number of places or words: the rules of what counts as a
match (longest first, then earliest; Latin forms only as whole words, any case) are the ones the
question module applied form by form before.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

import ahocorasick

from schema.rows import JurisdictionRow
from schema.vocabulary import LEVELS, strip_level_suffix

from .names import JurisdictionNames, latin_forms

V = TypeVar("V")
_WORD = re.compile(r"\w")


def fold_case(text: str) -> str:
    """Lower case, one character for one (offsets stay those of ``text``)."""
    low = text.lower()
    # str.lower lowers each character alone but for those that grow (İ -> i̇) and the capital sigma
    # (ς at a word's end, σ alone): only then, character by character (for a 38-character
    # question, 3.2 µs a character at a time, 0.13 µs at once)
    if len(low) == len(text) and "Σ" not in text:
        return low
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


def _is_word_char(text: str, i: int) -> bool:
    return 0 <= i < len(text) and _WORD.match(text[i]) is not None


@dataclass(frozen=True, slots=True)
class Hit(Generic[V]):
    start: int
    end: int
    value: V


class Automaton(Generic[V]):
    """Forms -> values; ``find`` returns the non-overlapping hits, longest first, then earliest,
    then the form added first. ``whole_words``: a hit must not touch a word character."""

    def __init__(self, forms: Iterable[tuple[str, V]], *, whole_words: bool = False) -> None:
        self.whole_words = whole_words
        self._automaton = ahocorasick.Automaton(ahocorasick.STORE_ANY)
        seen: set[str] = set()
        for rank, (form, value) in enumerate(forms):
            if form and form not in seen:
                seen.add(form)
                self._automaton.add_word(form, (rank, len(form), value))
        self._empty = not seen
        if not self._empty:
            self._automaton.make_automaton()

    def find_all(self, text: str) -> list[Hit[V]]:
        """Every hit, overlapping or not, longest first, then earliest, then the form added first."""
        return [Hit(start, end, value) for _, start, _, end, value in sorted(self._hits(text), key=lambda f: f[:3])]

    def _hits(self, text: str) -> Iterator[tuple[int, int, int, int, V]]:
        if self._empty:
            return
        for last, (rank, length, value) in self._automaton.iter(text):
            start, end = last - length + 1, last + 1
            if self.whole_words and (_is_word_char(text, start - 1) or _is_word_char(text, end)):
                continue
            yield -length, start, rank, end, value

    def find(self, text: str) -> list[Hit[V]]:
        """The non-overlapping hits (longest first, then earliest), in text order."""
        kept: list[Hit[V]] = []
        taken: list[tuple[int, int]] = []
        for _, start, _, end, value in sorted(self._hits(text), key=lambda f: f[:3]):
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
                kept.append(Hit(start, end, value))
        return sorted(kept, key=lambda h: h.start)


@dataclass(frozen=True, slots=True)
class PlaceForm:
    key: str  # the jurisdiction's key: the row itself is taken from the caller's current list
    level: str
    latin: bool


class PlaceIndex:
    """Every form of every place, in two automata: Chinese forms as written, Latin forms folded."""

    def __init__(self, jurisdictions: list[JurisdictionRow]) -> None:
        chinese: list[tuple[str, PlaceForm]] = []
        for row in jurisdictions:
            p = row.place
            for form in sorted({p.full_name, p.name, strip_level_suffix(p.name)}, key=len, reverse=True):
                if len(form) >= 2:
                    chinese.append((form, PlaceForm(p.key, p.level or "district", False)))
        self.chinese = Automaton(chinese)
        # Latin forms are pinyin: built when a question is first searched, not for every field that
        # names a place (pypinyin's dictionaries take ~0.4 s to import)
        self._places = [row.place for row in jurisdictions]
        self._latin: Automaton[PlaceForm] | None = None

    @property
    def latin(self) -> Automaton[PlaceForm]:
        if self._latin is None:  # two threads may both build it: the same automaton
            latin: list[tuple[str, PlaceForm]] = []
            for p in self._places:
                for form in sorted(latin_forms(p), key=len, reverse=True):
                    latin.append((fold_case(form), PlaceForm(p.key, p.level or "district", True)))
            self._latin = Automaton(latin, whole_words=True)
        return self._latin

    def mask(self, text: str, rows: dict[str, JurisdictionRow]) -> tuple[str, list[JurisdictionRow]]:
        """Each place named replaced by its level character, padded to keep offsets
        (朝阳区政府 -> ␣␣区政府: it still names 区政府; Chaoyang -> blanks), and the places
        (``rows`` by key) in order of first mention."""
        hits = [(h, False) for h in self.chinese.find(text)]
        folded = fold_case(text)
        taken = [(h.start, h.end) for h, _ in hits]
        hits += [(h, True) for h in self.latin.find(folded) if all(h.end <= s or h.start >= e for s, e in taken)]
        chars = list(text)
        ordered: list[JurisdictionRow] = []
        for hit, latin in sorted(hits, key=lambda h: h[0].start):
            row = rows[hit.value.key]
            level_char = "" if latin else LEVELS.get(hit.value.level, LEVELS["district"])[0]
            pad = " " if latin else "\u3000"
            width = hit.end - hit.start
            chars[hit.start:hit.end] = list(pad * (width - len(level_char)) + level_char)
            if row not in ordered:
                ordered.append(row)
        return "".join(chars), ordered


class IndexedPlaces(list[JurisdictionRow]):
    """A list of jurisdiction rows that carries the index of their names (and ``names``, the
    table that resolves one name): built once for the list, or taken over from ``previous`` when
    it indexes the same places (the API's snapshot of the store's places, ``graphql_api/places.py``,
    re-read while the places stay the same)."""

    def __init__(self, rows: list[JurisdictionRow], previous: IndexedPlaces | None = None) -> None:
        super().__init__(rows)
        self.fingerprint = tuple(_fingerprint(rows))
        same = previous if previous is not None and previous.fingerprint == self.fingerprint else None
        self.place_index: PlaceIndex = same.place_index if same is not None else PlaceIndex(rows)
        self.by_key = {row.place.key: row for row in rows}
        # a place's name -> its row, without a scan
        self.names: JurisdictionNames = JurisdictionNames(rows, same.names if same is not None else None)


class PlaceIndexCache:
    """The index of the latest list of places: rebuilt only when the places change (a new list
    object with the same places is checked, not rebuilt). An ``IndexedPlaces`` brings its own."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._rows: list[JurisdictionRow] | None = None
        self._by_key: dict[str, JurisdictionRow] = {}
        self._fingerprint: tuple[tuple[str | None, ...], ...] = ()
        self._index: PlaceIndex | None = None

    def mask(self, text: str, jurisdictions: list[JurisdictionRow]) -> tuple[str, list[JurisdictionRow]]:
        """``PlaceIndex.mask`` over the index of ``jurisdictions``, answering with its rows."""
        if isinstance(jurisdictions, IndexedPlaces):
            return jurisdictions.place_index.mask(text, jurisdictions.by_key)
        with self._lock:
            if self._index is None or jurisdictions is not self._rows:
                fingerprint = tuple(_fingerprint(jurisdictions))
                if self._index is None or fingerprint != self._fingerprint:
                    self._index, self._fingerprint = PlaceIndex(jurisdictions), fingerprint
                self._rows, self._by_key = jurisdictions, {row.place.key: row for row in jurisdictions}
            index, by_key = self._index, self._by_key
        return index.mask(text, by_key)


def _fingerprint(rows: list[JurisdictionRow]) -> Iterator[tuple[str | None, ...]]:
    for row in rows:
        p = row.place
        yield p.key, p.name, p.full_name, p.name_en, p.level


places = PlaceIndexCache()
