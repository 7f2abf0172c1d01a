"""Who signs a meeting's minutes: joined from the signing rules of its 纪要, and taken by a
narrower meeting (a kind of the one the rule names) that has no rule of its own."""

from __future__ import annotations

from ingest.extract import extract_facts
from ingest.facts import Meeting
from ingest.parse import parse_document
from schema.vocabulary import load_vocabulary

KINDS = ("永和县人民政府工作规则\n第一条 县政府专题会议分为县长专题会议和副县长专题会议。县长专题会议由县长召集和主持。"
         "副县长专题会议由常务副县长、副县长召集和主持，根据工作需要不定期召开。\n")


def _meetings(text: str) -> dict[str, Meeting]:
    text += "第三条 本规则自印发之日起施行。\n"
    tree = parse_document(text.encode("utf-8"), "某县人民政府工作规则.txt")
    assert len(tree.articles) == 3
    return {m.entity.key: m for m in extract_facts(tree).meetings}


def _signers(meeting: Meeting) -> list[tuple[str, str | None]]:
    return [(p.entity.name, p.condition) for p in meeting.minutes_signers]


def test_the_chair_of_each_narrower_meeting_signs_when_the_rule_names_the_chair() -> None:
    meetings = _meetings(KINDS + "第二条 县政府常务会议纪要由县长签发；县政府专题会议纪要由主持会议的县长或副县长签发。\n")
    assert _signers(meetings["head_thematic"]) == [("县长", None)]
    # an executive deputy head is a deputy head: the rule's 副县长 covers both chairs
    assert _signers(meetings["deputy_head_thematic"]) == [("常务副县长", None), ("副县长", None)]
    evidence = meetings["deputy_head_thematic"].minutes_signers[0].evidence
    assert evidence is not None and evidence.article == 2 and "主持会议的县长或副县长签发" in evidence.text
    assert 2 in meetings["deputy_head_thematic"].articles  # the meeting cites the minutes rule too


def test_the_same_in_traditional_script() -> None:
    import opencc

    text = KINDS + "第二条 县政府常务会议纪要由县长签发；县政府专题会议纪要由主持会议的县长或副县长签发。\n"
    meetings = _meetings(opencc.OpenCC("s2t").convert(text))
    assert [p.entity.key for p in meetings["head_thematic"].minutes_signers] == ["head"]
    assert [p.entity.key for p in meetings["deputy_head_thematic"].minutes_signers] == [
        "executive_deputy_head", "deputy_head"]


def test_a_rule_that_names_the_signer_outright_applies_to_each_narrower_meeting() -> None:
    meetings = _meetings(KINDS + "第二条 县政府专题会议纪要由县长签发。\n")
    assert _signers(meetings["head_thematic"]) == [("县长", None)]
    assert _signers(meetings["deputy_head_thematic"]) == [("县长", None)]


def test_a_narrower_meeting_with_a_rule_of_its_own_keeps_it() -> None:
    meetings = _meetings(KINDS + "第二条 县政府专题会议纪要由县长签发；副县长专题会议纪要由主持会议的副县长签发。\n")
    assert _signers(meetings["deputy_head_thematic"]) == [("副县长", None)]


def test_kind_of_links_in_the_vocabulary() -> None:
    vocab = load_vocabulary()
    assert vocab.is_a("role", "executive_deputy_head", "deputy_head")
    assert vocab.is_a("role", "deputy_head_in_charge", "deputy_head")
    assert vocab.is_a("role", "head", "head")
    assert not vocab.is_a("role", "deputy_head", "executive_deputy_head")  # only upward
    assert vocab.is_a("meeting", "head_thematic", "thematic")
    assert not vocab.is_a("meeting", "executive", "thematic")

