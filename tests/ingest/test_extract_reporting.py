"""Reporting lines: report verbs, their targets, and the source each clause speaks for.

Small documents are written inline (a county in 第X条 style); the two documents in
tests/data/docs/reporting_*.txt are checked line for line against their gold file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from ingest.extract.common import Context
from ingest.extract.parties import parse_parties
from ingest.extract.reporting import extract_reporting
from ingest.parse import parse_document, parse_file
from schema.vocabulary import load_vocabulary

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = DOCS / "reporting_gold.yaml"
VOCAB = load_vocabulary()


def county(*articles: str) -> Context:
    """A county's rules with the given articles (第一条 … ), parsed for extraction."""
    body = "\n\n".join(f"第{'一二三四五六七八九十'[i]}条　{text}" for i, text in enumerate(articles))
    filler = "\n\n".join(f"第{'一二三四五六七八九十'[len(articles) + i]}条　本规则由县政府办公室负责解释。" for i in range(2))
    text = f"某县人民政府工作规则\n\n{body}\n\n{filler}\n"
    return Context(parse_document(text.encode("utf-8"), "county.txt"))


def lines(ctx: Context) -> set[tuple[int, str, str]]:
    return {(line.evidence.article, line.source.name, line.target.name) for line in extract_reporting(ctx)}


# ------------------------------------------------------------------ the patterns


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        # 向X报告, with coordinated targets split
        ("县政府重大事项须及时向县委、县人大常委会报告。", {("县政府", "县委"), ("县政府", "县人大常委会")}),
        # 报X备案 holds in any context
        ("县政府各部门制定的规范性文件，应当报县司法局备案。", {("县政府各部门", "县司法局")}),
        # 对X负责
        ("县审计局依法独立行使审计监督权，对县政府负责。", {("县审计局", "县政府")}),
        # a chain of approvals in a leave context: two lines
        ("副县长离县外出，须报常务副县长同意后报县长审批。", {("副县长", "常务副县长"), ("副县长", "县长")}),
        # 经X批准 in a leave context
        ("县政府办公室主任离县外出，须经县长批准。", {("县政府办公室主任", "县长")}),
        # X…须向Y请假: the subject opens the clause, the verb comes later
        ("县政府领导同志不能出席县政府常务会议的，须向县长请假。", {("县政府领导", "县长")}),
        # 由X…向Y报告: the one who reports is named by 由
        ("其他参会人员请假，由县政府办公室汇总后向县长报告。", {("县政府办公室", "县长")}),
        # 书面报告X
        ("各乡镇主要负责人离县外出，须书面报告分管副县长。", {("各乡镇主要负责人", "分管副县长")}),
        # coordinated bodies share the role word that follows them
        (
            "县政府各部门和各乡镇的行政正职离县外出，应事前向县长请假。",
            {("县政府各部门行政正职", "县长"), ("各乡镇的行政正职", "县长")},
        ),
        # 向其报告: the body named before; 县人大及其常委会 is both bodies
        ("县政府接受县人大及其常委会的监督，向其报告工作。", {("县政府", "县人大"), ("县政府", "县人大常委会")}),
        # 报X审批 routes a matter for approval: the document's owner brings it
        ("县政府各部门的请示，报分管副县长审核后报县长审批。", {("县政府各部门", "县长")}),
        # 报送X: materials submitted to a named recipient
        ("议题提出部门须于会议召开前3天将会议材料报送县政府办公室。", {("议题提出部门", "县政府办公室")}),
        # 提交X讨论 as a required step; an article with no subject speaks of the government
        ("涉及全县发展的重大事项，经县政府会议研究后，提交县委常委会讨论。", {("县政府", "县委常委会")}),
        # 按照X分工呈批, then 报X审批: the office that handles the document
        (
            "县政府各部门报送县政府审批的公文，由县政府办公室按照县政府领导分工呈批，重大事项报县长审批。",
            {("县政府办公室", "县政府领导"), ("县政府办公室", "县长")},
        ),
        # 经X审核后报Y: the reviewer brings it when no one else is named
        ("对贺信题词一般不予安排。特殊情况，经县政府办公室审核后，报有关县领导审批。", {("县政府办公室", "县政府领导")}),
        # 向X反馈, and a described traveller: every coordinated member is its own line
        ("县政府各部门对县领导的批示，要随时向县领导反馈落实情况。", {("县政府各部门", "县政府领导")}),
        (
            "县政府各部门和各乡镇的正科级人员因公出访，报县委书记、县长审批。",
            {("县政府各部门正科级人员", "县委书记"), ("县政府各部门正科级人员", "县长"),
             ("各乡镇的正科级人员", "县委书记"), ("各乡镇的正科级人员", "县长")},
        ),
        # a coordinated list with a development zone: each member is its own line
        ("各乡镇、开发区要及时向县政府总值班室报告突发事件信息。", {("乡镇人民政府", "县政府总值班室"), ("开发区", "县政府总值班室")}),
        # an alternate recipient described by a clause is a second line, read as its role
        ("副县长由本人提前半天向县长或主持工作的常务副县长报告。", {("副县长", "县长"), ("副县长", "常务副县长")}),
        # leaving the place by its short name (any one, none is listed): a leave sentence, so 告知X is a line
        ("县长离皖出差，须提前向市长请假，经批准后告知县委办公室。", {("县长", "市长"), ("县长", "县委办公室")}),
        # a rule in the parenthesis of a meeting's task speaks of the government
        (
            "县政府常务会议的主要任务是：研究审议追加额度在500万元以上的经费使用事项（追加额度在1000万元以上的重大事项报县委常委会研究审议），研究其他事项。",
            {("县政府", "县委常委会")},
        ),
        # X并Y审批: both approve
        ("重要事项由县政府办公室报送常务副县长并县长审批。", {("县政府办公室", "常务副县长"), ("县政府办公室", "县长")}),
    ],
)
def test_report_patterns(article: str, expected: set[tuple[str, str]]) -> None:
    assert {(source, target) for _, source, target in lines(county(article))} == expected


