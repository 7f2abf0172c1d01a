"""ingest.reflow: a text flattened onto one line reads as the same rules as the text with its lines."""

from __future__ import annotations

import re

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ingest.decode import decode_bytes
from ingest.normalize import normalize
from ingest.reflow import flattened_line_breaks
from ingest.structure import parse_structure


def _structure(text: str):  # type: ignore[no-untyped-def]
    return parse_structure(normalize(decode_bytes(text.encode("utf-8"), "t.txt")))


@pytest.mark.parametrize(
    ("text", "lines"),
    [
        ("序言。 第一条 甲。 第二条 乙。", ["序言。", "第一条 甲。", "第二条 乙。"]),
        ("第一条 甲。第二条 乙。", ["第一条 甲。", "第二条 乙。"]),  # glued after a sentence end
        ("第一章 总则 第一条 甲。 第二章 职责 第二条 乙。", ["第一章 总则", "第一条 甲。", "第二章 职责", "第二条 乙。"]),
        ("第一章总则第一条甲。第二章职责第二条乙。", ["第一章总则", "第一条甲。", "第二章职责", "第二条乙。"]),
        ("第五十条 甲。 第五十一条 乙。", ["第五十条 甲。", "第五十一条 乙。"]),  # starts in the middle
        ("某某县人民政府工作规则 第一条 甲。 第二条 乙。", ["某某县人民政府工作规则", "第一条 甲。", "第二条 乙。"]),
    ],
    ids=["spaced", "glued", "chapters", "chapters-glued", "middle", "title"],
)
def test_markers_in_running_text_open_lines(text: str, lines: list[str]) -> None:
    out, pos = [], 0
    for start, end, repl in flattened_line_breaks(text):
        out.append(text[pos:start] + repl)
        pos = end
    assert "".join([*out, text[pos:]]).split("\n") == lines


@pytest.mark.parametrize(
    "text",
    [
        "第一条 甲。 依照第二条规定办理。 第二条 乙。",  # a reference, then the article
        "第一条 甲。 第二条的规定另行制定。",  # 第二条的: a reference even after a sentence end
        "第一条 甲。 第二条第二款 乙。",
        "第一条 甲，见第二条。",
        "第一条 甲。 第三条 乙。",  # a number out of sequence in running text stays text
        "第一条 甲。 本规则第二章 另有规定。",
    ],
)
def test_references_stay_in_their_article(text: str) -> None:
    breaks = flattened_line_breaks(text)
    expected = 1 if text.endswith("第二条 乙。") else 0
    assert len(breaks) == expected


_TIAO_STYLES = ("tiao-cn", "tiao-ar")


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_flattening_a_document_keeps_its_chapters_and_articles(data, rules_document_strategy) -> None:  # type: ignore[no-untyped-def]
    doc = data.draw(rules_document_strategy())
    # Articles in running text are found by 第N条; headings without a number cannot be told from text.
    numbered_chapters = not doc.chapter_titles or re.search(r"第[^条\n]{1,3}章", doc.text)
    assume(doc.style in _TIAO_STYLES and numbered_chapters)
    lined = _structure(doc.text)
    flat = _structure(re.sub(r"\s*[\r\n]+\s*", " ", doc.text))
    assert [a.declared for a in flat.articles] == [a.declared for a in lined.articles] == list(doc.declared)
    assert [(c.declared, c.title) for c in flat.chapters] == [(c.declared, c.title) for c in lined.chapters]
    assert [a.chapter for a in flat.articles] == [a.chapter for a in lined.articles]


def test_page_markers_left_in_running_text_are_removed() -> None:
    text = "第一条 区政 — 3 — 府依法行政。 - 4 - 第二条 乙。 第三条 共 1 - 2 - 3 项。"
    structure = _structure(text)
    assert [a.clean_text for a in structure.articles] == ["第一条 区政府依法行政。", "第二条 乙。", "第三条 共 1 - 2 - 3 项。"]
