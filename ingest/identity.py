"""Whose rules these are: jurisdiction, level and parent, read from the text in order of trust.

    title  >  印发 notice  >  issuing body  >  document-number prefix  >  body

The title (北京市某某区人民政府工作规则) names the government; the notice names it as the
issuer (某某县人民政府关于印发…); the issuing body is a labelled field (发布机构, 发文机关), a
letterhead or a signature line; the document number's prefix (某政发〔2024〕1号) picks among
places the body names; the body names it in its first article (某某县第十六届人民代表大会)
or as 中共某某县委, with 本县 / 县政府 saying the level. A name the user gives
(``--jurisdiction``) wins over all of them. Places inside 《》 are other governments' rules
(参照《某某市人民政府工作规则》) and never count.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from schema.script import to_simplified
from schema.vocabulary import LEVELS, level_ending, level_of

_CJK = "[\u4e00-\u9fff]"
_PROVINCE = "(?:省|自治区)"
_CITY = "(?:市|自治州|州|地区|盟)"
#: 河北省石家庄市长安区: an optional province, an optional city, then the place itself
_PLACE = re.compile(
    f"^(?P<province>{_CJK}{{2,6}}?{_PROVINCE})?(?P<city>{_CJK}{{2,8}}?{_CITY})?(?P<name>{_CJK}{{2,14}})$"
)
_PREFIX = re.compile(f"^(?P<province>{_CJK}{{2,6}}?{_PROVINCE})?(?P<city>{_CJK}{{2,8}}?{_CITY})?$")
_PREFIX_BEFORE = re.compile(f"(?:{_CJK}{{2,6}}?{_PROVINCE})?{_CJK}{{2,8}}?{_CITY}$")
#: the organ after a place name, longest first
GOVERNMENT = "(?:人民政府|管理委员会|管委会|行政公署|政府)"
_GOVERNMENT_IN_TITLE = re.compile(f"{GOVERNMENT}|工作规则|议事规则|工作制度")
_NOTICE_ISSUER = re.compile(f"(?P<place>{_CJK}{{2,24}}?)(?P<gov>{GOVERNMENT})(?:办公室)?关于印发")
_ISSUER_FIELD = re.compile(
    f"(?:发布机构|发文机关|发文单位|发布单位|来源)[\\s:：|]*(?P<place>{_CJK}{{2,24}}?)(?P<gov>{GOVERNMENT})"
)
#: a line that starts with a government's name: letterhead, signature, a site's header
_ISSUER_LINE = re.compile(f"^\\s*(?P<place>{_CJK}{{2,24}}?)(?P<gov>{GOVERNMENT})", re.MULTILINE)
_DOC_NUMBER_STEM = re.compile(f"^(?P<stem>{_CJK}{{1,3}}?)(?:政|府|管|署)")
_CONGRESS = re.compile(
    f"(?P<place>{_CJK}{{2,24}}?)第[一二三四五六七八九十\\d]{{1,3}}届人民代表大会"
)
_PARTY_COMMITTEE = re.compile(f"中共(?P<place>{_CJK}{{2,24}}?)委(?:员会)?")
_BODY_GOVERNMENT = re.compile(f"(?<![\u4e00-\u9fff])(?P<place>{_CJK}{{2,24}}?)(?P<gov>人民政府|管理委员会|管委会|行政公署)")
_LOCAL_PRACTICE = re.compile(f"结合(?P<stem>{_CJK}{{2,6}}?)(?:的)?实际")
_BOOK_TITLE = re.compile("《[^》]*》")
#: 本县, 县政府, 县人民政府 … say the level of the government whose rules these are
_OWN_LEVEL_WORDS = {"县": "county", "市": "city", "区": "district", "旗": "banner"}
_OWN_LEVEL = re.compile("(?:本|我)(?P<c>[县市区旗])|(?<![\u4e00-\u9fff])(?P<g>[县市区旗])(?:人民)?政府")
#: 是某某市人民政府(以下简称"市政府")领导下的: the governing city, as an article states it
_LED_BY = re.compile(f"(?P<parent>{_CJK}{{2,10}}?{_CITY})(?:人民)?政府(?:[(（][^)）]{{0,20}}[)）])?领导下的")
#: words that open a clause, not a place name, before a government's name (经县人民政府 …)
_NOT_A_PLACE = re.compile("^(?:经|由|报|向|对|在|以|和|及|与|各|本|我|该|是|上级|有关)")
#: words that open a phrase (全县, 原区政府, 新区) but also many real names (全椒县, 原阳县, 新安县):
#: they rule a name out only when a single character stands before its level suffix
_PHRASE_OPENERS = ("全", "原", "新")
#: words no place name contains: a match that holds one is a clause, not a name
_CLAUSE_WORDS = re.compile("的|是|主持|负责|按照|工作|会议|以下|领导|组成|办公|人民|政府")


@dataclass(frozen=True, slots=True)
class Identity:
    name: str  # 平谷区
    full_name: str  # 北京市平谷区
    parent: str | None  # 北京市
    level: str  # district | county | city | banner | zone | new_area | prefecture
    government: str  # 人民政府 | 管理委员会 | 行政公署: the organ, for a title the text does not give
    source: str  # title | notice | issuer | doc-number | body | named


def parse_place(text: str, government: str | None = None, source: str = "named") -> Identity | None:
    """北京市平谷区 -> Identity(平谷区, 北京市平谷区, 北京市, district); None when the text is no
    place name whose level can be told."""
    text = to_simplified(text.strip())
    m = _PLACE.match(text)
    if not m or _NOT_A_PLACE.match(text) or _CLAUSE_WORDS.search(text):
        return None
    name = m.group("name")
    if name.startswith(_PHRASE_OPENERS) and len(name) <= 2:
        return None
    level = level_of(name, government)
    if level is None:
        return None
    prefix = (m.group("province") or "") + (m.group("city") or "")
    parent = m.group("city") or m.group("province")
    return Identity(name, prefix + name, parent, level, _organ(level, government), source)


def _organ(level: str, government: str | None) -> str:
    if government in ("管委会", "管理委员会"):
        return "管理委员会"
    if government in ("人民政府", "行政公署"):
        return government
    return LEVELS[level].government


def named_identity(name: str) -> Identity:
    """The jurisdiction a user names (``--jurisdiction 随州市``); ValueError when its level cannot be told."""
    found = parse_place(name)
    if found is None:
        raise ValueError(
            f"cannot tell the level of government of {name.strip()!r}: write the name with its ending "
            "(…市, …县, …区, …旗, …自治县, …高新区, …开发区, …新区, …地区)"
        )
    return found


def identify(text: str, front: str, body: str, title: str | None, doc_number: str | None) -> Identity | None:
    """The jurisdiction the (simplified) text names, by the most trusted source that names one."""
    found = (
        _from_title(title)
        or _first(_NOTICE_ISSUER.finditer(front), "notice")
        or _first(_ISSUER_FIELD.finditer(front), "issuer")
        or _first(_ISSUER_LINE.finditer(front), "issuer")
        or _from_body(body, doc_number)
    )
    if found is None:
        return None
    return with_parent(found, text)


def with_parent(found: Identity, text: str) -> Identity:
    """Add the governing city or province where the text gives it: a letterhead's full name
    (北京市某某区人民政府), an article (是某某市人民政府领导下的…), a zone named after its city."""
    if found.parent is not None:
        return found
    prefix = _letterhead_prefix(found.name, text)
    if prefix:
        parts = _PREFIX.match(prefix)
        parent = (parts.group("city") or parts.group("province")) if parts else None
        return _replace(found, full_name=prefix + found.name, parent=parent)
    led = _LED_BY.search(_BOOK_TITLE.sub("", text))
    parent = _governing_city(led.group("parent")) if led else None
    if parent and parent != found.name:
        return _replace(found, parent=parent)
    if found.level in ("zone", "new_area"):
        ending = level_ending(found.name)
        stem = found.name[: -len(ending.ending)] if ending else ""
        # 某某高新区 is a zone of the city 某某市 when the text names that city
        if len(stem) >= 2 and f"{stem}市" in _BOOK_TITLE.sub("", text):
            return _replace(found, parent=f"{stem}市")
    return found


def _governing_city(words: str) -> str | None:
    """是某某州 -> 某某州: the longest city or province name ending the words."""
    for start in range(len(words) - 2):
        candidate = words[start:]
        if _PREFIX.match(candidate) and not _NOT_A_PLACE.match(candidate) and not _CLAUSE_WORDS.search(candidate):
            return candidate
    return None


def _replace(found: Identity, **changes: str | None) -> Identity:
    return dataclasses.replace(found, **changes)  # type: ignore[arg-type]


def _from_title(title: str | None) -> Identity | None:
    if not title:
        return None
    simple = to_simplified(title)
    m = _GOVERNMENT_IN_TITLE.search(simple)
    if not m or m.start() == 0:
        return None
    government = m.group() if m.group().endswith(("政府", "委员会", "管委会", "公署")) else None
    return parse_place(simple[: m.start()], government, "title")


def _first(matches: Iterable[re.Match[str]], source: str) -> Identity | None:
    for m in matches:
        found = _place_at(m.group("place"), m.group("gov"), source)
        if found is not None:
            return found
    return None


def _place_at(place: str, government: str | None, source: str) -> Identity | None:
    """The longest place name ending the matched words (各县人民政府 is none; 北京市某某区 is one)."""
    for start in range(len(place) - 1):
        found = parse_place(place[start:], government, source)
        if found is not None:
            return found
    return None


def _from_body(body: str, doc_number: str | None) -> Identity | None:
    """Places the rules name as their own, strongest wording first: 某某县第N届人民代表大会 and
    中共某某县委; then 结合某某实际 with the level 本县 / 县政府 gives; then 某某县人民政府 at
    the start of a phrase. Within a tier the document number's prefix breaks ties, then frequency."""
    text = _BOOK_TITLE.sub("", body)
    own_level = _own_level(text)
    tiers: list[list[Identity]] = [[], [], []]
    for pattern in (_CONGRESS, _PARTY_COMMITTEE):
        tiers[0] += [f for m in pattern.finditer(text) if (f := _place_at(m.group("place"), "人民政府", "body"))]
    if own_level is not None:
        suffix = next(c for c, level in _OWN_LEVEL_WORDS.items() if level == own_level)
        tiers[1] += [f for m in _LOCAL_PRACTICE.finditer(text)
                     if (f := parse_place(m.group("stem") + suffix, "人民政府", "body"))]
    # a government's name where a phrase starts, named at least twice: a weaker sign
    named = [f for m in _BODY_GOVERNMENT.finditer(text) if (f := parse_place(m.group("place"), m.group("gov"), "body"))]
    tiers[2] += [f for f in named if sum(g.full_name == f.full_name for g in named) >= 2]
    for candidates in tiers:
        candidates = [c for c in candidates if own_level is None or c.level in (own_level, "zone", "new_area")]
        if candidates:
            return _best(candidates, doc_number)
    return None


