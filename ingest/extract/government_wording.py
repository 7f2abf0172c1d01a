"""The government extractor's cue words (schema/wording/government.yaml), loaded strictly.

Every section and key is declared here: a missing key, an unknown key or an empty or
non-text list is an error naming the file and the key, so a typo in the data file fails
loudly at start-up instead of silently matching nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

import schema

WORDING_FILE = Path(schema.__file__).resolve().parent / "wording" / "government.yaml"

Words = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Composition:
    frame_open: Words
    frame_close: Words
    frame_close_not_before: Words
    list_openers: Words
    title_endings: Words


@dataclass(frozen=True, slots=True)
class Head:
    system: Words
    system_verbs: Words


@dataclass(frozen=True, slots=True)
class Acting:
    absences: Words
    period: Words
    acts: Words
    delegation: Words
    case_endings: Words
    stand_in: Words
    subject_ends: Words


@dataclass(frozen=True, slots=True)
class Assists:
    verbs: Words


@dataclass(frozen=True, slots=True)
class Leadership:
    cues: Words


@dataclass(frozen=True, slots=True)
class Accountability:
    cues: Words
    recess: Words
    both_bodies: Words


@dataclass(frozen=True, slots=True)
class Basis:
    verbs: Words
    sentence_cues: Words
    abbreviation_cues: Words


@dataclass(frozen=True, slots=True)
class Principles:
    cues: Words


@dataclass(frozen=True, slots=True)
class GovernmentWording:
    governing_bodies: Words
    name_continues: Words
    composition: Composition
    head: Head
    acting: Acting
    assists: Assists
    leadership: Leadership
    accountability: Accountability
    basis: Basis
    principles: Principles


class WordingError(ValueError):
    """The wording file is malformed; the message names the file and the key."""


def _words(where: str, value: Any) -> Words:
    if not isinstance(value, list) or not value or not all(isinstance(w, str) and w for w in value):
        raise WordingError(f"{where}: expected a non-empty list of words")
    return tuple(value)


def _build(cls: type, where: str, data: Any) -> Any:
    if not isinstance(data, dict):
        raise WordingError(f"{where}: expected a mapping")
    names = [f.name for f in fields(cls)]
    unknown = sorted(set(data) - set(names))
    missing = sorted(set(names) - set(data))
    if unknown:
        raise WordingError(f"{where}: unknown key(s) {unknown}")
    if missing:
        raise WordingError(f"{where}: missing key(s) {missing}")
    values = {}
    for f in fields(cls):
        key = f"{where}.{f.name}"
        nested = _SECTIONS.get(f.name) if cls is GovernmentWording else None
        values[f.name] = _build(nested, key, data[f.name]) if nested else _words(key, data[f.name])
    return cls(**values)


_SECTIONS: dict[str, type] = {
    "composition": Composition, "head": Head, "acting": Acting, "assists": Assists, "leadership": Leadership,
    "accountability": Accountability, "basis": Basis, "principles": Principles,
}


def parse_wording(data: Any, source: str = "government.yaml") -> GovernmentWording:
    result: GovernmentWording = _build(GovernmentWording, source, data)
    return result


@lru_cache(maxsize=1)
def load_wording(path: Path = WORDING_FILE) -> GovernmentWording:
    return parse_wording(yaml.safe_load(path.read_text(encoding="utf-8")), path.name)
