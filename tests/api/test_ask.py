"""`ask` against the seeds' gold: the issue's examples and 26 more questions, half in
Chinese, half in English, through GraphQL and from both stores.

Expected names and article numbers are read from tests/data/gold_seeds.yaml; the
questions name seed places because they are tests against that gold.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from graphql_api.ask import Intent, answer
from schema.vocabulary import load_vocabulary

from .conftest import alternatives, data, execute

ASK = """query($q: String!) { ask(question: $q) { text intent language understood suggestions
    jurisdiction { name } jurisdictions { name } citations { number text document { title } } } }"""


def ask(store, question: str) -> dict:  # type: ignore[no-untyped-def]
    return data(store, ASK, q=question)["ask"]


def mentions(text: str, name: str) -> bool:
    """``name`` occurs as itself, not only inside a longer name (区长 inside 副区长 does not count)."""
    vocab = load_vocabulary()
    surfaces = {s for kind in ("role", "body", "meeting") for s, _ in vocab.surfaces(kind)}
    for form in sorted((s for s in surfaces if name in s and s != name), key=len, reverse=True):
        text = text.replace(form, "□")
    return name in text


def any_mentioned(text: str, gold_name: str) -> bool:
    return any(mentions(text, alt) for alt in alternatives(gold_name))


def signing_rule(gold: dict, issuer: str, **match: object) -> dict:
    rules = [r for r in gold["signing"] if r["issuer"] == issuer and all(r.get(k) == v for k, v in match.items())]
    assert len(rules) == 1, (issuer, match, rules)
    return rules[0]


def meeting(gold: dict, name: str) -> dict:
    return next(m for m in gold["meetings"] if m["name"] == name)


def cited(result: dict) -> set[int]:
    return {c["number"] for c in result["citations"]}


# -- the examples ----------------------------------------------------------------------


def test_who_signs_an_office_notice_in_dongcheng(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    rule = signing_rule(gold_by_place["东城区"], "区政府办公室")
    result = ask(store, "Who signs an office notice in Dongcheng?")
    assert (result["intent"], result["language"], result["understood"]) == ("SIGNING", "en", True)
    assert result["jurisdiction"] == {"name": "东城区"}
    text = result["text"]
    assert "区政府办公室主任 (Director of the District Government Office)" in text
    assert rule["conditions"][0]["when"] == "涉及重大事项" and "If 涉及重大事项" in text
    assert rule["article"] == 55 and "(Article 55)" in text and cited(result) == {55}
    citation = result["citations"][0]
    assert citation["document"]["title"] == gold_by_place["东城区"]["document"]["title"]
    assert "由区政府办公室主任签发" in citation["text"]


def test_chinese_office_documents_question_in_dongcheng(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    rule = signing_rule(gold_by_place["东城区"], "区政府办公室")
    result = ask(store, "东城区以区政府办公室名义发文由谁签发？")
    assert (result["intent"], result["language"]) == ("SIGNING", "zh")
    assert "由区政府办公室主任签发" in result["text"]
    assert f"{rule['conditions'][0]['when']}时" in result["text"]
    assert f"第{rule['article']}条" in result["text"] and cited(result) == {rule["article"]}


def test_who_chairs_the_executive_meeting_in_tongzhou(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    gold = meeting(gold_by_place["通州区"], "区政府常务会议")
    result = ask(store, "Who chairs the executive meeting in Tongzhou?")
    assert result["intent"] == "MEETING_CHAIRS"
    direct, _, delegated = result["text"].partition("by delegation:")
    for name in set(gold["chairs"]) - set(gold["delegated_chairs"]):
        assert mentions(direct, name), name
    for name in gold["delegated_chairs"]:
        assert mentions(delegated, name), name
    assert cited(result) and cited(result) <= set(gold["articles"])


def test_how_often_the_executive_meeting_meets_in_fangshan(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    gold = meeting(gold_by_place["房山区"], "区政府常务会议")
    result = ask(store, "房山区常务会议多久开一次？")
    assert (result["intent"], result["language"]) == ("MEETING_FREQUENCY", "zh")
    assert gold["frequency"]["text"] in result["text"]
    assert cited(result) and cited(result) <= set(gold["articles"])
    assert all(gold["frequency"]["text"] in c["text"] for c in result["citations"])


def test_compare_who_signs_office_documents(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    result = ask(store, "Compare who signs office documents across districts")
    assert result["intent"] == "COMPARE_SIGNING"
    blocks = re.split(r"\n(?=\w+ \([^)]*\):\n)", result["text"])
    assert len(blocks) == len(gold_by_place)
    for place, gold in gold_by_place.items():
        rule = signing_rule(gold, "区政府办公室")
        block = next(b for b in blocks if f"({gold['jurisdiction']['full_name']}):" in b.splitlines()[0])
        default = block.split(" If ")[0]
        for signer in rule["signers"]:
            assert any_mentioned(default, signer), (place, signer, block)
        assert rule["article"] in cited(result)


# -- 26 more: (question, intent, place, check) --------------------------------------------------


@dataclass(frozen=True)
class Case:
    question: str
    intent: str
    place: str
    names: tuple[str, ...]  # gold names the answer must mention (a|b: either)
    articles: tuple[int, ...]  # gold articles it must cite
    phrases: tuple[str, ...] = ()  # exact words it must contain
    any_of: tuple[str, ...] = ()  # it must contain at least one of these (the gold's conditions)


def _gold_case(gold_by_place: dict, case_id: str) -> Case:
    g = gold_by_place
    bc, tz, dc, fs, dch = (g[n] for n in ("北辰区", "通州区", "东城区", "房山区", "东昌区"))
    bc_office = signing_rule(bc, "区政府办公室")
    tz_request = signing_rule(tz, "区政府", recipient="市政府", genres=["请示", "报告"])
    dch_exec = meeting(dch, "区政府常务会议")
    bc_exec = meeting(bc, "区政府常务会议")
    dc_plenary = meeting(dc, "区政府全体会议")
    dch_plenary = meeting(dch, "区政府全体会议")
    fs_exec = meeting(fs, "区政府常务会议")
    dch_exec_minutes = signing_rule(dch, "区政府常务会议")
    bc_deputy = [r for r in bc["reports_to"] if r["from"] == "副区长"]
    bc_deadlines = [d for d in bc["deadlines"] if d["subject"] == "区政府各部门" and d["unit"] == "minute"]
    cases = {
        # English
        "en-office-signing": Case("Who signs documents issued in the name of the district government office in Beichen?",
                                  "SIGNING", "北辰区", tuple(bc_office["signers"]), (bc_office["article"],),
                                  any_of=tuple(f"If {c['when']}" for c in bc_office["conditions"])),
        "en-request-to-city": Case("Who signs a request to the municipal government in Tongzhou?", "SIGNING", "通州区",
                                   tuple(tz_request["signers"] + tz_request["reviewers"]), (tz_request["article"],),
                                   ("to 市政府",)),
        "en-minutes": Case("Who signs the minutes of the executive meeting in Dongchang?", "SIGNING", "东昌区",
                           tuple(dch_exec_minutes["signers"]), (dch_exec_minutes["article"],), ("Minutes",)),
        "en-convenes": Case("Who convenes the plenary meeting in Dongcheng?", "MEETING_CONVENERS", "东城区",
                            tuple(dc_plenary["conveners"]), (), ("convened by",)),
        "en-members": Case("Who sits on the executive meeting in Beichen?", "MEETING_MEMBERS", "北辰区",
                           tuple(bc_exec["members"]), (), ("composed of",)),
        "en-attendees": Case("Who attends the executive meeting in Dongchang?", "MEETING_ATTENDEES", "东昌区",
                             tuple(dch_exec["attendees"]), (), ("attended by",)),
        "en-frequency-half-year": Case("How often is the plenary meeting held in Dongchang?", "MEETING_FREQUENCY",
                                       "东昌区", (), (), ("once every six months", dch_plenary["frequency"]["text"])),
        "en-frequency-week": Case("How often does the executive meeting meet in Beichen?", "MEETING_FREQUENCY", "北辰区",
                                  (), (), ("once a week", bc_exec["frequency"]["text"])),
        "en-quorum": Case("What is the quorum of the executive meeting in Beichen?", "MEETING_QUORUM", "北辰区",
                          (), (), (bc_exec["quorum"],)),
        "en-reports-to": Case("To whom must the deputy district head report in Beichen?", "REPORTING", "北辰区",
                              tuple(r["to"] for r in bc_deputy), tuple(r["article"] for r in bc_deputy),
                              ("副区长 (Deputy District Head) reports to",)),
        "en-deadlines": Case("What deadlines do the departments in Beichen have?", "DEADLINES", "北辰区",
                             ("区政府各部门",), tuple(d["article"] for d in bc_deadlines),
                             tuple(f"{d['amount']}分钟" for d in bc_deadlines)),
        "en-chairs-fangshan": Case("Who presides over the executive meeting in Fangshan?", "MEETING_CHAIRS", "房山区",
                                   tuple(fs_exec["chairs"]), (), ("by delegation",)),
        "en-office-signing-pinyin-place": Case("who approves office documents in dongcheng district?", "SIGNING", "东城区",
                                               ("区政府办公室主任", "分管副区长"), (55,), ("approved by",)),
        # Chinese
        "zh-office-signing": Case("北辰区以区政府办公室名义发文由谁签发？", "SIGNING", "北辰区",
                                  tuple(bc_office["signers"]), (bc_office["article"],),
                                  any_of=tuple(c["when"] for c in bc_office["conditions"])),
        "zh-request-to-city": Case("通州区向市政府报送的请示由谁签发？", "SIGNING", "通州区",
                                   tuple(tz_request["signers"]), (tz_request["article"],), ("报市政府",)),
        "zh-minutes": Case("东昌区常务会议纪要由谁签发？", "SIGNING", "东昌区", tuple(dch_exec_minutes["signers"]),
                           (dch_exec_minutes["article"],), ("纪要",)),
        "zh-convenes": Case("东城区全体会议由谁召集？", "MEETING_CONVENERS", "东城区", tuple(dc_plenary["conveners"]),
                            (), ("召集",)),
        "zh-members": Case("北辰区常务会议由哪些人员组成？", "MEETING_MEMBERS", "北辰区", tuple(bc_exec["members"]),
                           (), ("组成",)),
        "zh-attendees": Case("东昌区常务会议哪些人列席？", "MEETING_ATTENDEES", "东昌区", tuple(dch_exec["attendees"]),
                             (), ("列席人员：",)),
        "zh-frequency": Case("东昌区全体会议多久召开一次？", "MEETING_FREQUENCY", "东昌区", (), (),
                             (dch_plenary["frequency"]["text"],)),
        "zh-quorum": Case("北辰区常务会议的法定人数是多少？", "MEETING_QUORUM", "北辰区", (), (), (bc_exec["quorum"],)),
        "zh-leave": Case("北辰区副区长不能出席会议应向谁请假？", "REPORTING", "北辰区", ("区长",),
                         tuple(r["article"] for r in bc_deputy if r["to"] == "区长"), ("副区长向区长报告",)),
        "zh-deadlines": Case("北辰区区政府各部门有哪些时限要求？", "DEADLINES", "北辰区", ("区政府各部门",),
                             tuple(d["article"] for d in bc_deadlines), tuple(f"{d['amount']}分钟" for d in bc_deadlines)),
        "zh-chairs": Case("房山区常务会议由谁主持？", "MEETING_CHAIRS", "房山区", tuple(fs_exec["chairs"]), (),
                          ("受委托时由常务副区长主持",)),
        "zh-full-place-name": Case("北京市东城区人民政府常务会议多长时间召开一次？", "MEETING_FREQUENCY", "东城区", (), (),
                                   (meeting(dc, "区政府常务会议")["frequency"]["text"],)),
        "zh-government-office-in-place-name": Case("东城区政府办公室的公文由谁签发？", "SIGNING", "东城区",
                                                   ("区政府办公室主任",), (55,), ("涉及重大事项时",)),
    }
    return cases[case_id]


CASE_IDS = [
    "en-office-signing", "en-request-to-city", "en-minutes", "en-convenes", "en-members", "en-attendees",
    "en-frequency-half-year", "en-frequency-week", "en-quorum", "en-reports-to", "en-deadlines",
    "en-chairs-fangshan", "en-office-signing-pinyin-place",
    "zh-office-signing", "zh-request-to-city", "zh-minutes", "zh-convenes", "zh-members", "zh-attendees",
    "zh-frequency", "zh-quorum", "zh-leave", "zh-deadlines", "zh-chairs", "zh-full-place-name",
    "zh-government-office-in-place-name",
]


def test_the_question_table_is_half_chinese_half_english() -> None:
    assert len(CASE_IDS) >= 20
    assert sum(c.startswith("zh-") for c in CASE_IDS) == sum(c.startswith("en-") for c in CASE_IDS)


@pytest.mark.parametrize("case_id", CASE_IDS)
def test_question_gets_a_correct_cited_answer(store, gold_by_place, case_id: str) -> None:  # type: ignore[no-untyped-def]
    case = _gold_case(gold_by_place, case_id)
    result = ask(store, case.question)
    assert result["understood"], result["text"]
    assert result["intent"] == case.intent, result["text"]
    assert result["language"] == case_id[:2]
    assert result["jurisdiction"] == {"name": case.place}
    for name in case.names:
        assert any_mentioned(result["text"], name), (name, result["text"])
    for phrase in case.phrases:
        assert phrase in result["text"], (phrase, result["text"])
    assert not case.any_of or any(p in result["text"] for p in case.any_of), (case.any_of, result["text"])
    assert set(case.articles) <= cited(result), (case.articles, result["text"])
    assert result["citations"], "every answer cites its articles"
    for number in cited(result):
        label = rf"Articles? (?:\d+, )*{number}\b" if case_id.startswith("en-") else f"第{number}条"
        assert re.search(label, result["text"]), (number, result["text"])


# -- questions it cannot answer ----------------------------------------------------------------


@pytest.mark.parametrize("question,language", [
    ("What will the weather be like tomorrow?", "en"),
    ("明天天气怎么样？", "zh"),
    ("Tell me a joke about Dongcheng", "en"),
])
def test_unmapped_question_says_so_and_suggests_forms(store, question: str, language: str) -> None:  # type: ignore[no-untyped-def]
    result = ask(store, question)
    assert (result["intent"], result["understood"], result["language"]) == ("UNSUPPORTED", False, language)
    assert result["citations"] == []
    assert len(result["suggestions"]) >= 5
    assert all(s in result["text"] for s in result["suggestions"])


def test_every_suggestion_is_understood(store) -> None:  # type: ignore[no-untyped-def]
    for language, question in (("en", "What is this?"), ("zh", "这是什么？")):
        for suggestion in ask(store, question)["suggestions"]:
            result = ask(store, suggestion)
            assert result["understood"], (suggestion, result["text"])
            assert result["language"] == language


def test_a_place_the_store_does_not_hold_is_named_not_guessed(store) -> None:  # type: ignore[no-untyped-def]
    result = ask(store, "朝阳区常务会议由谁主持？")
    assert (result["intent"], result["understood"]) == ("MEETING_CHAIRS", False)
    assert "朝阳区" in result["text"] and result["citations"] == []
    english = ask(store, "Who chairs the executive meeting in Chaoyang?")
    assert not english["understood"] and "Chaoyang" in english["text"]


def test_a_missing_place_is_asked_for(store) -> None:  # type: ignore[no-untyped-def]
    result = ask(store, "Who chairs the executive meeting?")
    assert (result["intent"], result["understood"]) == ("MEETING_CHAIRS", False)
    assert "Which district or county?" in result["text"]
    for jur in data(store, "{ jurisdictions { fullName } }")["jurisdictions"]:
        assert jur["fullName"] in result["text"]


def test_a_missing_meeting_is_asked_for_with_the_meetings_held(store) -> None:  # type: ignore[no-untyped-def]
    result = ask(store, "东城区的会议多久开一次？")
    assert (result["intent"], result["understood"]) == ("MEETING_FREQUENCY", False)
    assert "请问是哪个会议" in result["text"] and "区政府常务会议" in result["text"]


def test_ask_can_answer_from_a_named_document(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    title = gold_by_place["东城区"]["document"]["title"]
    query = """query($q: String!, $d: String) { ask(question: $q, document: $d) { understood citations { number } } }"""
    result = data(store, query, q="Who signs an office notice in Dongcheng?", d=title)["ask"]
    assert result == {"understood": True, "citations": [{"number": 55}]}
    wrong = execute(store, query, q="Who signs an office notice in Dongcheng?", d="no such document")
    assert wrong.errors and "unknown document" in wrong.errors[0].message


def test_too_long_a_question_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    result = execute(store, ASK, q="谁" * 501)
    assert result.errors and "question must be 1 to 500 characters" in result.errors[0].message


def test_the_pure_function_needs_no_graphql(memory_store) -> None:  # type: ignore[no-untyped-def]
    result = answer("Who signs an office notice in Dongcheng?", memory_store)
    assert result.intent is Intent.SIGNING and result.understood
    assert [c.number for c in result.citations] == [55]
    assert result.jurisdictions[0].place.name == "东城区"
