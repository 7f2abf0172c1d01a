"""ingest.numerals: Chinese and Arabic numerals as article, chapter and item numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.numerals import CN_NUMERAL_CHARS, parse_number


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("一", 1),
        ("两", 2),
        ("九", 9),
        ("十", 10),
        ("十一", 11),
        ("十九", 19),
        ("二十", 20),
        ("二十一", 21),
        ("五十五", 55),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百〇五", 105),
        ("一百一十", 110),
        ("一百一十一", 111),
        ("二百三十四", 234),
        ("九百九十九", 999),
        ("一千零一", 1001),
        ("1", 1),
        ("55", 55),
        ("０５５", 55),  # full-width digits
        ("５５", 55),
        (" 12 ", 12),
        ("\u3000十二\u3000", 12),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "abc", "第一", "一a", "五、", "1.5", "十条", "-3"])
def test_not_a_number(text):
    assert parse_number(text) is None


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 999))
def test_chinese_numerals_round_trip(n, chinese_numeral):
    written = chinese_numeral(n)
    assert set(written) <= set(CN_NUMERAL_CHARS)
    assert parse_number(written) == n
    assert parse_number(str(n)) == n


def test_numeral_characters_cover_the_variants():
    # markers.py builds its regexes from this set: every spelling must be in it
    for ch in "零〇○一二两三四五六七八九十百千":
        assert ch in CN_NUMERAL_CHARS
