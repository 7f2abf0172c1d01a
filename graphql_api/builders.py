"""Rows of the read model (``schema/rows.py``) -> the GraphQL types of ``graphql_api/types.py``.

One function per type; each reads the row's attributes and nothing else.
"""

from __future__ import annotations

from schema import rows

from . import types as t

#: the enum member of each action value, looked up rather than called (an unknown value: the enum's own error)
_ACTIONS = {member.value: member for member in t.SigningAction}


def entity(row: rows.EntityRow) -> t.Entity:
    return t.Entity(key=row.key, name=row.name, name_en=row.name_en, label=row.label)


def document_ref(row: rows.DocumentRef) -> t.DocumentRef:
    return t.DocumentRef(key=row.key, title=row.title, status=row.status, jurisdiction=row.jurisdiction,
                         source_url=row.source_url)


def article(row: rows.ArticleRow) -> t.Article:
    return t.Article(key=row.key, number=row.number, ordinal=row.ordinal, label=row.label, text=row.text,
                     raw_text=row.raw_text, start=row.start, end=row.end, document=document_ref(row.document))


def evidence(span: rows.Span) -> t.Evidence:
    return t.Evidence(start=span.start, end=span.end, text=span.text)


def optional_article(row: rows.ArticleRow | None) -> t.Article | None:
    return article(row) if row is not None else None


def optional_evidence(span: rows.Span | None) -> t.Evidence | None:
    return evidence(span) if span is not None else None


def source(row: rows.Source) -> t.Source:
    return t.Source(article=optional_article(row.article), evidence=optional_evidence(row.evidence))


def document_type(row: rows.DocumentTypeRow) -> t.DocumentType:
    return t.DocumentType(key=row.key, name=row.name, issuer=row.issuer, genres=list(row.genres),
                          recipient=row.recipient, direction=row.direction)


def signing_step(row: rows.StepRow) -> t.SigningStep:
    return t.SigningStep(
        role=entity(row.role), action=_ACTIONS.get(row.action) or t.SigningAction(row.action), condition=row.condition, verb=row.verb,
        delegated=row.delegated, order=row.order, document_type=document_type(row.document_type),
        article=article(row.article), evidence=evidence(row.evidence),
    )


def participant(row: rows.ParticipantRow) -> t.Participant:
    who = row.entity
    return t.Participant(
        key=who.key, name=who.name, name_en=who.name_en, label=who.label, role=entity(who),
        mandatory=row.mandatory, delegated=row.delegated, condition=row.condition,
        article=optional_article(row.article), evidence=optional_evidence(row.evidence),
    )


def frequency(row: rows.FrequencyRow) -> t.Frequency:
    return t.Frequency(text=row.text, period=t.Period(row.period) if row.period else None, times=row.times,
                       times_max=row.times_max, article=optional_article(row.source.article),
                       evidence=optional_evidence(row.source.evidence))


def meeting(row: rows.MeetingRow) -> t.Meeting:
    members, conveners, chairs, attendees = ([participant(p) for p in row.slot(slot)]
                                             for slot in ("members", "conveners", "chairs", "attendees"))
    signers = [signing_step(s) for s in row.minutes_signers]
    spans = [p.evidence for people in (members, conveners, chairs, attendees) for p in people if p.evidence is not None]
    spans += [s.evidence for s in signers]
    unique = sorted({(e.start, e.end): e for e in spans}.values(), key=lambda e: (e.start, e.end))
    return t.Meeting(
        key=row.key, kind=row.kind, name=row.name, name_en=row.name_en, members=members, conveners=conveners,
        chairs=chairs, attendees=attendees, frequency=frequency(row.frequency) if row.frequency else None,
        quorum=row.quorum, quorum_source=source(row.quorum_source) if row.quorum_source else None,
        minutes_signers=signers, articles=[article(a) for a in row.articles], evidence=unique,
    )


def reporting_line(row: rows.ReportingLineRow) -> t.ReportingLine:
    return t.ReportingLine(
        from_=entity(row.source), to=entity(row.target), matter=row.matter, kind=row.kind,
        steps=[t.ReportingStep(order=s.order, actor=entity(s.actor), action=s.action) for s in row.steps],
        article=article(row.article), evidence=evidence(row.evidence),
    )


def deadline(row: rows.DeadlineRow) -> t.Deadline:
    return t.Deadline(amount=row.amount, unit=row.unit, text=row.text, kind=row.kind, max=row.max, per=row.per)


def obligation(row: rows.ObligationRow) -> t.Obligation:
    return t.Obligation(
        key=row.key, modality=t.Modality(row.modality), trigger=row.trigger, action=row.action,
        condition=row.condition, bearer=entity(row.bearer) if row.bearer else None,
        counterparty=entity(row.counterparty) if row.counterparty else None,
        deadline=deadline(row.deadline) if row.deadline else None,
        article=article(row.article), evidence=evidence(row.evidence),
    )


def basis_citation(row: rows.CitationRow) -> t.BasisCitation:
    return t.BasisCitation(instrument_key=row.instrument.key, title=row.instrument.title, written=row.written,
                           verb=row.verb, article=article(row.article), evidence=evidence(row.evidence))


def fact_entity(row: rows.NodeRow) -> t.Entity:
    # Document types, obligations and articles have no vocabulary kind: their node key identifies them.
    return t.Entity(key=row.kind or row.key, name=row.name or row.key, name_en=row.name_en, label=row.label)


def provision_fact(row: rows.FactRow) -> t.ProvisionFact:
    if row.evidence is None:
        raise ValueError(f"a {row.type} fact without evidence: every fact must cite its source span")
    return t.ProvisionFact(type=row.type, from_=fact_entity(row.source), to=fact_entity(row.target),
                           condition=row.condition, matter=row.matter, evidence=evidence(row.evidence))


def provision(row: rows.ProvisionRow) -> t.Provision:
    return t.Provision(article=article(row.article), facts=[provision_fact(f) for f in row.facts])
