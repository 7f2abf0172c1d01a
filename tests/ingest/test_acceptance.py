"""The parsing front door (issue 14, part 1): every text whose articles are a government's rules
is accepted and read exactly; only a text with no rule articles is refused, saying what it looks like.

Golden tests over small documents written for each shape (tests/data/docs/acceptance/*.txt, gold
in its gold.yaml; kept apart from the full documents the extraction tests run on), then the finer
points each shape needs: offsets through a pinyin gloss, the title line of a flattened text, the
numbering of a chapter that restarts it, a text that starts in the middle, the refusal message.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ingest.errors import IngestError, NotRulesDocument
from ingest.models import DocumentTree
from ingest.parse import parse_file
from ingest.pipeline import ingest_path

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs" / "acceptance"
GOLD = yaml.safe_load((DOCS / "gold.yaml").read_text(encoding="utf-8"))
ACCEPTED = [entry for entry in GOLD if "refused" not in entry]
REFUSED = [entry for entry in GOLD if "refused" in entry]
NUMBERING_FAULTS = {"article-gap", "article-duplicate", "article-out-of-order", "chapter-number-mismatch"}


def _tree(name: str) -> DocumentTree:
    return parse_file(DOCS / name)


def _codes(tree: DocumentTree) -> set[str]:
    return {w.code for w in tree.warnings}


# ------------------------------------------------------------------------ golden


@pytest.mark.parametrize("entry", ACCEPTED, ids=[e["file"] for e in ACCEPTED])
def test_accepted_documents_are_read_exactly(entry: dict) -> None:
    tree = _tree(entry["file"])
    assert [c.title for c in tree.chapters] == entry["chapters"]
    found = [(a.number, a.chapter) for a in tree.articles]
    assert found == [(number, chapter) for number, chapter, _ in entry["articles"]]
    for article, (_, _, shown) in zip(tree.articles, entry["articles"], strict=True):
        assert article.clean_text.startswith(shown), article.clean_text[:40]
    assert [a.ordinal for a in tree.articles] == list(range(1, len(tree.articles) + 1))
    for ordinal, count in (entry.get("items") or {}).items():
        assert len(tree.articles[ordinal - 1].items) == count
    assert not _codes(tree) & (NUMBERING_FAULTS | {"no-structure", "not-rules-genre"})
    for article in tree.articles:  # every span cites the original
        assert tree.raw.text[article.start : article.end] == article.text


@pytest.mark.parametrize("entry", ACCEPTED, ids=[e["file"] for e in ACCEPTED])
def test_accepted_documents_go_through_the_whole_pipeline(entry: dict) -> None:
    result = ingest_path(DOCS / entry["file"])
    keys = [n.key for n in result.graph.nodes if n.label == "Article"]
    assert len(keys) == len(set(keys)) == len(entry["articles"])


@pytest.mark.parametrize("entry", REFUSED, ids=[e["file"] for e in REFUSED])
def test_texts_without_rule_articles_are_refused_saying_what_they_look_like(entry: dict) -> None:
    with pytest.raises(NotRulesDocument) as info:
        ingest_path(DOCS / entry["file"])
    message = str(info.value)
    assert info.value.code == "E005-genre"
    assert message.startswith(f"{entry['file']}: {entry['refused']}: no articles")
    assert message.endswith("[E005-genre]") and "\n" not in message


def test_a_rules_title_without_articles_is_still_rules(tmp_path: Path) -> None:
    path = tmp_path / "cut.txt"
    path.write_text("某某旗人民政府工作规则\n旗政府实行旗长负责制，旗长领导旗政府的全面工作。\n", encoding="utf-8")
    tree = parse_file(path)
    assert "not-rules-genre" not in _codes(tree)
    assert "no-structure" in _codes(tree)


def test_a_notice_that_issues_rules_is_not_refused_as_a_notice(tmp_path: Path) -> None:
    path = tmp_path / "issued.txt"
    text = "某某县人民政府关于印发某某县人民政府工作规则的通知\n一、县政府实行县长负责制。\n二、县长领导县政府工作。\n"
    path.write_text(text, encoding="utf-8")
    assert "not-rules-genre" not in _codes(parse_file(path))


@pytest.mark.parametrize(
    ("head", "body"),
    [
        ("市长", "市人民政府"),
        ("县长", "县人民政府"),
        ("区长", "区人民政府"),
        ("旗长", "旗人民政府"),
        ("管委会主任", "管委会"),
        ("专员", "行政公署"),
    ],
    ids=["city", "county", "district", "banner", "zone", "prefecture-agency"],
)
def test_articles_of_any_level_of_government_are_rules(tmp_path: Path, head: str, body: str) -> None:
    path = tmp_path / "excerpt.txt"
    path.write_text(f"第六条 {body}实行{head}负责制。\n第七条 {head}召集和主持{body}全体会议。\n", encoding="utf-8")
    tree = parse_file(path)
    assert [a.number for a in tree.articles] == [6, 7]
    assert "not-rules-genre" not in _codes(tree)


def test_menu_labels_of_web_chrome_name_no_genre(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    text = "通知公告\n政策解读\n一、区政府实行区长负责制。\n二、区长领导区政府的工作。\n三、副区长协助区长工作。\n"
    path.write_text(text, encoding="utf-8")
    assert "not-rules-genre" not in _codes(parse_file(path))


# ------------------------------------------------------------------- the shapes


def test_a_flattened_text_gets_a_line_per_chapter_and_article() -> None:
    tree = _tree("flat_city.txt")
    norm = tree.normalized
    lines = norm.text.splitlines()
    assert "青溪市人民政府工作规则" in lines  # the title before the first chapter stands alone
    assert norm.text[norm.body_start :].startswith("第一章 总则\n第一条 ")
    fourth = tree.articles[3]
    assert "依照本规则第三条规定" in fourth.text  # a cross-reference stays in its article
    # the spaces a break replaced are not part of any article
    assert all(a.text == a.text.strip() for a in tree.articles)


def test_pinyin_glosses_are_dropped_for_matching_and_kept_in_the_original() -> None:
    tree = _tree("pinyin_county.txt")
    norm = tree.normalized
    assert "松岭县人民政府工作规则" in norm.text
    assert not any(ch in norm.text for ch in "āáǎàīíǐìūúǔù")
    first = tree.articles[0]
    assert "規(guī)則" in first.text  # the citation's original characters
    nstart = norm.text.index("规则", first.nstart)
    start, end = norm.to_original(nstart, nstart + 2)
    assert tree.raw.text[start:end] == "規(guī)則"
    assert norm.display(nstart, nstart + 2) == "規則"


def test_a_chapter_heading_over_two_lines_is_one_chapter() -> None:
    tree = _tree("chapter_two_lines_county.txt")
    first = tree.chapters[0]
    assert (first.declared, first.title) == (1, "总则")
    assert first.text == "第一章\n總則"
    assert [c.declared for c in tree.chapters] == [1, 2, 3]


def test_numbering_that_restarts_in_each_chapter_keeps_every_article_addressable() -> None:
    result = ingest_path(DOCS / "paren_zone.txt")
    tree = result.tree
    assert [a.label for a in tree.articles] == ["（一）", "（二）", "（一）", "（二）", "（三）", "（一）", "（二）"]
    assert [c.declared for c in tree.chapters] == [1, 2, 3]
    nodes = [n for n in result.graph.nodes if n.label == "Article"]
    assert sorted(n.props["ordinal"] for n in nodes) == list(range(1, 8))
    assert sorted(n.props["number"] for n in nodes) == [1, 1, 1, 2, 2, 2, 3]
    # a fact cites the article it lies in, not the first article that shares its printed number
    cited = [rel for rel in result.graph.relationships if rel.type == "STATED_IN"]
    assert cited  # 三（二）: 副主任外出，应当事先向管委会主任请假
    for rel in cited:
        article = next(n for n in nodes if n.key == rel.end)
        assert article.props["start"] <= rel.props["start"] < article.props["end"]
        assert article.props["number"] == rel.props["article"]


def test_items_inside_an_article_are_not_articles() -> None:
    tree = _tree("tiao_items_district.txt")
    assert [i.label for i in tree.articles[2].items] == ["（一）", "（二）", "（三）"]


def test_a_text_that_starts_in_the_middle_keeps_its_numbers() -> None:
    tree = _tree("middle_city.txt")
    norm = tree.normalized
    assert norm.text[norm.body_start :].startswith("第五十条")
    assert [a.number for a in tree.articles] == [50, 51, 52, 53]
    assert "starts-mid-document" in _codes(tree)
    assert "article-gap" not in _codes(tree)


def test_refusal_is_an_ingest_error_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "diary.txt"
    path.write_text("今天天气很好，我们去公园散步。明天也许会下雨。\n", encoding="utf-8")
    with pytest.raises(IngestError) as info:
        ingest_path(path)
    assert str(info.value) == (
        "diary.txt: looks like an essay or an article, not rules: no articles; nothing was loaded [E005-genre]"
    )
