"""A meeting outside the vocabulary, loaded into a real store, is asked for by its names."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import ingest_path
from stores.memory import MemoryStore

from .conftest import data, execute

DOC = Path(__file__).resolve().parents[1] / "data" / "docs" / "county_open_meetings.txt"
QUERY = "query($name: String) { meetings(jurisdiction: \"松溪县\", name: $name) { name nameEn chairs { role { key name } } } }"


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    store = MemoryStore()
    store.load(ingest_path(DOC).graph)
    return store


@pytest.mark.parametrize("name", ["县政府工作协调会", "縣政府工作協調會", "区政府工作协调会",
                                  "County Government Work Coordination Meeting"])
def test_open_meeting_by_its_names(store: MemoryStore, name: str) -> None:
    (meeting,) = data(store, QUERY, name=name)["meetings"]
    assert meeting["name"] == "县政府工作协调会"
    assert meeting["nameEn"] == "County Government Work Coordination Meeting"
    assert [c["role"]["key"] for c in meeting["chairs"]] == ["deputy_head_in_charge"]


def test_every_meeting_is_listed(store: MemoryStore) -> None:
    names = {m["name"] for m in data(store, QUERY)["meetings"]}
    assert {"县政府常务会议", "县长办公会议", "县政府工作协调会", "安全生产联席会议"} <= names


def test_unknown_meeting_is_still_an_error(store: MemoryStore) -> None:
    result = execute(store, QUERY, name="县政府联络会")
    assert result.errors and "unknown meeting" in result.errors[0].message


LINES = ("query($from: String) { reportingLines(jurisdiction: \"青山市\", from: $from) "
         "{ from { key name } to { key name } } }")
CITY = Path(__file__).resolve().parents[1] / "data" / "docs" / "city_qingshan.txt"


@pytest.fixture(scope="module")
def city_store() -> MemoryStore:
    store = MemoryStore()
    store.load(ingest_path(CITY).graph)
    return store


def test_a_role_outside_the_vocabulary_is_found_by_its_name(city_store: MemoryStore) -> None:
    """市长助理 reports to the mayor in the city's rules; a county's name for the role (县长助理)
    is the same level-free key."""
    for name in ("市长助理", "市長助理", "县长助理"):
        lines = data(city_store, LINES, **{"from": name})["reportingLines"]
        assert [(line["from"]["key"], line["to"]["key"]) for line in lines] == [("x:{L}长助理", "head")], name


def test_a_role_no_rule_names_is_an_error(city_store: MemoryStore) -> None:
    result = execute(city_store, LINES, **{"from": "市长顾问团"})
    assert result.errors and "unknown from" in result.errors[0].message
