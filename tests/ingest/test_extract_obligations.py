"""Obligations: deontic words, modality, bearer, counterparty, condition, and limits
normalized from numbers with units."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract.common import Context
from ingest.extract.obligations import extract_obligations, find_quantities, find_triggers, parse_amount
from ingest.parse import parse_document, parse_file

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = DOCS / "reporting_gold.yaml"
CN = "一二三四五六七八九十"


def county(*articles: str) -> Context:
    body = "\n\n".join(f"第{CN[i]}条　{text}" for i, text in enumerate(articles))
    filler = "\n\n".join(f"第{CN[len(articles) + i]}条　本规则由县政府办公室负责解释。" for i in range(2))
    text = f"某县人民政府工作规则\n\n{body}\n\n{filler}\n"
    return Context(parse_document(text.encode("utf-8"), "county.txt"))


def first_article(ctx: Context) -> list:
    return [o for o in extract_obligations(ctx) if o.evidence.article == 1]


# ------------------------------------------------------------------ numbers with units


@pytest.mark.parametrize(
    ("text", "amount", "unit", "kind", "surface"),
    [
        ("20分钟内电话报告", 20, "minute", "within", "20分钟内"),
        ("均应提前7个工作日以书面形式报县政府", 7, "workday", "before", "提前7个工作日"),
        ("副县长由本人提前半天向县长报告", 0.5, "day", "before", "提前半天"),
        ("要在24小时内发布信息", 24, "hour", "within", "24小时内"),
        ("出访组团总人数不超过6人", 6, "person", "at_most", "不超过6人"),
        ("参加人员原则上不超过350人", 350, "person", "at_most", "不超过350人"),
        ("县政府领导同志每年不少于60天深入基层调研", 60, "day", "at_least", "不少于60天"),
        ("自公布之日起30日内报县司法局备案", 30, "day", "within", "30日内"),
        ("应在三个工作日内回复", 3, "workday", "within", "三个工作日内"),
        ("应至少提前两天送达", 2, "day", "before", "提前两天"),
        ("至少于会议召开前3天报送", 3, "day", "before", "前3天"),
        ("篇幅应控制在2000字以内", 2000, "word", "at_most", "控制在2000字以内"),
        ("团组人数不得超过5名", 5, "person", "at_most", "不得超过5名"),
        ("一般事项14个工作日完成审批", 14, "workday", "within", "14个工作日"),
        ("应在３０日内办结", 30, "day", "within", "３０日内"),
        ("议题一般不超过5项", 5, "item", "at_most", "不超过5项"),
        ("每年调研不少于两个月", 2, "month", "at_least", "不少于两个月"),
        ("原则上政策性文件不超过10页", 10, "page", "at_most", "不超过10页"),
        ("每次出访不超过3个国家", 3, "item", "at_most", "不超过3个"),
        ("每年至少形成1篇调研报告", 1, "item", "at_least", "至少形成1篇"),
        ("每年到基层联系点调研不少于2次", 2, "times", "at_least", "不少于2次"),
        ("一般只安排1位县政府领导出席", 1, "person", "at_most", "1位"),
        ("看问题调研点位不少于50%", 0.5, "fraction", "at_least", "不少于50%"),
        ("实质性公务活动应占出访日程的三分之二以上", 0.667, "fraction", "at_least", "三分之二以上"),
        ("分管不同工作的副县长一周内不安排到同一地区调研", 1, "week", "within", "一周内"),
    ],
)
def test_quantities(text: str, amount: float, unit: str, kind: str, surface: str) -> None:
    (q,) = find_quantities(text)
    assert (q.deadline.amount, q.deadline.unit, q.deadline.kind, q.deadline.text) == (amount, unit, kind, surface)
    assert text[q.start : q.end] == q.deadline.text


@pytest.mark.parametrize(
    "text",
    [
        "自2024年3月31日前完成",  # a date
        "涉及两个以上部门职责的事项",  # a count of parties, not a limit
        "一般每月召开1-2次",  # a meeting's frequency, even as a range
        "于每年“两会”前召开1次",  # 前 bounds a date, not a count
        "一般每周召开1次",  # a frequency
        "每届任期5年",  # a term, no bound
        "严格执行中央八项规定",  # a name
        "第三十日",  # an ordinal
        "每半年召开一次",  # a frequency
        "可延长15日",  # an extension, no bound
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


@pytest.mark.parametrize(
    ("text", "amount", "maximum", "unit", "per"),
    [
        ("每年确定1至2个重点课题", 1, 2, "item", "year"),
        ("每人确定一至三个课题", 1, 3, "item", "person"),
        ("每年到基层调研不少于2次", 2, None, "times", "year"),
        ("只允许综合部门每年召开1次", 1, None, "times", "year"),
    ],
)
def test_ranges_and_periods(text: str, amount: float, maximum: float | None, unit: str, per: str | None) -> None:
    (q,) = find_quantities(text)
    assert (q.deadline.amount, q.deadline.maximum, q.deadline.unit, q.deadline.per) == (amount, maximum, unit, per)


@given(n=st.integers(1, 9999), data=st.data())
def test_any_number_of_workdays_normalizes(n: int, data: st.DataObject, chinese_numeral) -> None:  # type: ignore[no-untyped-def]
    full_width = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    written = data.draw(st.sampled_from((str(n), chinese_numeral(n), full_width)))
    text = f"应在{written}个工作日内办结"
    (q,) = find_quantities(text)
    assert (q.deadline.amount, q.deadline.unit, q.deadline.kind) == (n, "workday", "within")
    assert q.deadline.text == f"{written}个工作日内"


@pytest.mark.parametrize(("number", "value"), [("7", 7.0), ("三", 3.0), ("两", 2.0), ("半", 0.5), ("十五", 15.0), ("１５", 15.0)])
def test_parse_amount(number: str, value: float) -> None:
    assert parse_amount(number) == value


# ------------------------------------------------------------------ deontic words


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("县政府各部门必须依法行政，不得越权。", [("必须", "MUST"), ("不得", "MUST_NOT")]),
        ("副县长应当事前向县长请假。", [("应当", "MUST")]),
        ("严禁超标准接待，一律不得收受礼品。", [("严禁", "MUST_NOT"), ("一律不得", "MUST_NOT")]),
        ("县长可以委托常务副县长主持会议。", [("可以", "MAY")]),
        ("经批准后方可离开。", [("方可", "MAY")]),
        ("重要事项和主要工作按要求回应，需要时许可。", []),
        ("牢记“三个务必”，落实《纲要》。", []),
        ("依法应当公开的，须一并报送。", [("须", "MUST")]),
        ("人数不得超过5人。", [("不得", "MUST")]),  # a cap, stated by its limit
    ],
)
def test_triggers(text: str, words: list[tuple[str, str]]) -> None:
    assert [(t.word, t.modality) for t in find_triggers(text)] == words


def test_obligation_fields() -> None:
    ctx = county("涉及重大事项的，县政府各部门应当提前3个工作日向县长书面报告。")
    (obligation,) = first_article(ctx)
    assert obligation.modality == "MUST"
    assert obligation.trigger == "应当"
    assert obligation.bearer is not None and obligation.bearer.name == "县政府各部门"
    assert obligation.counterparty is not None and obligation.counterparty.name == "县长"
    assert obligation.condition == "涉及重大事项"
    assert obligation.deadline is not None and (obligation.deadline.amount, obligation.deadline.unit) == (3, "workday")
    assert obligation.action == "提前3个工作日向县长书面报告"


def test_every_deontic_clause_is_an_obligation() -> None:
    ctx = county("县政府各部门要严格执行请示报告制度，不得越级请示；必要时，可以直接向县长报告。")
    found = [(o.modality, o.trigger) for o in first_article(ctx)]
    assert found == [("MUST", "要"), ("MUST_NOT", "不得"), ("MAY", "可以")]


def test_one_obligation_per_limit() -> None:
    ctx = county("突发事件发生后，县政府各部门必须在30分钟内向县政府总值班室电话报告、1小时内书面报告。")
    found = [(o.deadline.amount, o.deadline.unit, o.action) for o in first_article(ctx) if o.deadline]
    assert found == [(30, "minute", "在30分钟内向县政府总值班室电话报告"), (1, "hour", "1小时内书面报告")]


def test_limits_without_a_deontic_word_bind() -> None:
    ctx = county("县政府办公室办理公文，一般事项在10个工作日内办结、紧急事项在3个工作日内办结。")
    found = [(o.modality, o.deadline.amount, o.bearer.name if o.bearer else None) for o in first_article(ctx) if o.deadline]
    assert found == [("MUST", 10, "县政府办公室"), ("MUST", 3, "县政府办公室")]


# ------------------------------------------------------------------ documents and gold


@pytest.mark.parametrize("doc", yaml.safe_load(GOLD.read_text(encoding="utf-8")), ids=lambda d: d["file"])
def test_documents_match_their_gold_limits(doc: dict) -> None:
    tree = parse_file(DOCS / doc["file"])
    predicted = Counter(
        (o.evidence.article, o.deadline.amount, o.deadline.unit) for o in extract_obligations(Context(tree)) if o.deadline
    )
    gold = Counter((d["article"], float(d["amount"]), d["unit"]) for d in doc["deadlines"])
    assert predicted == gold


def test_evidence_is_the_original_text_on_every_seed(seed_trees) -> None:
    for tree in seed_trees.values():
        obligations = extract_obligations(Context(tree))
        assert any(o.deadline for o in obligations), tree.name
        for o in obligations:
            assert tree.raw.text[o.evidence.start : o.evidence.end] == o.evidence.text
            assert o.action and o.action in tree.normalized.text  # a span of the (normalized) clause
            if o.deadline is not None:
                assert o.deadline.text in tree.normalized.text
