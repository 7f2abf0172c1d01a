"""The public fields beyond `signatories` and `ask`, from both stores: meetings, reportingLines,
obligations (cursor pages), search, compare, article, documents, and the `document` argument.

Places and expectations come from tests/data/gold_seeds.yaml.
"""

from __future__ import annotations

from functools import cache

import pytest

from tests.conftest import CORPUS

from .conftest import alternatives, data, execute

EVIDENCE = "evidence { start end text }"
ARTICLE = "article { number start end document { key title } }"


@cache
def source(title: str) -> str:
    """The original text of the seed whose title is ``title``."""
    for path in sorted(CORPUS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if title in text[:400]:
            return text
    raise AssertionError(f"no corpus file titled {title}")


def check_span(fact: dict) -> None:
    """Evidence is the exact source span and lies inside the cited article."""
    ev, art = fact["evidence"], fact["article"]
    assert source(art["document"]["title"])[ev["start"]:ev["end"]] == ev["text"]
    assert art["start"] <= ev["start"] < ev["end"] <= art["end"]


# -- meetings --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["区政府常务会议", "常务会议", "executive meeting", "Executive Meeting of the District Government",
                                  "quzhengfuchangwuhuiyi"])
def test_meeting_by_any_name(store, name: str) -> None:  # type: ignore[no-untyped-def]
    rows = data(store, 'query($n: String) { meetings(jurisdiction: "Beichen", name: $n) { kind name nameEn } }', n=name)
    assert rows["meetings"] == [{"kind": "executive", "name": "区政府常务会议",
                                 "nameEn": "Executive Meeting of the District Government"}]


