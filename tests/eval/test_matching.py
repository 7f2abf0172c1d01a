"""How gold names and predicted entities are matched (the rules the scores rest on)."""

from __future__ import annotations

from govgraph.eval_matching import Names, SectionScore, match_units
from ingest.fact_values import EntityRef
from schema.vocabulary import load_vocabulary

NAMES = Names(load_vocabulary())


def role(key: str, name: str) -> EntityRef:
    return EntityRef("role", key, name)


def test_vocabulary_names_match_by_key_across_levels_and_aliases() -> None:
    head = role("head", "县长")
    assert NAMES.same("区长", head)
    assert NAMES.same("县长", head)
    assert not NAMES.same("副区长", head)
    assert NAMES.same("常务副区长", role("executive_deputy_head", "常务副县长"))
    assert NAMES.same("负责常务工作的副区长", role("executive_deputy_head", "常务副区长"))


def test_alternatives_and_descriptive_names() -> None:
    descriptive = EntityRef("role", "x:与议题相关的部门负责同志", "与议题相关的部门负责同志")
    assert NAMES.same("与议题相关的部门负责人", descriptive)
    assert NAMES.same("区政府领导|与议题相关的部门负责人", descriptive)
    # a short name inside a much longer one is not the same person
    assert not NAMES.same("负责人", EntityRef("role", "x:与议题相关的部门主要负责人", "与议题相关的部门主要负责人"))


def test_one_to_one_matching_counts_each_unit_once() -> None:
    score = match_units("s", [1, 1, 2], [1, 3], lambda g, p: g == p, str, str)
    assert (score.matched_gold, score.matched_predicted, score.gold, score.predicted) == (1, 1, 3, 2)
    assert score.misses == ["1", "2"] and score.false_hits == ["3"]
    assert abs(score.precision - 0.5) < 1e-9 and abs(score.recall - 1 / 3) < 1e-9


def test_empty_sections_score_as_perfect_only_when_gold_is_empty() -> None:
    assert SectionScore("s").precision == 1.0 and SectionScore("s").recall == 1.0
    assert SectionScore("s", predicted=0, gold=2).precision == 0.0
