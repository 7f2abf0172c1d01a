"""The synthetic documents the reliability tests feed the system are what they claim."""

from __future__ import annotations

import pytest

from ingest.numerals import parse_number
from ingest.parse import parse_document

from .documents import JURISDICTIONS, chinese_number, document_of_size, rules_document


def test_chinese_numbers_read_back_as_written() -> None:
    assert [chinese_number(n) for n in (1, 10, 11, 20, 105, 110, 1001, 9999)] == [
        "一", "十", "十一", "二十", "一百零五", "一百一十", "一千零一", "九千九百九十九"]
    assert all(parse_number(chinese_number(n)) == n for n in range(1, 10000))
    with pytest.raises(ValueError):
        chinese_number(10000)


def test_rules_document_parses_as_written() -> None:
    tree = parse_document(rules_document("朝阳区", articles=20, per_chapter=8).encode("utf-8"), "x.txt")
    assert len(tree.articles) == 20 and len(tree.chapters) == 3
    assert tree.metadata.jurisdiction == "朝阳区"
    assert not tree.warnings


def test_document_of_size_is_at_least_that_big() -> None:
    data = document_of_size(300_000)
    assert 300_000 <= len(data) < 400_000


def test_document_set_jurisdictions_are_distinct() -> None:
    assert len(set(JURISDICTIONS)) == len(JURISDICTIONS) >= 24