def test_meeting_facts_carry_article_and_evidence(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    people = "role { name } mandatory delegated condition %s %s" % (ARTICLE, EVIDENCE)
    query = """query($j: String!) { meetings(jurisdiction: $j) { name
        members { %s } conveners { %s } chairs { %s } attendees { %s }
        minutesSigners { role { name } %s %s } frequency { text period times timesMax %s %s }
        quorum quorumSource { %s %s }
        articles { number } evidence { start end text } } }""" % (people, people, people, people, ARTICLE, EVIDENCE,
                                                                  ARTICLE, EVIDENCE, ARTICLE, EVIDENCE)
    for place, gold in gold_by_place.items():
        meetings = data(store, query, j=place)["meetings"]
        assert {m["name"] for m in gold["meetings"]} <= {m["name"] for m in meetings}, place
        for m in meetings:
            for slot in ("members", "conveners", "chairs", "attendees"):
                for fact in m[slot]:
                    if fact["evidence"] is not None:
                        check_span(fact)
                        assert fact["article"]["number"] in {a["number"] for a in m["articles"]}
            for step in m["minutesSigners"]:
                check_span(step)
            for figure, value in ((m["frequency"], (m["frequency"] or {}).get("text")), (m["quorumSource"], m["quorum"])):
                if figure is not None:  # how often and the quorum cite their own clause
                    check_span(figure)
                    assert value in figure["evidence"]["text"], (m["name"], value, figure["evidence"]["text"])
                    assert figure["article"]["number"] in {a["number"] for a in m["articles"]}
            assert m["evidence"] == sorted(m["evidence"], key=lambda e: (e["start"], e["end"]))


def test_meeting_frequency_and_chairs_match_the_gold(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    query = """query($j: String!) { meetings(jurisdiction: $j) { name frequency { text period times }
               chairs { name delegated } } }"""
    for place, gold in gold_by_place.items():
        found = {m["name"]: m for m in data(store, query, j=place)["meetings"]}
        for expected in gold["meetings"]:
            got = found[expected["name"]]
            if expected.get("frequency"):
                f = expected["frequency"]
                assert got["frequency"]["period"] == f["period"].upper(), (place, expected["name"])
                assert got["frequency"]["times"] == f.get("times"), (place, expected["name"])
            delegated = {c["name"] for c in got["chairs"] if c["delegated"]}
            for name in expected.get("delegated_chairs") or []:
                assert alternatives(name) & delegated, (place, expected["name"], name)


def test_unknown_meeting_is_an_error(store) -> None:  # type: ignore[no-untyped-def]
    result = execute(store, '{ meetings(jurisdiction: "Beichen", name: "常务会") { name } }')
    assert result.errors and "unknown meeting '常务会'" in result.errors[0].message
    assert result.errors[0].extensions["code"] == "UNKNOWN_NAME"


# -- reporting lines -------------------------------------------------------------------------


def test_reporting_lines_filter_by_from_and_to(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    query = """query($j: String!, $f: String, $t: String) { reportingLines(jurisdiction: $j, from: $f, to: $t) {
        from { key name } to { key name } matter %s %s } }""" % (ARTICLE, EVIDENCE)
    for place, gold in gold_by_place.items():
        every = data(store, query, j=place)["reportingLines"]
        for line in every:
            check_span(line)
        from_deputy = data(store, query, j=place, f="deputy district head")["reportingLines"]
        assert from_deputy == [line for line in every if line["from"]["key"] == "deputy_head"]
        to_head = data(store, query, j=place, t="区长")["reportingLines"]
        assert to_head == [line for line in every if line["to"]["key"] == "head"]
        expected = {(r["article"], r["to"]) for r in gold["reports_to"] if r["from"] == "副区长"}
        got = {(line["article"]["number"], line["to"]["name"]) for line in from_deputy}
        assert all(any((a, t) in got for t in alternatives(to)) for a, to in expected), (place, expected - got)


# -- obligations: cursor pagination ----------------------------------------------------------

OBLIGATIONS = """query($j: String!, $first: Int, $after: String, $d: Boolean, $m: Modality, $b: String) {
  obligations(jurisdiction: $j, first: $first, after: $after, withDeadline: $d, modality: $m, bearer: $b) {
    totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { key modality trigger action bearer { key name } deadline { amount unit text max per }
                          %s %s } } } }""" % (ARTICLE, EVIDENCE)


def test_walking_the_pages_gives_every_obligation_once_in_order(store) -> None:  # type: ignore[no-untyped-def]
    everything = data(store, OBLIGATIONS, j="Dongcheng", first=100)["obligations"]
    total = everything["totalCount"]
    assert total > 0
    walked, after, pages = [], None, 0
    while True:
        page = data(store, OBLIGATIONS, j="Dongcheng", first=7, after=after)["obligations"]
        assert page["totalCount"] == total
        walked += [e["node"]["key"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    assert len(walked) == total == len(set(walked))
    assert pages == -(-total // 7)
    assert walked[:100] == [e["node"]["key"] for e in everything["edges"]]


def test_obligation_filters(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    with_deadline = data(store, OBLIGATIONS, j="Beichen", first=100, d=True)["obligations"]
    nodes = [e["node"] for e in with_deadline["edges"]]
    assert nodes and all(n["deadline"] is not None for n in nodes)
    for node in nodes:
        check_span(node)
    # amounts compare to three decimals, as `govgraph eval` does (三分之二 = 0.667)
    amounts = {(n["article"]["number"], round(n["deadline"]["amount"], 3), n["deadline"]["unit"]) for n in nodes}
    for d in gold_by_place["北辰区"]["deadlines"]:
        assert (d["article"], round(float(d["amount"]), 3), d["unit"]) in amounts, d
    # a range keeps its upper end (每人确定1至2个重点课题), a count its period (原则上每年只组织1次)
    assert {(n["article"]["number"], n["deadline"]["amount"], n["deadline"]["max"]) for n in nodes} >= {(79, 1.0, 2.0)}
    assert {(n["article"]["number"], n["deadline"]["unit"], n["deadline"]["per"]) for n in nodes} >= {(51, "times", "year")}
    must_not = data(store, OBLIGATIONS, j="Beichen", first=100, m="MUST_NOT")["obligations"]
    assert all(e["node"]["modality"] == "MUST_NOT" for e in must_not["edges"])
    by_departments = data(store, OBLIGATIONS, j="Beichen", first=100, b="departments")["obligations"]
    assert all(e["node"]["bearer"]["key"] == "government_departments" for e in by_departments["edges"])


@pytest.mark.parametrize("after,code", [("bm90IGEgY3Vyc29y", "BAD_CURSOR"), ("%%%", "BAD_CURSOR"),
                                        ("c2VhcmNoOjA=", "BAD_CURSOR")])  # the last is a search cursor
def test_a_cursor_we_did_not_hand_out_is_refused(store, after: str, code: str) -> None:  # type: ignore[no-untyped-def]
    result = execute(store, OBLIGATIONS, j="Dongcheng", first=5, after=after)
    assert result.errors and result.errors[0].extensions["code"] == code
    assert "invalid cursor" in result.errors[0].message


@pytest.mark.parametrize("first", [-1, 101])
def test_page_size_is_bounded(store, first: int) -> None:  # type: ignore[no-untyped-def]
    result = execute(store, OBLIGATIONS, j="Dongcheng", first=first)
    assert result.errors and "first must be between 0 and 100" in result.errors[0].message


# -- search ------------------------------------------------------------------------------------

SEARCH = """query($t: String!, $j: String, $first: Int, $after: String) { search(text: $t, jurisdiction: $j,
  first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
  edges { cursor score node { number text document { title } } } } }"""


def test_search_finds_articles_containing_the_text_and_pages(store) -> None:  # type: ignore[no-untyped-def]
    first = data(store, SEARCH, t="常务会议", j="东城区", first=3)["search"]
    assert first["totalCount"] > 3 and first["pageInfo"]["hasNextPage"]
    rest = data(store, SEARCH, t="常务会议", j="东城区", first=100, after=first["pageInfo"]["endCursor"])["search"]
    edges = first["edges"] + rest["edges"]
    assert len(edges) == first["totalCount"]
    assert all("常务会议" in e["node"]["text"] for e in edges)
    scores = [e["score"] for e in edges]
    assert scores == sorted(scores, reverse=True)
    everywhere = data(store, SEARCH, t="常务会议", first=0)["search"]
    assert everywhere["totalCount"] > first["totalCount"] and everywhere["edges"] == []


def test_empty_search_text_is_refused(store) -> None:  # type: ignore[no-untyped-def]
    result = execute(store, SEARCH, t="   ")
    assert result.errors and "text must be 1 to 500 characters" in result.errors[0].message


# -- compare -----------------------------------------------------------------------------------


def test_compare_office_documents_one_row_per_place_with_their_own_signers(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    rows = data(store, """{ compare(issuer: "区政府办公室") { jurisdiction { name } document { title }
                  signers { name } steps { action condition article { number } } } }""")["compare"]
    assert sorted(r["jurisdiction"]["name"] for r in rows) == sorted(gold_by_place)
    signers = {}
    for row in rows:
        gold = next(r for r in gold_by_place[row["jurisdiction"]["name"]]["signing"] if r["issuer"] == "区政府办公室")
        got = {s["name"] for s in row["signers"]}
        assert len(got) == len(gold["signers"]) and all(alternatives(g) & got for g in gold["signers"]), row
        assert {s["article"]["number"] for s in row["steps"]} == {gold["article"]}
        assert row["document"]["title"] == gold_by_place[row["jurisdiction"]["name"]]["document"]["title"]
        signers[row["jurisdiction"]["name"]] = frozenset(got)
    assert len(set(signers.values())) >= 4, "the places' default signers differ as their rules say"


def test_compare_by_genre_of_minutes(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    rows = data(store, '{ compare(issuer: "executive meeting", genre: "minutes") { jurisdiction { name } signers { key } } }')["compare"]
    assert len(rows) == len(gold_by_place)
    assert all(r["signers"] == [{"key": "head"}] for r in rows)


# -- article, documents, the document argument -------------------------------------------------


def test_article_lookup_lists_the_facts_it_supports(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    title = gold_by_place["东城区"]["document"]["title"]
    query = """query($d: String!, $n: Int!) { article(document: $d, number: $n) { article { number label text }
               facts { type from { key name label } to { name label } condition evidence { start end text } } } }"""
    provision = data(store, query, d=title, n=55)["article"]
    assert provision["article"]["number"] == 55 and provision["article"]["text"].startswith(provision["article"]["label"])
    signs = [f for f in provision["facts"] if f["type"] == "SIGNS" and f["from"]["key"] == "office_director"]
    assert signs and signs[0]["to"]["label"] == "DocumentType"
    for fact in provision["facts"]:
        assert source(title)[fact["evidence"]["start"]:fact["evidence"]["end"]] == fact["evidence"]["text"]
    assert data(store, query, d=title, n=9999)["article"] is None
    unknown = execute(store, query, d="北京市东城区人民政府工作", n=55)
    assert unknown.errors and "unknown document" in unknown.errors[0].message and title in unknown.errors[0].message


def test_documents(store, gold_by_place) -> None:  # type: ignore[no-untyped-def]
    every = data(store, "{ documents { key title status current jurisdiction } }")["documents"]
    assert {g["document"]["title"] for g in gold_by_place.values()} <= {d["title"] for d in every}
    one = data(store, '{ documents(jurisdiction: "Fangshan") { title current } }')["documents"]
    assert one == [{"title": gold_by_place["房山区"]["document"]["title"], "current": True}]
    fields = "key file articleCount chapterCount warnings supersedesNumbers docNumber"
    listed = data(store, "{ documents { %s } }" % fields)["documents"]
    nested = [d for j in data(store, "{ jurisdictions { documents { %s } } }" % fields)["jurisdictions"]
              for d in j["documents"]]
    assert sorted(listed, key=lambda d: d["key"]) == sorted(nested, key=lambda d: d["key"])  # one type, one content
    assert all(d["file"] and d["articleCount"] for d in listed)


@pytest.mark.parametrize("field", [
    'signatories(jurisdiction: "东城区", issuer: "office", document: "%s") { article { number } }',
    'meetings(jurisdiction: "东城区", document: "%s") { name }',
    'reportingLines(jurisdiction: "东城区", document: "%s") { matter }',
    'obligations(jurisdiction: "东城区", first: 1, document: "%s") { totalCount }',
    'search(text: "签发", jurisdiction: "东城区", first: 3, document: "%s") { totalCount edges { node { number } } }',
])
def test_every_question_accepts_a_document(store, gold_by_place, field: str) -> None:  # type: ignore[no-untyped-def]
    doc = gold_by_place["东城区"]["document"]
    by_title = data(store, "{ %s }" % (field % doc["title"]))
    by_number = data(store, "{ %s }" % (field % doc["doc_number"]))
    current = data(store, "{ %s }" % field.replace(', document: "%s"', ""))
    assert by_title == by_number == current
    other_place = execute(store, "{ %s }" % (field % gold_by_place["房山区"]["document"]["title"]))
    assert other_place.errors and "unknown document" in other_place.errors[0].message
