"""ingest.normalize: RawText -> NormalizedText, with an exact map back to the original."""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.decode import decode_bytes
from ingest.normalize import (
    _BRACKETS,
    _SPACES,
    _TO_FULL,
    find_body_start,
    load_cleanup_rules,
    normalize,
    to_simplified,
)


def norm_of(text: str):
    return normalize(decode_bytes(text.encode("utf-8"), "t.txt"))


def line_span(norm, prefix: str) -> tuple[int, int]:
    """Normalized span of the line that starts with ``prefix``."""
    start = norm.text.index(prefix)
    end = norm.text.find("\n", start)
    return start, len(norm.text) if end < 0 else end


# ------------------------------------------------------------------ page markers

ARTICLE = "第一条 区政府在中{gap}{marker}{gap}共房山区委的领导下开展工作。\n第二条 区长主持区政府全面工作。\n"
JOINED = "第一条 区政府在中共房山区委的领导下开展工作。"


@pytest.mark.parametrize("marker", ["— 1 —", "－ 30 －", "- 7 -", "—12—", "– 3 –", "-- 4 --"])
@pytest.mark.parametrize("gap", ["\n\n", "\n", "\n \n\n", "\r\n\r\n"], ids=["blank", "newline", "spaced", "crlf"])
def test_page_marker_mid_sentence_is_removed_and_sentence_rejoined(marker, gap):
    raw = ARTICLE.format(gap=gap, marker=marker)
    norm = norm_of(raw)
    assert JOINED in norm.text
    assert not any(ch.isdigit() for ch in norm.text)  # the page number is gone
    start, end = line_span(norm, "第一条")
    assert norm.display(start, end) == JOINED  # original characters, artifacts left out
    # the span maps back onto the original, which still holds the marker
    ostart, oend = norm.to_original(start, end)
    assert raw[ostart:oend].startswith("第一条 区政府在中") and marker in raw[ostart:oend]
    assert norm.offsets[norm.text.index("共")] == raw.index("共")


def test_page_marker_glued_to_the_end_of_a_line():
    raw = "第一条 严格执行中央八项规定精— 2 —\n\n神，改进工作作风。\n第二条 乙。\n第三条 丙。\n"
    norm = norm_of(raw)
    assert "规定精神，改进" in norm.text
    assert "— 2 —" not in norm.text


def test_page_marker_between_articles_keeps_them_apart():
    raw = "第一条 甲。\n\n— 3 —\n\n第二条 乙。\n"
    norm = norm_of(raw)
    assert "3" not in norm.text
    assert norm.text.split() == ["第一条", "甲。", "第二条", "乙。"]


def test_numbers_in_prose_are_not_page_markers():
    raw = "第一条 会议一般每周召开1次，时间为2021-2025年，共30人。\n"
    assert norm_of(raw).text == raw


# ---------------------------------------------------------------- word artifacts


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[bookmark: _GoBack]　　二十一、区政府党组会议。", "  二十一、区政府党组会议。"),
        ("区政府[bookmark: _GoBack]依法行政。", "区政府依法行政。"),
        ("区政府依法行政。[bookmark: _Toc123456]", "区政府依法行政。"),
        ("区政府［bookmark：_GoBack］依法行政。", "区政府依法行政。"),
    ],
    ids=["line-start", "inline", "toc", "full-width"],
)
def test_word_bookmarks_are_removed(raw, expected):
    norm = norm_of(raw)
    assert norm.text == expected
    assert "bookmark" not in norm.display(0, len(norm.text))


# -------------------------------------------------------------- website chrome


@pytest.mark.parametrize(
    "line",
    [
        "文档视界 最新最全的文档下载",
        "当前位置:文档视界 › 某某区人民政府工作规则",
        "扫一扫在手机上打开页面",
        "扫一扫在手机上查看当前页面",
        "相关文档",
        "相关解读",
        "相关政策",
        "【打印本页】",
        "关闭窗口",
        "字号：大 中 小",
        "第 3 页，共 20 页",
        "您访问的链接即将离开“某某区人民政府”门户网站 是否继续?",
    ],
)
def test_boilerplate_lines_are_removed(line):
    raw = f"某某区人民政府工作规则\n{line}\n第一条 区政府依法行政。\n第二条 区长负责。\n"
    norm = norm_of(raw)
    assert line[:4] not in norm.text
    assert "某某区人民政府工作规则" in norm.text
    assert "第一条 区政府依法行政。" in norm.text


def test_boilerplate_words_inside_prose_are_kept():
    raw = "第一条 各部门应当整理相关文档并及时归档。\n"
    assert "相关文档" in norm_of(raw).text


