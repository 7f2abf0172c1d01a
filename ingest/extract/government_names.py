"""Names in the government extractor: lists of members, parties with their place prefix,
and the government itself.

A name is read at the document's own level (a city's 市委 is its own party committee, not the
higher one); a body written with another place's
name before it (泉州市人民政府 in a county's rules) keeps that name, as written. An
abbreviation the text defines (泉州市人民政府（以下简称“市政府”）) stands for the phrase.
"""

from __future__ import annotations

import re

from schema.script import to_simplified
from schema.vocabulary import Kind, Term, fill_forms, load_vocabulary, strip_level_suffix

from ..fact_values import EntityRef
from .common import Context, descriptive_entity
from .government_wording import GovernmentWording

#: Where a list of names splits: 、 ， and the coordinators (及其 is not one: 区人大及其常委会).
_SPLIT = re.compile(r"[、，,]|以及|(?<![以])及(?!其)|和|与|或者|或")
#: Characters that end the text a name's place prefix is read from.
_BOUNDARY = "、，,；;：:和及与或在是对由向受的“”\"（）()《》 \u3000"
_PARTY = "中共"


def abbreviations(text: str, cues: tuple[str, ...]) -> str:
    """``A（以下简称“X”）`` -> X when X is a vocabulary name, else A; other parentheticals that
    define an abbreviation are dropped. The result is for reading names, not for offsets."""
    cue = "|".join(map(re.escape, cues))

    def replace(m: re.Match[str]) -> str:
        return m.group("short") if load_vocabulary().resolve(m.group("short")) else m.group("long")

    text = re.sub(rf"(?P<long>[^、，,；：和及在是对“”（）()]{{1,20}})[（(][^）)]*?(?:{cue})[“\"《]?(?P<short>[^”\"》）)]+)[”\"》]?[）)]",
                  replace, text)
    return re.sub(rf"[（(][^）)]*(?:{cue})[^）)]*[）)]", "", text)


class Names:
    def __init__(self, ctx: Context, wording: GovernmentWording) -> None:
        self.ctx = ctx
        self.wording = wording
        meta = ctx.tree.metadata
        self.own = {n for n in (meta.jurisdiction, meta.jurisdiction_full,
                                strip_level_suffix(meta.jurisdiction) if meta.jurisdiction else None) if n}
        gov = ctx.vocab.term("body", "government")
        self.government_forms = sorted({f for t in (gov.zh, *gov.aliases) for f in fill_forms(t, ctx.level)},
                                       key=len, reverse=True)
        # compiled once per document: every sentence's subject is read with it
        forms = [*self.government_forms, *self.wording.governing_bodies]
        continues = "|".join(map(re.escape, self.wording.name_continues))
        self._subject = re.compile(r"^本?(?P<place>[\u4e00-\u9fff]{0,10}?)(?P<form>" + "|".join(map(re.escape, forms))
                                   + f")(?!{continues})")

    # -- the government ----------------------------------------------------------------
    def government_subject(self, text: str) -> str | None:
        """The government named at the start of ``text`` (区政府, 管委会, 青石县人民政府), or None."""
        m = self._subject.match(text)
        if not m:
            return None
        place = m.group("place")
        if place and m.group("form") in self.government_forms and place not in self.own and self.own:
            return None  # another place's government
        if place and m.group("form") in self.government_forms and not self.own and len(place) > 8:
            return None
        return m.group("form")

    def government(self, body_text: str) -> EntityRef:
        """The document's government: a governing body the rules name as their subject
        (管委会由…组成, 管委会实行主任负责制), else the vocabulary's government of its level."""
        for word in self.wording.governing_bodies:
            if re.search(re.escape(word) + r"(?:由|实行|组成人员|工作的准则|在)", body_text):
                return descriptive_entity("body", word, self.ctx.level)
        return self.ctx.entity_by_key("body", "government")

    # -- names -------------------------------------------------------------------------
    def term(self, surface: str, kinds: tuple[Kind, ...]) -> Term | None:
        # at the document's own level: a city's 市委 is its own party committee, and a county's
        # 主任 is no zone's head
        term = self.ctx.vocab.resolve(surface, self.ctx.level)
        return term if term is not None and term.kind in kinds else None

    def ref(self, surface: str, kind: Kind, kinds: tuple[Kind, ...] | None = None) -> EntityRef:
        """The vocabulary entry (of ``kinds``; none when ``kinds`` is empty) a whole surface
        names, else the surface as written."""
        surface = surface.strip()
        term = self.term(surface, (kind,) if kinds is None else kinds) if kinds != () else None
        if term is not None:
            return self.ctx.entity_by_key(term.kind, term.key)
        return descriptive_entity(kind, to_simplified(surface), self.ctx.level)

    def parties(self, text: str, kinds: tuple[Kind, ...] = ("body",)) -> list[EntityRef]:
        """The bodies a phrase names: 县人大及其常委会 is both bodies; 泉州市人民政府 keeps its place."""
        out: list[EntityRef] = []
        for item in _SPLIT.split(abbreviations(text, self.wording.basis.abbreviation_cues)):
            out += self._item_parties(item.strip(), kinds)
        return list(dict.fromkeys(out))

    def _item_parties(self, text: str, kinds: tuple[Kind, ...]) -> list[EntityRef]:
        out: list[EntityRef] = []
        if any(cue in text for cue in self.wording.accountability.both_bodies):  # 市人大及其常务委员会
            return [self.ctx.entity_by_key("body", "congress"),
                    self.ctx.entity_by_key("body", "congress_standing_committee")]
        for mention in self.ctx.mentions(text, kinds):
            start = mention.start
            while start > 0 and text[start - 1] not in _BOUNDARY:
                start -= 1
            place = text[start : mention.start].removeprefix(_PARTY)
            surface = mention.surface
            if any(cue in surface for cue in self.wording.accountability.both_bodies):
                out += [self.ctx.entity_by_key("body", "congress"),
                        self.ctx.entity_by_key("body", "congress_standing_committee")]
            elif place and place not in self.own and strip_level_suffix(place) not in self.own:
                out.append(descriptive_entity(mention.term.kind, to_simplified(place + surface), self.ctx.level))
            else:
                out.append(self.ref(surface, mention.term.kind, kinds))
        if not out and text:
            out.append(descriptive_entity(kinds[0], to_simplified(text), self.ctx.level))
        return out

    def items(self, text: str) -> list[str]:
        """A list of titles as written, split at its coordinators: 各委、办主任 stays one (an
        item that does not end in a title joins the next), and 工作部门的局长、主任 gives both
        titles the shared modifier."""
        endings = self.wording.composition.title_endings
        raw = [p.strip(" ：:等") for p in _SPLIT.split(text) if p.strip(" ：:等")]
        joined: list[str] = []
        pending = ""
        for part in raw:
            item = pending + ("、" if pending else "") + part
            bare = re.sub(r"[（(][^）)]*[）)]$", "", item)
            if not bare.endswith(endings) and part is not raw[-1]:
                pending = item
                continue
            joined.append(item)
            pending = ""
        out: list[str] = []
        modifier = ""
        for item in joined:
            if "的" in item:
                modifier = item[: item.rindex("的") + 1]
            elif modifier and len(item) <= 4 and self.term(item, ("role",)) is None:
                item = modifier + item
            out.append(item)
        return out
