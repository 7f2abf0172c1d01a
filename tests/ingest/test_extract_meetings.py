"""Meetings: composition, conveners and chairs (delegated or not), attendees and
invitees, frequency and quorum — on documents written for these tests, on small
inline texts, and against the gold facts of the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from govgraph.eval_matching import Names
from govgraph.eval_sections import score_meetings
from ingest.extract.common import Context
from ingest.extract.frequency import PERIODS, parse_frequency
from ingest.extract.meetings import extract_meetings
from ingest.extract.participants import participants
from ingest.facts import DocumentFacts, Meeting, Participant
from ingest.parse import parse_document
from schema.vocabulary import load_vocabulary

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD_FILES = (Path(__file__).resolve().parents[1] / "data" / "gold_seeds.yaml", DOCS / "gold_own.yaml")


def _extract(text: str, name: str = "test.txt") -> dict[str, Meeting]:
    tree = parse_document(text.encode("utf-8"), name)
    return {m.entity.key: m for m in extract_meetings(Context(tree))}


def _doc(name: str) -> dict[str, Meeting]:
    return _extract((DOCS / name).read_text(encoding="utf-8"), name)


def _names(people: tuple[Participant, ...]) -> list[str]:
    return [p.entity.name for p in people]


def _keys(people: tuple[Participant, ...]) -> list[str]:
    return [p.entity.key for p in people]


@pytest.fixture(scope="module")
def county() -> dict[str, Meeting]:
    return _doc("meetings_county.txt")


@pytest.fixture(scope="module")
def wording() -> dict[str, Meeting]:
    return _doc("meetings_wording.txt")


# ----------------------------------------------------------------- a county's rules


def test_county_meeting_kinds(county):
    # 第十条 (在提交…前，分管副县长应召开专题会议) states a case, not who convenes the
    # thematic meeting; 第九条 (…纪要由县长签发) is about minutes, not chairs.
    assert sorted(county) == ["briefing", "executive", "head_office", "party_group", "plenary"]
    assert county["executive"].entity.name == "县政府常务会议"


def test_county_plenary(county):
    plenary = county["plenary"]
    assert _keys(plenary.members)[:3] == ["head", "deputy_head", "office_director"]
    assert _names(plenary.members)[3:] == ["各乡镇人民政府主要负责人", "县政府各部门主要负责人"]
    # 第三条: 县政府全体会议和县政府常务会议由县长召集和主持
    assert _keys(plenary.conveners) == _keys(plenary.chairs) == ["head"]
    required = [p for p in plenary.attendees if p.mandatory]
    invited = [p for p in plenary.attendees if not p.mandatory]
    assert [p.entity.key for p in required] == ["congress_standing_committee", "cppcc", "court", "procuratorate"]
    assert [p.entity.name for p in invited] == ["驻县单位负责人"]
    assert invited[0].condition == "根据需要"
    assert (plenary.frequency.period, plenary.frequency.times) == ("half_year", 1)
    assert plenary.frequency.text == "一般每半年召开一次"
    assert plenary.articles == (3, 4)


def test_county_executive_delegation_quorum_and_range(county):
    executive = county["executive"]
    assert _keys(executive.members) == ["head", "deputy_head", "office_director"]
    assert [(p.entity.key, p.delegated) for p in executive.chairs] == [
        ("head", False), ("executive_deputy_head", True)]  # 受县长委托，常务副县长主持会议
    assert executive.quorum.text == "须有三分之二以上组成人员到会方可召开"
    f = executive.frequency
    assert (f.text, f.period, f.times, f.times_max) == ("原则上每月召开1至2次", "month", None, 2)
    required = [p.entity.name for p in executive.attendees if p.mandatory]
    invited = [(p.entity.name, p.condition) for p in executive.attendees if not p.mandatory]
    assert required == ["县政府办公室副主任", "县审计局局长"]
    assert invited == [("县人大代表", "视情"), ("县政协委员", "视情"), ("群众代表", "视情")]


def test_county_other_meetings(county):
    head = county["head_office"]  # 县长办公会议由县长或者县长委托的副县长召集并主持
    assert [(p.entity.key, p.delegated) for p in head.chairs] == [("head", False), ("deputy_head", True)]
    assert _names(head.attendees) == ["与议题有关的部门和乡镇负责同志"]
    assert (head.frequency.period, head.frequency.times) == ("two_weeks", 1)
    party = county["party_group"]
    assert _keys(party.chairs) == _keys(party.conveners) == ["party_group_secretary"]
    assert _keys(party.attendees) == ["party_group_member"]
    briefing = county["briefing"]  # 县长碰头会由县长召集，副县长参加，根据工作需要不定期召开
    assert _keys(briefing.conveners) == ["head"] and briefing.chairs == ()
    assert _keys(briefing.attendees) == ["deputy_head"]
    assert briefing.frequency.period == "irregular" and briefing.frequency.times is None


# -------------------------------------------------------- the same facts, other words


def test_wording_members_listed_with_commas_and_invited_organs(wording):
    plenary = wording["plenary"]  # 组成人员：区长、副区长、区政府秘书长，区政府各委、办、局主要负责同志。
    assert _names(plenary.members) == ["区长", "副区长", "区政府秘书长", "区政府各委、办、局主要负责同志"]
    # 区委、区人大常委会、区政协的有关负责同志应邀列席会议: the organs, invited
    assert [(p.entity.key, p.mandatory) for p in plenary.attendees] == [
        ("party_committee", False), ("congress_standing_committee", False), ("cppcc", False)]
    assert (plenary.frequency.period, plenary.frequency.times) == ("quarter", 1)


def test_wording_executive(wording):
    executive = wording["executive"]
    assert _keys(executive.members) == ["head", "deputy_head", "secretary_general"]
    assert executive.quorum.text == "出席人数应超过组成人员的半数"
    assert executive.frequency.text == "通常每周举行一次"
    # 区长外出期间，由常务副区长主持: acting, not by delegation
    assert [(p.entity.key, p.delegated) for p in executive.chairs] == [
        ("head", False), ("executive_deputy_head", False)]


def test_wording_two_meetings_in_one_article(wording):
    head, deputy = wording["head_thematic"], wording["deputy_head_thematic"]
    assert _keys(head.conveners) == ["head"]
    assert _keys(deputy.conveners) == ["deputy_head_in_charge"]
    assert (head.frequency.period, head.frequency.times) == ("month", 2)
    assert deputy.frequency.period == "irregular"
    # the sentence after both speaks of both
    assert _names(head.attendees) == _names(deputy.attendees) == ["与议题有关的部门负责人"]
    assert "thematic" not in wording  # 区政府专题会议分为…: the umbrella states nothing itself


def test_wording_party_group(wording):
    party = wording["party_group"]
    assert _keys(party.chairs) == ["party_group_secretary"] and party.conveners == ()
    assert [(p.entity.key, p.mandatory, p.condition) for p in party.attendees] == [
        ("organization_department", False, "可以")]
    assert (party.frequency.period, party.frequency.times, party.frequency.times_max) == ("month", None, 2)


# ------------------------------------------------------------------ coreference

_REFERENCES = """某县人民政府工作规则

