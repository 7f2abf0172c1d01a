"""The trie-shaped surface pattern finds exactly what the longest-first alternation finds."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from schema.surface_matcher import SurfacePattern
from schema.vocabulary import KINDS, LEVELS, Kind, Mention, load_vocabulary

VOCABULARY = load_vocabulary()
#: every form the vocabulary finds, at any level
FORMS = sorted(s for level in (None, *LEVELS) for s, _ in VOCABULARY._matcher(level).surfaces.items())
#: characters around the forms: CJK the forms use, punctuation, Latin, digits, regex metacharacters
NOISE = "区县市长副政府办公室会议主任的和、，。；（）() .*+?[]|\\^$1a\n"


def alternation(forms: list[str]) -> re.Pattern[str]:
    """The matcher the trie replaces: every form, longest first, in one alternation."""
    return re.compile("|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)))


def naive_spans(forms: list[str], text: str) -> list[tuple[int, int]]:
    """Leftmost-longest, non-overlapping, by trying every form at every position."""
    spans, pos = [], 0
    while pos < len(text):
        here = [f for f in forms if text.startswith(f, pos)]
        if here:
            end = pos + max(map(len, here))
            spans.append((pos, end))
            pos = end
        else:
            pos += 1
    return spans


def spans(pattern: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    return [m.span() for m in pattern.finditer(text)]


def pieces(forms: list[str]) -> st.SearchStrategy[str]:
    """A text made of forms, their prefixes and suffixes (near misses), and noise."""
    form = st.sampled_from(forms)
    part = st.one_of(
        form,
        st.builds(lambda f, n: f[: max(1, n % len(f))], form, st.integers(0, 20)),
        st.builds(lambda f, n: f[n % len(f):], form, st.integers(0, 20)),
        st.text(alphabet=NOISE, max_size=4),
    )
    return st.lists(part, max_size=25).map("".join)


#: small forms over few characters: many share prefixes or are prefixes of each other
small_forms = st.lists(st.text(alphabet="ab(c区长", min_size=1, max_size=5), min_size=1, max_size=12, unique=True)


@given(data=st.data(), forms=small_forms)
def test_small_alphabet_matches_the_alternation_and_the_naive_scan(data: st.DataObject, forms: list[str]) -> None:
    text = data.draw(pieces(forms))
    expected = naive_spans(forms, text)
    assert spans(alternation(forms), text) == expected
    assert spans(SurfacePattern(forms).pattern, text) == expected


@settings(max_examples=300)
@given(text=pieces(FORMS), level=st.sampled_from([None, *LEVELS]),
       kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=4, unique=True).map(tuple))
def test_vocabulary_find_is_the_longest_first_alternation(text: str, level: str | None, kinds: tuple[Kind, ...]) -> None:
    matcher = VOCABULARY._matcher(level)
    expected = [
        Mention(m.start(), m.end(), m.group(), term)
        for m in alternation(list(matcher.surfaces)).finditer(text)
        if (term := matcher.surfaces[m.group()]).kind in kinds
    ]
    assert VOCABULARY.find(text, kinds, level) == expected


def test_a_form_that_is_a_prefix_of_another_loses_to_the_longer_one() -> None:
    pattern = SurfacePattern(["区长", "区长助理", "长助"]).pattern
    assert spans(pattern, "区长助理，区长助") == [(0, 4), (5, 7)]


def test_no_forms_find_nothing_and_an_empty_form_is_refused() -> None:
    assert SurfacePattern([]).pattern.findall("区长") == []
    with pytest.raises(ValueError, match="empty"):
        SurfacePattern(["区长", ""])


@settings(max_examples=200)
@given(text=pieces(FORMS), level=st.sampled_from([None, *LEVELS]),
       kinds=st.lists(st.sampled_from(KINDS), min_size=1, max_size=4, unique=True).map(tuple))
def test_occurs_is_whether_any_form_of_the_kinds_is_a_substring(text: str, level: str | None,
                                                                 kinds: tuple[Kind, ...]) -> None:
    forms = [s for s, t in VOCABULARY._matcher(level).surfaces.items() if t.kind in kinds]
    assert VOCABULARY.occurs(text, kinds, level) == any(f in text for f in forms)
