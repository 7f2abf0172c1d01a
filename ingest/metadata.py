"""Stage 3b: metadata of a rules document — title, jurisdiction, number, dates, status.

Read from the front matter (the 印发 notice or a website's metadata block before
the rules proper), the closing block (印发 line) and the final articles (repeals).
"""

from __future__ import annotations

import re

from .identity import Identity, identify, with_parent
from .models import DocumentMetadata, NormalizedText

_CJK = "[\u4e00-\u9fff]"
_DATE = r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?"
# Characters that open prose, not an issuing code, right before a document number (原通政发…).
_NOT_IN_CODE = "原的和及与将即自于在由对是为以经"
#: 东政发〔2024〕2号, 通昌政发〔2021〕3号
DOC_NUMBER = re.compile(f"(?:(?![{_NOT_IN_CODE}]){_CJK}){{1,8}}[〔（]\\s*\\d{{4}}\\s*[〕）]\\s*\\d{{1,4}}\\s*号")
#: a whole line that is a title: no clause punctuation, an optional (修订) or (…通过) after it
_TITLE_LINE = re.compile(f"^{_CJK}[^\\n，。,;；:：]{{0,40}}?(?:工作规则|议事规则|工作制度)(?:\\s*[（(][^）)]{{1,60}}[）)])?$")
#: 《某某县人民政府工作规则》 in a notice that does not say 印发…的通知
_QUOTED_TITLE = re.compile("[《〈](?P<t>[^》〉\\n]{2,40}?(?:工作规则|议事规则))[》〉]")
_NOT_OWN_TITLE = re.compile("(?:参照|根据|依据|按照|依照)[^。\\n]{0,6}$")
_DATE_PAREN = re.compile(r"[（(][^）)]*\d{4}年[^）)]*[）)]$")
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|讨论稿|征求意见")
_ADOPTED = re.compile(
    _DATE + r"[^，。\n]{0,40}?(?P<meeting>第\s*\d+\s*次[^，。\n]{0,16}?(?:常务会议|全体会议))[^，。\n]{0,6}?通过"
)
_REPEAL = re.compile(r"废止|停止执行|不再执行|同时失效")
#: labelled fields of a website's metadata block: 发文字号: | 吉经开管发〔2018〕100号
_NUMBER_FIELD = re.compile(f"(?:发文字号|发布文号|备注/文号|文号)[\\]】〕\\s:：|]*"
                           f"(?P<n>{_CJK}{{1,10}}[〔（(\\[［]\\s*\\d{{4}}\\s*[〕）)\\]］]\\s*\\d{{1,4}}\\s*号)")
#: numbers that lost their brackets (某政201443 on a line of its own) or were never bracketed
#: (…日某政279号公布): kept as written, brackets restored where the year is visible
_BARE_NUMBER = re.compile(f"^\\s*(?P<code>{_CJK}{{1,6}}?[政府发办文]{{1,3}})(?P<y>(?:19|20)\\d{{2}})(?P<n>\\d{{1,3}})\\s*$", re.M)
_PUBLISHED_NUMBER = re.compile(f"日(?P<n>{_CJK}{{1,8}}\\d{{1,4}}号)(?:公布|印发)")
_ISSUED_FIELD = re.compile(r"(?:成文日期|公文生成日期|生成日期)[\]】〕\s:：|]*" + _DATE)
_PUBLISHED_FIELD = re.compile(r"(?:发布日期|发布时间|发表日期|发文日期|时间)[\]】〕\s:：|]*" + _DATE)
_PROMULGATED = re.compile(_DATE + "[^，。\\n]{0,16}?(?:公布|印发)")
_CN_DATE = re.compile("(?P<y>[〇○零一二三四五六七八九]{4})年(?P<m>[一二三四五六七八九十]{1,2})月(?P<d>[一二三四五六七八九十]{1,3})日")


def extract_metadata(norm: NormalizedText, named: Identity | None = None) -> DocumentMetadata:
    """``named``: the jurisdiction the user gave (``--jurisdiction``); it wins over the text's."""
    text = norm.text
    front = text[: norm.body_start]
    closing = text[norm.body_end :]
    title, title_span = _title(norm, front)
    if title is None and not front:
        # no rules body was found (no articles): the first line as written may still be the title
        title = _first_line_title(norm.raw.text)
    doc_number = _doc_number(front)
    found = identify(text, front, text[norm.body_start : norm.body_end], title, doc_number)
    place = with_parent(named, text) if named is not None else found
    if named is not None and found is not None and found.name == named.name and named.parent is None:
        place = found  # the text adds what the user left out (the city of a county-level city)
    adopted = _ADOPTED.search(_repair_compact_dates(front) + "\n" + (title or ""))
    return DocumentMetadata(
        title=title,
        jurisdiction=place.name if place else None,
        jurisdiction_full=place.full_name if place else None,
        parent=place.parent if place else None,
        level=place.level if place else None,
        government=place.government if place else None,
        identified_by=("named" if named is not None else place.source) if place else None,
        doc_number=doc_number,
        issued=_issued(front, closing),
        published=_published(front),
        adopted=_iso(adopted) if adopted else None,
        adopted_by=re.sub(r"\s+", "", adopted.group("meeting")) if adopted else None,
        status="draft" if _DRAFT.search(front[-400:] if title_span is None else front[title_span[0] :]) else "effective",
        supersedes=_supersedes(text[norm.body_start : norm.body_end]),
    )


