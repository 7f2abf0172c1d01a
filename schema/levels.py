"""Levels of local government (data: vocabulary/levels.yaml) and how a template reads at one.

>>> fill_forms("{L}长", "zone"), level_of("青石畲族自治县"), strip_level_suffix("河西高新区")
(['管委会主任', '主任'], 'county', '河西')
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from .yaml_data import load_yaml

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
    suffix_en: tuple[tuple[str, str], ...] = ()
    government: str = "人民政府"  # the organ's usual name after the place name (管理委员会, 行政公署)


_LEVEL_FIELDS = {"key", "char", "english", "tokens", "en_tokens", "uppers", "suffixes", "name_en", "suffix_en", "government"}


def _load_levels(path: Path) -> dict[str, Level]:
    data = load_yaml(path)
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
            tuple((entry.get("suffix_en") or {}).items()), entry.get("government") or "人民政府",
        )
    return levels


#: level key -> its templates' values (district, county, city, banner, new_area, zone, prefecture)
LEVELS: dict[str, Level] = _load_levels(_DIR / "levels.yaml")
DEFAULT_LEVEL = "district"
#: suffixes of local-government names, longest first
LEVEL_SUFFIXES = tuple(sorted({s for level in LEVELS.values() for s in level.suffixes}, key=len, reverse=True))


def _peoples_pattern(path: Path) -> re.Pattern[str]:
    peoples = load_yaml(path)
    if not isinstance(peoples, list) or not all(isinstance(p, str) and p for p in peoples):
        raise ValueError(f"{path}: expected a list of names")
    alternation = "|".join(map(re.escape, sorted(peoples, key=len, reverse=True)))
    return re.compile(f"^(?P<stem>.{{2,}}?)(?:(?:{alternation})族)+$")


#: the peoples an autonomous county or banner is named for: 青石畲族自治县, 某某回族土族自治县
_PEOPLES = _peoples_pattern(_DIR / "peoples.yaml")


def strip_level_suffix(name: str) -> str:
    """朝阳区 -> 朝阳, 青石畲族自治县 -> 青石; a one-character stem keeps its suffix (城区 stays 城区)."""
    for suffix in LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            stem = name[: -len(suffix)]
            peoples = _PEOPLES.match(stem) if suffix.startswith("自治") else None
            return peoples.group("stem") if peoples else stem
    return name


def level_suffix_english(name: str) -> str:
    """The English a name's level suffix keeps after the stem: 浦东新区 -> New Area,
    河西高新区 -> High-tech Zone; empty where English drops it (朝阳区 -> Chaoyang)."""
    for suffix in LEVEL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            level = LEVELS[level_of(name) or DEFAULT_LEVEL]
            return dict(level.suffix_en).get(suffix, level.name_en)
    return ""


_ALL_SUFFIXES = frozenset(s for level in LEVELS.values() for s in level.suffixes)


class LevelEnding(NamedTuple):
    """The ending of a place name that says its level: 高新区 of 某某高新区 -> zone."""

    ending: str
    level: str


def level_ending(name: str) -> LevelEnding | None:
    """The longest level suffix a place name ends with (the name must be longer than it: a
    generic 高新区 or 区 names no place, nor does a 新区 inside it), or None."""
    if name in _ALL_SUFFIXES:
        return None
    best: LevelEnding | None = None
    for key, level in LEVELS.items():
        for suffix in level.suffixes:
            if name.endswith(suffix) and len(name) > len(suffix) and (best is None or len(suffix) > len(best.ending)):
                best = LevelEnding(suffix, key)
    return best


#: how people write the organ of a place -> the level it implies when the name alone does not say
_ORGAN_LEVELS = {"管委会": "zone", "管理委员会": "zone", "行政公署": "prefecture"}


def level_of(name: str, government: str | None = None) -> str | None:
    """The level of government of a place: 青山市 -> city, 青石畲族自治县 -> county, 河西高新区 ->
    zone, 某某地区行政公署 -> prefecture. ``government`` is the organ the text names after the place
    (人民政府, 管委会, 行政公署): a 新区 with a 人民政府 is a district; a place run by a 管委会 is a
    zone. None when neither says."""
    found = level_ending(name)
    level = found.level if found else None
    if government in ("人民政府", "政府") and level == "new_area":
        return "district"
    if government in _ORGAN_LEVELS and level not in ("zone", "new_area", "prefecture") and len(name) >= 2 \
            and name not in _ALL_SUFFIXES:
        return _ORGAN_LEVELS[government]
    return level


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


@lru_cache(maxsize=4096)  # the vocabulary's templates at a handful of levels: every entity named asks
def fill(template: str, level: str) -> str:
    """The canonical name a template has at a level (the first form of each token)."""
    return fill_forms(template, level, upper=0)[0]


def fill_english(template: str, level: str) -> str:
    for token, english in LEVELS[level].en_tokens:
        template = template.replace(token, english)
    return fill(template, level)
