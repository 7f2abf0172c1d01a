"""The government extractor's cue words (schema/wording/government.yaml): the tables it reads,
loaded by the strict wording loader (schema/wording.py) like every extractor's file.

Every section and key is declared here: a missing key, an unknown key or an empty or
non-text list is an error naming the file and the key, so a typo in the data file fails
loudly at start-up instead of silently matching nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from schema import wording

WORDING_FILE = wording.WORDING_DIR / "government.yaml"

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


def parse_wording(data: Any, source: str = WORDING_FILE.name) -> GovernmentWording:
    """Check ``data`` (the parsed file) against the tables above and build them."""
    return wording.parse_wording(data, GovernmentWording, source)


def load_wording() -> GovernmentWording:
    """The shipped file's tables (loaded once per process)."""
    return wording.load_wording(WORDING_FILE.stem, GovernmentWording)
