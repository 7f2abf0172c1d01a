"""Shared fixtures for the ingest tests: the five seed documents, their gold facts,
and a Hypothesis strategy that builds rules documents from random pieces.

The strategy and the numeral writer are handed out through session fixtures (use
them with ``st.data()``), so the test modules need no import path of their own.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml
from hypothesis import strategies as st

REPO = Path(__file__).resolve().parents[2]
if str(REPO) not in sys.path:  # `pytest` run without `python -m`
    sys.path.insert(0, str(REPO))

from ingest.parse import parse_file  # noqa: E402

# When a property fails, Hypothesis lazily imports its patch writer (libcst), whose
# import emits a DeprecationWarning; under `filterwarnings = error` that turns the
# failure report into an INTERNALERROR. Import it once, quietly, up front.
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    # not installed or moved: the reports just lose the patch hint
    with contextlib.suppress(ImportError):
        import hypothesis.extra._patching  # noqa: F401

CORPUS = REPO / "corpus"
GOLD_FILE = REPO / "tests" / "data" / "gold_seeds.yaml"


# --------------------------------------------------------------------------- seeds


def _load_gold() -> list[dict]:
    entries = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))
    for entry in entries:
        # `file:` is relative to the shared gold folder; the same file name lives in corpus/.
        entry["path"] = CORPUS / Path(entry["file"]).name
    return entries


GOLD = _load_gold()


def pytest_generate_tests(metafunc):
    """A test that takes ``gold`` runs once per seed document, with the seed's gold entry."""
    if "gold" in metafunc.fixturenames:
        metafunc.parametrize("gold", GOLD, ids=[entry["path"].stem for entry in GOLD])


@pytest.fixture(scope="session")
def seed_trees():
    """Every seed parsed once per session, keyed by file stem."""
    return {entry["path"].stem: parse_file(entry["path"]) for entry in GOLD}


@pytest.fixture
def seed_tree(gold, seed_trees):
    """The parsed seed that ``gold`` describes."""
    return seed_trees[gold["path"].stem]


@pytest.fixture(scope="session")
def all_gold():
    return GOLD


# ------------------------------------------------------------------ chinese numerals

_CN_DIGITS = "零一二三四五六七八九"


def to_chinese(n: int) -> str:
    """1..9999 as written in article numbers: 十, 十一, 二十, 一百零五, 一百一十."""
    assert 0 < n < 10000
    units = ((1000, "千"), (100, "百"), (10, "十"))
    out = []
    rest = n
    zero = False
    for value, unit in units:
        digit, rest = divmod(rest, value)
        if digit:
            if zero:
                out.append("零")
                zero = False
            # 十一 .. 十九 drop the leading 一 when 十 is the highest unit
            if not (value == 10 and digit == 1 and not out):
                out.append(_CN_DIGITS[digit])
            out.append(unit)
        elif out:
            zero = True
    if rest:
        if zero:
            out.append("零")
        out.append(_CN_DIGITS[rest])
    return "".join(out)


@pytest.fixture(scope="session")
def chinese_numeral():
    return to_chinese


# ------------------------------------------------------------- generated documents

# Prose: no numerals (一 … 十, 两, 〇), no 第/章/条, nothing a boilerplate rule or a
# marker could read as structure. Whole words keep generation cheap (one draw per
# word rather than per character); breaks still fall anywhere inside a sentence.
WORDS = (
    "区政府", "区长", "副区长", "各部门", "应当", "依法", "行使职权", "负责", "管理", "服务",
    "建设", "监督", "公开", "决策", "执行", "文件", "审批", "办理", "组织协调", "落实",
    "责任制度", "会议", "规则", "工作", "政", "府", "区", "行",
)
HEADINGS = ("总则", "职责权限", "会议制度", "公文审批", "政务公开", "工作纪律", "附则")
PAGE_MARKERS = ("— {} —", "－ {} －", "- {} -", "—{}—")
BOOKMARK = "[bookmark: _GoBack]"
INDENTS = ("", "", "　　", "  ", "\t")


