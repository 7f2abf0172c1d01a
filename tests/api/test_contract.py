"""One contract: every API field answers identically from the embedded store and from Neo4j.

Each document below selects every field its type offers; the JSON answers of the two
stores must be equal, order included.
"""

from __future__ import annotations

import pytest

from .conftest import GOLD_PLACES, data

pytestmark = pytest.mark.neo4j  # every test here compares the embedded store with a Neo4j server

ENTITY = "key name nameEn label"
DOC = "key title status jurisdiction sourceUrl"
ARTICLE = "key number label text rawText start end document { %s }" % DOC
EVIDENCE = "start end text"
STEP = """role { %s } action condition verb delegated order
  documentType { key name issuer genres recipient direction } article { %s } evidence { %s }""" % (ENTITY, ARTICLE, EVIDENCE)
PARTICIPANT = "key name nameEn label role { %s } mandatory delegated condition article { %s } evidence { %s }" % (
    ENTITY, ARTICLE, EVIDENCE)
OBLIGATION = """key modality trigger action condition bearer { %s } counterparty { %s }
  deadline { amount unit text kind max per } article { %s } evidence { %s }""" % (ENTITY, ENTITY, ARTICLE, EVIDENCE)
RULE_DOCUMENT = """key title docNumber issued adopted published sourceUrl status publishedStatus current jurisdiction supersedes
  supersededBy file articleCount chapterCount warnings supersedesNumbers"""

PLACES = [zh for zh, _ in GOLD_PLACES]
LINK = "who { %s } of { %s } cue condition article { %s } evidence { %s }" % (ENTITY, ENTITY, ARTICLE, EVIDENCE)
BASIS = "instrumentKey title written verb article { %s } evidence { %s }" % (ARTICLE, EVIDENCE)
GOVERNMENT = """body { %s } members { %s } head { %s } acting { %s } assistants { %s } leadership { %s }
  accountability { %s } principles { text article { %s } evidence { %s } } basis { %s }""" % (
    ENTITY, LINK, LINK, LINK, LINK, LINK, LINK, ARTICLE, EVIDENCE, BASIS)

DOCUMENTS = {
    "jurisdictions": "{ jurisdictions { key name fullName nameEn level parent documents { %s } } }" % RULE_DOCUMENT,
    "documents": "{ documents { %s } }" % RULE_DOCUMENT,
    **{f"meetings {p}": """{ meetings(jurisdiction: "%s") { key kind name nameEn
        members { %s } conveners { %s } chairs { %s } attendees { %s }
        frequency { text period times timesMax article { %s } evidence { %s } } quorum
        quorumSource { article { %s } evidence { %s } } minutesSigners { %s } articles { %s } evidence { %s } } }"""
       % (p, PARTICIPANT, PARTICIPANT, PARTICIPANT, PARTICIPANT, ARTICLE, EVIDENCE, ARTICLE, EVIDENCE, STEP, ARTICLE,
          EVIDENCE) for p in PLACES},
    **{f"reportingLines {p}": """{ reportingLines(jurisdiction: "%s") { from { %s } to { %s } matter kind
        steps { order actor { %s } action } article { %s } evidence { %s } } }"""
       % (p, ENTITY, ENTITY, ENTITY, ARTICLE, EVIDENCE) for p in PLACES},
    **{f"obligations {p}": """{ obligations(jurisdiction: "%s", first: 100) { totalCount
        pageInfo { hasNextPage hasPreviousPage startCursor endCursor } edges { cursor node { %s } } } }"""
       % (p, OBLIGATION) for p in PLACES},
    **{f"obligations with deadline {p}": """{ obligations(jurisdiction: "%s", withDeadline: true, first: 3) {
        totalCount edges { node { key deadline { amount unit } } } } }""" % p for p in PLACES},
    **{f"signatories {p} {i}": '{ signatories(jurisdiction: "%s", issuer: "%s") { %s } }' % (p, i, STEP)
       for p in PLACES for i in ("区政府", "区政府办公室", "区政府各部门", "常务会议", "专题会议", "党组会议")},
    "search": """{ search(text: "常务会议", first: 100) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor score node { %s } } } }""" % ARTICLE,
    **{f"search {en}": '{ search(text: "签发", jurisdiction: "%s", first: 5) { totalCount edges { score node { number } } } }' % en
       for _, en in GOLD_PLACES},
    **{f"compare {i}": """{ compare(issuer: "%s") { jurisdiction { key name fullName nameEn level parent }
        document { %s } signers { %s } steps { %s } } }""" % (i, DOC, ENTITY, STEP)
       for i in ("区政府办公室", "区政府", "executive meeting")},
    **{f"government {p}": '{ government(jurisdiction: "%s") { %s } }' % (p, GOVERNMENT) for p in PLACES},
    "documents basis": "{ documents { key basis { %s } } }" % BASIS,
    **{f"instrument {title}": """{ instrument(title: "%s") { key title citedBy { document { %s } jurisdiction verb
        written article { %s } evidence { %s } } } }""" % (title, DOC, ARTICLE, EVIDENCE)
       for title in ("国务院工作规则", "《北京市人民政府工作规则》", "中华人民共和国宪法", "不存在的规则")},
    "compare genre": '{ compare(issuer: "区政府", genre: "请示") { jurisdiction { name } signers { key } } }',
}

