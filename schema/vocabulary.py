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
from typing import Literal, NamedTuple

import yaml

Kind = Literal["role", "body", "meeting", "genre"]
KINDS: tuple[Kind, ...] = ("role", "body", "meeting", "genre")
_FILES: dict[Kind, str] = {"role": "roles.yaml", "body": "bodies.yaml", "meeting": "meetings.yaml", "genre": "genres.yaml"}
_DIR = Path(__file__).with_name("vocabulary")


class Upper(NamedTuple):
    """The government above a level: its character, English adjective and head's title."""

    char: str
    english: str
    head: str


class Level(NamedTuple):
    """One level of local government (data: vocabulary/levels.yaml). ``level[0]`` is its character."""

    char: str
    english: str
    key: str
    tokens: tuple[tuple[str, tuple[str, ...]], ...]  # template word -> its forms, canonical first
    en_tokens: tuple[tuple[str, str], ...]
    uppers: tuple[Upper, ...]
    suffixes: tuple[str, ...]
    name_en: str


_LEVEL_FIELDS = {"key", "char", "english", "tokens", "en_tokens", "uppers", "suffixes", "name_en"}


def _load_levels(path: Path) -> dict[str, Level]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    levels: dict[str, Level] = {}
    for entry in data:
        unknown = set(entry) - _LEVEL_FIELDS
        if unknown or not {"key", "char", "english", "uppers", "suffixes"} <= set(entry):
            raise ValueError(f"{path}: level entry {entry.get('key')!r} has unknown keys {sorted(unknown)} or lacks one")
        tokens = tuple(sorted(((t, tuple(f)) for t, f in (entry.get("tokens") or {}).items()), key=lambda t: -len(t[0])))
        en_tokens = tuple(sorted(((t, f[0]) for t, f in (entry.get("en_tokens") or {}).items()), key=lambda t: -len(t[0])))
        levels[entry["key"]] = Level(
            entry["char"], entry["english"], entry["key"], tokens, en_tokens,
            tuple(Upper(*u) for u in entry["uppers"]), tuple(entry["suffixes"]), entry.get("name_en") or "",
        )
    return levels


#: level key -> its templates' values (district, county, city, banner, new_area, zone, agency)
LEVELS: dict[str, Level] = _load_levels(_DIR / "levels.yaml")
DEFAULT_LEVEL = "district"
#: suffixes of local-government names, longest first
LEVEL_SUFFIXES = tuple(sorted({s for level in LEVELS.values() for s in level.suffixes}, key=len, reverse=True))


def strip_level_suffix(name: str) -> str:
    """朝阳区 -> 朝阳; a one-character stem keeps its suffix (城区 stays 城区)."""
    for suffix in LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            return name[: -len(suffix)]
    return name


def level_of(name: str) -> str | None:
    """The level a jurisdiction's name states: 义乌市 -> city, 景宁畲族自治县 -> county,
    洛阳高新区 -> zone, 某某地区行政公署 -> agency; None when no suffix says."""
    best: tuple[int, str] | None = None
    for key, level in LEVELS.items():
        for suffix in level.suffixes:
            if name.endswith(suffix) and len(name) > len(suffix) and (best is None or len(suffix) > best[0]):
                best = (len(suffix), key)
    return best[1] if best else None


#: how strongly a form says "these are the rules of this level's government"
_SELF_WEIGHT = {"{L}长负责制": 20, "本{L}": 3, "{L}人民政府": 1, "{L}政府": 1}


def level_in_text(text: str) -> str | None:
    """The level whose government a rules text is about, read off its own words: the head's
    responsibility system (实行市长负责制) and how often the government names itself (市政府,
    管委会, 行署). None when the text names no government."""
    scores: dict[str, int] = {}
    for key in LEVELS:
        score = 0
        for template, weight in _SELF_WEIGHT.items():
            forms = sorted(set(fill_forms(template, key)), key=len, reverse=True)
            score += weight * len(re.findall("|".join(map(re.escape, forms)), text))
        scores[key] = score
    best = max(scores, key=lambda k: scores[k])  # the first of equals: a 新区 reads as a district
    return best if scores[best] else None


def fill_forms(template: str, level: str, upper: int | None = None) -> list[str]:
    """Every surface a template has at a level, canonical first: {L}长 -> [管委会主任, 主任] (zone)."""
    spec = LEVELS[level]
    forms = [template]
    for token, alternatives in spec.tokens:  # longest token first: 副{L}长 before {L}长
        forms = [f.replace(token, a) for f in forms for a in alternatives] if token in template else forms
    uppers = spec.uppers if upper is None else spec.uppers[upper : upper + 1]
    out: list[str] = []
    for form in forms:
        for up in uppers if "{U" in form else uppers[:1]:
            filled = (form.replace("{L}", spec.char).replace("{Level}", spec.english).replace("{U}", up.char)
                      .replace("{UpperHead}", up.head).replace("{Upper}", up.english))
            if filled not in out:
                out.append(filled)
    return out


def _fill(template: str, level: str) -> str:
    return fill_forms(template, level, upper=0)[0]


def _fill_en(template: str, level: str) -> str:
    for token, english in LEVELS[level].en_tokens:
        template = template.replace(token, english)
    return _fill(template, level)


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
        return _fill_en(self.en, level)


@dataclass(frozen=True, slots=True)
class Mention:
    """A vocabulary term found in text: ``text[start:end] == surface`` (end exclusive)."""

    start: int
    end: int
    surface: str
    term: Term


class _Matcher:
    """Surface forms -> terms, and one alternation that finds them longest-first."""

    def __init__(self, surfaces: dict[str, Term]) -> None:
        self.surfaces = surfaces
        self.pattern = re.compile("|".join(re.escape(s) for s in sorted(surfaces, key=len, reverse=True)))


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
        return [
            Mention(m.start(), m.end(), m.group(), term)
            for m in matcher.pattern.finditer(text)
            if (term := matcher.surfaces[m.group()]).kind in kinds
        ]

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
            english = {_fill_en(term.en, level).lower() for level in LEVELS}
            if lowered in english or lowered in term.en_aliases or lowered == term.key.replace("_", " "):
                return term
        return None

    def names(self, kinds: tuple[Kind, ...] = KINDS) -> list[str]:
        """Every name ``lookup`` accepts (for suggesting close matches)."""
        out = [s for s, t in self._anywhere.surfaces.items() if t.kind in kinds]
        for term in self.terms:
            if term.kind in kinds:
                out.extend([_fill_en(term.en, DEFAULT_LEVEL), *term.en_aliases])
        return out

    def surfaces(self, kind: Kind, level: str | None = None) -> list[tuple[str, Term]]:
        return [(s, t) for s, t in self._matcher(level).surfaces.items() if t.kind == kind]


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
