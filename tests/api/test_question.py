"""Question understanding as tables: language, intent, places and slots (no store needed)."""

from __future__ import annotations

import pytest

from graphql_api.ask import Intent
from graphql_api.question import Named, intent_names, language_of, resolve_overlaps, understand
from schema.rows import JurisdictionRow, PlaceRow
from schema.vocabulary import load_vocabulary

CHAOYANG = JurisdictionRow(PlaceRow(key="jur:北京市朝阳区", name="朝阳区", full_name="北京市朝阳区", name_en="Chaoyang",
                                    level="district", parent=None), ())
HAIDIAN = JurisdictionRow(PlaceRow(key="jur:北京市海淀区", name="海淀区", full_name="北京市海淀区", name_en="Haidian",
                                   level="district", parent=None), ())
SOMECOUNTY = JurisdictionRow(PlaceRow(key="jur:某市某县", name="某县", full_name="某市某县", name_en="Mou",
                                      level="county", parent=None), ())
HELD = [CHAOYANG, HAIDIAN, SOMECOUNTY]


def test_the_pattern_file_names_exactly_the_intents_ask_answers() -> None:
    assert set(intent_names()) == {i.value for i in Intent} - {"unsupported"}


@pytest.mark.parametrize("text,language", [
    ("Who signs an office notice in Chaoyang?", "en"),
    ("朝阳区常务会议多久开一次？", "zh"),
    ("Who signs documents of 区政府办公室 in Chaoyang?", "en"),  # a Chinese name inside English
    ("Chaoyang区政府办公室发文谁签发", "zh"),
])
def test_language(text: str, language: str) -> None:
    assert language_of(text) == language


@pytest.mark.parametrize("text,intent", [
    ("Who signs an office notice in Chaoyang?", "signing"),
    ("Who approves a request to the municipal government in Haidian?", "signing"),
    ("朝阳区以区政府办公室名义发文由谁签发？", "signing"),
    ("海淀区常务会议纪要由谁签发？", "signing"),
    ("Compare who signs office documents across districts", "compare_signing"),
    ("比较各区以区政府办公室名义发文由谁签发", "compare_signing"),
    ("Who chairs the executive meeting in Chaoyang?", "meeting_chairs"),
    ("朝阳区常务会议由谁主持？", "meeting_chairs"),
    ("Who convenes the plenary meeting in Haidian?", "meeting_conveners"),
    ("海淀区全体会议由谁召集？", "meeting_conveners"),
    ("Who sits on the executive meeting in Chaoyang?", "meeting_members"),
    ("朝阳区常务会议由哪些人员组成？", "meeting_members"),
    ("Who attends the executive meeting in Chaoyang?", "meeting_attendees"),
    ("朝阳区常务会议哪些人列席？", "meeting_attendees"),
    ("How often is the executive meeting held in Chaoyang?", "meeting_frequency"),
    ("某县常务会议多长时间召开一次？", "meeting_frequency"),
    ("What is the quorum of the executive meeting in Haidian?", "meeting_quorum"),
    ("To whom must the deputy district head report in Chaoyang?", "reporting"),
    ("朝阳区副区长离京应向谁请假？", "reporting"),
    ("What deadlines do the departments in Chaoyang have?", "deadlines"),
    ("朝阳区区政府各部门要在多长时间内报告突发事件？", "deadlines"),
    ("What will the weather be like tomorrow?", None),
    ("你好", None),
])
def test_intent(text: str, intent: str | None) -> None:
    assert understand(text, HELD).intent == intent


def test_a_place_named_with_its_government_still_names_the_issuer() -> None:
    q = understand("朝阳区政府办公室发文由谁签发？", HELD)
    assert [j.place.name for j in q.jurisdictions] == ["朝阳区"]
    assert q.issuer is not None and q.issuer.key == "government_office"


@pytest.mark.parametrize("text", ["北京市朝阳区", "朝阳区", "朝阳", "Chaoyang", "chaoyang"])
def test_place_forms(text: str) -> None:
    q = understand(f"Who chairs the executive meeting in {text}?", HELD)
    assert [j.place.key for j in q.jurisdictions] == [CHAOYANG.place.key]


def test_several_places_in_order_of_mention() -> None:
    q = understand("Who chairs the executive meeting in Haidian and in Chaoyang?", HELD)
    assert [j.place.name for j in q.jurisdictions] == ["海淀区", "朝阳区"]


