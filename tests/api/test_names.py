"""Names as people type them: Chinese, English, pinyin, aliases; unknown names list close matches."""

from __future__ import annotations

import pytest

from graphql_api.names import (
    UnknownName,
    find_open,
    open_keys,
    pinyin_key,
    resolve_document,
    resolve_jurisdiction,
    resolve_term,
)
from schema import row_mapping
from schema.rows import PlaceRow

from .test_question import CHAOYANG, HAIDIAN, SOMECOUNTY

HELD = [CHAOYANG, HAIDIAN, SOMECOUNTY]
DOCS = [row_mapping.document(props, (), ()) for props in (
    {"key": "doc-1", "title": "北京市朝阳区人民政府工作规则", "docNumber": "朝政发〔2024〕1号", "file": "chaoyang.txt",
     "status": "effective"},
    {"key": "doc-0", "title": "北京市朝阳区人民政府工作规则（2018）", "docNumber": "朝政发〔2018〕9号", "file": "old.txt",
     "status": "superseded"},
)]


@pytest.mark.parametrize("name", ["朝阳区", "朝阳", "北京市朝阳区", "Chaoyang", "chaoyang district", "CHAOYANG",
                                  "chaoyangqu", "Chao Yang", "beijingshichaoyangqu", "jur:北京市朝阳区"])
def test_jurisdiction_forms(name: str) -> None:
    assert resolve_jurisdiction(name, HELD).place.key == CHAOYANG.place.key


def test_unknown_jurisdiction_lists_close_matches() -> None:
    with pytest.raises(UnknownName) as err:
        resolve_jurisdiction("朝阳县", HELD)
    assert "unknown jurisdiction '朝阳县'" in str(err.value) and "朝阳区" in err.value.close_matches
    assert err.value.extensions == {"code": "UNKNOWN_NAME", "status": 400}


@pytest.mark.parametrize("name,key", [
    ("区政府办公室", "government_office"),
    ("县政府办公室", "government_office"),
    ("区政府办", "government_office"),
    ("office", "government_office"),
    ("District Government Office", "government_office"),
    ("government_office", "government_office"),
    ("quzhengfubangongshi", "government_office"),
    ("Qu Zhengfu Bangongshi", "government_office"),
    ("常务会议", "executive"),
    ("executive meeting", "executive"),
    ("changwuhuiyi", "executive"),
    ("party_group", "party_group"),  # a key wins over another term's English alias ('party group')
    ("党组会议", "party_group"),
])
def test_issuer_forms(name: str, key: str) -> None:
    assert resolve_term("issuer", name, ("body", "meeting")).key == key


@pytest.mark.parametrize("name,key", [("通知", "notice"), ("notice", "notice"), ("tongzhi", "notice"), ("纪要", "minutes")])
def test_genre_forms(name: str, key: str) -> None:
    assert resolve_term("genre", name, ("genre",)).key == key


@pytest.mark.parametrize("name,key", [("区长", "head"), ("mayor", "head"), ("quzhang", "head"),
                                      ("负责常务工作的副区长", "executive_deputy_head"), ("主管副区长", "deputy_head_in_charge")])
def test_role_forms(name: str, key: str) -> None:
    assert resolve_term("from", name, ("role", "body", "meeting")).key == key


def test_unknown_term_lists_close_matches() -> None:
    with pytest.raises(UnknownName) as err:
        resolve_term("issuer", "区政府办公", ("body", "meeting"))
    assert "区政府办公室" in str(err.value)


def test_pinyin_key() -> None:
    assert pinyin_key("区政府办公室") == "quzhengfubangongshi"
    assert pinyin_key("Qu-Zhengfu") == "quzhengfu"


@pytest.mark.parametrize("name,key", [("doc-0", "doc-0"), ("朝政发〔2024〕1号", "doc-1"),
                                      ("北京市朝阳区人民政府工作规则（2018）", "doc-0"), ("chaoyang.txt", "doc-1")])
def test_document_forms(name: str, key: str) -> None:
    assert resolve_document(name, DOCS).key == key


def test_unknown_document_lists_close_matches() -> None:
    with pytest.raises(UnknownName) as err:
        resolve_document("朝政发〔2024〕2号", DOCS)
    assert "朝政发〔2024〕1号" in str(err.value)


# ------------------------------------------------------------ names outside the vocabulary

OPEN_ROWS = [row_mapping.meeting(props, [], None, None, [], []) for props in (
    {"key": "doc-9:meeting:x:{L}政府工作协调会", "kind": "x:{L}政府工作协调会", "name": "县政府工作协调会",
     "nameEn": "County Government Work Coordination Meeting"},
    {"key": "doc-9:meeting:x:安全生产联席会议", "kind": "x:安全生产联席会议", "name": "安全生产联席会议",
     "nameEn": "Work Safety Joint Meeting"},
    {"key": "doc-9:meeting:executive", "kind": "executive", "name": "县政府常务会议", "nameEn": None},
)]


@pytest.mark.parametrize(("name", "kind"), [
    ("县政府工作协调会", "x:{L}政府工作协调会"),
    ("縣政府工作協調會", "x:{L}政府工作协调会"),  # traditional script
    ("区政府工作协调会", "x:{L}政府工作协调会"),  # another level's name for it
    ("管委会工作协调会", "x:{L}政府工作协调会"),
    ("x:{L}政府工作协调会", "x:{L}政府工作协调会"),  # the key
    ("county government work coordination meeting", "x:{L}政府工作协调会"),
    ("xianzhengfugongzuoxietiaohui", "x:{L}政府工作协调会"),  # pinyin
    ("安全生产联席会议", "x:安全生产联席会议"),
    ("Work Safety Joint Meeting", "x:安全生产联席会议"),
])
def test_open_names_are_found_by_any_of_their_names(name: str, kind: str) -> None:
    assert [r.kind for r in find_open("meeting", name, OPEN_ROWS)] == [kind]


def test_a_name_nothing_has_is_still_an_error() -> None:
    with pytest.raises(UnknownName, match="did you mean"):
        find_open("meeting", "工作协调会议室", OPEN_ROWS)


def test_open_keys_cover_every_level() -> None:
    assert {"x:{L}长助理", "x:县长助理"} <= open_keys("县长助理")


def test_an_english_name_is_found_as_written_and_without_its_apostrophe() -> None:
    from graphql_api.names import latin_forms

    forms = latin_forms(PlaceRow(key="jur:河北省文安县", name="文安县", full_name="河北省文安县", name_en="Wen'an",
                                 level="county", parent=None))
    assert {"wen'an", "wenan"} <= forms
