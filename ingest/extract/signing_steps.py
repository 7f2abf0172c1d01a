"""The actor chain of a signing clause -> SigningSteps: who does what, in order.

    由区政府办公室审查，经区政府办公室主任核转分管副区长签发
    -> REVIEW 区政府办公室, REVIEW 区政府办公室主任, SIGN 分管副区长

Actors are vocabulary mentions, verbs are the keys of ``VERB_ACTIONS``; a verb takes the actors
named since the previous verb. A body right before a role qualifies the role (各部门主要负责人)
and does not act itself; 报请 and the like pass the document on, so who forwards does not sign.
"""

from __future__ import annotations

import re

from schema.vocabulary import Mention

from ..fact_values import EntityRef
from ..facts import SigningAction, SigningStep
from .common import Context, descriptive_entity, leading_condition
from .parties import ROLE_HEADS

#: verb as written -> action. Longer verbs first so 审核把关 wins over 审核.
VERB_ACTIONS: dict[str, SigningAction] = {
    "签发": "SIGN", "签署": "SIGN", "签批": "SIGN", "核签": "SIGN", "审签": "SIGN",
    "审批": "APPROVE", "批准": "APPROVE", "同意": "APPROVE", "审定": "APPROVE",
    "审核把关": "REVIEW", "审核": "REVIEW", "审查": "REVIEW", "核转": "REVIEW", "核报": "REVIEW",
    "会签": "COUNTERSIGN",
}
VERB = re.compile("|".join(sorted(VERB_ACTIONS, key=len, reverse=True)))
#: Forwarding: "A报请B签发" — A passes the document on; only B signs.
_FORWARD = re.compile(r"报请|转报|呈报|提请")
#: "A审核后签发": a verb with no actor of its own is done by the actor of the verb before.
_SAME_ACTOR_GAP = re.compile(r"(?:后|之后|后再|后予以|并|并予)?")
_DELEGATE = re.compile(r"委托$")
#: 由A与B会签: A (the leading party) signs, B countersigns
_SIGNED_WITH = re.compile(r"与(?P<partner>[^，,；;。与由]{2,16}?)会签$")
#: what may stand between a body and the role it qualifies: 各部门、各街道乡镇主要负责人
QUALIFIER_GAP = re.compile(r"[、，各\w]{0,8}")


def qualifier_body(ctx: Context, actors: str) -> EntityRef | None:
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
            if before.term.kind != "body" or not QUALIFIER_GAP.fullmatch(between) or VERB.search(between):
                break
            out.append(before)
            nxt = before
    return sorted(out, key=lambda m: m.start)


def read_steps(ctx: Context, actors: str, condition: str | None) -> list[SigningStep]:
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
            + [(m.start(), m.end(), "verb", m) for m in VERB.finditer(segment)],
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


def _dedupe_actors(pending: list[tuple[EntityRef, bool]]) -> list[tuple[EntityRef, bool]]:
    # 区长或区长委托常务副区长签发: the head is named twice; the delegate is flagged.
    seen: dict[str, tuple[EntityRef, bool]] = {}
    for actor, delegated in pending:
        if actor.key not in seen:
            seen[actor.key] = (actor, delegated)
    return list(seen.values())