第一条　为规范县政府工作，制定本规则。

第二条　县政府实行全体会议和常务会议制度。上述会议由县长召集和主持。

第三条　县政府常务会议由县长、副县长组成，每周召开一次。乡镇(街道)主要负责人列席会议。县政府常务会议的纪要由副县长签发。县政府全体会议由上述人员和县政府各部门主要负责人组成。
"""  # noqa: E501 - an article is one line of the document


def test_references_to_listed_meetings_and_people():
    meetings = _extract(_REFERENCES)
    assert _keys(meetings["plenary"].chairs) == _keys(meetings["executive"].chairs) == ["head"]
    assert _names(meetings["plenary"].members) == ["县长", "副县长", "县政府各部门主要负责人"]
    assert meetings["plenary"].frequency is None
    assert meetings["executive"].frequency.period == "week"
    # a descriptive name keeps the source's characters (half-width brackets here)
    assert _names(meetings["executive"].attendees) == ["乡镇(街道)主要负责人"]


_HEADED = """某县人民政府工作规则

第一条　为规范县政府工作，制定本规则。

第二条　县政府常务会议
（一）组成人员：县长、副县长、县政府办公室主任。
（二）会议由县长召集和主持；县长外出时，由县长委托常务副县长召集和主持。
（三）会议一般每月召开2次。
（四）列席人员：县政府办公室副主任、各有关部门负责人。

