"""The wording of reporting lines (schema/wording/reporting.yaml), loaded once and checked:
every line kind a table names must be one of the facts' kinds (schema/wording.py checks it)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.wording import load_wording

from ..facts import ReportingKind


@dataclass(frozen=True)
class ReportingWording:
    """The tables of schema/wording/reporting.yaml; the loader checks that every line kind
    a table names is one of the facts' kinds."""

    to_verbs: dict[str, ReportingKind]
    verb_adverbs: tuple[str, ...]
    object_verbs: dict[str, ReportingKind]
    bao_not_after: str
    bao_not_before: str
    object_suffixes: dict[str, ReportingKind]
    procedure_suffixes: dict[str, ReportingKind]
    signing_suffixes: tuple[str, ...]
    signing_routes: tuple[str, ...]
    submit_verbs: dict[str, ReportingKind]
    submit_suffixes: tuple[str, ...]
    division_cue: str
    leave_cues: tuple[str, ...]
    trip_words: tuple[str, ...]
    leave_place: str
    subject_trip_words: tuple[str, ...]
    described_heads: tuple[str, ...]
    inform_verb: str
    approval_verbs: tuple[str, ...]
    optional_marker: str
    optional_not_after: str
    optional_not_before: str
    prohibition_markers: tuple[str, ...]
    review_verbs: tuple[str, ...]
    owned_nouns: tuple[str, ...]
    time_clause_marks: tuple[str, ...]
    case_marks: tuple[str, ...]
    government_key: str


WORDING = load_wording("reporting", ReportingWording)


def alternation(words: object) -> str:
    """A regex alternation of ``words``, longest first, each escaped."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))  # type: ignore[call-overload]


#: A clause about leave or absence.
LEAVE_CONTEXT = re.compile(f"{WORDING.leave_place}|{alternation(WORDING.leave_cues)}")
#: The words a leave matter is named by: 离岗离X外出, 离X出差, 外出 …
TRIP_WORDS = re.compile(f"(?:离岗)?(?:{WORDING.leave_place}(?:外出|出差|出访)?)|{alternation(WORDING.trip_words)}")