@pytest.mark.parametrize(
    "article",
    [
        # a meeting's agenda item names a kind of matter, not a line
        "县政府常务会议的主要议题是：讨论决定需要向县委请示的重要事项；研究县政府工作中的重要问题。",
        # an optional report is not a must-report line
        "必要时，县政府可以向县人大常委会报告有关专项工作。",
        # 受X领导 is not a report line
        "县政府各部门受县政府统一领导。",
        # a document sent for review (报X审核) is not a line; neither is 报X签发 (signing)
        "县政府各部门的文件，报县政府办公室审核。",
        "以县政府名义制发的公文，报县长签发。",
        # a report with no named reporter (the sentence before names none either)
        "县政府领导同志要减少事务性活动。会见外宾尽量精简陪同人员。涉外会议须经外事部门审核后按程序向市级部门报批。",
        # a prohibition
        "县政府各部门不得越级报送公文，也不得向县政府领导个人报送公文。",
    ],
)
def test_not_report_lines(article: str) -> None:
    assert lines(county(article)) == set()


def test_source_defaults_to_the_article_subject() -> None:
    """区政府各部门…；…须报区政府: the clause that omits its subject keeps the article's."""
    ctx = county("县政府各部门要加强规范性文件管理；制定的规范性文件，须报县政府备案。")
    assert lines(ctx) == {(1, "县政府各部门", "县政府")}


def test_source_defaults_to_the_government_when_no_one_is_named() -> None:
    ctx = county("坚持重大事项请示报告制度，重大事项及时向县委请示报告。")
    assert lines(ctx) == {(1, "县政府", "县委")}


def test_one_line_per_pair_and_passage_with_evidence_covering_both() -> None:
    ctx = county("副县长离县外出，须事前向县长请假。回县后，应向县长销假。")
    (line,) = extract_reporting(ctx)
    assert (line.source.name, line.target.name) == ("副县长", "县长")
    assert line.evidence.text == "副县长离县外出，须事前向县长请假。回县后，应向县长销假。"
    assert line.matter == "离县外出请假、回县后销假"


def test_matter_is_a_short_phrase_of_the_clause() -> None:
    (line,) = extract_reporting(county("县政府依法向县人大常委会报告重大事项和专项工作。"))
    assert line.matter == "报告重大事项和专项工作"


def test_known_and_descriptive_entities() -> None:
    ctx = county("县政府各部门主要负责人离县外出，须向县长请假。")
    (line,) = extract_reporting(ctx)
    assert line.target.known and line.target.key == "head"
    assert not line.source.known and line.source.key == "x:{L}政府各部门主要负责人"  # level-free: a district's is the same key


def test_parse_parties_drops_parentheticals_and_unanchored_parts() -> None:
    ctx = county("县政府工作。")
    names = [ref.name for ref in parse_parties(ctx, "县政府办公室（县政府总值班室）、上级单位和县委")]
    assert names == ["县政府办公室", "县委"]


