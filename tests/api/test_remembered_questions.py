"""Questions understood once per snapshot of places: the same understanding as afresh, never one
made against other places, and only the most recent kept."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from graphql_api.name_index import IndexedPlaces
from graphql_api.question import _Remembered, understand
from schema.rows import JurisdictionRow, PlaceRow

CHAOYANG = JurisdictionRow(PlaceRow(key="jur:北京市朝阳区", name="朝阳区", full_name="北京市朝阳区", name_en="Chaoyang",
                                    level="district", parent=None), ())
SOMECOUNTY = JurisdictionRow(PlaceRow(key="jur:某市某县", name="某县", full_name="某市某县", name_en="Mou",
                                      level="county", parent=None), ())
FRAGMENTS = ["Who signs", "an office notice", "in Chaoyang", "in Mou", "某县", "朝阳区", "常务会议", "由谁主持",
             "How often is", "the executive meeting", "held", "？", "?", " ", "市政府", "报告", "Nowhere"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=6), st.integers(1, 3))
def test_a_remembered_question_is_understood_as_afresh(parts: list[str], times: int) -> None:
    text = "".join(parts)
    snapshot = IndexedPlaces([CHAOYANG, SOMECOUNTY])
    fresh = understand(text, [CHAOYANG, SOMECOUNTY])  # a plain list: never remembered
    for _ in range(times):
        assert understand(text, snapshot) == fresh


def test_a_new_snapshot_is_not_answered_from_the_old_one() -> None:
    text = "Who chairs the executive meeting in Mou?"
    before = understand(text, IndexedPlaces([CHAOYANG]))
    assert before.jurisdictions == () and before.unknown_place == "Mou"
    after = IndexedPlaces([CHAOYANG, SOMECOUNTY])
    assert [j.place.key for j in understand(text, after).jurisdictions] == [SOMECOUNTY.place.key]
    # the same places re-read (their documents may have changed): the new snapshot's rows
    county = dataclasses.replace(SOMECOUNTY)
    reread = IndexedPlaces([CHAOYANG, county], after)
    assert understand(text, reread).jurisdictions[0] is county


def test_only_the_most_recent_questions_are_kept() -> None:
    remembered = _Remembered(size=2)
    snapshot = IndexedPlaces([CHAOYANG])
    first, second, third = (remembered.understand(f"Who chairs the {m} meeting in Chaoyang?", snapshot)
                            for m in ("executive", "plenary", "mayor's office"))
    assert remembered.understand("Who chairs the plenary meeting in Chaoyang?", snapshot) is second
    assert remembered.understand("Who chairs the mayor's office meeting in Chaoyang?", snapshot) is third
    again = remembered.understand("Who chairs the executive meeting in Chaoyang?", snapshot)
    assert again == first and again is not first  # pushed out by the other two, understood anew
