"""Stage 5 for the facts of ``ingest/facts.py``: signing rules, meetings, reporting lines and
obligations as nodes and relationships, each citing its article and evidence span.

    (Role|Body)-[:SIGNS|APPROVES|REVIEWS|COUNTERSIGNS {order, condition}]->(DocumentType)
    (Role|Body)-[:MEMBER_OF|CONVENES|CHAIRS|ATTENDS {order, mandatory}]->(Meeting)
    (Role|Body|Meeting)-[:REPORTS_TO {matter, kind, step…}]->(Role|Body|Meeting)
    (Role|Body)-[:BEARS]->(Obligation)-[:OWED_TO]->(Role|Body)

The relationship types of steps and slots are the read model's (``schema/rows.py``), inverted.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from schema.model import Graph
from schema.rows import PARTICIPANT_SLOTS, STEP_ACTIONS, Slot, StepAction
from schema.vocabulary import Vocabulary

from .fact_values import EntityKind, EntityRef, Evidence
from .facts import (
    DocumentFacts,
    Meeting,
    Obligation,
    Participant,
    ReportingLine,
    SigningRule,
    SigningStep,
)

#: an entity's node label
ENTITY_LABELS: dict[EntityKind, str] = {"role": "Role", "body": "Body", "meeting": "Meeting"}
#: a signing step's action -> its relationship type
STEP_TYPES: dict[StepAction, str] = {action: rel_type for rel_type, action in STEP_ACTIONS.items()}
#: a meeting slot -> the relationship type of its participants (attendees carry ``mandatory``)
SLOT_TYPES: dict[Slot, str] = {slot: rel_type for rel_type, slot in PARTICIPANT_SLOTS.items()}

#: the node key of the entity a fact names (adds the node on first use)
Entity = Callable[[EntityRef], str]
#: the node key of the article an evidence span lies in
Cited = Callable[[Evidence], str]


def _span_props(prefix: str, ev: Evidence | None, cited: Cited) -> dict[str, Any]:
    """frequencyArticle, frequencyArticleKey, frequencyStart, frequencyEnd, frequencyEvidence
    (None when unstated): a figure cites its article by key, as a fact does."""
    return {f"{prefix}Article": ev.article if ev else None, f"{prefix}ArticleKey": cited(ev) if ev else None,
            f"{prefix}Start": ev.start if ev else None, f"{prefix}End": ev.end if ev else None,
            f"{prefix}Evidence": ev.text if ev else None}


def evidence_props(doc: str, ev: Evidence | None, cited: Cited) -> dict[str, Any]:
    """Where a fact comes from, on an edge or node. ``articleKey`` is the one article it cites (stores
    find the article by it); ``article`` is the number printed on it, kept for display, which a
    chapter that restarts the numbering shares with other articles."""
    if ev is None:
        return {"doc": doc, "article": None, "articleKey": None, "start": None, "end": None, "evidence": None}
    return {"doc": doc, "article": ev.article, "articleKey": cited(ev), "start": ev.start, "end": ev.end,
            "evidence": ev.text}


def add_signing_rule(g: Graph, doc: str, rule: SigningRule, entity: Entity, vocab: Vocabulary, level: str,
                     cited: Cited) -> None:
    """A DocumentType node for the kind of document, linked to its issuer, recipient and clause,
    and one edge per step from the actor (SIGNS, APPROVES …) in the order the clause states them."""
    issuer = entity(rule.issuer)
    recipient = entity(rule.recipient) if rule.recipient else None
    genre_names = [vocab.name("genre", key, level) for key in rule.genres]
    ident = f"{rule.issuer.key}|{','.join(rule.genres)}|{rule.recipient.key if rule.recipient else ''}"
    label = _document_type_name(rule, genre_names)
    dt = g.node(
        "DocumentType", f"{doc}:doctype:{ident}", doc=doc, name=label, caption=label,
        issuerKey=rule.issuer.key, issuerName=rule.issuer.name, genres=list(rule.genres),
        genreNames=genre_names, recipientKey=rule.recipient.key if rule.recipient else None,
        recipientName=rule.recipient.name if rule.recipient else None, direction=rule.direction,
    )
    g.link("ISSUED_AS", dt, issuer, doc=doc)
    if recipient:
        g.link("ADDRESSED_TO", dt, recipient, doc=doc)
    g.link("STATED_IN", dt, cited(rule.evidence), **evidence_props(doc, rule.evidence, cited))
    for order, step in enumerate(rule.steps, 1):
        g.link(
            STEP_TYPES[step.action], entity(step.actor), dt, condition=step.condition, verb=step.verb,
            delegated=step.delegated, order=order, **evidence_props(doc, rule.evidence, cited),
        )


def inherited_minutes_rules(facts: DocumentFacts) -> list[SigningRule]:
    """The minutes of a meeting that took its signers from a broader meeting's rule (see
    ingest.extract.minutes) get a document type of their own, so that "who signs the minutes
    of the head's thematic meeting" is answered, citing the broader rule's clause."""
    own = {r.issuer.key for r in facts.signing if r.issuer.kind == "meeting" and r.genres == ("minutes",)}
    verbs = {r.evidence: s.verb for r in facts.signing for s in reversed(r.steps) if s.action == "SIGN"}
    rules = []
    for meeting in facts.meetings:
        signers = [(p, p.evidence) for p in meeting.minutes_signers if p.evidence is not None]
        if meeting.entity.key in own or not signers:
            continue
        steps = tuple(SigningStep("SIGN", p.entity, verbs.get(evidence, "签发"), p.condition,
                                  p.delegated) for p, evidence in signers)
        rules.append(SigningRule(meeting.entity, ("minutes",), None, "any", steps, signers[0][1]))
    return rules


def _document_type_name(rule: SigningRule, genre_names: list[str]) -> str:
    if rule.genres == ("minutes",):
        return f"{rule.issuer.name}纪要"
    what = "、".join(genre_names) if genre_names else "公文"
    to = f"报{rule.recipient.name}的" if rule.recipient else ""
    return f"以{rule.issuer.name}名义{to}{what}"


def add_meeting(g: Graph, doc: str, meeting: Meeting, entity: Entity, cited: Cited) -> None:
    """The meeting's figures on its node, its clauses, and one edge per participant per slot."""
    key = entity(meeting.entity)
    freq = meeting.frequency
    g.update(
        key,
        frequencyText=freq.text if freq else None,
        period=freq.period if freq else None,
        times=freq.times if freq else None,
        timesMax=freq.times_max if freq else None,
        quorum=meeting.quorum.text if meeting.quorum else None,
        articles=list(meeting.articles),
        # the articles about it by key, in document order (printed numbers may repeat)
        articleKeys=list(dict.fromkeys(cited(ev) for ev in sorted(meeting.evidence, key=lambda e: e.start))),
        # Each figure cites its own clause: a meeting's facts come from several articles.
        **_span_props("frequency", freq.evidence if freq else None, cited),
        **_span_props("quorum", meeting.quorum.evidence if meeting.quorum else None, cited),
    )
    for ev in meeting.evidence:
        g.link("STATED_IN", key, cited(ev), **evidence_props(doc, ev, cited))
    for slot, rel_type in SLOT_TYPES.items():
        participants: tuple[Participant, ...] = getattr(meeting, slot)
        for order, p in enumerate(participants, 1):
            g.link(rel_type, entity(p.entity), key, mandatory=p.mandatory, delegated=p.delegated,
                   condition=p.condition, order=order, **evidence_props(doc, p.evidence, cited))


