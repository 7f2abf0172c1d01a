"""ingest.structure: chapters, articles, items and sentences; numbering faults as warnings."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.decode import decode_bytes
from ingest.markers import is_structural_line
from ingest.normalize import normalize
from ingest.structure import parse_structure


def structure_of(text: str):
    norm = normalize(decode_bytes(text.encode("utf-8"), "t.txt"))
    return norm, parse_structure(norm)


def codes(structure) -> list[str]:
    return [w.code for w in structure.warnings]


# --------------------------------------------------------------------- markers


@pytest.mark.parametrize(
    ("line", "structural"),
    [
        ("第五十五条 区政府", True),
        ("第55条区政府", True),
        ("　　第一条　区政府", True),
        ("五十五、区政府", True),
        ("11、区政府", True),
        ("第三章 会议制度", True),
        ("（一）依法行政", True),
        ("（12）依法行政", True),
        ("1.依法行政", True),
        ("2．依法行政", True),
        ("依照第五条规定", False),  # a cross-reference, not at the line start
        ("1.5万元", False),  # a decimal, not an item
        ("区政府依法行政。", False),
        ("总则", False),  # unnumbered headings are decided in context, not by the marker
    ],
)
def test_structural_markers(line, structural):
    assert is_structural_line(line) is structural


# ----------------------------------------------------------------------- seeds


def test_seed_counts_match_gold(gold, seed_tree):
    assert len(seed_tree.chapters) == gold["structure"]["chapters"]
    assert len(seed_tree.articles) == gold["structure"]["articles"]


def test_seed_numbering_runs_one_to_n(seed_tree):
    articles, chapters = seed_tree.articles, seed_tree.chapters
    assert [a.number for a in articles] == list(range(1, len(articles) + 1))
    assert [a.ordinal for a in articles] == list(range(1, len(articles) + 1))
    assert [c.number for c in chapters] == list(range(1, len(chapters) + 1))
    # every seed numbers its articles without faults: declared == ordinal
    assert [a.declared for a in articles] == [a.number for a in articles]
    assert all(c.declared in (None, c.number) for c in chapters)
    assert [a.chapter for a in articles] == sorted(a.chapter for a in articles)
    assert all(1 <= a.chapter <= len(chapters) for a in articles)


def test_seed_chapters_each_hold_articles(seed_tree):
    """Every chapter but a cut-off last one has at least one article."""
    used = {a.chapter for a in seed_tree.articles}
    truncated = any(w.code == "truncated" for w in seed_tree.warnings)
    expected = set(range(1, len(seed_tree.chapters) + (0 if truncated else 1)))
    assert expected <= used


# ------------------------------------------------------------ numbering styles


@pytest.mark.parametrize(
    ("text", "labels", "declared"),
    [
        ("第一条 甲。\n第二条 乙。\n第三条 丙。\n", ["第一条", "第二条", "第三条"], [1, 2, 3]),
        ("第1条 甲。\n第2条 乙。\n第3条 丙。\n", ["第1条", "第2条", "第3条"], [1, 2, 3]),
        ("第１条 甲。\n第２条 乙。\n第３条 丙。\n", ["第1条", "第2条", "第3条"], [1, 2, 3]),  # normalized
        ("一、甲。\n二、乙。\n三、丙。\n", ["一、", "二、", "三、"], [1, 2, 3]),
        ("1、甲。\n2、乙。\n3、丙。\n", ["1、", "2、", "3、"], [1, 2, 3]),
        (
            "".join(f"{cn}、第{cn}项。\n" for cn in "一二三四五六七八九十") + "11、十一项。\n12、十二项。\n",
            [f"{cn}、" for cn in "一二三四五六七八九十"] + ["11、", "12、"],
            list(range(1, 13)),
        ),
        ("　　第一条　甲。\n  第二条乙。\n\t第三条 丙。\n", ["第一条", "第二条", "第三条"], [1, 2, 3]),
    ],
    ids=["tiao-cn", "tiao-ar", "tiao-full-width", "dun-cn", "dun-ar", "dun-mixed", "indented"],
)
def test_article_numbering_styles(text, labels, declared):
    _, structure = structure_of(text)
    assert [a.label for a in structure.articles] == labels
    assert [a.declared for a in structure.articles] == declared
    assert [a.number for a in structure.articles] == list(range(1, len(labels) + 1))
    assert [a.ordinal for a in structure.articles] == list(range(1, len(labels) + 1))
    assert codes(structure) == []


def test_lists_inside_a_later_article_are_not_articles():
    text = "一、甲。\n二、乙。\n三、丙。\n四、丁。\n五、事项如下：\n1、一项；\n2、二项；\n3、三项。\n六、戊。\n"
    _, structure = structure_of(text)
    assert [a.declared for a in structure.articles] == [1, 2, 3, 4, 5, 6]
    fifth = structure.articles[4]
    assert fifth.text == "五、事项如下：\n1、一项；\n2、二项；\n3、三项。"


def test_tiao_articles_ignore_dun_lists():
    text = "第一条 甲：\n一、一项；\n二、二项。\n第二条 乙。\n第三条 丙。\n"
    _, structure = structure_of(text)
    assert [a.label for a in structure.articles] == ["第一条", "第二条", "第三条"]


def test_short_unpunctuated_article_is_not_a_heading():
    text = "第一章 总则\n第一条 甲。\n第二条 删除\n第三条 丙。\n第四条 丁。\n"
    _, structure = structure_of(text)
    assert [c.title for c in structure.chapters] == ["总则"]
    assert [a.label for a in structure.articles] == ["第一条", "第二条", "第三条", "第四条"]
    assert structure.articles[1].text == "第二条 删除"
    assert codes(structure) == []


# ------------------------------------------------------------------- chapters


def test_chapters_and_offsets():
    heading = "第一章　总　则"
    first = "第一条 区政府依法行政。"
    text = f"{heading}\n{first}\n第二章 附则\n第二条 乙。\n第三条 丙。\n"
    _norm, structure = structure_of(text)
    one, two = structure.chapters
    assert (one.number, one.declared, one.title, one.text) == (1, 1, "总则", heading)
    assert (one.start, one.end) == (0, len(heading))
    assert (two.declared, two.title) == (2, "附则")
    article = structure.articles[0]
    assert article.chapter == 1
    assert (article.start, article.end) == (len(heading + "\n"), len(heading + "\n" + first))
    assert article.text == first
    assert (article.nstart, article.nend) == (article.start, article.end)  # nothing removed before it
    assert [a.chapter for a in structure.articles] == [1, 2, 2]


@pytest.mark.parametrize(
    "text",
    [
        "总则\n第一条 甲。\n第二条 乙。\n附则\n第三条 丙。\n",
        "  总  则\n第一条 甲。\n第二条 乙。\n  附  则\n第三条 丙。\n",
        "总则\n一、甲。\n二、乙。\n附则\n三、丙。\n",
    ],
    ids=["tiao", "spaced", "dun"],
)
def test_unnumbered_headings(text):
    _, structure = structure_of(text)
    assert [(c.declared, c.title) for c in structure.chapters] == [(None, "总则"), (None, "附则")]
    assert [a.chapter for a in structure.articles] == [1, 1, 2]


# ---------------------------------------------------------- items, sentences


def test_items():
    lead = "第一条 事项如下："
    text = f"{lead}\n（一）依法行政；\n（二）科学决策；\n（3）阳光透明；\n4.廉洁高效。\n第二条 乙。\n第三条 丙。\n"
    _, structure = structure_of(text)
    items = structure.articles[0].items
    assert [(i.label, i.number) for i in items] == [("（一）", 1), ("（二）", 2), ("（3）", 3), ("4.", 4)]
    assert items[0].start == len(lead + "\n")
    assert items[0].text == "（一）依法行政；"
    assert items[-1].text == "4.廉洁高效。"


def test_inline_items_after_a_colon_or_semicolon():
    text = "第一条 会议议题包括：（一）甲；（二）乙。\n第二条 乙。\n第三条 丙。\n"
    _, structure = structure_of(text)
    items = structure.articles[0].items
    assert [i.text for i in items] == ["（一）甲；", "（二）乙。"]
    assert items[0].start == len("第一条 会议议题包括：")


def test_numbers_in_prose_are_not_items():
    text = "第一条 会议一般每周召开1次，金额1.5万元。\n第二条 乙。\n第三条 丙。\n"
    _, structure = structure_of(text)
    assert structure.articles[0].items == ()


@pytest.mark.parametrize(
    ("body", "sentences"),
    [
        ("区政府依法行政。区长负责！是否？", ["区政府依法行政。", "区长负责！", "是否？"]),
        ("甲；乙；丙。", ["甲；乙；丙。"]),  # a semicolon closes a clause, not a sentence
        ("他说：“依法行政。”然后继续。", ["他说：“依法行政。”", "然后继续。"]),  # closing quote stays
        ("甲：\n（一）乙；\n（二）丙。", ["甲：", "（一）乙；", "（二）丙。"]),  # a paragraph break cuts
        ("没有句号的尾巴", ["没有句号的尾巴"]),
    ],
)
def test_sentences(body, sentences):
    label = "第一条 "
    _, structure = structure_of(f"{label}{body}\n第二条 乙。\n第三条 丙。\n")
    found = structure.articles[0].sentences
    assert [s.text for s in found] == sentences
    assert [s.index for s in found] == list(range(1, len(sentences) + 1))
    assert found[0].start == len(label)


# --------------------------------------------------------------------- warnings


@pytest.mark.parametrize(
    ("text", "expected", "at"),
    [
        ("第一条 甲。\n第二条 乙。\n第二条 丙。\n第三条 丁。\n", ["article-duplicate"], "第二条 丙"),
        ("第一条 甲。\n第二条 乙。\n第四条 丙。\n第五条 丁。\n", ["article-gap"], "第四条"),
        ("第一条 甲。\n第三条 乙。\n第二条 丙。\n第四条 丁。\n", ["article-gap", "article-out-of-order"], "第三条"),
        ("一、甲。\n二、乙。\n二、丙。\n三、丁。\n", ["article-duplicate"], "二、丙"),
        ("一、甲。\n二、乙。\n四、丙。\n五、丁。\n", ["article-gap"], "四、"),
        ("第一条 甲。\n第二条 乙。\n第三条 区政府依法", ["truncated"], None),
        ("第一章 总则\n第一条 甲。\n第二条 乙。\n第三条 丙。\n第二章 附则\n", ["truncated"], "第二章"),
        ("第一章 总则\n第一条 甲。\n第三章 附则\n第二条 乙。\n第三条 丙。\n", ["chapter-number-mismatch"], "第三章"),
    ],
    ids=["duplicate", "gap", "out-of-order", "dun-duplicate", "dun-gap", "truncated", "empty-chapter", "chapter"],
)
def test_numbering_warnings(text, expected, at):
    _, structure = structure_of(text)
    assert codes(structure) == expected
    if at is not None:
        assert structure.warnings[0].start == text.index(at)
    # the printed number stays the article's number; the ordinal addresses it
    assert [a.ordinal for a in structure.articles] == list(range(1, len(structure.articles) + 1))
    assert [a.number for a in structure.articles] == [a.declared for a in structure.articles]


def test_truncation_warning_points_at_the_end():
    text = "第一条 甲。\n第二条 乙。\n第三条 区政府依法"
    _, structure = structure_of(text)
    assert structure.warnings[0].start == len(text)


def test_no_structure_is_one_provision():
    text = "\n  本文件没有条款编号。各部门应当依法行政。\n区长负责全面工作。\n"
    _, structure = structure_of(text)
    assert codes(structure) == ["no-structure"]
    assert structure.chapters == ()
    (only,) = structure.articles
    assert (only.number, only.declared, only.label, only.chapter) == (1, None, "", 0)
    assert only.text == text.strip()
    assert [s.text for s in only.sentences] == ["本文件没有条款编号。", "各部门应当依法行政。", "区长负责全面工作。"]


@settings(max_examples=60, deadline=None)
@given(data=st.data(), duplicate=st.booleans(), gap=st.booleans(), truncate=st.booleans())
def test_generated_faults_become_warnings(data, duplicate, gap, truncate, rules_document_strategy):
    doc = data.draw(rules_document_strategy(duplicate=duplicate, gap=gap, truncate=truncate))
    _, structure = structure_of(doc.text)  # never raises
    found = set(codes(structure))
    assert ("article-duplicate" in found) == duplicate
    assert ("article-gap" in found) == gap
    assert ("truncated" in found) == truncate
    assert found <= {"article-duplicate", "article-gap", "truncated"}
    assert [a.declared for a in structure.articles] == list(doc.declared)
    assert [a.number for a in structure.articles] == list(doc.declared)
    assert [a.ordinal for a in structure.articles] == list(range(1, doc.article_count + 1))
