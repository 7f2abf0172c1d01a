"""English names of jurisdictions: pinyin without the level suffix, place-name readings kept."""

from __future__ import annotations

import pytest

from ingest.graph import jurisdiction_english


@pytest.mark.parametrize(
    ("name", "english"),
    [("朝阳区", "Chaoyang"), ("海淀区", "Haidian"), ("安吉县", "Anji"), ("厦门市", "Xiamen"), ("单县", "Shanxian"),
     # every level: a suffix English keeps stays, the peoples of an autonomous county are dropped
     ("河西高新区", "Hexi High-tech Zone"), ("松江经济技术开发区", "Songjiang Economic and Technological Development Zone"),
     ("浦东新区", "Pudong New Area"), ("北山地区", "Beishan Prefecture"), ("查干旗", "Chagan"),
     ("景宁畲族自治县", "Jingning"), ("民和回族土族自治县", "Minhe"), ("鄂温克族自治旗", "Ewenkezu")],
)
def test_jurisdiction_english(name: str, english: str) -> None:
    assert jurisdiction_english(name) == english