def _best(candidates: list[Identity], doc_number: str | None) -> Identity:
    stem = _DOC_NUMBER_STEM.match(doc_number or "")
    if stem:
        preferred = [c for c in candidates if c.name.startswith(stem.group("stem"))]
        if preferred:
            return _replace(preferred[0], source="doc-number")
    counts = Counter(c.full_name for c in candidates)
    return max(candidates, key=lambda c: (counts[c.full_name], len(c.full_name)))


def _own_level(text: str) -> str | None:
    """The level the rules speak at: the most frequent of 本县/县政府, 本市/市政府 …"""
    counts = Counter(_OWN_LEVEL_WORDS[m.group("c") or m.group("g")] for m in _OWN_LEVEL.finditer(text))
    return counts.most_common(1)[0][0] if counts else None


def _letterhead_prefix(name: str, text: str) -> str:
    """The title may omit the city (某某区…); the letterhead usually has it (北京市某某区人民政府).
    The most frequent letterhead form wins; among equals, the fuller one."""
    candidates = []
    for hit in re.finditer(re.escape(name) + GOVERNMENT, text):
        before = _PREFIX_BEFORE.search(text[max(0, hit.start() - 14) : hit.start()])
        if before:
            candidates.append(re.sub("^中共", "", before.group()))
    return max(candidates, key=lambda c: (candidates.count(c), len(c)), default="")
