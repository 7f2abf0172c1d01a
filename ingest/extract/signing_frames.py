"""The frame of a signing clause: what kind of document a rule is for.

    以区政府名义制发的公文 | 由区政府办公室审查…
    frame: issuer 区政府, genres () (公文 is any kind), no recipient, direction any

A frame names the issuer (the name the document goes out under, or the meeting of a 纪要),
the genres, the recipients and the direction; one clause may coordinate several frames
(区政府公布的决定，上报市政府的公文).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..fact_values import EntityRef
from .common import Context
from .open_names import open_meetings
from .signing_steps import QUALIFIER_GAP, VERB

#: Coordinated kinds of document in one frame, each with its own issuer, genre or recipient:
#: 区政府公布的决定，上报市政府的公文，以及… — split before a part that opens a new frame.
_FRAME_SPLIT = re.compile(r"[，,、]|以及")
_FRAME_OPENER = re.compile(r"向|报送|上报|呈报|提请|提出|公布|发布|制发|印发|下发|以[^，；。]{2,30}?名义")
#: what is signed (a frame part names one); 名义 alone is the issuing name, not a kind
_KIND_NOUN = re.compile(r"公文|文件|发文|纪要|请示|报告|议案|命令|决定|公告|通告|意见|通知|批复|通报|函|事项")
#: a head the last of several recipients shares with the others: 市政府和某管委会有关部门
_SHARED_HEAD = re.compile(r"^[^，；。、]{0,12}?(有关部门|各部门)")
#: When both the congress and its standing committee are named as alternatives
#: (提请区人民代表大会或者区人大常委会审议), documents go to the standing committee.
_RECIPIENT_PREFERENCE = {("congress", "congress_standing_committee"): "congress_standing_committee"}
_BY_NAME = re.compile(r"以(?P<who>[^，；。]{2,30}?)名义")
_TO = re.compile(r"(?:向|上报|报送|呈报|提请|报)(?P<to>[^，；。的]{2,30})")
_DOWNWARD = re.compile(r"下发|印发")
_UPWARD = re.compile(r"上报|报送|呈报|提请|报请")
_CHAIRED_BY = re.compile(r"由(?P<cond>[^，；。]{2,12}?主持(?:召开)?)的")


@dataclass
class Frame:
    issuers: list[EntityRef] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    recipients: list[EntityRef] = field(default_factory=list)
    direction: str = "any"
    condition: str | None = None
    named: bool = False  # the issuer is the name the document goes out under (以X名义)

    def empty(self) -> bool:
        return not self.issuers


def read_frames(ctx: Context, text: str) -> list[Frame]:
    """One frame per coordinated kind of document; a part without an issuer takes the one before."""
    parts: list[str] = []
    pos = 0
    for sep in _FRAME_SPLIT.finditer(text):
        left, right = text[pos : sep.start()], text[sep.end() :]
        right_part = _FRAME_SPLIT.split(right, maxsplit=1)[0]
        # "，" and "以及" separate kinds of document; "、" only when a new frame opens (向…提请的议案),
        # not inside a list of genres (请示、报告).
        opens = sep.group() != "、" or _FRAME_OPENER.search(right_part)
        if _KIND_NOUN.search(left) and _KIND_NOUN.search(right_part) and opens:
            parts.append(text[pos : sep.start()])
            pos = sep.end()
    parts.append(text[pos:])
    frames: list[Frame] = []
    for part in parts:
        frame = read_frame(ctx, part)
        if frames and frame.empty() and (frame.genres or frame.recipients):
            frame.issuers = list(frames[-1].issuers)
            frame.condition = frame.condition or frames[-1].condition
        if not frame.empty():
            frames.append(frame)
    return frames or [read_frame(ctx, text)]


#: the verbs of _TO all contain one of these
_TO_WORDS = ("向", "报", "提请")


def may_name_kind(ctx: Context, text: str) -> bool:
    """False when ``read_frame(ctx, text)`` can have neither recipients (no verb of _TO) nor
    genres (no 纪要, no genre's name): a clause that states no rule is read only when it may
    name the kind of document a following rule is about."""
    return any(w in text for w in _TO_WORDS) or "纪要" in text or ctx.vocab.occurs(text, ("genre",), ctx.level)


def read_frame(ctx: Context, text: str) -> Frame:
    frame = Frame()
    chaired = _CHAIRED_BY.search(text)
    if chaired:
        frame.condition = chaired.group("cond")
        text = text[: chaired.start()] + "　" * (chaired.end() - chaired.start()) + text[chaired.end() :]
    by_name = _BY_NAME.search(text)
    to = _TO.search(text)
    meetings = open_meetings(ctx, text)  # 县政府工作协调会纪要: a meeting outside the vocabulary too
    if meetings and "纪要" in text[meetings[-1].end :]:
        frame.issuers = [ctx.entity(m) for m in meetings]
        frame.genres = ["minutes"]
        return frame
    if by_name:
        frame.issuers = [ctx.entity(m) for m in ctx.mentions(by_name.group("who"), ("body",))]
        frame.named = True
    else:
        head = text[: to.start()] if to else text
        bodies = ctx.mentions(head, ("body",))
        if bodies and re.search(r"(?:报送|上报|呈报|提请|发布|公布|向)", text[bodies[-1].end :]):
            # 区政府各部门、各街道报送…: the list's head names the kind of issuer.
            chain = [bodies[-1]]
            for before in reversed(bodies[:-1]):
                if not QUALIFIER_GAP.fullmatch(head[before.end : chain[0].start]) or VERB.search(
                        head[before.end : chain[0].start]):
                    break
                chain.insert(0, before)
            frame.issuers = [ctx.entity(chain[0])]
    if to:
        frame.recipients = _prefer(_dedupe_refs(_recipients(ctx, to.group("to"))))
        if frame.issuers and frame.recipients and frame.recipients[0].key == frame.issuers[0].key:
            frame.recipients = []
    frame.genres = _dedupe([m.term.key for m in ctx.mentions(text, ("genre",))])
    if _DOWNWARD.search(text):
        frame.direction = "downward"
    elif _UPWARD.search(text) or frame.recipients:
        frame.direction = "upward"
    return frame


def _recipients(ctx: Context, text: str) -> list[EntityRef]:
    """Bodies a document goes to; a shared head distributes: 市政府和某管委会有关部门 -> 市政府有关部门."""
    mentions = ctx.mentions(text, ("body",))
    head = _SHARED_HEAD.match(text[mentions[-1].end :]) if mentions else None
    refs = []
    for m in mentions:
        term = ctx.vocab.resolve(m.surface + head.group(1), ctx.level) if head else None
        refs.append(ctx.entity_by_key("body", term.key) if term and term.kind == "body" else ctx.entity(m))
    return refs


def _dedupe_refs(refs: list[EntityRef]) -> list[EntityRef]:
    return list({r.key: r for r in refs}.values())


def _prefer(refs: list[EntityRef]) -> list[EntityRef]:
    keys = {r.key for r in refs}
    for pair, keep in _RECIPIENT_PREFERENCE.items():
        if set(pair) <= keys:
            refs = [r for r in refs if r.key == keep or r.key not in pair]
    return refs


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