def _title(norm: NormalizedText, front: str) -> tuple[str | None, tuple[int, int] | None]:
    best = None
    for line in re.finditer(r"[^\n]+", front):
        stripped = line.group().strip()
        m = _TITLE_LINE.match(stripped)
        if not m or "印发" in stripped or "通知" in stripped or "当前位置" in stripped:
            continue
        title = _DATE_PAREN.sub("", m.group()).strip()
        start = line.start() + line.group().index(stripped)
        best = (title, (start, start + len(title)))
    if best is None:
        m = re.search(r"印发[《〈]?(?P<t>[^》〉\n]{2,40}?(?:工作规则|议事规则))[》〉]?的通知", front)
        if not m:
            m = next((q for q in _QUOTED_TITLE.finditer(front) if not _NOT_OWN_TITLE.search(front[: q.start()])), None)
        if not m:
            return None, None
        best = (m.group("t"), m.span("t"))
    # The title is shown in the source's own characters, e.g. "(修订)" as written.
    start, end = best[1]
    return norm.display(start, end).strip(), best[1]


_COMPACT_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})(?P<md>\d{3,4})日")


def _repair_compact_dates(text: str) -> str:
    """2017216日 (a page that lost 年 and 月) -> 2017年2月16日 where only one reading is a date."""
    def repair(m: re.Match[str]) -> str:
        md = m.group("md")
        splits = [(md[:2], md[2:])] if len(md) == 4 else [(md[:1], md[1:]), (md[:2], md[2:])]
        dates = [(int(a), int(b)) for a, b in splits if 1 <= int(a) <= 12 and 1 <= int(b) <= 31 and not b.startswith("0")]
        if len(dates) != 1:
            return m.group()
        return f"{m.group('y')}年{dates[0][0]}月{dates[0][1]}日"
    return _COMPACT_DATE.sub(repair, text)


def _first_line_title(raw: str) -> str | None:
    from schema.script import to_simplified

    first = next((line.strip() for line in raw.splitlines() if line.strip()), "")
    return first if _TITLE_LINE.match(to_simplified(first)) and "印发" not in first else None


def _doc_number(front: str) -> str | None:
    block = _NUMBER_FIELD.search(front)
    if block:
        # a labelled field holds the whole number: no prose before it to leave out
        return _clean_number(block.group("n"))
    for line in front.splitlines():
        if _REPEAL.search(line):
            continue
        m = DOC_NUMBER.search(line)
        if m:
            return _clean_number(m.group())
    bare = _BARE_NUMBER.search(front)
    if bare:
        return f"{bare.group('code')}〔{bare.group('y')}〕{bare.group('n')}号"
    published = _PUBLISHED_NUMBER.search(front)
    return published.group("n") if published else None


def _clean_number(number: str) -> str:
    number = re.sub(r"\s+", "", number)
    return re.sub(r"[（(\[［]", "〔", re.sub(r"[）)\]］]", "〕", number))


def _issued(front: str, closing: str) -> str | None:
    block = re.search(r"〔(?:成文日期|发布日期)〕\s*" + _DATE, front) or _ISSUED_FIELD.search(front)
    if block:
        return _iso(block)
    standalone = [m for m in re.finditer(r"^\s*" + _DATE + r"\s*$", front, re.M)]
    if standalone:
        return _iso(standalone[-1])
    written = [m for m in re.finditer(r"^\s*" + _CN_DATE.pattern + r"\s*$", front, re.M)]
    if written:
        return _cn_iso(written[-1])
    printed = re.search(_DATE + r"\s*印发", closing) or _PROMULGATED.search(front)
    return _iso(printed) if printed else None


def _published(front: str) -> str | None:
    """The release date of the page the text was copied from (发布日期, 发布时间, 时间)."""
    m = _PUBLISHED_FIELD.search(front)
    return _iso(m) if m else None


def _cn_iso(m: re.Match[str]) -> str:
    """二○一二年二月二十三日 -> 2012-02-23"""
    from .numerals import parse_number

    year = "".join(str(parse_number(ch) if ch not in "〇○零" else 0) for ch in m.group("y"))
    return f"{year}-{parse_number(m.group('m')) or 0:02d}-{parse_number(m.group('d')) or 0:02d}"


def _iso(m: re.Match[str]) -> str:
    return f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"


def _supersedes(body: str) -> tuple[str, ...]:
    found: list[str] = []
    for sentence in re.split(r"(?<=[。；])", body):
        if _REPEAL.search(sentence):
            for m in DOC_NUMBER.finditer(sentence):
                number = _clean_number(m.group())
                if number not in found:
                    found.append(number)
    return tuple(found)
