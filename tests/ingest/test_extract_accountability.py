"""Whom a government answers to and how its documents are routed, in the wording real rules
documents use (the documents of tests/data/docs/accountability/ are scored by tests/eval):
another place's government read whole, a bare 人大, department heads named with 各工作部门,
a 由X agent that a case clause does not replace, 报X履行…程序, a case that names the reporter,
and 会签 — a signing rule, not a reporting line.
"""

from __future__ import annotations

import pytest

from ingest.extract.common import Context
from ingest.extract.parties import read_np
from ingest.extract.reporting import extract_reporting
from ingest.extract.signing import extract_signing
from ingest.parse import parse_document


def county(*articles: str) -> Context:
    """A county's rules with the given articles (第一条 …), parsed for extraction."""
    body = "\n\n".join(f"第{'一二三四五六七八九十'[i]}条　{text}" for i, text in enumerate(articles))
    numbers = "一二三四五六七八九十"
    filler = "\n\n".join(f"第{numbers[len(articles) + i]}条　本规则由县政府办公室负责解释。" for i in range(2))
    text = f"某县人民政府工作规则\n\n{body}\n\n{filler}\n"
    return Context(parse_document(text.encode("utf-8"), "county.txt"))


def lines(ctx: Context) -> set[tuple[str, str]]:
    return {(line.source.name, line.target.name) for line in extract_reporting(ctx)}


@pytest.mark.parametrize(
    ("region", "places", "end"),
    [
        ("南屏市政府", True, 5),  # a place's name before a body that opens with its level character
        ("南屏市政府", False, 0),  # only where a region is read whole
        ("县人大和南屏州人民政府", True, 11),  # after a coordinator too
        ("县人大及其常务委员会和南屏市人民政府", True, 18),
        ("的上级市政府", True, 0),  # a particle is no part of a place's name
        ("其上级市政府", True, 0),
    ],
)
def test_read_np_reads_another_places_body_only_when_asked(region: str, places: bool, end: int) -> None:
    assert read_np(county("县政府工作。"), region, places=places) == end


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        # a bare 人大 is the congress; 市政府 is the government above a county
        ("县政府对人大和市政府负责并报告工作。", {("县政府", "县人大"), ("县政府", "市政府")}),
        # 县人大及其常务委员会 is both bodies; another city's government keeps its place, named as
        # 南屏市政府 whether written 南屏市人民政府 or 南屏市政府 (one body)
        (
            "县政府对县人大及其常务委员会和南屏市人民政府负责并报告工作。",
            {("县政府", "县人大"), ("县政府", "县人大常委会"), ("县政府", "南屏市政府")},
        ),
        # 各工作部门: the heads are the reporters, not the government; 由其 is no agent
        (
            "县政府各工作部门的主要负责人对本部门的工作负全部责任，由其领导本部门的工作，并向县长和分管的副县长报告工作。",
            {("县政府各工作部门的主要负责人", "县长"), ("县政府各工作部门的主要负责人", "分管副县长")},
        ),
        # the same in traditional script: names come out simplified
        (
            "縣政府各工作部門的主要負責人由其領導本部門的工作，並向縣長報告工作。",
            {("县政府各工作部门的主要负责人", "县长")},
        ),
        # a 由X agent in a case clause (必要时) acts in its case only: the office reports major matters
        (
            "公文由县政府办公室按照县政府领导分工呈批，必要时由县政府领导转请其他县政府领导核批，重大事项报县长审批。",
            {("县政府办公室", "县政府领导"), ("县政府办公室", "县长")},
        ),
        # … while the last 由X agent outside a case carries on
        ("材料由县政府办公室汇总，由县财政局审核后报县长审批。", {("县财政局", "县长")}),
        # 报X履行…程序 is a line; the case (牵头起草部门为县政府部门的) names the reporter
        (
            "拟以县委、县政府名义联合印发的文件稿，牵头起草部门为县政府部门的，应先报县政府履行审批程序。",
            {("起草部门", "县政府")},
        ),
    ],
)
def test_lines(article: str, expected: set[tuple[str, str]]) -> None:
    assert lines(county(article)) == expected


def test_a_countersigned_or_joint_submission_is_signing_not_a_line() -> None:
    ctx = county("各部门报送县政府的请示性公文，凡涉及其他部门职权的，"
                 "由主办部门主要负责同志与相关部门负责同志会签或联合报县政府审批。")
    assert lines(ctx) == set()
    (rule,) = extract_signing(ctx)
    recipient = rule.recipient.key if rule.recipient else None
    assert (rule.issuer.key, rule.genres, recipient) == ("lead_department", ("request",), "government")
    signs = [(s.action, s.actor.name, s.condition) for s in rule.steps if s.action in ("SIGN", "COUNTERSIGN")]
    # 由A与B会签: A signs and B countersigns; 凡涉及… is the rule's scope, not an exception
    assert signs == [("SIGN", "主要负责人", None), ("COUNTERSIGN", "相关部门负责同志", None)]


def test_a_named_issuer_stays_when_its_officer_signs() -> None:
    """以X名义: the name the document goes out under is its issuer, whoever's officer signs."""
    ctx = county("以县政府名义上报的请示，由县政府办公室主要负责人与相关部门负责同志会签。")
    (rule,) = extract_signing(ctx)
    assert rule.issuer.key == "government"
