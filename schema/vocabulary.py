"""The vocabulary of the genre — roles, bodies, meeting kinds, document genres — loaded
from the YAML files beside this module and validated on load.

Entries are level templates: ``{L}长`` is 区长 for a district and 县长 for a county, and
both resolve to the level-independent key ``head``.

>>> vocab = load_vocabulary()
>>> vocab.resolve("负责常务工作的副县长").key, vocab.name("role", "head", "county")
('executive_deputy_head', '县长')
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from .levels import (
    DEFAULT_LEVEL,
    LEVEL_SUFFIXES,
    LEVELS,
    Level,
    LevelEnding,
    Upper,
    fill,
    fill_english,
    fill_forms,
    level_ending,
    level_in_text,
    level_of,
    level_suffix_english,
    strip_level_suffix,
)
from .surface_matcher import SurfacePattern
from .yaml_data import load_yaml

# the level table is part of the vocabulary's interface, re-exported beside the vocabulary's own names
__all__ = [
    "DEFAULT_LEVEL",
    "KINDS",
    "LEVELS",
    "LEVEL_SUFFIXES",
    "Kind",
    "Level",
    "LevelEnding",
    "Mention",
    "Term",
    "Upper",
    "Vocabulary",
    "fill",
    "fill_english",
    "fill_forms",
    "level_ending",
    "level_in_text",
    "level_of",
    "level_suffix_english",
    "load_vocabulary",
    "strip_level_suffix",
]

Kind = Literal["role", "body", "meeting", "genre"]
KINDS: tuple[Kind, ...] = ("role", "body", "meeting", "genre")
_FILES: dict[Kind, str] = {"role": "roles.yaml", "body": "bodies.yaml", "meeting": "meetings.yaml", "genre": "genres.yaml"}
_DIR = Path(__file__).with_name("vocabulary")


@dataclass(frozen=True, slots=True)
class Term:
    kind: Kind
    key: str
    zh: str  # template, e.g. "{L}政府办公室主任"
    en: str
    aliases: tuple[str, ...]
    en_aliases: tuple[str, ...] = ()  # lower-case English forms people type ("office")
    kind_of: str | None = None  # key of the broader term of the same kind (常务副区长 is a 副区长)

    def zh_for(self, level: str) -> str:
        return fill(self.zh, level)

    def en_for(self, level: str) -> str:
        return fill_english(self.en, level)


class Mention(NamedTuple):
    """A vocabulary term found in text: ``text[start:end] == surface`` (end exclusive).

    Immutable like the other models, but a named tuple: extraction makes tens of thousands per
    document, and a tuple is made in half the time of a frozen dataclass."""

    start: int
    end: int
    surface: str
    term: Term


class _Matcher:
    """Surface forms -> terms, and one pattern, built once, that finds them leftmost-longest
    (the matches of their alternation sorted longest first: schema/surface_matcher.py)."""

    def __init__(self, surfaces: dict[str, Term]) -> None:
        self.surfaces = surfaces
        self.pattern = SurfacePattern(surfaces).pattern


class Vocabulary:
    """Terms, found in text at one level (a city's 市长 is its head; a district's 市长 is the
    head of the government above) or at any level (names people type: a district's reading first)."""

    def __init__(self, terms: list[Term]) -> None:
        self.terms = tuple(terms)
        self._by_key = {(t.kind, t.key): t for t in terms}
        self._levels: dict[str, _Matcher] = {}
        anywhere: dict[str, Term] = {}
        for level in LEVELS:
            for surface, term in self._matcher(level).surfaces.items():
                anywhere.setdefault(surface, term)
        self._anywhere = _Matcher(anywhere)
        self._occurring: dict[tuple[str | None, tuple[Kind, ...]], SurfacePattern] = {}

    def _matcher(self, level: str | None) -> _Matcher:
        if level is None:
            return self._anywhere
        if level not in self._levels:
            if level not in LEVELS:
                raise KeyError(f"no level {level!r}; levels are {', '.join(LEVELS)}")
            surfaces: dict[str, Term] = {}
            for term in self.terms:
                for form in (term.zh, *term.aliases):
                    for surface in fill_forms(form, level):
                        # The first entry claiming a form keeps it: files list specific terms first.
                        surfaces.setdefault(surface, term)
            self._levels[level] = _Matcher(surfaces)
        return self._levels[level]

    def is_a(self, kind: Kind, key: str, broader: str) -> bool:
        """``key`` is ``broader`` or, through ``kind_of`` links, a narrower term of it."""
        seen = set()
        while key not in seen:
            if key == broader:
                return True
            seen.add(key)
            term = self._by_key.get((kind, key))
            if term is None or term.kind_of is None:
                return False
            key = term.kind_of
        return False

    def term(self, kind: Kind, key: str) -> Term:
        try:
            return self._by_key[(kind, key)]
        except KeyError:
            raise KeyError(f"no {kind} with key {key!r} in the vocabulary") from None

    def name(self, kind: Kind, key: str, level: str = DEFAULT_LEVEL) -> str:
        return self.term(kind, key).zh_for(level)

    def english(self, kind: Kind, key: str, level: str = DEFAULT_LEVEL) -> str:
        return self.term(kind, key).en_for(level)

    def resolve(self, surface: str, level: str | None = None) -> Term | None:
        """The term a whole surface form names (at ``level``, or any level), or None."""
        return self._matcher(level).surfaces.get(surface.strip())

    def find(self, text: str, kinds: tuple[Kind, ...] = KINDS, level: str | None = None) -> list[Mention]:
        """All mentions in ``text``, left to right, longest form at each position."""
        matcher = self._matcher(level)
        surfaces = matcher.surfaces
        return [
            Mention(m.start(), m.end(), surface, term)
            for m in matcher.pattern.finditer(text)
            if (term := surfaces[surface := m.group()]).kind in kinds
        ]

    def occurs(self, text: str, kinds: tuple[Kind, ...], level: str | None = None) -> bool:
        """Whether a form of ``kinds`` occurs anywhere in ``text``, overlapped by other
        mentions or not: when it does not, no text made from ``text`` by blanking characters
        out has a mention of ``kinds`` either."""
        key = (level, kinds)
        if key not in self._occurring:
            self._occurring[key] = SurfacePattern(s for s, t in self._matcher(level).surfaces.items() if t.kind in kinds)
        return self._occurring[key].pattern.search(text) is not None

    def lookup(self, name: str, kinds: tuple[Kind, ...] = KINDS, level: str | None = None) -> Term | None:
        """Resolve a name as people type it: Chinese (any level, any alias), English, or key."""
        cleaned = name.strip()
        term = self.resolve(cleaned, level)
        if term is not None and term.kind in kinds:
            return term
        lowered = " ".join(cleaned.lower().replace("_", " ").replace("-", " ").split())
        for term in self.terms:
            if term.kind not in kinds:
                continue
            english = {fill_english(term.en, level).lower() for level in LEVELS}
            if lowered in english or lowered in term.en_aliases or lowered == term.key.replace("_", " "):
                return term
        return None

    def names(self, kinds: tuple[Kind, ...] = KINDS) -> list[str]:
        """Every name ``lookup`` accepts (for suggesting close matches)."""
        out = [s for s, t in self._anywhere.surfaces.items() if t.kind in kinds]
        for term in self.terms:
            if term.kind in kinds:
                out.extend([fill_english(term.en, DEFAULT_LEVEL), *term.en_aliases])
        return out

    def surfaces(self, kind: Kind, level: str | None = None) -> list[tuple[str, Term]]:
        return [(s, t) for s, t in self._matcher(level).surfaces.items() if t.kind == kind]


def _load_terms(kind: Kind, path: Path) -> list[Term]:
    data = load_yaml(path)
    if not isinstance(data, list):
        raise ValueError(f"{path}: expected a list of entries")
    terms = []
    seen = set()
    for entry in data:
        missing = {"key", "zh", "en"} - set(entry)
        if missing:
            raise ValueError(f"{path}: entry {entry} lacks {sorted(missing)}")
        if entry["key"] in seen:
            raise ValueError(f"{path}: duplicate key {entry['key']!r}")
        seen.add(entry["key"])
        aliases = tuple(entry.get("aliases") or ())
        en_aliases = tuple(a.lower() for a in entry.get("en_aliases") or ())
        terms.append(Term(kind, entry["key"], entry["zh"], entry["en"], aliases, en_aliases, entry.get("kind_of")))
    for term in terms:
        if term.kind_of is not None and term.kind_of not in seen:
            raise ValueError(f"{path}: {term.key!r} is a kind of {term.kind_of!r}, which is not an entry")
    return terms


@lru_cache(maxsize=1)
def load_vocabulary(directory: Path = _DIR) -> Vocabulary:
    terms: list[Term] = []
    for kind in KINDS:
        terms.extend(_load_terms(kind, directory / _FILES[kind]))
    return Vocabulary(terms)
