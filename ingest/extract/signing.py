"""Signing rules: who signs, approves, reviews or countersigns documents of a kind.

A signing clause has two parts, found around the last document noun before the
first signing verb:

    以区政府名义制发的公文 | 由区政府办公室审查，经区政府办公室主任核转分管副区长签发
    frame: issuer, genres,   | actor chain: (actor…, verb)…, split into conditional
           recipient         | cases at "涉及重大事项的，" and the like

Frames carry over to the following clauses of the same article (the genre states
the default first, then the exceptions). ``signing_frames.py`` reads a frame,
``signing_steps.py`` an actor chain; this module splits each clause into the two,
carries frames over and merges an article's rules into one per kind of document.
"""

from __future__ import annotations

import re

from ..fact_values import EntityRef
from ..facts import SigningRule, SigningStep
from ..models import Article
from .common import Context, leading_condition
from .signing_frames import Frame, may_name_kind, read_frame, read_frames
from .signing_steps import VERB, qualifier_body, read_steps

_SIGN_VERB = re.compile("签发|签署|签批|核签|审签")
#: Nouns that name what is signed; the frame ends at the last one before the first verb.
_DOC_NOUN = re.compile(r"公文|文件|发文|纪要|名义|请示|报告|议案|命令（令）|命令|决定|公告|通告|意见|通知|批复|通报|函")
_BOOK_TITLE = re.compile(r"《[^》]*》")
#: "除应由区长签发的公文外，…": an exclusion names verbs that are not this rule's.
_EXCEPT = re.compile(r"除[^，；。]{1,40}?外[，,]?")
#: conditions that scope who is competent rather than escalate (属于副区长分管工作职责范围), or
#: the documents a rule is for (凡涉及其他部门职权的)
_SCOPE = re.compile(r"^(?:属(?:于)?[^，；。]*(?:范围|职责|分管)|凡)")


def extract_signing(ctx: Context) -> list[SigningRule]:
    rules: list[SigningRule] = []
    for article in ctx.tree.articles:
        rules.extend(_article_rules(ctx, article))
    return _merge(rules, ctx.norm.raw.text)


def _article_rules(ctx: Context, article: Article) -> list[SigningRule]:
    rules: list[SigningRule] = []
    last_frame: Frame | None = None
    for clause in ctx.clauses(article):
        text = _mask(_EXCEPT, _mask(_BOOK_TITLE, clause.text))
        verb = _SIGN_VERB.search(text) or VERB.search(text)
        first_verb = VERB.search(text)
        if first_verb is None or verb is None:
            if not may_name_kind(ctx, text):
                continue  # it leaves last_frame as it is: a frame without recipients or genres would
            frame = read_frame(ctx, text)
            if not frame.empty() and (frame.recipients or frame.genres):
                last_frame = frame
            continue
        condition, rest = leading_condition(text)
        doc_noun = None
        for m in _DOC_NOUN.finditer(text, rest, first_verb.start()):
            doc_noun = m
        opening = read_frames(ctx, text[:rest]) if doc_noun is None and condition else []
        if opening and not opening[0].empty():
            # "由副区长主持召开的专题会议的纪要，由…签发": the opening "…的" names the kind itself.
            frames = opening
            condition = None
            actors_from = rest
        elif doc_noun is not None:
            frames = read_frames(ctx, text[rest : doc_noun.end()])
            actors_from = doc_noun.end()
        else:
            frames = [Frame()]
            actors_from = rest
        hint = qualifier_body(ctx, text[actors_from:])
        if frames[0].empty() and hint is not None and (frames[0].recipients or doc_noun is not None):
            frames[0].issuers = [hint]
        inherited = frames[0].empty()
        if inherited:
            if last_frame is None or (condition is None and doc_noun is not None and not frames[0].recipients):
                continue
            frames = [Frame(last_frame.issuers, last_frame.genres, last_frame.recipients, last_frame.direction)]
        else:
            last_frame = frames[-1]
        condition = condition or frames[0].condition
        steps = read_steps(ctx, text[actors_from:], condition)
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


def _promote_scope(steps: list[SigningStep]) -> list[SigningStep]:
    """A rule whose first signer is scoped (属于…职责范围的，由…签发) states its default by that scope."""
    if any(s.action == "SIGN" and s.condition is None for s in steps):
        return steps
    first = next((s for s in steps if s.action == "SIGN"), None)
    if first is None or not first.condition or not _SCOPE.search(first.condition):
        return steps
    scope = first.condition
    return [SigningStep(s.action, s.actor, s.verb, None, s.delegated) if s.condition == scope else s for s in steps]


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