def test_a_county_name_keeps_its_level_character() -> None:
    q = understand("某县政府办公室的公文由谁签发？", HELD)
    assert [j.place.name for j in q.jurisdictions] == ["某县"]
    assert q.issuer is not None and q.issuer.key == "government_office"


@pytest.mark.parametrize("text,issuer,genre,recipient", [
    ("Who signs an office notice in Chaoyang?", "government_office", "notice", None),
    ("Who signs a request to the municipal government in Chaoyang?", None, "request", "higher_government"),
    ("朝阳区以区政府名义向市政府报送的请示由谁签发？", "government", "request", "higher_government"),
    ("Who signs the minutes of the executive meeting in Chaoyang?", "executive", "minutes", None),
    ("朝阳区区政府各部门报区政府的报告由谁签发？", "government_departments", "report", "government"),
])
def test_signing_slots(text: str, issuer: str | None, genre: str | None, recipient: str | None) -> None:
    q = understand(text, HELD)
    assert q.intent == "signing" and q.missing == ()
    assert (q.issuer and q.issuer.key, q.genre and q.genre.key, q.recipient and q.recipient.key) == (issuer, genre, recipient)


@pytest.mark.parametrize("text,source,target", [
    ("To whom must the deputy district head report in Chaoyang?", "deputy_head", None),
    ("Who reports to the district head in Chaoyang?", None, "head"),
    ("Does the office report to the district head in Chaoyang?", "government_office", "head"),
    ("朝阳区副区长离京应向谁请假？", "deputy_head", None),
    ("朝阳区哪些人要向区长请假？", None, "head"),
    ("朝阳区区政府各部门向区政府报告哪些事项？", "government_departments", "government"),
])
def test_reporting_direction(text: str, source: str | None, target: str | None) -> None:
    q = understand(text, HELD)
    assert q.intent == "reporting"
    assert (q.source and q.source.key, q.target and q.target.key) == (source, target)


@pytest.mark.parametrize("text,missing", [
    ("Who chairs the meeting in Chaoyang?", ("meeting",)),
    ("Who signs documents in Chaoyang?", ("document",)),
    ("朝阳区的会议多久开一次？", ("meeting",)),
])
def test_a_missing_slot_is_named(text: str, missing: tuple[str, ...]) -> None:
    assert understand(text, HELD).missing == missing


@pytest.mark.parametrize("text,place", [
    ("Who chairs the executive meeting in Xicheng?", "Xicheng"),
    ("Who chairs the executive meeting in Xicheng District?", "Xicheng"),
    ("西城区常务会议由谁主持？", "西城区"),
    ("Who is the Deputy District Head in Charge of the executive meeting?", None),
])
def test_an_unknown_place_is_spotted(text: str, place: str | None) -> None:
    q = understand(text, HELD)
    assert q.jurisdictions == () and q.unknown_place == place


def _named(start: int, end: int, key: str) -> Named:
    term = next(t for t in load_vocabulary().terms if t.key == key)
    return Named(start, end, "x" * (end - start), term)


@pytest.mark.parametrize("spans,kept", [
    ([(0, len("区政府办公室"), "government_office"), (0, len("区政府"), "government")], [(0, 6)]),
    ([(2, 4, "head"), (0, 6, "government_office")], [(0, 6)]),
    ([(0, 2, "head"), (2, 4, "government")], [(0, 2), (2, 4)]),
    ([(0, 3, "head"), (1, 4, "government")], [(0, 3)]),  # same length: the earlier wins
])
def test_overlaps_longest_then_earliest(spans: list[tuple[int, int, str]], kept: list[tuple[int, int]]) -> None:
    result = resolve_overlaps([_named(*s) for s in spans])
    assert [(h.start, h.end) for h in result] == kept


@pytest.mark.parametrize(("text", "described"), [
    ("朝阳区政府各工作部门的主要负责人向谁报告工作？", "区政府各工作部门的主要负责人"),
    ("朝阳区政府各部门负责同志向谁报告？", "区政府各部门负责同志"),
    ("朝阳区政府各部门向谁报告？", None),  # the body itself
])
def test_a_described_reporter_is_read_as_written(text: str, described: str | None) -> None:
    q = understand(text, HELD)
    assert q.intent == Intent.REPORTING and q.source is not None and q.source.key == "government_departments"
    assert q.source_described == described


def test_ask_reads_the_report_verbs_the_extractor_reads() -> None:
    """述职 is in schema/wording/reporting.yaml's to_verbs, not in ask_patterns.yaml."""
    assert understand("朝阳区副区长向谁述职？", HELD).intent == Intent.REPORTING
