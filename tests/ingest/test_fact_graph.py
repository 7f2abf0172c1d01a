"""ingest.fact_graph: the relationship types of signing steps and meeting slots are the read
model's (schema/rows.py), so a graph the builder writes reads back as the facts it was built from."""

from __future__ import annotations

from typing import get_args, get_type_hints

import pytest

from ingest.fact_graph import SLOT_TYPES, STEP_TYPES
from ingest.facts import Meeting, Participant, SigningAction
from schema.model import RELATIONSHIP_TYPES
from schema.rows import PARTICIPANT_SLOTS, STEP_ACTIONS, Slot, StepAction


def test_every_signing_action_of_a_fact_has_a_step_type() -> None:
    assert set(STEP_TYPES) == set(get_args(SigningAction)) == set(get_args(StepAction))


def test_every_slot_of_the_read_model_has_a_participant_type() -> None:
    assert set(SLOT_TYPES) == set(get_args(Slot))


@pytest.mark.parametrize("slot", get_args(Slot))
def test_a_slot_is_a_meeting_field_of_participants(slot: str) -> None:
    assert get_type_hints(Meeting)[slot] == tuple[Participant, ...]


@pytest.mark.parametrize(
    ("written", "read_back"),
    [(STEP_TYPES, STEP_ACTIONS), (SLOT_TYPES, PARTICIPANT_SLOTS)],
    ids=["steps", "slots"],
)
def test_the_types_written_read_back_as_the_same_value(written: dict[str, str], read_back: dict[str, str]) -> None:
    assert {value: read_back[rel_type] for value, rel_type in written.items()} == {v: v for v in written}


@pytest.mark.parametrize("rel_type", [*STEP_TYPES.values(), *SLOT_TYPES.values()])
def test_a_written_type_is_in_the_graph_model(rel_type: str) -> None:
    assert rel_type in RELATIONSHIP_TYPES

