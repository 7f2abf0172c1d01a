"""The vocabulary of the genre — roles, bodies, meeting kinds, document genres — loaded
from the YAML files beside this module and validated on load.

Entries are level templates: ``{L}长`` is 区长 for a district and 县长 for a county, and
both resolve to the level-independent key ``head``.

>>> vocab = load_vocabulary()
>>> vocab.resolve("负责常务工作的副县长").key, vocab.name("role", "head", "county")
('executive_deputy_head', '县长')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

Kind = Literal["role", "body", "meeting", "genre"]
KINDS: tuple[Kind, ...] = ("role", "body", "meeting", "genre")
_FILES: dict[Kind, str] = {"role": "roles.yaml", "body": "bodies.yaml", "meeting": "meetings.yaml", "genre": "genres.yaml"}
_DIR = Path(__file__).with_name("vocabulary")

#: level -> (template character, English word)
LEVELS: dict[str, tuple[str, str]] = {
    "district": ("区", "District"),
    "county": ("县", "County"),
    "city": ("市", "City"),
    "banner": ("旗", "Banner"),
}
DEFAULT_LEVEL = "district"
#: suffixes of local-government names, longest first
LEVEL_SUFFIXES = ("自治县", "自治旗", "区", "县", "旗", "市")


def template_level(level: str | None) -> str:
    """The level whose templates name a government's roles and bodies: its own where the
    vocabulary has templates for it, else the default (a level detected by ``level_of`` may
    have none yet)."""
    return level if level in LEVELS else DEFAULT_LEVEL


def strip_level_suffix(name: str) -> str:
    """朝阳区 -> 朝阳; a one-character stem keeps its suffix (城区 stays 城区)."""
    for suffix in LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


@dataclass(frozen=True, slots=True)
class LevelEnding:
    """A place-name ending that says the level of government (schema/jurisdiction_levels.yaml)."""

    ending: str
    level: str
    en: str | None  # English word kept after the stem; None: the suffix is dropped
    government: str  # the organ's usual name after the place name: 人民政府, 管理委员会, 行政公署


_LEVEL_FILE = Path(__file__).with_name("jurisdiction_levels.yaml")
_LEVEL_KEYS = {"ending", "level", "en", "government"}
#: how people write the organ of a place -> the level it implies when the name alone does not say
_GOVERNMENT_LEVELS = {"管委会": "zone", "管理委员会": "zone", "行政公署": "prefecture"}


@lru_cache(maxsize=1)
def level_endings() -> tuple[LevelEnding, ...]:
    data = yaml.safe_load(_LEVEL_FILE.read_text(encoding="utf-8"))
    if not isinstance(data, list):
        raise ValueError(f"{_LEVEL_FILE}: expected a list of entries")
    out = []
    for entry in data:
        if not isinstance(entry, dict) or set(entry) != _LEVEL_KEYS:
            raise ValueError(f"{_LEVEL_FILE}: entry {entry!r} must have exactly the keys {sorted(_LEVEL_KEYS)}")
        out.append(LevelEnding(entry["ending"], entry["level"], entry["en"], entry["government"]))
    return tuple(out)


def level_ending(name: str) -> LevelEnding | None:
    """The ending of a place name that says its level (高新区 of 某某高新区), or None; a generic
    name that is itself an ending (高新区, 开发区) names no place."""
    if any(name == e.ending for e in level_endings()):
        return None
    return next((e for e in level_endings() if name.endswith(e.ending) and len(name) > len(e.ending)), None)


def level_of(name: str, government: str | None = None) -> str | None:
    """The level of government of a place: 朝阳区 -> district, 某某自治县 -> county, 某某高新区 ->
    zone, 某某地区 -> prefecture. ``government`` is the organ the text names after the place
    (人民政府, 管委会, 行政公署): a 新区 with a 人民政府 is a district; a place run by a 管委会 is a
    zone. None when neither says."""
    if len(name) < 2 or any(name == e.ending for e in level_endings()):
        return None  # 区, 高新区: a generic word, not a place
    found = level_ending(name)
    level = found.level if found else None
    if government in ("人民政府", "政府") and level == "new_area":
        return "district"
    if government in _GOVERNMENT_LEVELS and level not in ("zone", "new_area", "prefecture"):
        return _GOVERNMENT_LEVELS[government]
    return level


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
        return _fill(self.zh, level)

    def en_for(self, level: str) -> str:
        return _fill(self.en, level)


@dataclass(frozen=True, slots=True)
class Mention:
    """A vocabulary term found in text: ``text[start:end] == surface`` (end exclusive)."""

    start: int
    end: int
    surface: str
    term: Term


def _fill(template: str, level: str) -> str:
    char, word = LEVELS[level]
    return template.replace("{L}", char).replace("{Level}", word)


class Vocabulary:
    def __init__(self, terms: list[Term]) -> None:
        self.terms = tuple(terms)
        self._by_key = {(t.kind, t.key): t for t in terms}
        # Every surface form of every level -> term. Longest forms win at a position.
        surfaces: dict[str, Term] = {}
        for level in LEVELS:
            for term in terms:
                for form in (term.zh, *term.aliases):
                    surface = _fill(form, level)
                    # The first entry claiming a form keeps it: files list specific terms first.
                    surfaces.setdefault(surface, term)
        self._surfaces = surfaces
        alternation = "|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True))
        self._pattern = re.compile(alternation)

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

    def resolve(self, surface: str) -> Term | None:
        """The term a whole surface form names (any level), or None."""
        return self._surfaces.get(surface.strip())

    def find(self, text: str, kinds: tuple[Kind, ...] = KINDS) -> list[Mention]:
        """All mentions in ``text``, left to right, longest form at each position."""
        return [
            Mention(m.start(), m.end(), m.group(), term)
            for m in self._pattern.finditer(text)
            if (term := self._surfaces[m.group()]).kind in kinds
        ]

    def lookup(self, name: str, kinds: tuple[Kind, ...] = KINDS) -> Term | None:
        """Resolve a name as people type it: Chinese (any level, any alias), English, or key."""
        cleaned = name.strip()
        term = self.resolve(cleaned)
        if term is not None and term.kind in kinds:
            return term
        lowered = " ".join(cleaned.lower().replace("_", " ").replace("-", " ").split())
        for term in self.terms:
            if term.kind not in kinds:
                continue
            english = {_fill(term.en, level).lower() for level in LEVELS}
            if lowered in english or lowered in term.en_aliases or lowered == term.key.replace("_", " "):
                return term
        return None

    def names(self, kinds: tuple[Kind, ...] = KINDS) -> list[str]:
        """Every name ``lookup`` accepts (for suggesting close matches)."""
        out = [s for s, t in self._surfaces.items() if t.kind in kinds]
        for term in self.terms:
            if term.kind in kinds:
                out.extend([_fill(term.en, DEFAULT_LEVEL), *term.en_aliases])
        return out

    def surfaces(self, kind: Kind) -> list[tuple[str, Term]]:
        return [(s, t) for s, t in self._surfaces.items() if t.kind == kind]


def _load_terms(kind: Kind, path: Path) -> list[Term]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
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
