"""Who signs a meeting's minutes: joined from the signing rules of the meeting's 纪要.

The signing extractor already reads "区政府常务会议纪要由区长签发" as a rule whose issuer is
the meeting; the meeting gets those signers instead of a second reading of the text.
"""

from __future__ import annotations

from dataclasses import replace

from ..facts import Meeting, Participant, SigningRule

MINUTES = ("minutes",)


def attach_minutes_signers(meetings: list[Meeting], signing: list[SigningRule]) -> list[Meeting]:
    by_meeting: dict[str, list[SigningRule]] = {}
    for rule in signing:
        if rule.issuer.kind == "meeting" and rule.genres == MINUTES:
            by_meeting.setdefault(rule.issuer.key, []).append(rule)
    out = []
    for meeting in meetings:
        rules = by_meeting.get(meeting.entity.key, [])
        signers = tuple(
            Participant(step.actor, delegated=step.delegated, condition=step.condition, evidence=rule.evidence)
            for rule in rules
            for step in rule.steps
            if step.action == "SIGN"
        )
        evidence = meeting.evidence + tuple(r.evidence for r in rules if r.evidence not in meeting.evidence)
        out.append(replace(meeting, minutes_signers=signers, evidence=evidence) if rules else meeting)
    return out
