"""What a government is made of, from its rules' articles (cue words: schema/wording/government.yaml).

    区政府由区长、副区长和区政府工作部门的局长、主任组成      members (composition)
    区政府实行区长负责制                                   head, with the system as written
    区长外出期间，由常务副区长主持区政府工作；副区长受区长委托…  acting, with the absence or delegation
    副区长协助区长工作                                     assists
    区政府在区委领导下…，对区人大及其常委会负责并报告工作       leadership, accountability
    根据《中华人民共和国宪法》，参照《国务院工作规则》，…制定本规则  basis (instruments)
    区政府工作的准则是：执政为民，…务实清廉                    principles (quoted)

Only sentences whose subject is the government itself count (the departments' 局长负责制 and
a meeting's 由…组成 are not the government's). Every fact cites its clause or sentence.
"""

from __future__ import annotations

import re

from schema.model import instrument_title
from schema.script import to_simplified

from ..fact_values import EntityRef, Evidence
from ..government_facts import BasisCitation, Government, GovernmentLink, Relation
from ..models import Article, Sentence
from .common import Context
from .government_names import Names, abbreviations
from .government_wording import GovernmentWording, load_wording

_CLAUSE = re.compile(r"[^，,；;。]+")
_TITLE = re.compile(r"《(?P<title>[^《》]{2,80})》")