@dataclass(frozen=True)
class GeneratedDoc:
    """A document built from pieces, with what the parser should find in it."""

    text: str
    style: str  # how articles are numbered
    chapter_titles: tuple[str, ...]
    declared: tuple[int, ...]  # article numbers as written, in order
    articles_per_chapter: tuple[int, ...]

    @property
    def article_count(self) -> int:
        return len(self.declared)


def _digits(n: int, full_width: bool) -> str:
    s = str(n)
    return s.translate(str.maketrans("0123456789", "０１２３４５６７８９")) if full_width else s


def _article_label(style: str, n: int, full_width: bool) -> str:
    if style == "tiao-cn":
        return f"第{to_chinese(n)}条"
    if style == "tiao-ar":
        return f"第{_digits(n, full_width)}条"
    if style == "dun-cn":
        return f"{to_chinese(n)}、"
    if style == "dun-ar":
        return f"{_digits(n, full_width)}、"
    if style == "dun-mixed":  # 十、 then 11、, as some documents switch mid-way
        return f"{to_chinese(n)}、" if n <= 10 else f"{n}、"
    raise AssertionError(style)


# Strategies are built once: building them inside each draw costs more than drawing.
_WORD = st.sampled_from(WORDS)
_INDENT = st.sampled_from(INDENTS)
_PAGE_MARKER = st.builds(str.format, st.sampled_from(PAGE_MARKERS), st.integers(1, 99))
_COMMA = st.sampled_from(("，", ","))
_COLON = st.sampled_from(("：", ":"))
_ARTIFACT = st.sampled_from(("none", "none", "page", "break", "bookmark"))
_PAGE_GAP = st.sampled_from(("\n\n", "\n", "\n\n\n"))
_TIAO_SEP = st.sampled_from(("", " ", "　"))
_CHAPTER_SEP = st.sampled_from((" ", "　", "  ", ""))
_HEADING = st.sampled_from(HEADINGS)
_PLACE = st.sampled_from(("某某", "长安", "新城", "河西", "城关"))
_STYLE = st.sampled_from(("tiao-cn", "tiao-ar", "dun-cn", "dun-ar", "dun-mixed"))
_CHAPTER_STYLE = st.sampled_from(("cn", "ar", "none", "unnumbered"))
_ITEM_KIND = st.sampled_from(("cn", "dot"))
_DOC_END = st.sampled_from(("", "\n", "\n\n"))
_AFTER_ARTICLE = st.sampled_from(("", "", "blank", "blank", "page"))
_PHRASE = st.lists(_WORD, min_size=1, max_size=4).map("".join)
_PHRASES = st.lists(_PHRASE, min_size=1, max_size=3)
_CHAPTER_SIZES = st.lists(st.integers(1, 5), min_size=1, max_size=5)


@st.composite
def _sentence(draw, end: str = "。") -> str:
    """A sentence of prose, maybe with a page break, a broken line or a bookmark inside."""
    text = draw(_COMMA).join(draw(_PHRASES))
    artifact = draw(_ARTIFACT)
    if artifact != "none" and len(text) >= 2:
        cut = draw(st.integers(1, len(text) - 1))
        if artifact == "page":
            gap = draw(_PAGE_GAP)
            text = f"{text[:cut]}{gap}{draw(_PAGE_MARKER)}{gap}{draw(_INDENT)}{text[cut:]}"
        elif artifact == "break":
            text = f"{text[:cut]}\n{draw(_INDENT)}{text[cut:]}"
        else:
            text = f"{text[:cut]}{BOOKMARK}{text[cut:]}"
    return text + end


_SENTENCE = _sentence()
_LAST_ITEM = _sentence(end="。")
_ITEM = _sentence(end="；")
_SENTENCES = st.lists(_SENTENCE, min_size=1, max_size=3).map("".join)