# ----------------------------------------------------------------- widths


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("区政府,区长", "区政府，区长"),
        ("议题如下:一是", "议题如下：一是"),
        ("甲;乙", "甲；乙"),
        ("(一)依法行政", "（一）依法行政"),
        ("是否继续?", "是否继续？"),
        ("坚决!", "坚决！"),
        ("金额1,000元", "金额1,000元"),  # between digits: a thousands separator
        ("10:30召开", "10:30召开"),
        ("2021-2025年", "2021-2025年"),
        ("１,０００元", "1,000元"),  # full-width digits count as digits too
        ("第１２条", "第12条"),
        ("ＡＢＣ", "ABC"),
        ("甲\u3000乙\u00a0丙\t丁", "甲 乙 丙 丁"),
        ("[2024]", "〔2024〕"),
        ("某政发［2024］2号", "某政发〔2024〕2号"),
    ],
)
def test_width_unification(raw, expected):
    norm = norm_of(raw)
    assert norm.text == expected
    assert len(norm.text) == len(raw)  # one-for-one: every character maps to itself
    assert list(norm.offsets) == list(range(len(raw) + 1))


def test_traditional_is_matched_in_simplified_and_shown_in_traditional():
    raw = "第一條 區政府實行區長負責制。\n第二條 區長領導區政府的工作。\n"
    norm = norm_of(raw)
    assert norm.text == "第一条 区政府实行区长负责制。\n第二条 区长领导区政府的工作。\n"
    start, end = line_span(norm, "第一条")
    assert norm.display(start, end) == "第一條 區政府實行區長負責制。"


def test_display_returns_original_characters_without_artifacts():
    raw = "第一条 区政府在中\n\n— 1 —\n\n共區委領導下,依法(行政)[bookmark: _GoBack]。\n"
    norm = norm_of(raw)
    start, end = line_span(norm, "第一条")
    assert norm.text[start:end] == "第一条 区政府在中共区委领导下，依法（行政）。"
    assert norm.display(start, end) == "第一条 区政府在中共區委領導下,依法(行政)。"


# ------------------------------------------------------------ line endings, html


def test_crlf_and_cr_become_newlines():
    raw = "第一条 甲。\r\n第二条 乙。\r第三条 丙。\r\n"
    norm = norm_of(raw)
    assert norm.text == "第一条 甲。\n第二条 乙。\n第三条 丙。\n"
    second = norm.text.index("第二条")
    assert raw[norm.offsets[second]] == "第"
    assert norm.offsets[second] == len("第一条 甲。\r\n")


def test_html_markup_is_stripped():
    raw = "<html><body><p>第一条&nbsp;区政府依法行政。</p><p>第二条 区长负责。</p></body></html>"
    norm = norm_of(raw)
    assert "<" not in norm.text and "&nbsp;" not in norm.text
    assert norm.text.split() == ["第一条", "区政府依法行政。", "第二条", "区长负责。"]
    i = norm.text.index("区政府")
    assert raw[norm.offsets[i] : norm.offsets[i] + len("区政府")] == "区政府"


def test_a_citation_from_html_shows_entities_as_characters_and_no_tags():
    raw = "<html><body><p>第一条&nbsp;区政府&amp;区政府办公室&lt;试行&gt;依法行政。</p><p>第二条 區長負責。</p></body></html>"
    norm = norm_of(raw)
    start, end = line_span(norm, "第一条")
    assert norm.display(start, end) == "第一条\xa0区政府&区政府办公室<试行>依法行政。"
    start, end = line_span(norm, "第二条")
    assert norm.display(start, end) == "第二条 區長負責。"  # the source's script, as before
    assert len(norm.shown) == len(norm.text)


@pytest.mark.parametrize("footer", ["主办：朝阳区人民政府办公室 © 版权所有", "版权所有：某县人民政府 京ICP备05060933号",
                                    "网站标识码：1101050001"])
def test_a_website_footer_ends_the_rules_body(footer):
    norm = norm_of(f"第一条 区政府依法行政。\n第二条 区长负责。\n{footer}\n")
    assert norm.text[norm.body_end :].startswith(footer.split("：")[0][:2])
    assert "区长负责" in norm.text[: norm.body_end]


# ------------------------------------------------------------- broken lines


def test_broken_lines_are_rejoined_only_inside_the_body():
    front = "关于印发某某区人民政府\n\n工作规则的通知\n"
    raw = front + "第一章 总则\n第一条 区政府\n依法行政。\n"
    norm = norm_of(raw)
    assert norm.text.startswith(front)  # the title block keeps its lines
    assert "第一章 总则\n第一条 区政府依法行政。" in norm.text
    assert norm.body_start == len(front)


