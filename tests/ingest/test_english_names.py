"""English names of jurisdictions: pinyin without the level suffix, place-name readings kept."""

from __future__ import annotations

import pytest

from ingest.graph import jurisdiction_english


@pytest.mark.parametrize(
    ("name", "english"),
    [("朝阳区", "Chaoyang"), ("海淀区", "Haidian"), ("安吉县", "Anji"), ("厦门市", "Xiamen"), ("单县", "Shanxian")],
)
def test_jurisdiction_english(name: str, english: str) -> None:
    assert jurisdiction_english(name) == english