QUESTION_FORMS = [
    "Who signs an office notice in {en}?",
    "{zh}以区政府办公室名义发文由谁签发？",
    "Who chairs the executive meeting in {en}?",
    "{zh}常务会议多久开一次？",
    "To whom must the deputy district head report in {en}?",
    "{zh}区政府各部门有哪些时限要求？",
    "Who attends the executive meeting in {en}?",
    "{zh}区政府由哪些人员组成？",
    "Who runs the {en} government while the district head is away?",
    "Which higher-level work rules did {en} refer to?",
    "{zh}区政府工作的准则是什么？",
    "{zh}区政府对谁负责并报告工作？",
    "{zh}关于外事有什么规定？",
]
QUESTIONS = [form.format(zh=zh, en=en) for zh, en in GOLD_PLACES for form in QUESTION_FORMS] + [
    "Compare who signs office documents across districts",
    "What will the weather be like tomorrow?",
]


@pytest.fixture(scope="module")
def both(memory_store, loaded_neo4j):  # type: ignore[no-untyped-def]
    return memory_store, loaded_neo4j


@pytest.mark.parametrize("name", sorted(DOCUMENTS))
def test_both_stores_answer_identically(both, name: str) -> None:  # type: ignore[no-untyped-def]
    memory, neo4j = both
    assert data(memory, DOCUMENTS[name]) == data(neo4j, DOCUMENTS[name])


def test_article_lookups_are_identical(both) -> None:  # type: ignore[no-untyped-def]
    memory, neo4j = both
    query = """query($d: String!, $n: Int!) { article(document: $d, number: $n) { article { %s }
        facts { type from { %s } to { %s } condition matter evidence { %s } } } }""" % (ARTICLE, ENTITY, ENTITY, EVIDENCE)
    for doc in data(memory, "{ documents { key } }")["documents"]:
        for number in (1, 7, 21, 45, 55, 81, 500):
            assert data(memory, query, d=doc["key"], n=number) == data(neo4j, query, d=doc["key"], n=number), (doc, number)


@pytest.mark.parametrize("question", QUESTIONS)
def test_ask_answers_identically(both, question: str) -> None:  # type: ignore[no-untyped-def]
    memory, neo4j = both
    query = """query($q: String!) { ask(question: $q) { text intent language understood suggestions
        jurisdiction { key } jurisdictions { key } citations { %s } } }""" % ARTICLE
    assert data(memory, query, q=question) == data(neo4j, query, q=question)


def test_pages_walk_identically(both) -> None:  # type: ignore[no-untyped-def]
    memory, neo4j = both
    query = """query($after: String) { obligations(jurisdiction: "北辰区", first: 4, after: $after) {
        pageInfo { hasNextPage endCursor } edges { cursor node { key } } } }"""
    after = None
    while True:
        page = data(memory, query, after=after)
        assert page == data(neo4j, query, after=after)
        if not page["obligations"]["pageInfo"]["hasNextPage"]:
            break
        after = page["obligations"]["pageInfo"]["endCursor"]
