"""ask's names in one pass: the place index is built once per list of places, finds what the form-by-form
search found, and understanding a question does not grow with the number of places held."""

from __future__ import annotations

import dataclasses
import re
import time

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from benchmarks.generate import PLACES as PLACES_FILE
from graphql_api import name_index
from graphql_api.name_index import Automaton, PlaceIndexCache, fold_case
from graphql_api.question import understand
from schema import row_mapping
from schema.rows import JurisdictionRow

SEED_PLACE = row_mapping.jurisdiction({"key": "jur:北京市东城区", "name": "东城区", "fullName": "北京市东城区",
                                       "nameEn": "Dongcheng", "level": "district"}, [])


def _places(count: int) -> list[JurisdictionRow]:
    """Real districts and counties (benchmarks/places.yaml) as the store lists them."""
    rows = [SEED_PLACE]
    for group in yaml.safe_load(PLACES_FILE.read_text(encoding="utf-8")):
        for name in group["names"]:
            full = (group["province"] or "") + (group["city"] or "") + name
            rows.append(row_mapping.jurisdiction({"key": "jur:" + full, "name": name, "fullName": full, "nameEn": None,
                                                  "level": "county" if name.endswith("县") else "district"}, []))
    return rows[:count]


def test_an_automaton_prefers_the_longest_then_the_earliest_and_whole_words() -> None:
    words = Automaton([("office", 1), ("government office", 2), ("notice", 3)], whole_words=True)
    hits = words.find(fold_case("Who signs a Government Office notice? officers notices"))
    assert [(h.value, h.start, h.end) for h in hits] == [(2, 12, 29), (3, 30, 36)]
    chinese = Automaton([("东城", "short"), ("北京市东城区", "full")])
    assert [h.value for h in chinese.find("北京市东城区东城")] == ["full", "short"]


def test_places_are_masked_as_before_and_listed_in_order() -> None:
    rows = _places(40)
    other = rows[7]
    name = other.place.name
    masked, found = PlaceIndexCache().mask(f"DONGCHENG 和{name}政府办公室", rows)
    assert found == [SEED_PLACE, other]
    assert masked == " " * 10 + "和" + "\u3000" * (len(name) - 1) + name[-1] + "政府办公室"
    # Latin names are whole words: a Chinese character is a word character, as in the regex \b
    assert PlaceIndexCache().mask("DONGCHENG和", rows)[1] == []


def test_the_index_is_built_once_per_list_of_places(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    builds = []
    real = name_index.PlaceIndex

    class Counted(real):  # type: ignore[misc, valid-type]
        def __init__(self, rows: list[JurisdictionRow]) -> None:
            builds.append(len(rows))
            super().__init__(rows)

    monkeypatch.setattr(name_index, "PlaceIndex", Counted)
    cache = PlaceIndexCache()
    rows = _places(30)
    for _ in range(5):
        cache.mask("东城区", rows)
    new = row_mapping.document({"key": "new", "title": "new", "status": "effective"}, (), ())
    same_places = [dataclasses.replace(r, documents=(new,)) for r in rows]  # a fresh list, as the shared cache gives
    _, found = cache.mask("东城区", same_places)
    assert builds == [30]
    assert found == [same_places[0]]  # the caller's current row, with its documents
    cache.mask("东城区", rows[:10])
    assert builds == [30, 10]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["东城区", "北京市东城区", "东城", "dongcheng", "Dongchengqu", "政府", " ", "a", "和",
                                 "Dongchengs", "区"]), max_size=6))
def test_the_index_finds_what_a_search_form_by_form_finds(parts: list[str]) -> None:
    text = "".join(parts)
    _, found = PlaceIndexCache().mask(text, [SEED_PLACE])
    by_regex = any(f in text for f in ("北京市东城区", "东城区", "东城")) or re.search(
        r"\b(dongcheng|dongchengqu|beijingshidongchengqu)\b", text, re.IGNORECASE) is not None
    assert (found == [SEED_PLACE]) == by_regex


def _fold_one_by_one(text: str) -> str:
    return "".join(low if len(low := c.lower()) == 1 else c for c in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.one_of(st.sampled_from("ΣσςİIiKẞ ÅABC东城 .?"), st.characters(blacklist_categories=("Cs",))),
               max_size=30))
def test_fold_case_lowers_one_character_for_one(text: str) -> None:
    folded = fold_case(text)
    assert folded == _fold_one_by_one(text) and len(folded) == len(text)


def test_fold_case_keeps_offsets_where_lowering_the_whole_text_would_not() -> None:
    assert "İstanbul".lower() != _fold_one_by_one("İstanbul") and fold_case("İstanbul") == "İstanbul"
    assert "ΟΔΟΣ".lower() == "οδος" and fold_case("ΟΔΟΣ") == "οδοσ"  # a final sigma alone: σ, as before
    assert fold_case("Who signs an Office notice in DONGCHENG?") == "who signs an office notice in dongcheng?"


def test_understanding_a_question_does_not_grow_with_the_places_held() -> None:
    few, many = _places(5), _places(372)
    assert len(many) == 372
    question = "Who chairs the executive meeting in Dongcheng?"

    def cost(rows: list[JurisdictionRow]) -> float:
        assert [j.place.name for j in understand(question, rows).jurisdictions] == ["东城区"]  # builds the index
        start = time.perf_counter()
        for _ in range(50):
            understand(question, rows)
        return (time.perf_counter() - start) / 50

    small, large = min(cost(few) for _ in range(3)), min(cost(many) for _ in range(3))
    # Form by form, 372 places cost ~70× 5 places; with the index the length of the question sets the cost.
    assert large < small * 3 + 0.0005, (small, large)


@pytest.mark.parametrize("question", ["东城区常务会议多久召开一次？", "Who signs office notices in DONGCHENG?"])
def test_questions_understood_with_many_places_held(question: str) -> None:
    q = understand(question, _places(372))
    assert [j.place.name for j in q.jurisdictions] == ["东城区"] and q.intent is not None
