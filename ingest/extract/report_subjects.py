"""Who travels or is absent when the text describes them instead of naming a term:

    区政府各部门、各街道乡镇和参照公务员管理单位的主要负责人出访，…
    -> 区政府各部门主要负责人, 各街道乡镇主要负责人, 参照公务员管理单位的主要负责人

The words before a trip word (出访, 外出 …) of the chunk are the subject; they are split at
coordinators (not 及以下/及以上, which bound a rank), and the head the last part ends with
(after its 的, or its last rank word) is shared by the parts that are organs.
"""

from __future__ import annotations

import re

from ..fact_values import EntityRef
from .common import Context, descriptive_entity
from .parties import PARENTHETICAL, SUBJECT_PRONOUNS
from .report_wording import WORDING

_TRIP = re.compile("|".join(sorted(WORDING.subject_trip_words, key=len, reverse=True)))
_SPLIT = re.compile(r"、|以及|和|及(?![以上下])|或")
_HEAD = re.compile("(?:" + "|".join(sorted(WORDING.described_heads, key=len, reverse=True)) + ")$")


def described_subjects(ctx: Context, text: str, chunk_start: int, chunk_end: int) -> list[EntityRef]:
    """The parties a chunk describes as the ones who travel; [] if none."""
    trip = _TRIP.search(text, chunk_start, chunk_end)
    if trip is None:
        return []
    region = PARENTHETICAL.sub("", text[chunk_start : trip.start()]).strip()
    if not region or any(region.startswith(p) for p in SUBJECT_PRONOUNS) or not _HEAD.search(region):
        return []
    if not (ctx.mentions(region, ("role", "body")) or region.startswith("上述")):
        return []
    term = ctx.vocab.resolve(region)
    if term is not None and term.kind in ("role", "body"):
        return [ctx.entity_by_key(term.kind, term.key)]
    parts = [p for p in _SPLIT.split(region) if p]
    last = parts[-1]
    head = last.rsplit("的", 1)[1] if "的" in last else ""
    out = []
    for part in parts:
        surface = part if part is last or _HEAD.search(part) or not head else part + head
        resolved = ctx.vocab.resolve(surface)
        if resolved is not None and resolved.kind in ("role", "body"):
            out.append(ctx.entity_by_key(resolved.kind, resolved.key))
        else:
            out.append(descriptive_entity("role", surface))
    return out
