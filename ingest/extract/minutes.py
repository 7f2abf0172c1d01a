"""Who signs a meeting's minutes: joined from the signing rules of the meeting's 纪要.

The signing extractor already reads "区政府常务会议纪要由区长签发" as a rule whose issuer is
the meeting; the meeting gets those signers instead of a second reading of the text.

A narrower meeting with no rule of its own (the head's thematic meeting is a kind of thematic
meeting, ``kind_of`` in the vocabulary) takes the broader meeting's rule. When that rule
names the signer by who chairs ("由主持会议的区长或副区长签发"), each narrower meeting keeps
the signers that chair it: its own chairs that are, or are a kind of, a named signer.
"""

from __future__ import annotations

import re
from dataclasses import replace

from schema.vocabulary import Vocabulary, load_vocabulary

from ..facts import Meeting, Participant, SigningRule

MINUTES = ("minutes",)

#: the signer is whoever chairs: 主持会议的 / 主持或者委托召开会议的 / 主持召开会议的. Matched on the
#: evidence as written, so in either script (主持會議的).
SIGNED_BY_THE_CHAIR = re.compile(r"主持(?:或者?委托|或者?委託)?(?:召开|召開)?(?:该|本|該)?(?:会议|會議)的")


def attach_minutes_signers(meetings: list[Meeting], signing: list[SigningRule]) -> list[Meeting]:
    vocab = load_vocabulary()
    by_meeting: dict[str, list[SigningRule]] = {}
    for rule in signing:
        if rule.issuer.kind == "meeting" and rule.genres == MINUTES:
            by_meeting.setdefault(rule.issuer.key, []).append(rule)
    out = []
    for meeting in meetings:
        rules = by_meeting.get(meeting.entity.key, [])
        inherited = False
        if not rules:
            broader = _broader(meeting, vocab)
            if broader is not None and broader in by_meeting:
                rules, inherited = by_meeting[broader], True
        signers = _signers(rules)
        if inherited and any(SIGNED_BY_THE_CHAIR.search(r.evidence.text) for r in rules):
            signers = _chairs_among(meeting, signers, vocab) or signers
        evidence = meeting.evidence + tuple(r.evidence for r in rules if r.evidence not in meeting.evidence)
        out.append(replace(meeting, minutes_signers=signers, evidence=evidence) if rules else meeting)
    return out


def _signers(rules: list[SigningRule]) -> tuple[Participant, ...]:
    return tuple(
        Participant(step.actor, delegated=step.delegated, condition=step.condition, evidence=rule.evidence)
        for rule in rules
        for step in rule.steps
        if step.action == "SIGN"
    )


def _broader(meeting: Meeting, vocab: Vocabulary) -> str | None:
    if not meeting.entity.known:
        return None
    return vocab.term("meeting", meeting.entity.key).kind_of


def _chairs_among(meeting: Meeting, signers: tuple[Participant, ...], vocab: Vocabulary) -> tuple[Participant, ...]:
    """The meeting's chairs that the rule's signers cover, each with the rule's evidence."""
    kept: list[Participant] = []
    for chair in meeting.chairs:
        if chair.delegated or not chair.entity.known or any(k.entity == chair.entity for k in kept):
            continue
        for signer in signers:
            if signer.entity.known and vocab.is_a(chair.entity.kind, chair.entity.key, signer.entity.key):
                kept.append(replace(signer, entity=chair.entity))
                break
    return tuple(kept)
