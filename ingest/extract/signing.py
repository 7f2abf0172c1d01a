"""Signing rules: who signs, approves, reviews or countersigns documents of a kind.

A signing clause has two parts, found around the last document noun before the
first signing verb:

    以区政府名义制发的公文 | 由区政府办公室审查，经区政府办公室主任核转分管副区长签发
    frame: issuer, genres,   | actor chain: (actor…, verb)…, split into conditional
           recipient         | cases at "涉及重大事项的，" and the like

Frames carry over to the following clauses of the same article (the genre states
the default first, then the exceptions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from schema.vocabulary import Mention

from ..fact_values import EntityRef
from ..facts import SigningAction, SigningRule, SigningStep
from ..models import Article
from .common import Context, descriptive_entity, leading_condition
from .open_names import open_meetings
from .parties import ROLE_HEADS

#: verb as written -> action. Longer verbs first so 审核把关 wins over 审核.
VERB_ACTIONS: dict[str, SigningAction] = {
    "签发": "SIGN", "签署": "SIGN", "签批": "SIGN", "核签": "SIGN", "审签": "SIGN",
    "审批": "APPROVE", "批准": "APPROVE", "同意": "APPROVE", "审定": "APPROVE",
    "审核把关": "REVIEW", "审核": "REVIEW", "审查": "REVIEW", "核转": "REVIEW", "核报": "REVIEW",
    "会签": "COUNTERSIGN",
}
_VERB = re.compile("|".join(sorted(VERB_ACTIONS, key=len, reverse=True)))
_SIGN_VERB = re.compile("签发|签署|签批|核签|审签")
#: Nouns that name what is signed; the frame ends at the last one before the first verb.
_DOC_NOUN = re.compile(r"公文|文件|发文|纪要|名义|请示|报告|议案|命令（令）|命令|决定|公告|通告|意见|通知|批复|通报|函")
_BOOK_TITLE = re.compile(r"《[^》]*》")
#: "除应由区长签发的公文外，…": an exclusion names verbs that are not this rule's.
_EXCEPT = re.compile(r"除[^，；。]{1,40}?外[，,]?")
#: Coordinated kinds of document in one frame, each with its own issuer, genre or recipient:
#: 区政府公布的决定，上报市政府的公文，以及… — split before a part that opens a new frame.
_FRAME_SPLIT = re.compile(r"[，,、]|以及")
_FRAME_OPENER = re.compile(r"向|报送|上报|呈报|提请|提出|公布|发布|制发|印发|下发|以[^，；。]{2,30}?名义")
#: what is signed (a frame part names one); 名义 alone is the issuing name, not a kind
_KIND_NOUN = re.compile(r"公文|文件|发文|纪要|请示|报告|议案|命令|决定|公告|通告|意见|通知|批复|通报|函|事项")
#: Forwarding: "A报请B签发" — A passes the document on; only B signs.
_FORWARD = re.compile(r"报请|转报|呈报|提请")
#: "A审核后签发": a verb with no actor of its own is done by the actor of the verb before.
_SHARED_HEAD = re.compile(r"^[^，；。、]{0,12}?(有关部门|各部门)")
_SAME_ACTOR_GAP = re.compile(r"(?:后|之后|后再|后予以|并|并予)?")
#: When both the congress and its standing committee are named as alternatives
#: (提请区人民代表大会或者区人大常委会审议), documents go to the standing committee.
_RECIPIENT_PREFERENCE = {("congress", "congress_standing_committee"): "congress_standing_committee"}
_BY_NAME = re.compile(r"以(?P<who>[^，；。]{2,30}?)名义")
_TO = re.compile(r"(?:向|上报|报送|呈报|提请|报)(?P<to>[^，；。的]{2,30})")
_DOWNWARD = re.compile(r"下发|印发")
_UPWARD = re.compile(r"上报|报送|呈报|提请|报请")
_CHAIRED_BY = re.compile(r"由(?P<cond>[^，；。]{2,12}?主持(?:召开)?)的")
_DELEGATE = re.compile(r"委托$")
#: conditions that scope who is competent rather than escalate (属于副区长分管工作职责范围), or
#: the documents a rule is for (凡涉及其他部门职权的)
_SCOPE = re.compile(r"^(?:属(?:于)?[^，；。]*(?:范围|职责|分管)|凡)")
#: 由A与B会签: A (the leading party) signs, B countersigns
_SIGNED_WITH = re.compile(r"与(?P<partner>[^，,；;。与由]{2,16}?)会签$")
#: what may stand between a body and the role it qualifies: 各部门、各街道乡镇主要负责人
_QUALIFIER_GAP = re.compile(r"[、，各\w]{0,8}")


@dataclass
class _Frame:
    issuers: list[EntityRef] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    recipients: list[EntityRef] = field(default_factory=list)
    direction: str = "any"
    condition: str | None = None
    named: bool = False  # the issuer is the name the document goes out under (以X名义)

    def empty(self) -> bool:
        return not self.issuers


def extract_signing(ctx: Context) -> list[SigningRule]:
    rules: list[SigningRule] = []
    for article in ctx.tree.articles:
        rules.extend(_article_rules(ctx, article))
    return _merge(rules, ctx.norm.raw.text)


def _article_rules(ctx: Context, article: Article) -> list[SigningRule]:
    rules: list[SigningRule] = []
    last_frame: _Frame | None = None
    for clause in ctx.clauses(article):
        text = _mask(_EXCEPT, _mask(_BOOK_TITLE, clause.text))
        verb = _SIGN_VERB.search(text) or _VERB.search(text)
        first_verb = _VERB.search(text)
        if first_verb is None or verb is None:
            frame = _frame(ctx, text)
            if not frame.empty() and (frame.recipients or frame.genres):
                last_frame = frame
            continue
        condition, rest = leading_condition(text)
        doc_noun = None
        for m in _DOC_NOUN.finditer(text, rest, first_verb.start()):
            doc_noun = m
        opening = _frames(ctx, text[:rest]) if doc_noun is None and condition else []
        if opening and not opening[0].empty():
            # "由副区长主持召开的专题会议的纪要，由…签发": the opening "…的" names the kind itself.
            frames = opening
            condition = None
            actors_from = rest
        elif doc_noun is not None:
            frames = _frames(ctx, text[rest : doc_noun.end()])
            actors_from = doc_noun.end()
        else:
            frames = [_Frame()]
            actors_from = rest
        hint = _qualifier_body(ctx, text[actors_from:])
        if frames[0].empty() and hint is not None and (frames[0].recipients or doc_noun is not None):
            frames[0].issuers = [hint]
        inherited = frames[0].empty()
        if inherited:
            if last_frame is None or (condition is None and doc_noun is not None and not frames[0].recipients):
                continue
            frames = [_Frame(last_frame.issuers, last_frame.genres, last_frame.recipients, last_frame.direction)]
        else:
            last_frame = frames[-1]
        condition = condition or frames[0].condition
        steps = _steps(ctx, text[actors_from:], condition)
        if hint is not None and not inherited and any(s.action == "SIGN" for s in steps):
            for frame in frames:
                if not frame.named and all(i.key != hint.key for i in frame.issuers):
                    # 各部门报送…的请示，由主办部门主要负责同志…会签: the signer's department sends it
                    frame.issuers = [hint]
        # A rule states who signs; an approval alone counts only as the exception to a
        # rule stated just before (涉及重大事项的，由…同意后印发).
        if not any(step.action == "SIGN" for step in steps) and not (
                inherited and condition and any(step.action == "APPROVE" for step in steps)):
            continue
        evidence = ctx.evidence(article, clause.nstart, clause.nend)
        for frame in frames:
            for issuer in frame.issuers:
                recipients: list[EntityRef | None] = [*frame.recipients] or [None]  # None: any recipient
                for recipient in recipients:
                    rules.append(
                        SigningRule(
                            issuer=issuer,
                            genres=tuple(frame.genres),
                            recipient=recipient,
                            direction=frame.direction,  # type: ignore[arg-type]
                            steps=tuple(steps),
                            evidence=evidence,
                        )
                    )
    return rules


def _mask(pattern: re.Pattern[str], text: str) -> str:
    """Blank out matches with ideographic spaces, keeping every offset."""
    return pattern.sub(lambda m: "　" * len(m.group()), text)


def _frames(ctx: Context, text: str) -> list[_Frame]:
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
    frames: list[_Frame] = []
    for part in parts:
        frame = _frame(ctx, part)
        if frames and frame.empty() and (frame.genres or frame.recipients):
            frame.issuers = list(frames[-1].issuers)
            frame.condition = frame.condition or frames[-1].condition
        if not frame.empty():
            frames.append(frame)
    return frames or [_frame(ctx, text)]


def _frame(ctx: Context, text: str) -> _Frame:
    frame = _Frame()
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
                if not _QUALIFIER_GAP.fullmatch(head[before.end : chain[0].start]) or _VERB.search(
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


def _qualifier_body(ctx: Context, actors: str) -> EntityRef | None:
    """The first body in the actor chain that names whose officer acts, if any."""
    qualifiers = _qualifying_bodies(actors, ctx.mentions(actors, ("role", "body")))
    return ctx.entity(qualifiers[0]) if qualifiers else None


def _qualifying_bodies(text: str, mentions: list[Mention]) -> list[Mention]:
    """各部门…主要负责人: a body right before a role qualifies the role; it does not act itself."""
    out: list[Mention] = []
    for i, role in enumerate(mentions):
        if role.term.kind != "role":
            continue
        # Walk back over a coordinated list of bodies: 各部门、各街道乡镇主要负责人.
        nxt = role
        for before in reversed(mentions[:i]):
            between = text[before.end : nxt.start]
            if before.term.kind != "body" or not _QUALIFIER_GAP.fullmatch(between) or _VERB.search(between):
                break
            out.append(before)
            nxt = before
    return sorted(out, key=lambda m: m.start)


def _steps(ctx: Context, actors: str, condition: str | None) -> list[SigningStep]:
    steps: list[SigningStep] = []
    current = condition
    for segment in re.split(r"[，,]", actors):
        seg_condition, rest = leading_condition(segment)
        if seg_condition:
            current = seg_condition
            segment = segment[rest:]
        pending: list[tuple[EntityRef, bool]] = []
        # (start, end, kind, match): an actor is a vocabulary Mention, a verb or 转 a regex match
        tokens: list[tuple[int, int, str, Mention | re.Match[str]]] = sorted(
            [(m.start, m.end, "actor", m) for m in ctx.mentions(segment, ("role", "body"))]
            + [(m.start(), m.end(), "verb", m) for m in _VERB.finditer(segment)],
            key=lambda t: t[0],
        )
        qualifiers = {m.start for m in _qualifying_bodies(segment, [t[3] for t in tokens if isinstance(t[3], Mention)])}
        tokens += [(m.start(), m.end(), "forward", m) for m in _FORWARD.finditer(segment)]
        tokens.sort(key=lambda t: t[0])
        previous: list[tuple[EntityRef, bool]] = []
        previous_end = -1
        for start, end, kind, m in tokens:
            if isinstance(m, Mention):
                if start in qualifiers:
                    continue
                delegated = bool(_DELEGATE.search(segment[:start]))
                pending.append((ctx.entity(m), delegated))
            elif kind == "forward":
                pending = []
            else:
                action = VERB_ACTIONS[m.group()]
                if not pending and previous and _SAME_ACTOR_GAP.fullmatch(segment[previous_end:start]):
                    pending = previous
                partner = _SIGNED_WITH.search(segment, 0, end) if action == "COUNTERSIGN" else None
                if partner and pending:
                    steps += _signed_with(ctx, pending, partner, segment[start:end], current)
                else:
                    for actor, delegated in _dedupe_actors(pending):
                        steps.append(SigningStep(action, actor, m.group(), current, delegated))
                previous, previous_end = pending, end
                pending = []
    return steps


def _signed_with(ctx: Context, pending: list[tuple[EntityRef, bool]], partner: re.Match[str], verb: str,
                 condition: str | None) -> list[SigningStep]:
    """由A与B会签: A signs, B countersigns (B as the vocabulary names it, else as written when it
    ends with a role word: 相关部门负责同志)."""
    written = partner.group("partner")
    mentions = ctx.mentions(written, ("role", "body"))
    qualifiers = _qualifying_bodies(written, mentions)
    partners = [ctx.entity(m) for m in mentions if m not in qualifiers]
    if not partners and written.endswith(ROLE_HEADS):
        partners = [descriptive_entity("role", written, ctx.level)]
    keys = {p.key for p in partners}
    leads = [(actor, delegated) for actor, delegated in _dedupe_actors(pending) if actor.key not in keys]
    steps = [SigningStep("SIGN", actor, verb, condition, delegated) for actor, delegated in leads]
    return steps + [SigningStep("COUNTERSIGN", p, verb, condition, False) for p in partners]


def _promote_scope(steps: list[SigningStep]) -> list[SigningStep]:
    """A rule whose first signer is scoped (属于…职责范围的，由…签发) states its default by that scope."""
    if any(s.action == "SIGN" and s.condition is None for s in steps):
        return steps
    first = next((s for s in steps if s.action == "SIGN"), None)
    if first is None or not first.condition or not _SCOPE.search(first.condition):
        return steps
    scope = first.condition
    return [SigningStep(s.action, s.actor, s.verb, None, s.delegated) if s.condition == scope else s for s in steps]


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


def _dedupe_actors(pending: list[tuple[EntityRef, bool]]) -> list[tuple[EntityRef, bool]]:
    # 区长或区长委托常务副区长签发: the head is named twice; the delegate is flagged.
    seen: dict[str, tuple[EntityRef, bool]] = {}
    for actor, delegated in pending:
        if actor.key not in seen:
            seen[actor.key] = (actor, delegated)
    return list(seen.values())


def _dedupe(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _merge(rules: list[SigningRule], original: str) -> list[SigningRule]:
    """One rule per (issuer, genres, recipient, article): defaults and exceptions together."""
    merged: dict[tuple[str, tuple[str, ...], str | None, int], SigningRule] = {}
    for rule in rules:
        key = (rule.issuer.key, rule.genres, rule.recipient.key if rule.recipient else None, rule.evidence.article)
        if key not in merged:
            merged[key] = rule
            continue
        old = merged[key]
        steps = old.steps + tuple(s for s in rule.steps if s not in old.steps)
        ev = old.evidence
        if rule.evidence.start != ev.start:
            # The evidence grows to cover both clauses of the same article.
            start, end = min(ev.start, rule.evidence.start), max(ev.end, rule.evidence.end)
            ev = type(ev)(ev.article, start, end, original[start:end])
        merged[key] = SigningRule(old.issuer, old.genres, old.recipient, old.direction, steps, ev, old.note)
    return [
        SigningRule(r.issuer, r.genres, r.recipient, r.direction, tuple(_promote_scope(list(r.steps))), r.evidence, r.note)
        for r in merged.values()
    ]