第三条　根据工作需要，县政府可以召开全县性工作会议，有关部门负责人参加。
"""


def test_article_headed_by_the_meeting_with_items():
    meetings = _extract(_HEADED)
    # the 全县性工作会议 is no meeting of the vocabulary, but a node with the facts the rule gives it
    assert sorted(meetings) == ["executive", "x:全县性工作会议"]
    assert _names(meetings["x:全县性工作会议"].attendees) == ["有关部门负责人"]
    executive = meetings["executive"]
    assert _keys(executive.members) == ["head", "deputy_head", "office_director"]
    assert [(p.entity.key, p.delegated) for p in executive.conveners] == [
        ("head", False), ("executive_deputy_head", True)]
    assert _names(executive.attendees) == ["县政府办公室副主任", "各有关部门负责人"]
    assert (executive.frequency.period, executive.frequency.times) == ("month", 2)


# ------------------------------------------------------------- lists of participants


@pytest.fixture(scope="module")
def district_ctx() -> Context:
    tree = parse_document(_REFERENCES.replace("某县", "朝阳区").replace("县", "区").encode(), "ctx.txt")
    return Context(tree)


@pytest.mark.parametrize(("written", "expected"), [
    ("区长、副区长和区政府办公室主任", ["head", "deputy_head", "office_director"]),
    ("区长或由其委托常务副区长", ["head", "executive_deputy_head*"]),
    ("党组书记或党组书记委托副书记", ["party_group_secretary", "party_group_deputy_secretary*"]),
    ("区人大常委会、区政协领导", ["congress_standing_committee", "cppcc"]),
    ("区委、区政协领导及其部门负责人", ["party_committee", "cppcc"]),
    ("区政府有关部门和各街道主要负责人", ["x:{L}政府有关部门主要负责人", "x:各街道主要负责人"]),
    ("与议题相关的部门、单位主要负责人", ["x:与议题相关的部门、单位主要负责人"]),
    ("群众团体、民主党派、工商联等单位负责人", ["x:群众团体", "x:民主党派", "x:工商联负责人"]),
    ("区司法局主要负责人", ["x:区司法局主要负责人"]),
    ("区政府工作部门的局长、主任", ["x:{L}政府工作部门的局长、主任"]),
    ("区人大代表、政协委员、市民", ["x:区人大代表", "x:政协委员", "x:市民"]),
    ("有关方面人员", []),
])
def test_participants(district_ctx, written, expected):
    found = participants(district_ctx, written)
    assert [p.entity.key + ("*" if p.delegated else "") for p in found] == expected


# ------------------------------------------------------------------------ frequency


@pytest.mark.parametrize(("written", "period", "times", "times_max"), [
    ("一般每周召开1次", "week", 1, None),
    ("每两周一次", "two_weeks", 1, None),
    ("一般每月召开1-2次", "month", None, 2),
    ("每月召开一至两次", "month", None, 2),
    ("一般每半年召开一次", "half_year", 1, None),
    ("每季度举行一次", "quarter", 1, None),
    ("一般于每年全区“两会”前召开1次", "year", 1, None),
    ("根据工作需要召开", "irregular", None, None),
    ("视工作需要不定期召开", "irregular", None, None),
])
def test_frequency_table(written, period, times, times_max):
    f = parse_frequency(written)
    assert (f.text, f.period, f.times, f.times_max) == (written, period, times, times_max)


_CN = "一两三四五六七八九"


@given(
    lead=st.sampled_from(["", "一般", "原则上", "通常"]),
    word=st.sampled_from(sorted(PERIODS)),
    verb=st.sampled_from(["", "召开", "举行"]),
    times=st.integers(1, 9),
    extra=st.none() | st.integers(1, 9),
    chinese=st.booleans(),
)
def test_frequency_normalization_property(lead, word, verb, times, extra, chinese):
    def num(n: int) -> str:
        return _CN[n - 1] if chinese and n < 10 else str(n)

    count = num(times) if extra is None else f"{num(times)}{'至' if chinese else '-'}{num(times + extra)}"
    written = f"{lead}{word}{verb}{count}次"
    f = parse_frequency(f"会议{written}，必要时随时召开。")
    assert f is not None and f.text == written and f.period == PERIODS[word]
    if extra is None:
        assert (f.times, f.times_max) == (times, None)
    else:
        assert (f.times, f.times_max) == (None, times + extra)


# ---------------------------------------------------------------------- the seeds


def test_evidence_is_the_original_text(gold, seed_tree):
    raw = seed_tree.raw.text
    meetings = extract_meetings(Context(seed_tree))
    assert meetings
    for meeting in meetings:
        assert meeting.evidence
        for ev in meeting.evidence:
            assert ev.text and raw[ev.start : ev.end] == ev.text
        people = meeting.members + meeting.conveners + meeting.chairs + meeting.attendees
        for stated in [p.evidence for p in people] + [x.evidence for x in (meeting.frequency, meeting.quorum) if x]:
            assert stated is not None and raw[stated.start : stated.end] == stated.text
            assert stated in meeting.evidence
        assert meeting.minutes_signers == ()  # joined from the signing rules elsewhere


@pytest.mark.parametrize("gold_file", GOLD_FILES, ids=lambda p: p.name)
def test_gold_meetings(gold_file):
    """Precision and recall of this module's slots (minutes signers come from signing)."""
    names = Names(load_vocabulary())
    predicted = matched = total = 0
    for entry in yaml.safe_load(gold_file.read_text(encoding="utf-8")):
        path = gold_file.parent / entry["file"]
        if not path.exists():  # the seeds' gold names the shared folder; the files live in corpus/
            path = gold_file.parents[2] / "corpus" / Path(entry["file"]).name
        tree = parse_document(path.read_bytes(), path.name)
        facts = DocumentFacts(meetings=tuple(extract_meetings(Context(tree))))
        gold = {**entry, "meetings": [{k: v for k, v in m.items() if k != "minutes_signers"}
                                      for m in entry.get("meetings") or []]}
        score = score_meetings(gold, facts, names)
        predicted, matched, total = predicted + score.predicted, matched + score.matched_gold, total + score.gold
    assert matched / predicted >= 0.95
    assert matched / total >= 0.90
