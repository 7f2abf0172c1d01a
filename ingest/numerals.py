"""Chinese numerals as used in article, chapter and item numbers (一 .. 九百九十九)."""

from __future__ import annotations

_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
           "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}

#: Characters a Chinese numeral may contain (for building regexes).
CN_NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS)


def parse_number(text: str) -> int | None:
    """Parse '五十五', '十一', '一百零五', '55' or '５５'; None when it is not a number.

    >>> parse_number("五十五"), parse_number("十"), parse_number("一百零五"), parse_number("12")
    (55, 10, 105, 12)
    """
    text = text.strip()
    if not text:
        return None
    if text.isdigit():
        return int(text)
    total = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            return None
    if digit is not None:
        total += digit
    return total
