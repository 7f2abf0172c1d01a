"""Open vocabulary: meetings, roles and bodies a rule names that the vocabulary does not list
become nodes, keyed level-free, named in simplified script, with English from known parts."""

from __future__ import annotations

import pytest

from ingest.extract.common import Context
from ingest.extract.meetings import extract_meetings
from ingest.parse import parse_document
from schema.naming import level_free, open_english, open_key

#: the same name at every level has one key
KEYS = [
    ("县长助理", "county", "x:{L}长助理"), ("区长助理", "district", "x:{L}长助理"), ("市长助理", "city", "x:{L}长助理"),
    ("县政府工作协调会", "county", "x:{L}政府工作协调会"), ("区人民政府工作协调会", "district", "x:{L}政府工作协调会"),
    ("管委会工作协调会", "zone", "x:{L}政府工作协调会"), ("行署工作协调会", "prefecture", "x:{L}政府工作协调会"),
    ("顾问", "county", "x:顾问"), ("安全生产联席会议", "city", "x:安全生产联席会议"),
    ("县委有关部门", "county", "x:{L}委有关部门"),
]


@pytest.mark.parametrize(("name", "level", "key"), KEYS)
def test_open_keys_are_level_free(name: str, level: str, key: str) -> None:
    assert open_key(name, level) == key
    assert level_free(name, level) == key.removeprefix("x:")


@pytest.mark.parametrize(("name", "level", "english"), [
    ("县长助理", "county", "Assistant to the County Head"),
    ("市长助理", "city", "Assistant to the Mayor"),
    ("顾问", "district", "Adviser"),
    ("区政府法律顾问", "district", "Legal Adviser to the District Government"),
    ("县政府工作协调会", "county", "County Government Work Coordination Meeting"),
    ("安全生产联席会议", "city", "Work Safety Joint Meeting"),
    ("项目推进会", "zone", "Projects Progress Meeting"),
    ("区政府组成人员", "district", "Members of the District Government"),
    ("联席会议", "county", "Joint Meeting"),
    ("青山湖联席会议", "county", "Qingshanhu Joint Meeting"),  # pinyin where no part is known
])
def test_english_from_known_parts(name: str, level: str, english: str) -> None:
    assert open_english(name, level) == english


def _meetings(articles: str, place: str = "某县") -> dict[str, object]:
    text = (f"{place}人民政府工作规则\n\n第一章　总则\n\n第一条　为规范政府工作，制定本规则。\n\n{articles}\n\n"
            "第三条　本规则自印发之日起施行。\n")
    ctx = Context(parse_document(text.encode("utf-8"), "open.txt"))
    return {m.entity.key: m for m in extract_meetings(ctx)}


def _slots(meeting) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    return {slot: [p.entity.name for p in getattr(meeting, slot)]
            for slot in ("members", "conveners", "chairs", "attendees") if getattr(meeting, slot)}


#: (articles, meeting key, its name, slots, frequency period)
OPEN_MEETINGS = [
    ("第二条　县政府工作协调会由分管副县长召集和主持，有关部门负责人参加，根据工作需要不定期召开。",
     "x:{L}政府工作协调会", "县政府工作协调会",
     {"conveners": ["分管副县长"], "chairs": ["分管副县长"], "attendees": ["有关部门负责人"]}, "irregular"),
    ("第二条　安全生产联席会议由常务副县长召集，县公安局主要负责人参加，每季度召开一次。",
     "x:安全生产联席会议", "安全生产联席会议",
     {"conveners": ["常务副县长"], "attendees": ["县公安局主要负责人"]}, "quarter"),
    ("第二条　常务副县长每月召开重点项目调度会，有关部门主要负责人参加。",
     "x:重点项目调度会", "重点项目调度会", {"conveners": ["常务副县长"], "attendees": ["有关部门主要负责人"]}, None),
    ("第二条　县长办公会议由县长召集和主持，县长助理、县政府顾问参加会议。",
     "head_office", "县长办公会议",
     {"conveners": ["县长"], "chairs": ["县长"], "attendees": ["县长助理", "县政府顾问"]}, None),
    ("第二条　區政府工作協調會由分管副區長召集和主持。", "x:{L}政府工作协调会", "区政府工作协调会",
     {"conveners": ["分管副区长"], "chairs": ["分管副区长"]}, None),
]


@pytest.mark.parametrize(("articles", "key", "name", "slots", "period"), OPEN_MEETINGS, ids=lambda v: str(v)[:12])
def test_open_meetings_get_their_facts(articles: str, key: str, name: str, slots: dict, period: str | None) -> None:
    place = "某区" if "區" in articles else "某县"
    meetings = _meetings(articles, place)
    assert key in meetings, sorted(meetings)
    meeting = meetings[key]
    assert meeting.entity.name == name  # type: ignore[attr-defined]
    assert _slots(meeting) == slots
    assert (meeting.frequency.period if meeting.frequency else None) == period  # type: ignore[attr-defined]


@pytest.mark.parametrize("articles", [
    "第二条　有关会议由县政府办公室统一安排。",
    "第二条　上述会议一般每月召开一次。",
    "第二条　各部门召开的工作会议，须经分管副县长同意。",
])
def test_references_to_meetings_are_no_names(articles: str) -> None:
    assert not [k for k in _meetings(articles) if k.startswith("x:")]
