"""The one-for-one character changes of normalization (widths, spaces, brackets, half-width
punctuation) are exactly those of the character-by-character rules they are written for."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from ingest.normalize import _BRACKETS, _SPACES, _TO_FULL, _Text, _unify_characters
from schema.script import to_simplified


def unified_char_by_char(text: str) -> str:
    """The rules, one character at a time, in their order of precedence."""
    chars = list(text)
    for i, ch in enumerate(chars):
        code = ord(ch)
        if 0xFF10 <= code <= 0xFF19 or 0xFF21 <= code <= 0xFF3A or 0xFF41 <= code <= 0xFF5A:
            chars[i] = chr(code - 0xFEE0)
        elif ch in _SPACES:
            chars[i] = _SPACES[ch]
        elif ch in _BRACKETS:
            chars[i] = _BRACKETS[ch]
    for i, ch in enumerate(chars):
        if ch in _TO_FULL:
            before = chars[i - 1] if i else " "
            after = chars[i + 1] if i + 1 < len(chars) else " "
            if not (before.isascii() and before.isalnum() and after.isascii() and after.isalnum()):
                chars[i] = _TO_FULL[ch]
    return to_simplified("".join(chars))


#: full-width digits and letters and their neighbours, spaces, brackets, punctuation, traditional script
ALPHABET = "１０ＡＺａｚ＠［］1a Z\u00a0\u3000\t[]〖〗,:;()?!，會議區長发 \n"


@given(st.text(alphabet=ALPHABET, max_size=40))
def test_unified_characters_are_those_of_the_char_by_char_rules(text: str) -> None:
    doc = _Text(text, array("l", range(len(text) + 1)))
    _unify_characters(doc)
    assert doc.text == unified_char_by_char(text)
    assert len(doc.text) == len(text)


def test_a_comma_between_digits_stays_half_width_and_others_become_full_width() -> None:
    doc = _Text("１,０００元,共(3)项", array("l", range(13)))
    _unify_characters(doc)
    assert doc.text == "1,000元，共（3）项"
