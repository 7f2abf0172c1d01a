"""Row builders of the embedded store: the same maps the named Cypher queries project.

Neo4j stores no null properties and a map projection reads a missing one as null, so
every builder reads properties with ``.get`` and lists every field explicitly.
"""

from __future__ import annotations

from typing import Any

from schema.model import Node, Relationship

from .base import Row

STEP_ACTIONS = {"SIGNS": "SIGN", "APPROVES": "APPROVE", "REVIEWS": "REVIEW", "COUNTERSIGNS": "COUNTERSIGN"}
PARTICIPANT_SLOTS = {"MEMBER_OF": "members", "CONVENES": "conveners", "CHAIRS": "chairs", "ATTENDS": "attendees"}


def last_if_none(value: Any) -> tuple[bool, Any]:
    """Sort key part that puts None last, as Cypher's ORDER BY does (ascending)."""
    return (value is None, value if value is not None else 0)


def entity_row(node: Node) -> Row:
    p = node.props
    return {"key": p.get("kind"), "name": p.get("name"), "nameEn": p.get("nameEn"), "label": node.label}


def node_row(node: Node) -> Row:
    p = node.props
    return {"key": node.key, "kind": p.get("kind"), "name": p.get("name"), "nameEn": p.get("nameEn"),
            "label": node.label}


def document_ref(doc: Row) -> Row:
    return {"key": doc["key"], "title": doc.get("title"), "status": doc.get("status"),
            "jurisdiction": doc.get("jurisdiction"), "sourceUrl": doc.get("sourceUrl")}


def article_row(article: Node, doc: Row) -> Row:
    p = article.props
    return {"key": article.key, "number": p.get("number"), "ordinal": p.get("ordinal"), "label": p.get("label"),
            "text": p.get("cleanText"),
            "rawText": p.get("text"), "start": p.get("start"), "end": p.get("end"), "document": document_ref(doc)}


def evidence_row(props: Row) -> Row | None:
    if props.get("start") is None:
        return None
    return {"start": props["start"], "end": props.get("end"), "text": props.get("evidence")}


def span_row(props: Row) -> Row:
    return {"start": props.get("start"), "end": props.get("end"), "text": props.get("evidence")}


def step_row(actor: Node, rel: Relationship, dtype: Node, article: Row) -> Row:
    s, t = rel.props, dtype.props
    return {
        "role": entity_row(actor),
        "action": STEP_ACTIONS[rel.type],
        "condition": s.get("condition"),
        "verb": s.get("verb"),
        "delegated": s.get("delegated"),
        "order": s.get("order"),
        "documentType": {"key": dtype.key, "name": t.get("name"), "issuer": t.get("issuerName"),
                         "genres": t.get("genreNames"), "recipient": t.get("recipientName"),
                         "direction": t.get("direction")},
        "article": article,
        "evidence": span_row(s),
    }


def participant_row(actor: Node, rel: Relationship, article: Row | None) -> Row:
    r = rel.props
    return {"entity": entity_row(actor), "mandatory": r.get("mandatory"), "delegated": r.get("delegated"),
            "condition": r.get("condition"), "article": article, "evidence": evidence_row(r)}


def obligation_row(node: Node, bearer: Node | None, counterparty: Node | None, article: Row | None) -> Row:
    p = node.props
    deadline = None
    if p.get("hasDeadline"):
        deadline = {"amount": p.get("deadlineAmount"), "unit": p.get("deadlineUnit"),
                    "text": p.get("deadlineText"), "kind": p.get("deadlineKind"),
                    "max": p.get("deadlineMax"), "per": p.get("deadlinePer")}
    return {
        "key": node.key, "modality": p.get("modality"), "trigger": p.get("trigger"), "action": p.get("action"),
        "condition": p.get("condition"),
        "bearer": entity_row(bearer) if bearer else None,
        "counterparty": entity_row(counterparty) if counterparty else None,
        "deadline": deadline, "article": article,
        "evidence": span_row(p),
    }


def fact_row(rel: Relationship, start: Node, end: Node) -> Row:
    r = rel.props
    return {
        "type": rel.type, "from": node_row(start), "to": node_row(end),
        "condition": r.get("condition"), "verb": r.get("verb"), "delegated": r.get("delegated"),
        "mandatory": r.get("mandatory"), "order": r.get("order"), "matter": r.get("matter"),
        "evidence": span_row(r),
    }


def reporting_steps(props: dict[str, Any]) -> list[Row]:
    """The chain of a REPORTS_TO edge from its parallel step lists, in order:
    [{order, actor: EntityRow, action}]. The writer stores the six lists with one entry per step,
    so lists of different lengths are a broken row and raise rather than lose steps."""
    names_en = props.get("stepNamesEn") or []
    return [
        {"order": order, "action": action,
         "actor": {"key": key, "name": name, "nameEn": name_en or None, "label": label}}
        for order, key, name, name_en, label, action in zip(
            props.get("stepOrders") or [], props.get("stepActors") or [], props.get("stepNames") or [],
            names_en, props.get("stepLabels") or [], props.get("stepActions") or [], strict=True)
    ]