# ------------------------------------------------------------------ documents and gold


def _gold_documents() -> list[dict]:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


def _same(gold_name: str, name: str, key: str) -> bool:
    """A gold name (alternatives joined by |) names the predicted entity: same vocabulary
    key, or for a descriptive name the same surface without 的/同志."""
    for alternative in gold_name.split("|"):
        term = VOCAB.resolve(alternative)
        if term is not None and term.key == key:
            return True
        if term is None and re.sub("的|同志", "", alternative) == re.sub("的|同志", "", name):
            return True
    return False


@pytest.mark.parametrize("doc", _gold_documents(), ids=lambda d: d["file"])
def test_documents_match_their_gold_lines(doc: dict) -> None:
    tree = parse_file(DOCS / doc["file"])
    predicted = list(extract_reporting(Context(tree)))
    unmatched = list(predicted)
    misses = []
    for gold in doc["reports_to"]:
        hit = next(
            (
                p for p in unmatched
                if p.evidence.article == gold["article"]
                and _same(gold["from"], p.source.name, p.source.key)
                and _same(gold["to"], p.target.name, p.target.key)
            ),
            None,
        )
        if hit is None:
            misses.append(gold)
        else:
            unmatched.remove(hit)
    assert misses == []
    assert [(p.evidence.article, p.source.name, p.target.name) for p in unmatched] == []


def test_county_document_uses_county_names() -> None:
    tree = parse_file(DOCS / "reporting_county.txt")
    assert tree.metadata.level == "county"
    names = {n for line in extract_reporting(Context(tree)) for n in (line.source.name, line.target.name)}
    assert {"县长", "副县长", "县政府办公室", "县委"} <= names
    assert not any(name.startswith("区") for name in names)


def test_evidence_is_the_original_text_on_every_seed(seed_trees) -> None:
    for tree in seed_trees.values():
        reporting = extract_reporting(Context(tree))
        assert reporting, tree.name
        for line in reporting:
            assert tree.raw.text[line.evidence.start : line.evidence.end] == line.evidence.text
            assert 0 < len(line.matter) <= 40


# ------------------------------------------------------------------ kinds and steps


def _doc_lines(name: str) -> dict[tuple[int, str], object]:
    """The lines of a test document by (article, recipient); the gold tests check reporters."""
    ctx = Context(parse_file(DOCS / name))
    return {(line.evidence.article, line.target.name): line for line in extract_reporting(ctx)}


@pytest.mark.parametrize(
    ("name", "line", "kind", "steps"),
    [
        ("approval_county.txt", (2, "县政府", "县人大"), "responsibility", [("县人大", "负责")]),
        ("approval_county.txt", (3, "县政府各部门", "县司法局"), "filing", [("县司法局", "报备案")]),
        # the meeting's deliberation is the first step: 经县政府常务会议研究后，提交县委常委会讨论决定
        (
            "approval_county.txt", (4, "县政府", "县委常委会"), "submission",
            [("县政府常务会议", "研究"), ("县委常委会", "提交讨论决定")],
        ),
        ("approval_county.txt", (5, "县政府办公室", "县政府领导"), "approval", [("县政府领导", "呈批")]),
        ("approval_county.txt", (5, "县政府办公室", "县长"), "approval", [("县政府领导", "呈批"), ("县长", "报审批")]),
        # 经A审核后报B同意，按程序报C审批: every step with its order
        (
            "approval_county.txt", (7, "县政府领导", "市政府"), "approval",
            [("县政府外办", "审核"), ("县委书记", "报同意"), ("县长", "报同意"), ("市政府", "报审批")],
        ),
        ("approval_city.txt", (4, "副市长", "市长"), "leave", [("市长", "请假")]),
        ("approval_city.txt", (4, "副市长", "市政府办公室"), "filing", [("市长", "请假"), ("市政府办公室", "告知")]),
        ("approval_city.txt", (6, "市政府各部门", "市政府领导"), "report", [("市政府领导", "反馈")]),
    ],
)
def test_line_kinds_and_steps(name: str, line: tuple[int, str, str], kind: str, steps: list[tuple[str, str]]) -> None:
    found = _doc_lines(name)[(line[0], line[2])]
    assert found.kind == kind  # type: ignore[attr-defined]
    assert [(s.actor.name, s.action) for s in found.steps] == steps  # type: ignore[attr-defined]
    assert [s.order for s in found.steps] == list(range(1, len(steps) + 1))  # type: ignore[attr-defined]