@st.composite
def _article_body(draw) -> str:
    body = draw(_SENTENCES)
    if draw(st.booleans()):
        return body
    # A lead-in and a list of items, one per line.
    kind = draw(_ITEM_KIND)
    count = draw(st.integers(1, 4))
    lines = [body.rstrip("。") + draw(_COLON)]
    for i in range(1, count + 1):
        label = f"（{to_chinese(i)}）" if kind == "cn" else f"{i}."
        lines.append(draw(_INDENT) + label + draw(_LAST_ITEM if i == count else _ITEM))
    return "\n".join(lines)


_ARTICLE_BODY = _article_body()


@st.composite
def rules_documents(
    draw,
    *,
    min_articles: int = 3,
    max_articles: int = 16,
    duplicate: bool = False,
    gap: bool = False,
    truncate: bool = False,
) -> GeneratedDoc:
    """A rules document with random layout noise, well-formed unless faults are asked for.

    Chapters are 第X章 (Chinese or Arabic numerals), unnumbered (总则) or absent;
    articles are 第X条 / X、 / N、 (or 十、 then 11、); bodies carry items, page
    markers, broken lines, bookmarks, half-width punctuation; line ends may be CRLF.
    Faults: ``duplicate`` repeats one article number, ``gap`` skips one, ``truncate``
    cuts the last article off mid-sentence.
    """
    style = draw(_STYLE)
    full_width = draw(st.booleans())
    chapter_style = draw(_CHAPTER_STYLE)
    if chapter_style == "none":
        per_chapter = [draw(st.integers(min_articles, max_articles))]
    else:
        per_chapter = draw(_CHAPTER_SIZES)
        while sum(per_chapter) < min_articles:
            per_chapter.append(1)
    titles = [draw(_HEADING) for _ in per_chapter] if chapter_style != "none" else []

    total = sum(per_chapter)
    # Faults sit after the first article, so that the body still opens with 第一条 / 一、;
    # a repeated 一、 reads as a list restarting, so the duplicate repeats 二、 or later.
    duplicate_at = draw(st.integers(2, total - 1)) if duplicate else None
    gap_at = draw(st.integers(1, total - 1).filter(lambda i: i != duplicate_at)) if gap else None

    lines: list[str] = []
    if draw(st.booleans()):
        lines += [f"{draw(_PLACE)}区人民政府工作规则", ""]
    number = 0
    declared = []
    for c, count in enumerate(per_chapter, start=1):
        if chapter_style in ("cn", "ar"):
            num = to_chinese(c) if chapter_style == "cn" else _digits(c, full_width)
            lines.append(f"第{num}章{draw(_CHAPTER_SEP)}{titles[c - 1]}")
        elif chapter_style == "unnumbered":
            lines.append(draw(_INDENT) + titles[c - 1])
        for _ in range(count):
            index = len(declared)
            if index != duplicate_at:
                number += 2 if index == gap_at else 1
            declared.append(number)
            label = _article_label(style, number, full_width)
            sep = draw(_TIAO_SEP) if style.startswith("tiao") else ""
            body = draw(_PHRASE) if truncate and index == total - 1 else draw(_ARTICLE_BODY)
            lines.append(draw(_INDENT) + label + sep + body)
            after = draw(_AFTER_ARTICLE)
            if after == "page":  # a page marker between paragraphs
                lines += ["", draw(_PAGE_MARKER), ""]
            elif after == "blank":
                lines.append("")
    text = "\n".join(lines) + draw(_DOC_END)
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    return GeneratedDoc(
        text=text,
        style=style,
        chapter_titles=tuple(titles),
        declared=tuple(declared),
        articles_per_chapter=tuple(per_chapter),
    )


@pytest.fixture(scope="session")
def rules_document_strategy():
    """The ``rules_documents`` strategy, for tests that draw with ``st.data()``."""
    return rules_documents
