"""ingest.metadata: title, jurisdiction, document number, dates, status, repeals."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

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


# ------------------------------------------------------- identity (ingest/identity.py)

IDENTITY_DOCS = Path(__file__).resolve().parents[1] / "data" / "docs" / "identity"


@pytest.mark.parametrize(
    ("file", "name", "full", "parent", "level", "identified_by"),
    [
        # the heading names no place; the first article does (…第十八届人民代表大会), 本县 the level
        ("county_first_article.txt", "清河县", "清河县", None, "county", "body"),
        # the title says only 行政公署工作规则; the notice's issuer names the prefecture
        ("prefecture_agency.txt", "塔城地区", "塔城地区", None, "prefecture", "notice"),
        # a development zone run by a 管委会; the rules speak of 市政府, the zone is named after no city
        ("zone.txt", "南沙经济技术开发区", "南沙经济技术开发区", None, "zone", "title"),
        # a county-level city whose second article names the city that governs it
        ("county_city.txt", "福清市", "福清市", "福州市", "city", "title"),
        # nothing in the text names the government
        ("unnamed.txt", None, None, None, None, None),
    ],
)
def test_identity_of_written_documents(file, name, full, parent, level, identified_by):
    text = (IDENTITY_DOCS / file).read_text(encoding="utf-8")
    meta = metadata_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_full, meta.parent, meta.level, meta.identified_by) == (
        name, full, parent, level, identified_by)


@pytest.mark.parametrize(
    ("text", "name", "full", "parent", "level", "identified_by"),
    [
        # title > notice: the title's place wins over the notice's issuer
        ("某某市人民政府关于印发长安区人民政府工作规则的通知\n长安区人民政府工作规则\n" + BODY,
         "长安区", "长安区", None, "district", "title"),
        # the issuer of the notice (a zone's 管委会)
        ("高新区管委会关于印发《管委会工作规则》的通知\n" + BODY, None, None, None, None, None),
        ("洛川高新区管委会关于印发《管委会工作规则》的通知\n" + BODY,
         "洛川高新区", "洛川高新区", None, "zone", "notice"),
        # a labelled issuing-body field of a website's metadata block
        ("发布机构：平安县人民政府\n" + BODY, "平安县", "平安县", None, "county", "issuer"),
        # a signature line
        ("各乡镇人民政府：\n现将本规则印发给你们。\n平安县人民政府\n2020年1月2日\n" + BODY,
         "平安县", "平安县", None, "county", "issuer"),
        # the body only: 中共…县委, with 县政府 for the level; a party committee of another level does not count
        ("第一条 县政府在中共平安县委领导下开展工作。\n第二条 县政府对县人民代表大会负责。\n第三条 乙。\n",
         "平安县", "平安县", None, "county", "body"),
        # 结合某某实际 with 本县: the level comes from the body; the document number picks the place
        ("第一条 结合永和实际，制定本规则。\n第二条 县政府工作的准则。\n第三条 本县。\n",
         "永和县", "永和县", None, "county", "body"),
        # a new area with a 人民政府 is a district; with a 管委会 it is a new area
        ("某某省某某市临江新区人民政府工作规则\n" + BODY, "临江新区", "某某省某某市临江新区", "某某市", "district", "title"),
        ("临江新区管理委员会工作规则\n" + BODY, "临江新区", "临江新区", None, "new_area", "title"),
        # an autonomous county and a banner
        ("某某瑶族自治县人民政府工作规则\n" + BODY, "某某瑶族自治县", "某某瑶族自治县", None, "county", "title"),
        ("某某右翼前旗人民政府工作规则\n" + BODY, "某某右翼前旗", "某某右翼前旗", None, "banner", "title"),
        # 参照《某某市人民政府工作规则》 names another government's rules, never this one
        ("第一条 参照《平安市人民政府工作规则》，制定本规则。\n第二条 甲。\n第三条 乙。\n", None, None, None, None, None),
    ],
)
def test_identity_in_order_of_trust(text, name, full, parent, level, identified_by):
    meta = metadata_of(text)
    assert (meta.jurisdiction, meta.jurisdiction_full, meta.parent, meta.level, meta.identified_by) == (
        name, full, parent, level, identified_by)


def test_a_named_jurisdiction_wins_and_keeps_what_the_text_adds():
    from ingest.identity import named_identity

    norm = normalize(decode_bytes((IDENTITY_DOCS / "unnamed.txt").read_bytes(), "unnamed.txt"))
    meta = extract_metadata(norm, named_identity("湖北省随州市"))
    assert (meta.jurisdiction, meta.jurisdiction_full, meta.parent, meta.level, meta.identified_by) == (
        "随州市", "湖北省随州市", "湖北省", "city", "named")
    city = normalize(decode_bytes((IDENTITY_DOCS / "county_city.txt").read_bytes(), "county_city.txt"))
    meta = extract_metadata(city, named_identity("福清市"))
    assert (meta.jurisdiction, meta.parent, meta.identified_by) == ("福清市", "福州市", "named")


@pytest.mark.parametrize("name", ["昭通", "", "各县人民政府", "市"])
def test_a_named_jurisdiction_must_say_its_level(name):
    from ingest.identity import named_identity

    with pytest.raises(ValueError, match="cannot tell the level of government"):
        named_identity(name)


@pytest.mark.parametrize(
    ("name", "government", "level"),
    [
        ("朝阳区", None, "district"), ("安吉县", None, "county"), ("某某自治县", None, "county"),
        ("某某旗", None, "banner"), ("某某自治旗", None, "banner"), ("昆仑市", None, "city"),
        ("某某高新区", None, "zone"), ("某某经济技术开发区", "管理委员会", "zone"), ("某某区", "管委会", "zone"),
        ("某某新区", None, "new_area"), ("某某新区", "人民政府", "district"),
        ("某某地区", None, "prefecture"), ("某某盟", None, "prefecture"), ("某某", "行政公署", "prefecture"),
        ("某某", None, None), ("区", None, None),
    ],
)
def test_level_of_a_name(name, government, level):
    from schema.vocabulary import level_of

    assert level_of(name, government) == level


@pytest.mark.parametrize(
    ("front", "doc_number", "issued", "published"),
    [
        ("发文字号: | 吉经开管发〔2018〕100号 |\n成文日期: | 2018年10月09日 |\n发布日期: | 2018年10月10日 |\n",
         "吉经开管发〔2018〕100号", "2018-10-09", "2018-10-10"),
        ("• 备注/文号:安政〔2022〕1号\n• 公文生成日期:2022-01-18\n时间:2022-01-29 20:16\n", "安政〔2022〕1号", "2022-01-18",
         "2022-01-29"),
        ("发布时间:2014年09月22日\n文政201443\n", "文政〔2014〕43号", None, "2014-09-22"),
        ("(2021年9月27日县人民政府第4次常务会议通过 2021年10月23日民政279号公布)\n", "民政279号", "2021-10-23", None),
        ("各镇人民政府：\n二○一二年二月二十三日\n", None, "2012-02-23", None),
    ],
)
def test_labelled_numbers_and_dates(front, doc_number, issued, published):
    meta = metadata_of(front + "长安区人民政府工作规则\n" + BODY)
    assert (meta.doc_number, meta.issued, meta.published) == (doc_number, issued, published)


def test_a_title_quoted_in_the_notice():
    meta = metadata_of("各乡镇：\n《平安县人民政府工作规则》已经县政府第3次常务会议通过，现予印发。\n第一章 总则\n" + BODY)
    assert meta.title == "平安县人民政府工作规则"
    other = metadata_of("参照《平安市人民政府工作规则》执行。\n第一章 总则\n" + BODY)
    assert other.title is None


def test_a_title_line_is_a_whole_line():
    meta = metadata_of("平安县管委会工作规则\n为推动管委会工作制度化、规范化，制定本规则。\n" + BODY)
    assert meta.title == "平安县管委会工作规则"


def test_the_governing_city_with_a_short_name_between():
    text = ("某某县人民政府工作规则\n第一条 县人民政府是某某州人民政府(以下简称“州政府”)领导下的县级国家行政机关。\n"
            "第二条 乙。\n第三条 丙。\n")
    assert metadata_of(text).parent == "某某州"


@pytest.mark.parametrize(("written", "adopted"), [
    ("已经2017216日市政府第6次常务会议研究通过", "2017-02-16"),  # 年 and 月 lost: only 2月16日 is a date
    ("已经20171231日市政府第6次常务会议研究通过", "2017-12-31"),
    ("已经2017111日市政府第6次常务会议研究通过", None),  # 1月11日 or 11月1日: not guessed
])
def test_a_compact_adoption_date(written, adopted):
    assert metadata_of(f"某某市人民政府工作规则\n{written}\n{BODY}").adopted == adopted


@pytest.mark.parametrize(("text", "name"), [
    ("洛阳市新安县", "新安县"), ("全椒县", "全椒县"), ("原阳县", "原阳县"),  # real names that open like a phrase
    ("全县", None), ("新区", None), ("原区", None), ("各县", None), ("本市", None),  # phrases, not places
])
def test_a_place_name_that_opens_like_a_phrase(text: str, name: str | None) -> None:
    from ingest.identity import parse_place

    found = parse_place(text)
    assert (found.name if found else None) == name
