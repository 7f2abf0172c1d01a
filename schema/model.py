"""The graph model, defined once and used by every store.

Node kinds and relationship types are closed sets: stores accept nothing else, so
no label or type ever comes from user input. Every node but a Jurisdiction belongs
to exactly one RuleDocument (property ``doc``), which makes a document's load
atomic and its deletion exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .script import to_simplified

#: label -> what it is (shown in docs and in the Neo4j Browser guide)
NODE_LABELS: dict[str, str] = {
    "Jurisdiction": "a district, county or city whose government issues rules",
    "RuleDocument": "one version of a government's work rules",
    "Chapter": "a chapter of a rules document",
    "Article": "an article (provision) of a rules document; every fact cites one",
    "Item": "a numbered item inside an article",
    "Body": "an organ or organization (区政府办公室, 区人大常委会)",
    "Role": "an office held by a person (区长, 区政府办公室主任)",
    "Meeting": "a kind of meeting the rules establish (区政府常务会议)",
    "DocumentType": "documents of one kind: issuing name, genres, recipient",
    "Obligation": "a deontic sentence: who must / must not / may do what, by when",
    "Instrument": "a law or higher rules a rules document is based on (《国务院工作规则》), shared by documents",
}

#: labels whose nodes no one document owns (no ``doc``): loaded by MERGE, dropped with their last citation
SHARED_LABELS = ("Jurisdiction", "Instrument")

#: A reading gloss after a character (规（guī）则) is not part of a title.
_GLOSS = re.compile(r"[（(][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+[）)]")


def instrument_title(written: str) -> str:
    """The title every document citing an instrument shares: simplified, without spaces,
    brackets or reading glosses (《國務院工作規則》 -> 国务院工作规则)."""
    return _GLOSS.sub("", re.sub(r"[\s《》]+", "", to_simplified(written)))


def instrument_key(title: str) -> str:
    """The key of the Instrument node every document citing a title shares (the API looks it up
    by the same rule)."""
    return f"instrument:{instrument_title(title)}"



#: type -> (allowed start labels, allowed end labels, meaning)
RELATIONSHIP_TYPES: dict[str, tuple[tuple[str, ...], tuple[str, ...], str]] = {
    "HAS_RULES": (("Jurisdiction",), ("RuleDocument",), "the government issued this rules document"),
    "HAS_CHAPTER": (("RuleDocument",), ("Chapter",), "document structure"),
    "HAS_ARTICLE": (("RuleDocument", "Chapter"), ("Article",), "document structure"),
    "HAS_ITEM": (("Article",), ("Item",), "article structure"),
    "SUPERSEDES": (("RuleDocument",), ("RuleDocument",), "a newer version replaces an older one"),
    "SIGNS": (("Role", "Body"), ("DocumentType",), "who signs documents of this kind"),
    "APPROVES": (("Role", "Body"), ("DocumentType",), "who approves documents of this kind"),
    "REVIEWS": (("Role", "Body"), ("DocumentType",), "who reviews before signing"),
    "COUNTERSIGNS": (("Role", "Body"), ("DocumentType",), "who countersigns"),
    "ISSUED_AS": (("DocumentType",), ("Body", "Meeting"), "the name documents of this kind go out under"),
    "ADDRESSED_TO": (("DocumentType",), ("Body",), "the recipient of documents of this kind"),
    "CONVENES": (("Role", "Body"), ("Meeting",), "who convenes the meeting"),
    "CHAIRS": (("Role", "Body"), ("Meeting",), "who chairs the meeting (delegated = by delegation)"),
    "MEMBER_OF": (("Role", "Body"), ("Meeting",), "who the meeting is composed of"),
    "ATTENDS": (("Role", "Body"), ("Meeting",), "who attends (mandatory) or may be invited"),
    "REPORTS_TO": (("Role", "Body", "Meeting"), ("Role", "Body", "Meeting"), "must report to, with the matter"),
    "DEPUTIZES_FOR": (("Role",), ("Role",), "acts for another role"),
    "HEADS": (("Role",), ("Body",), "heads a body"),
    "BEARS": (("Role", "Body", "Meeting"), ("Obligation",), "the bearer of an obligation"),
    "OWED_TO": (("Obligation",), ("Role", "Body", "Meeting"), "the counterparty of an obligation (报告 to whom)"),
    "STATED_IN": (("DocumentType", "Meeting", "Obligation"), ("Article",), "the article that states it"),
    "IN_GOVERNMENT": (("Role", "Body"), ("Body",), "a member of the government (its composition)"),
    "ASSISTS": (("Role",), ("Role",), "assists another role (副区长协助区长工作)"),
    "LEADS": (("Body",), ("Body",), "the government works under this body's leadership (在区委领导下)"),
    "ACCOUNTABLE_TO": (("Body",), ("Body",), "the government answers to this body (负责并报告工作)"),
    "BASED_ON": (("RuleDocument",), ("Instrument",), "the rules are made from this instrument (根据/参照《…》)"),
}

#: the property that identifies a node of each label (unique, constrained in Neo4j)
KEY = "key"


@dataclass(frozen=True, slots=True)
class Node:
    label: str
    key: str
    props: dict[str, Any]

    def __post_init__(self) -> None:
        if self.label not in NODE_LABELS:
            raise ValueError(f"unknown node label {self.label!r}")


@dataclass(frozen=True, slots=True)
class Relationship:
    type: str
    start: str  # key of the start node
    end: str  # key of the end node
    key: str  # identifies the relationship, so a re-load merges instead of duplicating
    props: dict[str, Any]

    def __post_init__(self) -> None:
        if self.type not in RELATIONSHIP_TYPES:
            raise ValueError(f"unknown relationship type {self.type!r}")


@dataclass
class Graph:
    """The graph of one rules document (plus its Jurisdiction node)."""

    document: str  # RuleDocument key
    nodes: list[Node] = field(default_factory=list)
    relationships: list[Relationship] = field(default_factory=list)

    def node(self, label: str, key: str, /, **props: Any) -> str:
        self.nodes.append(Node(label, key, {KEY: key, **props}))
        return key

    def link(self, type_: str, start: str, end: str, /, **props: Any) -> None:
        key = f"{start}-{type_}-{end}"
        suffix = props.get("condition") or ""
        if suffix:
            key += f"|{suffix}"
        if props.get("start") is not None:
            # The same pair may be linked by several sentences (two REPORTS_TO matters).
            key += f"@{props['start']}"
        self.relationships.append(Relationship(type_, start, end, key, {KEY: key, **props}))

    def update(self, key: str, /, **props: Any) -> None:
        """Add properties to a node already in the graph (a Meeting's frequency)."""
        for i, n in enumerate(self.nodes):
            if n.key == key:
                self.nodes[i] = Node(n.label, n.key, {**n.props, **props})
        return None

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        labels: dict[str, int] = {}
        types: dict[str, int] = {}
        for n in self.nodes:
            labels[n.label] = labels.get(n.label, 0) + 1
        for r in self.relationships:
            types[r.type] = types.get(r.type, 0) + 1
        return labels, types

    def deduplicated(self) -> Graph:
        """Last write wins per key, as MERGE would do."""
        nodes = {n.key: n for n in self.nodes}
        rels = {r.key: r for r in self.relationships}
        return Graph(self.document, list(nodes.values()), list(rels.values()))
