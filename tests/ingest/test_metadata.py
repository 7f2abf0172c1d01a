"""ingest.metadata: title, jurisdiction, document number, dates, status, repeals."""

from __future__ import annotations

import datetime as dt

import pytest

from ingest.decode import decode_bytes
from ingest.metadata import DOC_NUMBER, extract_metadata
from ingest.normalize import normalize

# gold `document` keys -> DocumentMetadata attributes (gold has no adopted_by)
DOCUMENT_KEYS = {
    "title": "title",
    "doc_number": "doc_number",
    "issued": "issued",
    "adopted": "adopted",
    "status": "status",
    "supersedes": "supersedes",
}
# gold `jurisdiction` keys -> attributes; name_en is not produced by the parser
JURISDICTION_KEYS = {"name": "jurisdiction", "full_name": "jurisdiction_full", "parent": "parent", "level": "level"}


def _as_parsed(value):
    """Gold values in the parser's types: YAML dates -> ISO strings, lists -> tuples."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return tuple(value)
    return value


def metadata_of(text: str):
    return extract_metadata(normalize(decode_bytes(text.encode("utf-8"), "t.txt")))


# ----------------------------------------------------------------------- seeds


def test_seed_document_matches_gold(gold, seed_tree):
    meta = seed_tree.metadata
    expected = {DOCUMENT_KEYS[k]: _as_parsed(v) for k, v in gold["document"].items() if k in DOCUMENT_KEYS}
    assert set(gold["document"]) <= set(DOCUMENT_KEYS), "gold has a document key the test does not map"
    assert {attr: getattr(meta, attr) for attr in expected} == expected


def test_seed_jurisdiction_matches_gold(gold, seed_tree):
    meta = seed_tree.metadata
    compared = {k: v for k, v in gold["jurisdiction"].items() if k != "name_en"}
    assert set(compared) <= set(JURISDICTION_KEYS), "gold has a jurisdiction key the test does not map"
    expected = {JURISDICTION_KEYS[k]: v for k, v in compared.items()}
    assert {attr: getattr(meta, attr) for attr in expected} == expected


# --------------------------------------------------------------- jurisdictions

BODY = "第一条 甲。\n第二条 乙。\n第三条 丙。\n"


@pytest.mark.parametrize(
    ("title", "name", "full", "parent", "level"),
    [
        ("河北省石家庄市长安区人民政府工作规则", "长安区", "河北省石家庄市长安区", "石家庄市", "district"),
        ("石家庄市长安区人民政府工作规则", "长安区", "石家庄市长安区", "石家庄市", "district"),
        ("长安区人民政府工作规则", "长安区", "长安区", None, "district"),
        ("某某县人民政府工作规则", "某某县", "某某县", None, "county"),
        ("某某自治县人民政府工作规则", "某某自治县", "某某自治县", None, "county"),
        ("内蒙古自治区呼伦贝尔市某某旗人民政府工作规则", "某某旗", "内蒙古自治区呼伦贝尔市某某旗", "呼伦贝尔市", "banner"),
        ("某某市人民政府工作规则", "某某市", "某某市", None, "city"),
        ("长安区人民政府工作规则(修订)", "长安区", "长安区", None, "district"),
    ],
)
def test_jurisdiction_from_title(title, name, full, parent, level):
    meta = metadata_of(f"{title}\n{BODY}")
    assert meta.title == title
    assert (meta.jurisdiction, meta.jurisdiction_full, meta.parent, meta.level) == (name, full, parent, level)


def test_city_from_the_letterhead_when_the_title_omits_it():
    front = (
        "石家庄市长安区人民政府文件\n长政发〔2024〕3号\n"
        "石家庄市长安区人民政府\n关于印发长安区人民政府工作规则的通知\n"
        "石家庄市长安区人民政府\n2024年5月6日\n长安区人民政府工作规则\n"
    )
    meta = metadata_of(front + BODY)
    assert meta.title == "长安区人民政府工作规则"
    assert (meta.jurisdiction_full, meta.parent) == ("石家庄市长安区", "石家庄市")
    assert meta.doc_number == "长政发〔2024〕3号"
    assert meta.issued == "2024-05-06"


def test_title_from_the_notice_when_no_title_line():
    meta = metadata_of("关于印发《长安区人民政府工作规则》的通知\n" + BODY)
    assert meta.title == "长安区人民政府工作规则"
    assert meta.jurisdiction == "长安区"


def test_no_title():
    meta = metadata_of(BODY)
    assert (meta.title, meta.jurisdiction, meta.level) == (None, None, None)


def test_traditional_title_is_shown_as_written_and_matched_simplified():
    meta = metadata_of("長安區人民政府工作規則\n" + BODY)
    assert meta.title == "長安區人民政府工作規則"
    assert (meta.jurisdiction, meta.level) == ("长安区", "district")


# --------------------------------------------------------- numbers and dates


@pytest.mark.parametrize(
    ("front", "doc_number", "issued"),
    [
        ("〔发文字号〕 长政发(2023) 12号\n〔成文日期〕 2023-07-01\n", "长政发〔2023〕12号", "2023-07-01"),
        ("[发文字号] 长政发［2023］12号\n[发布日期] 2023/7/1\n", "长政发〔2023〕12号", "2023-07-01"),
        ("长政发〔2024〕3号\n某某区人民政府\n2024年5月6日\n", "长政发〔2024〕3号", "2024-05-06"),
        ("长政办发〔 2024 〕 15 号\n", "长政办发〔2024〕15号", None),
        ("原长政发〔2018〕10号同时废止。\n", None, None),  # a repeal is not the document's own number
    ],
)
def test_doc_number_and_issued(front, doc_number, issued):
    meta = metadata_of(front + "长安区人民政府工作规则\n" + BODY)
    assert meta.doc_number == doc_number
    assert meta.issued == issued


def test_issued_from_the_printed_by_line():
    closing = "抄送：区委办公室。\n长安区人民政府办公室            2023年6月25日印发\n"
    meta = metadata_of("长安区人民政府工作规则\n" + BODY + closing)
    assert meta.issued == "2023-06-25"


@pytest.mark.parametrize(
    ("text", "adopted", "adopted_by"),
    [
        ("（2018年3月29日第28次区政府常务会议通过）", "2018-03-29", "第28次区政府常务会议"),
        ("已经2024年3月25日第84次区政府常务会议审议通过，现印发给你们。", "2024-03-25", "第84次区政府常务会议"),
        ("已于2023年6月7日经某某区第十八届人民政府第52次常务会议通过，现予印发。", "2023-06-07", "第52次常务会议"),
    ],
)
def test_adopted(text, adopted, adopted_by):
    meta = metadata_of(f"长安区人民政府工作规则\n{text}\n{BODY}")
    assert (meta.adopted, meta.adopted_by) == (adopted, adopted_by)


@pytest.mark.parametrize(
    ("marker", "status"),
    [("（征求意见稿）", "draft"), ("（草案）", "draft"), ("（送审稿）", "draft"), ("（此件公开发布）", "effective")],
)
def test_status(marker, status):
    assert metadata_of(f"长安区人民政府工作规则\n{marker}\n{BODY}").status == status


@pytest.mark.parametrize(
    ("last_article", "supersedes"),
    [
        ("本规则自发布之日起施行。原《长安区人民政府工作规则》（长政发〔2018〕37号）同时废止。", ("长政发〔2018〕37号",)),
        ("本规则自印发之日起施行，长政发〔2019〕5号、长政办发（2020）8号停止执行。", ("长政发〔2019〕5号", "长政办发〔2020〕8号")),
        ("本规则自发布之日起施行。", ()),
        ("依照长政发〔2019〕5号执行。", ()),  # cited, not repealed
    ],
)
def test_supersedes(last_article, supersedes):
    meta = metadata_of(f"长安区人民政府工作规则\n第一条 甲。\n第二条 乙。\n第三条 {last_article}\n")
    assert meta.supersedes == supersedes


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("长政发〔2024〕2号", "长政发〔2024〕2号"),
        ("原长政发〔2018〕10号", "长政发〔2018〕10号"),
        ("京政办发（2020）8号", "京政办发（2020）8号"),
        ("长政发〔 2024 〕 2 号", "长政发〔 2024 〕 2 号"),
        ("2024年2号", None),
    ],
)
def test_doc_number_pattern(text, match):
    found = DOC_NUMBER.search(text)
    assert (found.group() if found else None) == match
