"""The one mapping from stored properties to the read model (``schema/rows.py``), used by both
stores: the embedded store passes the properties of the nodes and relationships it holds, the
Neo4j store those its queries return. Neo4j stores no null property, so optional properties are
read with ``.get``; a required one missing is a broken store and raises."""

from __future__ import annotations

from dataclasses import replace

from .rows import (
    PARTICIPANT_SLOTS,
    STEP_ACTIONS,
    ArticleRow,
    CitationRow,
    CitedByRow,
    DeadlineRow,
    DocumentRef,
    DocumentRow,
    DocumentTypeRow,
    EntityRow,
    FactRow,
    FrequencyRow,
    GovernmentRow,
    InstrumentRef,
    InstrumentRow,
    JurisdictionRow,
    LinkRow,
    MeetingRow,
    NodeRow,
    ObligationRow,
    ParticipantRow,
    PlaceRow,
    Props,
    ReportingLineRow,
    ReportingStepRow,
    Slot,
    Source,
    Span,
    StepRow,
)


def entity(label: str, p: Props) -> EntityRow:
    return EntityRow(key=p["kind"], name=p["name"], name_en=p.get("nameEn"), label=label)


def node(label: str, p: Props) -> NodeRow:
    return NodeRow(key=p["key"], kind=p.get("kind"), name=p.get("name"), name_en=p.get("nameEn"), label=label)


def place(p: Props) -> PlaceRow:
    return PlaceRow(key=p["key"], name=p["name"], full_name=p["fullName"],
                    name_en=p.get("nameEn"), level=p.get("level"), parent=p.get("parent"))


def jurisdiction(p: Props, documents: list[DocumentRow]) -> JurisdictionRow:
    return JurisdictionRow(place=place(p), documents=tuple(documents))


def document_ref(doc: Props) -> DocumentRef:
    return DocumentRef(key=doc["key"], title=doc["title"], status=doc["status"],
                       jurisdiction=doc["jurisdiction"], source_url=doc.get("sourceUrl"))


def document(doc: Props, supersedes: tuple[str, ...], superseded_by: tuple[str, ...]) -> DocumentRow:
    return DocumentRow(
        key=doc["key"], title=doc["title"], status=doc["status"],
        published_status=doc.get("publishedStatus"), current=doc.get("current"), doc_number=doc.get("docNumber"),
        issued=doc.get("issued"), adopted=doc.get("adopted"), published=doc.get("published"),
        source_url=doc.get("sourceUrl"), jurisdiction=doc.get("jurisdiction"), file=doc.get("file"),
        article_count=doc.get("articleCount"), chapter_count=doc.get("chapterCount"),
        warnings=tuple(doc.get("warnings") or ()), supersedes_numbers=tuple(doc.get("supersedesNumbers") or ()),
        supersedes=tuple(sorted(supersedes)), superseded_by=tuple(sorted(superseded_by)),
    )


def article(a: Props, doc: Props) -> ArticleRow:
    return article_in(a, document_ref(doc))


def article_in(a: Props, document: DocumentRef) -> ArticleRow:
    """An article of a document whose row is built already (a result that repeats it builds it once)."""
    return ArticleRow(key=a["key"], number=a["number"], ordinal=a.get("ordinal"),
                      label=a["label"], text=a["cleanText"], raw_text=a["text"],
                      start=a["start"], end=a["end"], document=document)


def article_in_document(a: Props, doc: Props) -> ArticleRow:
    """An article as the articles of one document list it: with its written number and chapter."""
    return replace(article(a, doc), declared=a.get("declared"), chapter=a.get("chapter"))


def span(p: Props, prefix: str = "") -> Span | None:
    """The evidence span stored as ``start/end/evidence`` (or ``<prefix>Start/End/Evidence``)."""
    start = p.get(f"{prefix}Start" if prefix else "start")
    if start is None:
        return None
    return Span(start=start, end=p[f"{prefix}End" if prefix else "end"],
                text=p[f"{prefix}Evidence" if prefix else "evidence"])


def required_span(p: Props, what: str) -> Span:
    found = span(p)
    if found is None:
        raise ValueError(f"a {what} without evidence: every fact must cite its source span ({p.get('key')!r})")
    return found


def document_type(t: Props) -> DocumentTypeRow:
    return DocumentTypeRow(key=t["key"], name=t["name"], issuer=t["issuerName"],
                           genres=tuple(t.get("genreNames") or ()), recipient=t.get("recipientName"),
                           direction=t.get("direction"), issuer_key=t.get("issuerKey"),
                           genre_keys=tuple(t.get("genres") or ()), recipient_key=t.get("recipientKey"))


def step(actor_label: str, actor: Props, rel_type: str, s: Props, dtype: Props, art: ArticleRow) -> StepRow:
    return step_of(entity(actor_label, actor), rel_type, s, document_type(dtype), art)


def step_of(role: EntityRow, rel_type: str, s: Props, dtype: DocumentTypeRow, art: ArticleRow) -> StepRow:
    """A step whose actor, document type and article rows are built already."""
    return StepRow(role=role, action=STEP_ACTIONS[rel_type], condition=s.get("condition"),
                   verb=s.get("verb"), delegated=s.get("delegated"), order=s["order"],
                   document_type=dtype, article=art, evidence=required_span(s, "signing step"))


def participant(actor_label: str, actor: Props, r: Props, art: ArticleRow | None) -> ParticipantRow:
    return ParticipantRow(entity=entity(actor_label, actor), mandatory=r.get("mandatory"), delegated=r.get("delegated"),
                          condition=r.get("condition"), article=art, evidence=span(r))


