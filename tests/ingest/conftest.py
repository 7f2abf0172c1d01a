"""Shared fixtures for the ingest tests: the five seed documents, their gold facts,
and a Hypothesis strategy that builds rules documents from random pieces.

The strategy and the numeral writer are handed out through session fixtures (use
them with ``st.data()``), so the test modules need no import path of their own.
"""

from __future__ import annotations

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
    try:
        import hypothesis.extra._patching  # noqa: F401
    except ImportError:  # not installed or moved: the reports just lose the patch hint
        pass

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

# Prose characters: no numerals (一 … 十, 两, 〇), no 第/章/条, nothing a boilerplate
# rule or a marker could read as structure.
PROSE = "政府工作规则区长会议部门应当依法行使职权责任制度管理服务建设监督公开决策执行文件审批办理组织协调落实"
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


@st.composite
def _phrase(draw) -> str:
    return draw(st.text(alphabet=PROSE, min_size=2, max_size=12))


@st.composite
def _sentence(draw, end: str = "。") -> str:
    """A sentence of prose, maybe with a page break, a broken line or a bookmark inside."""
    phrases = draw(st.lists(_phrase(), min_size=1, max_size=3))
    comma = draw(st.sampled_from(("，", ",")))
    text = comma.join(phrases)
    artifact = draw(st.sampled_from(("none", "none", "page", "break", "bookmark")))
    if artifact != "none" and len(text) >= 2:
        cut = draw(st.integers(1, len(text) - 1))
        if artifact == "page":
            page = draw(st.integers(1, 99))
            marker = draw(st.sampled_from(PAGE_MARKERS)).format(page)
            gap = draw(st.sampled_from(("\n\n", "\n", "\n\n\n")))
            text = f"{text[:cut]}{gap}{marker}{gap}{draw(st.sampled_from(INDENTS))}{text[cut:]}"
        elif artifact == "break":
            text = f"{text[:cut]}\n{draw(st.sampled_from(INDENTS))}{text[cut:]}"
        else:
            text = f"{text[:cut]}{BOOKMARK}{text[cut:]}"
    return text + end


@st.composite
def _article_body(draw) -> str:
    sentences = draw(st.lists(_sentence(), min_size=1, max_size=3))
    body = "".join(sentences)
    if draw(st.booleans()):
        return body
    # A lead-in and a list of items, one per line.
    kind = draw(st.sampled_from(("cn", "dot")))
    count = draw(st.integers(1, 4))
    colon = draw(st.sampled_from(("：", ":")))
    lines = [_sentence_text(body) + colon]
    for i in range(1, count + 1):
        label = f"（{to_chinese(i)}）" if kind == "cn" else f"{i}."
        end = "。" if i == count else "；"
        lines.append(draw(st.sampled_from(INDENTS)) + label + draw(_sentence(end=end)))
    return "\n".join(lines)


def _sentence_text(body: str) -> str:
    return body.rstrip("。")


@st.composite
def rules_documents(
    draw,
    *,
    min_articles: int = 3,
    max_articles: int = 24,
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
    style = draw(st.sampled_from(("tiao-cn", "tiao-ar", "dun-cn", "dun-ar", "dun-mixed")))
    full_width = draw(st.booleans())
    chapter_style = draw(st.sampled_from(("cn", "ar", "none", "unnumbered")))
    if chapter_style == "none":
        per_chapter = [draw(st.integers(min_articles, max_articles))]
    else:
        per_chapter = draw(st.lists(st.integers(1, 5), min_size=1, max_size=5))
        while sum(per_chapter) < min_articles:
            per_chapter.append(1)
    titles = [draw(st.sampled_from(HEADINGS)) for _ in per_chapter] if chapter_style != "none" else []

    total = sum(per_chapter)
    # Faults sit after the first article, so that the body still opens with 第一条 / 一、;
    # a repeated 一、 reads as a list restarting, so the duplicate repeats 二、 or later.
    duplicate_at = draw(st.integers(2, total - 1)) if duplicate else None
    gap_at = draw(st.integers(1, total - 1).filter(lambda i: i != duplicate_at)) if gap else None

    lines: list[str] = []
    if draw(st.booleans()):
        place = draw(st.text(alphabet=PROSE, min_size=2, max_size=3))
        lines += [f"{place}区人民政府工作规则", ""]
    number = 0
    declared = []
    for c, count in enumerate(per_chapter, start=1):
        if chapter_style in ("cn", "ar"):
            num = to_chinese(c) if chapter_style == "cn" else _digits(c, full_width)
            sep = draw(st.sampled_from((" ", "　", "  ", "")))
            lines.append(f"第{num}章{sep}{titles[c - 1]}")
        elif chapter_style == "unnumbered":
            lines.append(draw(st.sampled_from(INDENTS)) + titles[c - 1])
        for _ in range(count):
            index = len(declared)
            if index != duplicate_at:
                number += 2 if index == gap_at else 1
            declared.append(number)
            label = _article_label(style, number, full_width)
            sep = draw(st.sampled_from(("", " ", "　"))) if style.startswith("tiao") else ""
            last = index == total - 1
            body = draw(_phrase()) if truncate and last else draw(_article_body())
            lines.append(draw(st.sampled_from(INDENTS)) + label + sep + body)
            if draw(st.integers(0, 5)) == 0:  # a page marker between paragraphs
                lines += ["", draw(st.sampled_from(PAGE_MARKERS)).format(draw(st.integers(1, 99))), ""]
            elif draw(st.booleans()):
                lines.append("")
    text = "\n".join(lines) + draw(st.sampled_from(("", "\n", "\n\n")))
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
