"""Lists of participants -> entities: 区长、副区长和各部门主要负责人 -> 区长, 副区长, 各部门主要负责人.

The list is split at 、/和/及/或 and commas (never inside a vocabulary term). Conjuncts
that name no one by themselves join the one before (有关部门、单位), and a head at the
end (领导, 主要负责人) reaches back over the bodies before it:

    区人大常委会、区政协领导       -> the organs 区人大常委会, 区政协
    区政府有关部门和各街道主要负责人 -> 区政府有关部门主要负责人, 各街道主要负责人
    区长或由其委托常务副区长        -> 区长, 常务副区长 (delegated)
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from schema.vocabulary import Mention

from ..fact_values import EntityRef
from .common import Context, descriptive_entity

_SEPARATOR = re.compile(r"，|、|以及|及|和|或者|或")
#: separators a shared head does not reach across
_STRONG = ("，", "以及", "及")
_HEAD = re.compile(
    r"(?:主要负责同志|主要负责人|有关负责人|相关负责人|有关负责同志|负责同志|负责人|领导同志|主要领导|领导|行政正职)$"
)
#: a conjunct that names no one by itself (单位 in 有关部门、单位) belongs to the one before
_BARE = re.compile(r"^(?:单位|部门|企业|机构|主任|局长|负责人)$")
#: a leading qualifier (有关单位、部门；与议题相关的部门、单位) reaches over the units after it
_SCOPE = re.compile(r"^(?:其他)?(?:有关|相关|与[^，、]{0,8}?(?:有关|相关))")
#: The government's own units (departments, bureaus, townships) take part through their
#: officers; other organs (区人大常委会, 区政协, 区人民法院) are named as themselves.
_UNIT = re.compile(r"部门|单位|街道|乡镇|乡（镇）|机构|企业|办事处|(?:局|办|办公室|中心|所)$")
_PERSON = re.compile(r"(?:人|长|员|领导|正职|主任|同志|代表|委员|顾问|助理|书记|市民|群众)$")
_TRAILING = re.compile(r"(?:等(?:单位|部门|方面|特定人员|人员)?|全程|均|也|须|应|要|[。：])+$")
_LEADING = re.compile(r"^(?:以及|及|和|并|由|其中)")
#: names no one: 有关人员, 有关方面人员, 他人
_VAGUE = re.compile(r"^(?:(?:其他)?(?:有关|相关)?(?:方面)?(?:人员|同志)|他人)$")
#: 区长委托常务副区长 / 由其委托的副区长: the one after 委托 acts for another
_DELEGATE = re.compile(r"^(?:由)?(?:其|[^，、]{0,10}?)委托(?:的)?")
_DELEGATOR = re.compile(r"受[^，]{1,12}委托")


@dataclass(frozen=True, slots=True)
class Named:
    entity: EntityRef
    delegated: bool = False


@dataclass
class _Group:
    """Conjuncts that name one participant: 有关单位、部门 | 区政府有关部门."""

    start: int
    end: int
    head: tuple[int, int] | None  # its own head (…主要负责人)
    core_end: int  # where the head (or a trailing 等单位) starts
    delegated: bool
    shared_head: tuple[int, int] | None = None  # the head of a later conjunct that reaches back to this one


def participants(ctx: Context, text: str, written: Callable[[int, int], str] | None = None) -> list[Named]:
    """``written(start, end)`` gives the original characters behind ``text[start:end]``
    (descriptive names are kept as the source writes them: 乡镇(街道)行政正职)."""
    show = written or (lambda start, end: text[start:end])
    out: list[Named] = []
    for run in _runs(ctx, text):
        head: tuple[int, int] | None = None
        for group in reversed(run):
            if group.head is not None:
                head = group.head
            elif head is not None and not _is_role(ctx, text[group.start : group.end]):
                group.shared_head = head
        for group in run:
            entity = _entity(ctx, text, group, show)
            if entity is not None and all(entity.key != n.entity.key for n in out):
                out.append(Named(entity, group.delegated))
    return out


def _runs(ctx: Context, text: str) -> list[list[_Group]]:
    """Groups, in runs a shared head may reach over (between commas and 以及)."""
    protected = [(m.start, m.end) for m in ctx.mentions(text, ("role", "body", "meeting"))]
    pieces = []
    pos, strong = 0, True
    for sep in _SEPARATOR.finditer(text + "，"):
        if any(s < sep.start() < e for s, e in protected):
            continue
        pieces.append((pos, sep.start(), strong))
        strong = sep.group() in _STRONG
        pos = sep.end()
    runs: list[list[_Group]] = []
    delegate_next = False
    for start, end, strong in pieces:
        start, end = _trim(text, start, end)
        chunk = text[start:end]
        delegated, delegate_next = delegate_next, False
        if _DELEGATOR.fullmatch(chunk):
            delegate_next = True
            continue
        lead = _DELEGATE.match(chunk)
        if lead and lead.end() < len(chunk):
            start, delegated = start + lead.end(), True
            chunk = text[start:end]
        if not chunk or (chunk.startswith("其") and not chunk.startswith("其他")) or _VAGUE.match(chunk):
            continue  # 及其部门负责人 points back; 有关人员 names no one
        found = _HEAD.search(chunk)
        head = (start + found.start(), start + found.end()) if found and found.start() > 0 else None
        core_end = start + len(_TRAILING.sub("", text[start : head[0] if head else end]))
        group = _Group(start, end, head, core_end, delegated)
        if strong or not runs:
            runs.append([group])
            continue
        last = runs[-1][-1]
        if last.head is None and _joins(text, last, chunk):
            last.end, last.head, last.core_end = group.end, group.head, group.core_end
        else:
            runs[-1].append(group)
    return runs


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    chunk = text[start:end]
    stripped = chunk.strip()
    lead = _LEADING.match(stripped)
    if lead:
        stripped = stripped[lead.end() :]
    if not _HEAD.search(stripped):
        stripped = _TRAILING.sub("", stripped)
    offset = start + chunk.find(stripped) if stripped else start
    return offset, offset + len(stripped)


def _joins(text: str, last: _Group, chunk: str) -> bool:
    """单位 after 有关部门, and units under a leading 有关/与议题相关的, belong to the group."""
    if _BARE.match(_HEAD.sub("", chunk) or chunk):
        return True
    opened = text[last.start : last.end]
    return bool(_SCOPE.match(opened)) and not chunk.startswith("各") and bool(_UNIT.search(chunk))


def _is_role(ctx: Context, text: str) -> bool:
    found = _exact(ctx, text)
    return found is not None and found.term.kind == "role"


def _entity(ctx: Context, text: str, group: _Group, show: Callable[[int, int], str]) -> EntityRef | None:
    whole = text[group.start : group.end]
    core = text[group.start : group.core_end]
    if not core:
        return None
    exact = _exact(ctx, whole)
    if exact is not None and group.shared_head is None:
        return ctx.entity(exact)
    head = group.head or group.shared_head
    bare = core.rstrip("的")
    found = _exact(ctx, bare) or _exact(ctx, bare.removeprefix("各"))
    if head is None:
        return ctx.entity(found) if found is not None else _descriptive(ctx, show(group.start, group.end), whole)
    if found is not None and found.term.kind == "role":
        return ctx.entity(found)
    written = show(group.start, group.core_end) + show(*head)
    matched = core + text[head[0] : head[1]]
    if _UNIT.search(bare):
        return _descriptive(ctx, written, matched)  # the officers of units: 各部门主要负责人, 区司法局主要负责人
    if found is not None:
        return ctx.entity(found)  # 区人大常委会、区政协领导: the organs themselves
    if group.shared_head is not None:
        return _descriptive(ctx, show(group.start, group.core_end), core)  # 群众团体、民主党派负责人: the organizations
    return _descriptive(ctx, written, matched)


def _exact(ctx: Context, text: str) -> Mention | None:
    found = ctx.mentions(text, ("role", "body"))
    return found[0] if len(found) == 1 and found[0].surface == text else None


def _descriptive(ctx: Context, surface: str, normalized: str) -> EntityRef:
    """A name outside the vocabulary, kept as written; a person or an organ by its normalized
    form, so that a traditional-script 負責人 is a person as 负责人 is."""
    return descriptive_entity("role" if _PERSON.search(normalized) else "body", surface, ctx.level)
