"""Stage 5 for the government's facts (ingest/government_facts.py): relationships between the
government, its roles and the bodies above it, each with its article and evidence span, and
the instruments it is based on as Instrument nodes shared by every document that cites them.

    (Role)-[:IN_GOVERNMENT]->(Body government)      a member
    (Role)-[:HEADS {cue: 区长负责制}]->(Body government)
    (Role)-[:DEPUTIZES_FOR {condition, cue}]->(Role head)
    (Role)-[:ASSISTS]->(Role)
    (Body)-[:LEADS]->(Body government)
    (Body government)-[:ACCOUNTABLE_TO {condition}]->(Body)
    (RuleDocument)-[:BASED_ON {verb, written, order}]->(Instrument {title})
"""

from __future__ import annotations

from collections.abc import Callable

from schema.model import RELATIONSHIP_TYPES, Graph, instrument_key

from .fact_graph import ENTITY_LABELS, Cited, evidence_props
from .fact_values import EntityRef
from .government_facts import Government, Relation

#: relation -> (relationship type, whether the government link runs from ``of`` to ``who``)
RELATIONSHIPS: dict[Relation, tuple[str, bool]] = {
    "member": ("IN_GOVERNMENT", False), "head": ("HEADS", False), "acting": ("DEPUTIZES_FOR", False),
    "assists": ("ASSISTS", False), "leadership": ("LEADS", False), "accountable": ("ACCOUNTABLE_TO", True),
}


def add_government(g: Graph, doc: str, gov: Government, entity: Callable[[EntityRef], str], cited: Cited) -> None:
    """``cited`` gives the key of the article an evidence span lies in (ingest.graph.citing_article)."""
    body = entity(gov.body)
    ev = gov.principles
    g.update(body, government=True, principlesArticle=ev.article if ev else None,
             principlesArticleKey=cited(ev) if ev else None,
             principlesStart=ev.start if ev else None, principlesEnd=ev.end if ev else None,
             principlesEvidence=ev.text if ev else None)
    for order, link in enumerate(gov.links, 1):
        rel_type, reverse = RELATIONSHIPS[link.relation]
        start, end = (link.of, link.who) if reverse else (link.who, link.of)
        allowed = RELATIONSHIP_TYPES[rel_type]
        if ENTITY_LABELS[start.kind] not in allowed[0] or ENTITY_LABELS[end.kind] not in allowed[1]:
            continue  # e.g. a body named where a role acts: not a shape the model holds
        g.link(rel_type, entity(start), entity(end), relation=link.relation, cue=link.cue,
               condition=link.condition, order=order, **evidence_props(doc, link.evidence, cited))
    for order, citation in enumerate(gov.basis, 1):
        key = g.node("Instrument", instrument_key(citation.title), title=citation.title, name=citation.title,
                     caption=f"《{citation.title}》")
        g.link("BASED_ON", doc, key, verb=citation.verb, written=citation.written, order=order,
               **evidence_props(doc, citation.evidence, cited))
