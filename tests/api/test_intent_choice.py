"""Choosing a question's intent (graphql_api/question.py ``_intent``): each cue group searched as
one joined pattern, intents after the chosen one not tried, and still the intent the rule names —
the first that applies and has its slots, else the first that applies — as trying every
alternative of every intent chooses it."""

from __future__ import annotations

import re

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from graphql_api import question as q

from ..conftest import shared


def _every_alternative(masked: str, language: str, present: set[str]) -> q._Intent | None:
    applicable = [i for i in q.patterns().intents if all(any(p.search(masked) for p in g) for g in i.cues[language])]
    return next((i for i in applicable if set(i.needs) <= present), applicable[0] if applicable else None)


#: words of the cue patterns, so that random texts meet the cues
CUE_WORDS = sorted({w for i in q.patterns().intents for groups in i.cues.values() for g in groups for p in g
                    for w in re.findall(r"[a-z]{2,}|[\u4e00-\u9fff]+", p.pattern)})
SLOTS = ("issuer", "document", "meeting", "party", "genre", "recipient", "source", "target", "bearer")


def test_each_joined_group_matches_where_one_of_its_alternatives_does() -> None:
    texts = [*CUE_WORDS, *(f"{a} {b}?" for a, b in zip(CUE_WORDS, reversed(CUE_WORDS), strict=True))]
    for intent in q.patterns().intents:
        for language, groups in intent.cues.items():
            for group, joined in zip(groups, intent.groups[language], strict=True):
                for text in texts:
                    assert bool(joined.search(text)) == any(p.search(text) for p in group), (intent.name, text)


def test_real_questions_choose_the_same_intent() -> None:
    questions = yaml.safe_load(shared("real", "questions.yaml").read_text(encoding="utf-8"))
    assert len(questions) >= 25
    for entry in questions:
        text = entry["q"]
        language = q.language_of(text)
        for present in (set(), set(SLOTS), {"issuer", "document"}, {"meeting"}, {"party"}):
            assert q._intent(text, language, present) == _every_alternative(text, language, present), text


@settings(max_examples=300, deadline=None)
@given(words=st.lists(st.sampled_from(CUE_WORDS), min_size=1, max_size=6),
       glue=st.sampled_from([" ", "", "的", " the ", "？", "?"]),
       present=st.sets(st.sampled_from(SLOTS)))
def test_random_cue_texts_choose_the_same_intent(words: list[str], glue: str, present: set[str]) -> None:
    text = glue.join(words)
    for language in ("en", "zh"):
        assert q._intent(text, language, present) == _every_alternative(text, language, present)
