"""Small rules documents of a fictional jurisdiction (北京市朝阳区), with hand-made facts.

The text goes through the real parser; the facts are written by hand (every kind the
graph model holds: a meeting with all its participants, the signers of its minutes, a
reporting line, obligations with and without a deadline), each with evidence located in
the parsed text, so store tests do not depend on what the extractors find today.
"""

from __future__ import annotations

from ingest.facts import (
    Deadline,
    DocumentFacts,
    EntityRef,
    Evidence,
    Frequency,
    Meeting,
    Obligation,
    Participant,
    Quorum,
    ReportingLine,
    ReportingStep,
    SigningRule,
    SigningStep,
)
from ingest.graph import build_graph
from ingest.models import DocumentTree
from ingest.parse import parse_document
from schema.model import Graph

JURISDICTION = "jur:北京市朝阳区"
#: where the revised version says it came from (stored on the document, returned with citations)
SOURCE_URL = "https://example.org/chaoyang/rules-2032.html"

_TEXT = """北京市朝阳区人民政府工作规则{title_suffix}

朝政发〔{year}〕1号

{year}年3月1日

第一章 总则

第一条 为规范北京市朝阳区人民政府（以下简称区政府）的工作，制定本规则。

第二章 会议

第二条 区政府常务会议由区长、常务副区长、副区长组成，由区长召集并主持。区长因故不能主持时，可委托常务副区长主持。常务会议一般每两周召开1次，出席会议的组成人员须超过半数。区政府办公室主任列席会议，可以邀请区司法局负责人列席。

第三条 区政府常务会议纪要由区长签发。

第三章 报告

第四条 区审计局向区政府报告审计工作。区政府各部门应当在5个工作日内向区政府办公室报送执行情况。副区长不得擅自对外发布未经审定的信息。{revision}

第四章 附则

第五条 本规则自印发之日起施行。
"""  # noqa: E501 - an article is one line of the document
#: The sentence a revised version adds to the reporting article, and the obligation it states.
REVISION = "区政府办公室应当每月通报督办情况。"

HEAD = EntityRef("role", "head", "区长")
EXECUTIVE_DEPUTY = EntityRef("role", "executive_deputy_head", "常务副区长")
DEPUTY = EntityRef("role", "deputy_head", "副区长")
OFFICE_DIRECTOR = EntityRef("role", "office_director", "区政府办公室主任")
JUSTICE_HEAD = EntityRef("role", "x:区司法局负责人", "区司法局负责人")
EXECUTIVE_MEETING = EntityRef("meeting", "executive", "区政府常务会议")
GOVERNMENT = EntityRef("body", "government", "区政府")
OFFICE = EntityRef("body", "government_office", "区政府办公室")
DEPARTMENTS = EntityRef("body", "government_departments", "区政府各部门")
AUDIT = EntityRef("body", "audit_bureau", "区审计局")


def evidence(tree: DocumentTree, number: int, text: str) -> Evidence:
    """The span of ``text`` inside article ``number`` of the original text."""
    article = tree.articles[number - 1]
    start = tree.raw.text.index(text, article.start, article.end)
    return Evidence(number, start, start + len(text), text)


def rules_text(year: int, *, draft: bool = False, revised: bool = False) -> str:
    return _TEXT.format(year=year, title_suffix="（征求意见稿）" if draft else "", revision=REVISION if revised else "")


def rules_document(year: int, *, draft: bool = False, revised: bool = False, source_url: str | None = None) -> Graph:
    """One version of the fictional rules, dated 1 March ``year``."""
    tree = parse_document(rules_text(year, draft=draft, revised=revised).encode("utf-8"), f"chaoyang-{year}.txt",
                          source_url=source_url)
    return build_graph(tree, facts(tree, revised=revised))


def facts(tree: DocumentTree, *, revised: bool) -> DocumentFacts:
    def ev(number: int, text: str) -> Evidence:
        return evidence(tree, number, text)

    members = ev(2, "区政府常务会议由区长、常务副区长、副区长组成")
    convened = ev(2, "由区长召集并主持")
    delegated = ev(2, "区长因故不能主持时，可委托常务副区长主持")
    attends = ev(2, "区政府办公室主任列席会议")
    invited = ev(2, "可以邀请区司法局负责人列席")
    frequency = ev(2, "常务会议一般每两周召开1次")
    quorum = ev(2, "出席会议的组成人员须超过半数")
    meeting = Meeting(
        entity=EXECUTIVE_MEETING,
        members=tuple(Participant(who, evidence=members) for who in (HEAD, EXECUTIVE_DEPUTY, DEPUTY)),
        conveners=(Participant(HEAD, evidence=convened),),
        chairs=(Participant(HEAD, evidence=convened),
                Participant(EXECUTIVE_DEPUTY, delegated=True, condition="区长因故不能主持时", evidence=delegated)),
        attendees=(Participant(OFFICE_DIRECTOR, evidence=attends),
                   Participant(JUSTICE_HEAD, mandatory=False, evidence=invited),
                   Participant(DEPUTY, mandatory=False)),  # a participant with no clause of its own
        frequency=Frequency(frequency.text[4:], "two_weeks", 1, evidence=frequency),
        quorum=Quorum(quorum.text, evidence=quorum),
        evidence=(members, convened, delegated, frequency, quorum, attends, invited),
    )
    minutes = SigningRule(
        issuer=EXECUTIVE_MEETING, genres=("minutes",), recipient=None, direction="any",
        steps=(SigningStep("SIGN", HEAD, "签发", None),), evidence=ev(3, "区政府常务会议纪要由区长签发"),
    )
    report = ev(4, "区审计局向区政府报告审计工作")
    submit = ev(4, "区政府各部门应当在5个工作日内向区政府办公室报送执行情况")
    forbid = ev(4, "副区长不得擅自对外发布未经审定的信息")
    obligations = [
        Obligation("MUST", DEPARTMENTS, "向区政府办公室报送执行情况", OFFICE, None,
                   Deadline(5.0, "workday", "5个工作日内"), "应当", submit),
        Obligation("MUST_NOT", DEPUTY, "擅自对外发布未经审定的信息", None, None, None, "不得", forbid),
    ]
    if revised:
        obligations.append(Obligation("MUST", OFFICE, "每月通报督办情况", None, None, None, "应当",
                                      ev(4, REVISION.rstrip("。"))))
    return DocumentFacts(
        signing=(minutes,),
        meetings=(meeting,),
        reporting=(ReportingLine(AUDIT, GOVERNMENT, "审计工作", report, "report",
                                 (ReportingStep(1, OFFICE, "审核"), ReportingStep(2, GOVERNMENT, "报告"))),),
        obligations=tuple(obligations),
    )
