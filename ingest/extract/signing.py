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

from ..facts import EntityRef, SigningRule, SigningStep
from ..models import Article
from .common import Clause, Context, leading_condition

#: verb as written -> action. Longer verbs first so 审核把关 wins over 审核.
VERB_ACTIONS: dict[str, str] = {
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
_BY_NAME = re.compile(r"以(?P<who>[^，；。]{2,30}?)名义")
_TO = re.compile(r"(?:向|上报|报送|呈报|提请|报)(?P<to>[^，；。的]{2,30})")
_DOWNWARD = re.compile(r"下发|印发")
_UPWARD = re.compile(r"上报|报送|呈报|提请|报请")
_CHAIRED_BY = re.compile(r"由(?P<cond>[^，；。]{2,12}?主持(?:召开)?)的")
_DELEGATE = re.compile(r"委托$")
#: what may stand between a body and the role it qualifies: 各部门、各街道乡镇主要负责人
_QUALIFIER_GAP = re.compile(r"[、，各\w]{0,8}")


@dataclass
class _Frame:
    issuers: list[EntityRef] = field(default_factory=list)
    genres: list[str] = field(default_factory=list)
    recipients: list[EntityRef] = field(default_factory=list)
    direction: str = "any"
    condition: str | None = None

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
        text = _BOOK_TITLE.sub(lambda m: "　" * len(m.group()), clause.text)
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
        if doc_noun is not None:
            frame = _frame(ctx, text[rest : doc_noun.end()])
            actors_from = doc_noun.end()
        else:
            frame = _Frame()
            actors_from = rest
        hint = _qualifier_body(ctx, text[actors_from:])
        if frame.empty() and hint is not None and (frame.recipients or doc_noun is not None):
            frame.issuers = [hint]
        inherited = frame.empty()
        if inherited:
            if last_frame is None or (condition is None and doc_noun is not None and not frame.recipients):
                continue
            frame = _Frame(last_frame.issuers, last_frame.genres, last_frame.recipients, last_frame.direction)
        else:
            last_frame = frame
        condition = condition or frame.condition
        steps = _steps(ctx, text[actors_from:], condition)
        # A rule states who signs; an approval alone counts only as the exception to a
        # rule stated just before (涉及重大事项的，由…同意后印发).
        if not any(step.action == "SIGN" for step in steps):
            if not (inherited and condition and any(step.action == "APPROVE" for step in steps)):
                continue
        evidence = ctx.evidence(article, clause.nstart, clause.nend)
        for issuer in frame.issuers:
            for recipient in frame.recipients or [None]:
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


def _frame(ctx: Context, text: str) -> _Frame:
    frame = _Frame()
    chaired = _CHAIRED_BY.search(text)
    if chaired:
        frame.condition = chaired.group("cond")
        text = text[: chaired.start()] + "　" * (chaired.end() - chaired.start()) + text[chaired.end() :]
    by_name = _BY_NAME.search(text)
    to = _TO.search(text)
    meetings = [m for m in ctx.mentions(text, ("meeting",))]
    if meetings and "纪要" in text[meetings[-1].end :]:
        frame.issuers = [ctx.entity(m) for m in meetings]
        frame.genres = ["minutes"]
        return frame
    if by_name:
        frame.issuers = [ctx.entity(m) for m in ctx.mentions(by_name.group("who"), ("body",))]
    else:
        head = text[: to.start()] if to else text
        bodies = ctx.mentions(head, ("body",))
        if bodies and re.search(r"(?:报送|上报|呈报|提请|发布|公布|向)", text[bodies[-1].end :]):
            frame.issuers = [ctx.entity(bodies[-1])]
    if to:
        frame.recipients = [ctx.entity(m) for m in ctx.mentions(to.group("to"), ("body",))]
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
    out = []
    for first, second in zip(mentions, mentions[1:]):
        between = text[first.end : second.start]
        if first.term.kind == "body" and second.term.kind == "role" and _QUALIFIER_GAP.fullmatch(between):
            if not _VERB.search(between):
                out.append(first)
    return out


def _steps(ctx: Context, actors: str, condition: str | None) -> list[SigningStep]:
    steps: list[SigningStep] = []
    current = condition
    for segment in re.split(r"[，,]", actors):
        seg_condition, rest = leading_condition(segment)
        if seg_condition:
            current = seg_condition
            segment = segment[rest:]
        pending: list[tuple[EntityRef, bool]] = []
        tokens = sorted(
            [(m.start, m.end, "actor", m) for m in ctx.mentions(segment, ("role", "body"))]
            + [(m.start(), m.end(), "verb", m) for m in _VERB.finditer(segment)],
            key=lambda t: t[0],
        )
        qualifiers = {m.start for m in _qualifying_bodies(segment, [t[3] for t in tokens if t[2] == "actor"])}
        for start, end, kind, m in tokens:
            if kind == "actor":
                if start in qualifiers:
                    continue
                delegated = bool(_DELEGATE.search(segment[:start]))
                pending.append((ctx.entity(m), delegated))
            else:
                action = VERB_ACTIONS[m.group()]
                for actor, delegated in _dedupe_actors(pending):
                    steps.append(SigningStep(action, actor, m.group(), current, delegated))  # type: ignore[arg-type]
                pending = []
    return steps


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
    merged: dict[tuple, SigningRule] = {}
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
    return list(merged.values())
