"""Stage 3b: metadata of a rules document — title, jurisdiction, number, dates, status.

Read from the front matter (the 印发 notice or a website's metadata block before
the rules proper), the closing block (印发 line) and the final articles (repeals).
"""

from __future__ import annotations

import re

from .models import DocumentMetadata, NormalizedText

_CJK = "[\u4e00-\u9fff]"
_DATE = r"(?P<y>\d{4})\s*(?:年|-|/|\.)\s*(?P<m>\d{1,2})\s*(?:月|-|/|\.)\s*(?P<d>\d{1,2})\s*日?"
# Characters that open prose, not an issuing code, right before a document number (原通政发…).
_NOT_IN_CODE = "原的和及与将即自于在由对是为以经"
#: 东政发〔2024〕2号, 通昌政发〔2021〕3号
DOC_NUMBER = re.compile(f"(?:(?![{_NOT_IN_CODE}]){_CJK}){{1,8}}[〔（]\\s*\\d{{4}}\\s*[〕）]\\s*\\d{{1,4}}\\s*号")
_TITLE_LINE = re.compile(f"^{_CJK}[^\\n]{{0,40}}(?:工作规则|议事规则|工作制度)(?:[（(][^）)]{{1,8}}[）)])?")
_DATE_PAREN = re.compile(r"[（(][^）)]*\d{4}年[^）)]*[）)]$")
_DRAFT = re.compile(r"征求意见稿|草案|送审稿|讨论稿|征求意见")
_ADOPTED = re.compile(
    _DATE + r"[^，。\n]{0,40}?(?P<meeting>第\s*\d+\s*次[^，。\n]{0,16}?(?:常务会议|全体会议))[^，。\n]{0,6}?通过"
)
_REPEAL = re.compile(r"废止|停止执行|不再执行|同时失效")
_PROVINCE = "(?:省|自治区)"
_CITY = "(?:市|自治州|州|地区|盟)"
_LOCAL = "(?:自治县|自治旗|区|县|旗|市)"
#: 北京市朝阳区 / 吉林省通化市某区 / 海淀区 — the name of a local government.
_ADMIN_NAME = re.compile(
    f"^(?P<province>{_CJK}{{2,6}}?{_PROVINCE})?(?P<city>{_CJK}{{2,8}}?{_CITY})?(?P<name>{_CJK}{{1,8}}?{_LOCAL})$"
)
_PREFIX_BEFORE = re.compile(f"(?:{_CJK}{{2,6}}?{_PROVINCE})?{_CJK}{{2,8}}?{_CITY}$")
_LEVELS = {"区": "district", "县": "county", "自治县": "county", "旗": "banner", "自治旗": "banner", "市": "city"}


def extract_metadata(norm: NormalizedText) -> DocumentMetadata:
    text = norm.text
    front = text[: norm.body_start]
    closing = text[norm.body_end :]
    title, title_span = _title(norm, front)
    full, name, parent, level = _jurisdiction(text, title)
    adopted = _ADOPTED.search(front + "\n" + (title or ""))
    return DocumentMetadata(
        title=title,
        jurisdiction=name,
        jurisdiction_full=full,
        parent=parent,
        level=level,
        doc_number=_doc_number(front),
        issued=_issued(front, closing),
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
            return None, None
        best = (m.group("t"), m.span("t"))
    # The title is shown in the source's own characters, e.g. "(修订)" as written.
    start, end = best[1]
    return norm.display(start, end).strip(), best[1]


def _jurisdiction(text: str, title: str | None) -> tuple[str | None, str | None, str | None, str | None]:
    if not title:
        return None, None, None, None
    from .normalize import to_simplified

    simple = to_simplified(title)
    head = re.split(r"人民政府|政府工作规则|工作规则", simple)[0]
    m = _ADMIN_NAME.match(head)
    if not m:
        return None, None, None, None
    name = m.group("name")
    prefix = (m.group("province") or "") + (m.group("city") or "")
    if not prefix:
        # The title may omit the city (海淀区…); the letterhead usually has it (北京市海淀区人民政府).
        candidates = []
        for hit in re.finditer(re.escape(name) + "人民政府", text):
            before = _PREFIX_BEFORE.search(text[max(0, hit.start() - 14) : hit.start()])
            if before:
                candidates.append(re.sub("^中共", "", before.group()))
        # The most frequent letterhead form wins; among equals, the fuller one.
        prefix = max(candidates, key=lambda c: (candidates.count(c), len(c)), default="")
    parts = re.match(f"^(?P<province>{_CJK}{{2,6}}?{_PROVINCE})?(?P<city>{_CJK}{{2,8}}?{_CITY})?$", prefix)
    parent = None
    if parts:
        parent = parts.group("city") or parts.group("province")
    suffix = next(s for s in sorted(_LEVELS, key=len, reverse=True) if name.endswith(s))
    return prefix + name, name, parent, _LEVELS[suffix]


def _doc_number(front: str) -> str | None:
    block = re.search(r"〔发文字号〕\s*(?P<n>[^\n]+)", front)
    if block:
        m = DOC_NUMBER.search(block.group("n"))
        if m:
            return _clean_number(m.group())
    for line in front.splitlines():
        if _REPEAL.search(line):
            continue
        m = DOC_NUMBER.search(line)
        if m:
            return _clean_number(m.group())
    return None


def _clean_number(number: str) -> str:
    number = re.sub(r"\s+", "", number)
    return number.replace("（", "〔").replace("）", "〕")


def _issued(front: str, closing: str) -> str | None:
    block = re.search(r"〔(?:成文日期|发布日期)〕\s*" + _DATE, front)
    if block:
        return _iso(block)
    standalone = [m for m in re.finditer(r"^\s*" + _DATE + r"\s*$", front, re.M)]
    if standalone:
        return _iso(standalone[-1])
    printed = re.search(_DATE + r"\s*印发", closing)
    return _iso(printed) if printed else None


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