def meeting(m: Props, participants: list[tuple[str, ParticipantRow]], frequency_article: ArticleRow | None,
            quorum_article: ArticleRow | None, minutes_signers: list[StepRow], articles: list[ArticleRow]) -> MeetingRow:
    """A meeting from its node; ``participants`` are (relationship type, row) in the order to show."""
    slots: dict[Slot, list[ParticipantRow]] = {slot: [] for slot in PARTICIPANT_SLOTS.values()}
    for rel_type, row in participants:
        slots[PARTICIPANT_SLOTS[rel_type]].append(row)
    frequency = None
    if m.get("frequencyText") is not None:
        frequency = FrequencyRow(text=m["frequencyText"], period=m.get("period"), times=m.get("times"),
                                 times_max=m.get("timesMax"),
                                 source=Source(article=frequency_article, evidence=span(m, "frequency")))
    quorum_source = None
    if m.get("quorum") is not None:
        quorum_source = Source(article=quorum_article, evidence=span(m, "quorum"))
    return MeetingRow(
        key=m["key"], kind=m["kind"], name=m["name"], name_en=m.get("nameEn"),
        frequency=frequency, quorum=m.get("quorum"), quorum_source=quorum_source,
        members=tuple(slots["members"]), conveners=tuple(slots["conveners"]), chairs=tuple(slots["chairs"]),
        attendees=tuple(slots["attendees"]), minutes_signers=tuple(minutes_signers), articles=tuple(articles),
    )


def reporting_line(source_label: str, source: Props, target_label: str, target: Props, r: Props,
                   art: ArticleRow) -> ReportingLineRow:
    return ReportingLineRow(source=entity(source_label, source), target=entity(target_label, target),
                            matter=r.get("matter"), kind=r.get("kind"), steps=reporting_steps(r), article=art,
                            evidence=required_span(r, "reporting line"))


def reporting_steps(r: Props) -> tuple[ReportingStepRow, ...]:
    """The chain of a REPORTS_TO edge from its parallel step lists, in order. The writer stores
    the six lists with one entry per step, so lists of different lengths are a broken row and
    raise rather than lose steps."""
    return tuple(
        ReportingStepRow(order=order, action=action,
                         actor=EntityRow(key=key, name=name, name_en=name_en or None, label=label))
        for order, key, name, name_en, label, action in zip(
            r.get("stepOrders") or [], r.get("stepActors") or [], r.get("stepNames") or [],
            r.get("stepNamesEn") or [], r.get("stepLabels") or [], r.get("stepActions") or [], strict=True)
    )


def obligation(o: Props, bearer: tuple[str, Props] | None, counterparty: tuple[str, Props] | None,
               art: ArticleRow) -> ObligationRow:
    deadline = None
    if o.get("hasDeadline"):
        deadline = DeadlineRow(amount=o["deadlineAmount"], unit=o["deadlineUnit"],
                               text=o["deadlineText"], kind=o.get("deadlineKind"),
                               max=o.get("deadlineMax"), per=o.get("deadlinePer"))
    return ObligationRow(
        key=o["key"], modality=o["modality"], trigger=o["trigger"], action=o["action"],
        condition=o.get("condition"), bearer=entity(*bearer) if bearer else None,
        counterparty=entity(*counterparty) if counterparty else None, deadline=deadline, article=art,
        evidence=required_span(o, "obligation"),
    )


def fact(rel_type: str, r: Props, source: tuple[str, Props], target: tuple[str, Props]) -> FactRow:
    return FactRow(type=rel_type, source=node(*source), target=node(*target), condition=r.get("condition"),
                   verb=r.get("verb"), delegated=r.get("delegated"), mandatory=r.get("mandatory"),
                   order=r.get("order"), matter=r.get("matter"), evidence=span(r))


def link(rel_type: str, r: Props, start: tuple[str, Props], end: tuple[str, Props], art: ArticleRow) -> LinkRow:
    """A government fact; ACCOUNTABLE_TO runs from the body answered to, so ``who`` is its end."""
    who, of = (end, start) if rel_type == "ACCOUNTABLE_TO" else (start, end)
    return LinkRow(relation=r["relation"], who=entity(*who), of=entity(*of), cue=r.get("cue"),
                   condition=r.get("condition"), article=art, evidence=required_span(r, "government fact"))


def citation(r: Props, instrument: Props, art: ArticleRow) -> CitationRow:
    return CitationRow(instrument=InstrumentRef(key=instrument["key"], title=instrument["title"]),
                       verb=r.get("verb"), written=r.get("written"), order=r.get("order"), article=art,
                       evidence=required_span(r, "citation"))


def government(body_label: str, body: Props, links: list[LinkRow], principles_article: ArticleRow | None) -> GovernmentRow:
    """A government from its Body node; its work principles are stated where ``principlesArticle`` says."""
    principles = None
    if body.get("principlesArticle") is not None:
        principles = Source(article=principles_article, evidence=span(body, "principles"))
    return GovernmentRow(body=entity(body_label, body), links=tuple(links), principles=principles)


def instrument(i: Props, cited: list[CitedByRow]) -> InstrumentRow:
    return InstrumentRow(key=i["key"], title=i["title"], cited_by=tuple(cited))


def cited_by(r: Props, jurisdiction: Props, doc: Props, art: ArticleRow) -> CitedByRow:
    return CitedByRow(place=place(jurisdiction), document=document_ref(doc), verb=r.get("verb"),
                      written=r.get("written"), article=art, evidence=required_span(r, "citation"))
