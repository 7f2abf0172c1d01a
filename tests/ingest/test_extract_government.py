"""What a government is made of, against tests/data/docs/government_gold.yaml (a county, a city in
traditional script, and a zone whose head is the 管委会主任), and the strict wording file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from ingest.extract import extract_facts
from ingest.extract.government_wording import WORDING_FILE, parse_wording
from ingest.parse import parse_document
from schema.model import instrument_title
from schema.wording import WordingError

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = yaml.safe_load((DOCS / "government_gold.yaml").read_text(encoding="utf-8"))


def _government(name: str):  # type: ignore[no-untyped-def]
    tree = parse_document((DOCS / name).read_bytes(), name)
    return tree, extract_facts(tree).government


def _links(gov, relation: str) -> list:  # type: ignore[no-untyped-def]
    return [link for link in gov.links if link.relation == relation]


@pytest.mark.parametrize("entry", GOLD, ids=[g["file"] for g in GOLD])
def test_government_facts_match_the_gold(entry: dict) -> None:
    gold = entry
    tree, gov = _government(gold["file"])
    assert gov.body.name == entry["government"]
    members = _links(gov, "member")
    assert [m.who.name for m in members] == entry["members"]
    assert {m.evidence.article for m in members} == {entry["members_article"]}
    (head,) = _links(gov, "head")
    assert (head.who.name, head.cue, head.evidence.article) == tuple(entry["head"][k] for k in ("who", "system", "article"))
    acting = {(a.who.name, a.of.name, a.evidence.article) for a in _links(gov, "acting")}
    assert acting == {(a["who"], a["for"], a["article"]) for a in entry["acting"]}
    for expected in entry["acting"]:
        found = next(a for a in _links(gov, "acting") if a.who.name == expected["who"])
        assert {found.condition, found.cue} & set(expected["when"].split("|"))
    assert {(a.who.name, a.of.name, a.evidence.article) for a in _links(gov, "assists")} == \
        {(a["who"], a["assists"], a["article"]) for a in entry["assistants"]}
    assert {(x.who.name, x.evidence.article) for x in _links(gov, "leadership")} == \
        {(x["leader"], x["article"]) for x in entry["leadership"]}
    assert {(x.who.name, x.evidence.article) for x in _links(gov, "accountable")} == \
        {(x["to"], x["article"]) for x in entry["accountable"]}
    assert [(b.title, b.verb, b.evidence.article) for b in gov.basis] == \
        [(b["title"], b["verb"], b["article"]) for b in entry["basis"]]
    assert gov.principles is not None and gov.principles.article == entry["principles"]["article"]
    assert all(word in gov.principles.text for word in entry["principles"]["contains"]) or tree.warnings


@pytest.mark.parametrize("entry", GOLD, ids=[g["file"] for g in GOLD])
def test_every_government_fact_cites_its_span(entry: dict) -> None:
    tree, gov = _government(entry["file"])
    spans = [link.evidence for link in gov.links] + [b.evidence for b in gov.basis] + [gov.principles]
    for ev in spans:
        assert ev is not None and tree.raw.text[ev.start : ev.end] == ev.text
        article = tree.articles[ev.article - 1]
        assert article.start <= ev.start < ev.end <= article.end


def test_basis_titles_are_shared_across_scripts() -> None:
    _, county = _government("government_county.txt")
    _, city = _government("government_city.txt")  # traditional script: 《國務院工作規則》
    assert {b.title for b in county.basis} >= {b.title for b in city.basis}
    assert any(b.written == "國務院工作規則" for b in city.basis)


def test_the_wording_file_is_strict() -> None:
    data = yaml.safe_load(WORDING_FILE.read_text(encoding="utf-8"))
    parse_wording(data)
    with pytest.raises(WordingError, match="unknown key"):
        parse_wording({**data, "headz": ["x"]})
    with pytest.raises(WordingError, match=r"acting: unknown key.*absence"):
        parse_wording({**data, "acting": {**data["acting"], "absence": ["外出"]}})
    with pytest.raises(WordingError, match="missing key"):
        parse_wording({k: v for k, v in data.items() if k != "basis"})
    with pytest.raises(WordingError, match="non-empty list"):
        parse_wording({**data, "assists": {"verbs": []}})


def test_a_member_named_with_zu_cheng_does_not_close_the_list() -> None:
    """区政府组成部门 is a member's name: the list ends at the last 组成, not inside it; and
    区人大及其常务委员会, in a form the vocabulary does not list, is both bodies."""
    text = ("东华区人民政府工作规则\n\n第一章　总则\n\n第一条　为规范区政府工作，制定本规则。\n\n"
            "第二条　区政府由区长、副区长和区政府组成部门的主要负责人组成。\n\n第三条　区政府实行区长负责制，"
            "对区人大及其常务委员会和市政府负责并报告工作。\n\n"
            "第四条　本规则自印发之日起施行。\n")
    tree = parse_document(text.encode(), "district_members.txt")
    gov = extract_facts(tree).government
    assert [m.who.name for m in _links(gov, "member")] == ["区长", "副区长", "区政府组成部门的主要负责人"]
    assert [a.who.name for a in _links(gov, "accountable")] == ["区人大", "区人大常委会", "市政府"]


@given(st.text(alphabet=st.sampled_from("国务院工作规則則人民政府《》 \u3000（guī）市省"), max_size=30))
def test_an_instrument_title_is_its_own_key(written: str) -> None:
    """Normalizing a title twice changes nothing, and brackets or spaces never make another key."""
    title = instrument_title(written)
    assert instrument_title(title) == title
    assert instrument_title(f"《{written} 》") == title