@pytest.mark.parametrize(
    "raw",
    [
        "第一条 议题如下：\n（一）依法行政；\n（二）科学决策。\n",
        "第一条 甲。\n第二条 乙。\n",
        "第一章 总则\n第一条 甲。\n",
        "第一条 甲\n1.一项；\n2.二项。\n",
        "第一条 甲\n二、乙。\n",
    ],
    ids=["items", "terminal", "chapter", "dot-items", "dun-article"],
)
def test_lines_are_kept_at_paragraph_ends_and_before_markers(raw):
    assert norm_of(raw).text == raw


# --------------------------------------------------------------- body bounds


def test_body_bounds():
    front = "某某区人民政府文件\n某政发〔2024〕1号\n"
    body = "第一章 总则\n第一条 甲。\n第二条 乙。\n"
    closing = "抄送：区委办公室。\n某某区人民政府办公室  2024年1月2日印发\n"
    norm = norm_of(front + body + closing)
    assert norm.body_start == len(front)
    assert norm.body_end == len(front + body)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("标题\n第一章 总则\n第一条 甲。", len("标题\n")),
        ("标题\n第1章 总则\n第1条 甲。", len("标题\n")),
        ("某某区人民政府工作规则\n总则\n第一条 甲。", len("某某区人民政府工作规则\n")),  # 总则 opens the body
        ("某某区人民政府工作规则\n一、甲。\n二、乙。", len("某某区人民政府工作规则\n")),  # a title is no heading
        ("印发如下。\n第一条 甲。", len("印发如下。\n")),
        ("没有结构的文字。", 0),
    ],
)
def test_find_body_start(text, start):
    assert find_body_start(text) == start


# ------------------------------------------------------------------ offset map

_ALLOWED_SWAPS = {**_SPACES, **_BRACKETS, **_TO_FULL, "\r": "\n"}


def _plausible(original: str, normalized: str) -> bool:
    return (
        normalized == original
        or normalized == to_simplified(original)
        or _ALLOWED_SWAPS.get(original) == normalized
        or unicodedata.normalize("NFKC", original) == unicodedata.normalize("NFKC", normalized)
    )


@settings(max_examples=60, deadline=None)
@given(data=st.data())
def test_offset_map_is_monotonic_and_exact(data, rules_document_strategy):
    doc = data.draw(rules_document_strategy())
    raw = decode_bytes(doc.text.encode("utf-8"), "gen.txt")
    norm = normalize(raw)
    offsets = list(norm.offsets)
    assert len(offsets) == len(norm.text) + 1
    assert all(a < b for a, b in itertools.pairwise(offsets))  # one normalized char per original
    assert offsets[-1] == len(raw.text)
    for i, ch in enumerate(norm.text):
        assert _plausible(raw.text[offsets[i]], ch), (i, raw.text[offsets[i]], ch)
        assert norm.to_original(i, i + 1) == (offsets[i], offsets[i] + 1)
    assert norm.display(0, len(norm.text)) == "".join(raw.text[o] for o in offsets[:-1])
    for artifact in ("bookmark", "GoBack", "\r"):
        assert artifact not in norm.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from([*"區政府會議規則條發後乾隆頭髮著說這個區长会议规则干后发", " ", "\n"])))
def test_to_simplified_keeps_the_length(text):
    assert len(to_simplified(text)) == len(text)


# -------------------------------------------------------------- cleanup rules


def test_cleanup_rules_are_well_formed():
    rules = load_cleanup_rules()
    every = [*rules.boilerplate_lines, *rules.inline_artifacts, *rules.closing_block]
    ids = [rule.id for rule in every]
    assert len(ids) == len(set(ids))
    assert all(rule.why.strip() for rule in every)
    assert {"page-marker", "word-bookmark"} <= {rule.id for rule in rules.inline_artifacts}
    assert {"doc-site-banner", "scan-qr", "related-links"} <= {rule.id for rule in rules.boilerplate_lines}


@pytest.mark.parametrize(
    ("yaml_text", "complaint"),
    [
        ("boilerplate_lines:\n  - {id: bad, why: test, pattern: '([unclosed'}\n", "bad pattern"),
        ("inline_artifacts:\n  - {id: nowhy, pattern: 'x'}\n", "lacks"),
    ],
)
def test_bad_cleanup_rules_are_errors(tmp_path, yaml_text, complaint):
    path = tmp_path / "cleanup.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    with pytest.raises(ValueError, match=complaint):
        load_cleanup_rules(path)