def add_reporting_line(g: Graph, doc: str, line: ReportingLine, entity: Entity, vocab: Vocabulary, level: str,
                       cited: Cited) -> None:
    # Steps are parallel lists on the edge (a property holds primitives only): the chain's
    # order, each actor's vocabulary key, names and label, and the verb as written.
    steps = line.steps
    g.link("REPORTS_TO", entity(line.source), entity(line.target), matter=line.matter, kind=line.kind,
           stepOrders=[s.order for s in steps], stepActors=[s.actor.key for s in steps],
           stepNames=[s.actor.name for s in steps],
           stepNamesEn=[vocab.english(s.actor.kind, s.actor.key, level) if s.actor.known else "" for s in steps],
           stepLabels=[ENTITY_LABELS[s.actor.kind] for s in steps], stepActions=[s.action for s in steps],
           **evidence_props(doc, line.evidence, cited))


def add_obligation(g: Graph, doc: str, number: int, ob: Obligation, entity: Entity, cited: Cited) -> None:
    ev = ob.evidence
    dl = ob.deadline
    key = g.node(
        "Obligation", f"{doc}:obl:{ev.article}:{ev.start}:{number}", doc=doc, modality=ob.modality,
        trigger=ob.trigger, action=ob.action, condition=ob.condition,
        bearerName=ob.bearer.name if ob.bearer else None, bearerKey=ob.bearer.key if ob.bearer else None,
        counterpartyName=ob.counterparty.name if ob.counterparty else None,
        deadlineAmount=dl.amount if dl else None, deadlineUnit=dl.unit if dl else None,
        deadlineText=dl.text if dl else None, deadlineKind=dl.kind if dl else None,
        deadlineMax=dl.maximum if dl else None, deadlinePer=dl.per if dl else None,
        hasDeadline=dl is not None, article=ev.article, articleKey=cited(ev), start=ev.start, end=ev.end,
        evidence=ev.text,
        name=ob.action[:24], caption=f"{ob.trigger}·{ob.action[:16]}",
    )
    g.link("STATED_IN", key, cited(ev), **evidence_props(doc, ev, cited))
    if ob.bearer:
        g.link("BEARS", entity(ob.bearer), key, **evidence_props(doc, ev, cited))
    if ob.counterparty:
        g.link("OWED_TO", key, entity(ob.counterparty), **evidence_props(doc, ev, cited))