def _alt(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _search_with(word: re.Pattern[str], pattern: re.Pattern[str], text: str, pos: int = 0) -> re.Match[str] | None:
    """``pattern.search(text, pos)``, not tried when ``word``, which every match of it contains,
    is not in the text from ``pos``."""
    return pattern.search(text, pos) if word.search(text, pos) else None


class _Reader:
    def __init__(self, ctx: Context, wording: GovernmentWording) -> None:
        self.ctx = ctx
        self.w = wording
        self.names = Names(ctx, wording)
        body_text = ctx.norm.text[ctx.norm.body_start : ctx.norm.body_end]
        self.body = self.names.government(body_text)
        self.head: EntityRef | None = None
        self.head_surface: str | None = None
        self.links: list[GovernmentLink] = []
        self.article_subject: str | None = None
        c, a = wording.composition, wording.acting
        self.frame = re.compile(rf"(?:{_alt(c.frame_open)})[：:]?(?P<list>[^。；]+?)(?:{_alt(c.frame_close)})"
                                rf"(?!{_alt(c.frame_close_not_before)})")
        self.opener = re.compile(rf"(?:{_alt(c.list_openers)})[：:]?(?P<list>[^。；]+)")
        self.system = re.compile(rf"(?:{_alt(wording.head.system_verbs)})(?P<head>[^，,。；、]{{1,12}}?)(?:{_alt(wording.head.system)})")
        self.absence = re.compile(rf"(?P<who>[^，,；。]{{1,12}}?)(?:{_alt(a.absences)})[^，,；。]{{0,12}}?(?:{_alt(a.period)})")
        self.actor = re.compile(rf"(?:由|{_alt(a.delegation)})(?P<who>[^，,；。由]{{1,24}}?)(?:{_alt(a.acts)})")
        self.case = re.compile(rf"(?P<who>[^，,；。]{{1,24}}?)(?:{_alt(a.absences)})[^，,；。]{{0,8}}?(?:{_alt(a.case_endings)})[，,]")
        self.stand_in = re.compile(rf"由(?P<who>[^，,；。由]{{1,24}}?)(?:{_alt(a.stand_in)})")
        self.delegated = re.compile(rf"受(?P<by>[^，,；。受]{{1,12}}?){_alt(a.delegation)}")
        self.assist = re.compile(r"(?P<whom>[^，,；。、]{1,12}?)(?:的)?工作")
        self.leads = re.compile(rf"(?:在|是)?(?P<who>[^，,；。在是]{{1,60}}?)(?:{_alt(wording.leadership.cues)})")
        self.answers = re.compile(rf"对(?P<to>[^，,；。]{{1,80}}?)(?:{_alt(wording.accountability.cues)})")
        # the words every match of the acting patterns contains: most sentences have none, and
        # the patterns (a lazy name before the word) would be tried at every position of them
        self.absence_word = re.compile(_alt(a.absences))
        self.acts_word = re.compile(_alt(a.acts))
        self.stand_in_word = re.compile(_alt(a.stand_in))
        self.delegation_word = re.compile(_alt(a.delegation))
        self.recess = re.compile(rf"在(?P<when>[^，,；。在]{{1,24}}?(?:{_alt(wording.accountability.recess)}))")

    # -- helpers -----------------------------------------------------------------------
    def evidence(self, article: Article, nstart: int, nend: int) -> Evidence:
        return self.ctx.evidence(article, nstart, nend)

    def link(self, relation: Relation, who: EntityRef, of: EntityRef, ev: Evidence,
             cue: str | None = None, condition: str | None = None) -> None:
        if who != of:
            self.links.append(GovernmentLink(relation, who, of, cue, condition, ev))

    def role(self, surface: str) -> EntityRef:
        """A role as written; the head's own word (主任 in 主任负责制) is the head."""
        surface = surface.strip()
        if self.head is not None and surface in (self.head_surface, self.head.name):
            return self.head
        ref = self.names.ref(surface, "role")
        return self.head if self.head is not None and ref.key == self.head.key else ref

    def roles(self, text: str) -> list[EntityRef]:
        return [self.role(item) for item in self.names.items(text)]

    # -- the facts ---------------------------------------------------------------------
    def sentence(self, article: Article, s: Sentence) -> None:
        text = self.ctx.sentence_text(s)
        subject = self.names.government_subject(text)
        if s.index == 1:
            self.article_subject = subject
        elif subject is None and text.startswith("在"):  # 在县人大闭会期间，对…: the article's subject goes on
            subject = self.article_subject
        if subject is not None:
            self.composition(article, s, text)
            self.head_system(article, s, text)
            self.leadership(article, s, text)
            self.accountability(article, s, text)
        self.acting(article, s, text)
        self.assists(article, s, text)

    def composition(self, article: Article, s: Sentence, text: str) -> None:
        m = self.opener.search(text) or self.frame.search(text)
        if m is None or any(self.ctx.mentions(text[: m.start()], ("meeting",))):
            return
        ev = self.evidence(article, s.nstart, s.nend)
        members = self.names.items(m.group("list"))
        for item in members:
            ref = self.names.ref(item, "role", ("role", "body")) if self.body.known else self.names.ref(item, "role", ())
            self.link("member", ref, self.body, ev)

    def head_system(self, article: Article, s: Sentence, text: str) -> None:
        m = self.system.search(text)
        if m is None or self.head is not None:
            return
        surface = m.group("head")
        ref = self.names.ref(surface, "role", ("role",))
        if not ref.known and not self.body.known and not surface.startswith(self.body.name):
            ref = self.names.ref(self.body.name + surface, "role", ())
        self.head, self.head_surface = ref, surface
        clause = _CLAUSE.search(text, m.start())
        end = clause.end() if clause else m.end()
        self.link("head", ref, self.body, self.evidence(article, s.nstart, s.nstart + end),
                  cue=to_simplified(text[m.start("head") : m.end()]))

    def leadership(self, article: Article, s: Sentence, text: str) -> None:
        for clause in _CLAUSE.finditer(abbreviations(text, self.w.basis.abbreviation_cues)):
            m = self.leads.search(clause.group())
            if m is None:
                continue
            ev = self.evidence(article, s.nstart, s.nend)
            for ref in self.names.parties(m.group("who"), ("body",)):
                if ref.known or self.names.term(ref.name, ("body",)) or _is_body(ref.name):
                    self.link("leadership", ref, self.body, ev)

    def accountability(self, article: Article, s: Sentence, text: str) -> None:
        plain = abbreviations(text, self.w.basis.abbreviation_cues)
        ev = self.evidence(article, s.nstart, s.nend)
        for m in self.answers.finditer(plain):
            before = plain[: m.start()]
            recess = list(self.recess.finditer(before[max(before.rfind("；"), before.rfind("。"), 0):]))
            condition = recess[-1].group("when") if recess else None
            for ref in self.names.parties(m.group("to"), ("body",)):
                self.link("accountable", ref, self.body, ev, condition=condition)

    def acting(self, article: Article, s: Sentence, text: str) -> None:
        absence = _search_with(self.absence_word, self.absence, text)
        delegated = _search_with(self.delegation_word, self.delegated, text)
        actor = _search_with(self.acts_word, self.actor, text, absence.end() if absence else 0)
        ev = self.evidence(article, s.nstart, s.nend)
        cue = to_simplified(delegated.group()) if delegated else None
        if absence and actor:
            of = self.role(absence.group("who"))
            if of == self.head or (self.head is None and of.known):
                condition = to_simplified(text[absence.start() : absence.end()])
                for who in self.roles(actor.group("who")):
                    self.link("acting", who, of, ev, cue=cue, condition=condition)
            return
        case = _search_with(self.absence_word, self.case, text)
        stand_in = _search_with(self.stand_in_word, self.stand_in, text, case.end()) if case else None
        if case and stand_in:
            absent = re.split(_alt(self.w.acting.subject_ends), case.group("who"))[0]
            condition = to_simplified(text[case.start() : case.end() - 1])
            for who in self.roles(stand_in.group("who")):
                if who.known:
                    self.link("acting", who, self.role(absent), ev, cue=cue, condition=condition)
            return
        if delegated and self.head is not None and self.role(delegated.group("by")) == self.head:
            segment = re.split(r"[；;]", text[: delegated.start()])[-1]
            subject = re.split(r"受|按|协助|负责|，|,", segment, maxsplit=1)[0]
            if subject and subject != text:
                for who in self.roles(subject):
                    if who.known or who.name.endswith(self.w.composition.title_endings):
                        self.link("acting", who, self.head, ev, cue=cue)

    def assists(self, article: Article, s: Sentence, text: str) -> None:
        for clause in _CLAUSE.finditer(text):
            for verb in self.w.assists.verbs:
                at = clause.group().find(verb)
                if at <= 0:
                    continue
                who_text = re.split(r"按|在", clause.group()[:at])[0]
                m = self.assist.match(clause.group(), at + len(verb))
                if not who_text or m is None:
                    continue
                whom = [self.role(x) for x in re.split(r"或者|或|和", m.group("whom"))]
                if not all(w.known or w == self.head for w in whom):
                    continue
                manner = re.search(r"按照?分工(?:负责)?", text)
                ev = self.evidence(article, s.nstart + clause.start(), s.nstart + clause.end())
                for who in self.roles(who_text):
                    if who.known or who.name.endswith(self.w.composition.title_endings):
                        for target in whom:
                            self.link("assists", who, target, ev, cue=manner.group() if manner else None)

    def basis(self, article: Article, s: Sentence, text: str) -> list[BasisCitation]:
        if "《" not in text or not any(cue in text for cue in self.w.basis.sentence_cues):
            return []
        out = []
        verbs = re.compile(_alt(self.w.basis.verbs))
        for m in _TITLE.finditer(text):
            if any(cue in text[max(0, m.start() - 6) : m.start()] for cue in self.w.basis.abbreviation_cues):
                continue
            before = list(verbs.finditer(text, 0, m.start()))
            if not before:
                continue
            written = m.group("title")
            title = instrument_title(written)
            ev = self.evidence(article, s.nstart + m.start(), s.nstart + m.end())
            as_written = re.sub(r"[\s《》]+", "", ev.text)  # in the source's script
            out.append(BasisCitation(title, as_written, to_simplified(before[-1].group()), ev))
        return out

    def principles(self, article: Article, s: Sentence, text: str) -> Evidence | None:
        if self.names.government_subject(text) is None or not any(c in text for c in self.w.principles.cues):
            return None
        end = s.nend
        if text.rstrip().endswith(("：", ":")):  # 遵循以下准则： the items follow, to the article's end
            end = article.sentences[-1].nend
        return self.evidence(article, s.nstart, end)


def _is_body(name: str) -> bool:
    return name.endswith(("委", "政府", "委员会", "工委", "党组"))


def extract_government(ctx: Context, wording: GovernmentWording | None = None) -> Government:
    reader = _Reader(ctx, wording or load_wording())
    basis: list[BasisCitation] = []
    principles: Evidence | None = None
    for article in ctx.tree.articles:
        for s in article.sentences:
            text = reader.ctx.sentence_text(s)
            if not basis:
                basis = reader.basis(article, s, text)
            if principles is None:
                principles = reader.principles(article, s, text)
            reader.sentence(article, s)
    unique = list(dict.fromkeys(reader.links))
    return Government(reader.body, tuple(unique), tuple(basis), principles)
