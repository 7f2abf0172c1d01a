"""The interface every store implements; answers are the read model of ``schema/rows.py``
(frozen dataclasses), built by the one mapping of ``schema/row_mapping.py`` in both stores.

Shared parts of the answers (``schema/rows.py`` documents each field):

* ``EntityRow``: a Role, Body or Meeting; ``key`` is its vocabulary key (``district_mayor``), or
  ``"x:" + name`` for a descriptive mention.
* ``NodeRow``: any node; ``key`` is the node key and ``kind`` the vocabulary key (None for document
  types, obligations and articles).
* ``DocumentRef``: ``status`` is the derived status (effective, draft or superseded, see
  ``stores/versions.py``); ``jurisdiction`` the full name.
* ``ArticleRow``: an article with its ``DocumentRef``; ``Span``: a span of the original file, end exclusive.
* ``StepRow``: one signing step (role, action, condition, verb, delegated, order, document type,
  article, evidence); its ``document_type`` always carries the vocabulary keys ``issuer_key``,
  ``genre_keys`` and ``recipient_key``.

Every question answers from the jurisdiction's current document unless ``document`` names
another version. Names in parameters are already resolved to keys (the API resolves names).
Lists come in a stable, documented order; both stores answer identically (tests/stores/test_contract.py).
"""

from __future__ import annotations

from typing import Protocol

from schema.model import RELATIONSHIP_TYPES, SHARED_LABELS, Graph
from schema.rows import (
    ArticleRow,
    CitationRow,
    ComparisonRow,
    DocumentRow,
    GovernmentRow,
    InstrumentRow,
    JurisdictionRow,
    MeetingRow,
    ObligationRow,
    Page,
    Props,
    ProvisionRow,
    ReportingLineRow,
    SearchHit,
    StepRow,
)

#: document key -> (nodes per label, relationships per type), Jurisdictions and HAS_RULES left out
DocumentCounts = dict[str, tuple[dict[str, int], dict[str, int]]]

#: labels whose outgoing relationships are facts (evidence-bearing edges); the article
#: question finds a provision's facts from these nodes.
FACT_SOURCE_LABELS = ("Role", "Body", "Meeting", "DocumentType", "Obligation")


class StoreUnavailable(RuntimeError):
    """The store cannot answer now (server down, wrong password); the message says why."""


class Store(Protocol):
    name: str

    def load(self, graph: Graph) -> None:
        """Add one document's graph atomically, replacing an earlier load of the same document,
        and re-derive its jurisdiction's versions (current, superseded, SUPERSEDES edges)."""

    def delete(self, document: str) -> bool:
        """Remove one document and its facts; False when it was not there. The previous
        version becomes current again; a jurisdiction goes with its last document."""

    def ready(self) -> bool: ...

    def jurisdictions(self) -> list[JurisdictionRow]:
        """Jurisdictions by full name, each with its documents newest first (as ``documents``)."""

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[StepRow]:
        """Steps for documents issued under ``issuer`` (a genre matches document types of that
        genre and those of any genre), ordered by document type key, article, step order."""

    def signing_rules(self, document: str) -> list[StepRow]:
        """Every step of one document (any issuer; [] for an unknown key), ordered as
        ``signatories``: what a diff of versions and a check against peers match on (by the
        document type's ``issuer_key``, ``genre_keys`` and ``recipient_key``)."""

    def articles(self, document: str) -> list[ArticleRow]:
        """Every article of one document by number ([] for an unknown key), each with
        ``declared`` (its number as written, None when unreadable) and ``chapter`` (ordinal, 0 = none)."""

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[MeetingRow]:
        """Meetings of the current (or given) document; ``meeting`` is a vocabulary key or None for all.

        ``frequency`` is None without one; ``quorum_source`` None without a quorum; participants of
        each slot (members, conveners, chairs, attendees) by order, then entity key;
        ``minutes_signers`` the steps for the DocumentType of genre minutes ISSUED_AS the meeting
        (ordered as ``signatories``); ``articles`` by number. ``key`` is the node key, ``kind`` the
        vocabulary key. Meetings in document order (first article; meetings without facts last).
        """

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[ReportingLineRow]:
        """REPORTS_TO edges; ``source``/``target`` are vocabulary keys (or None); the row's
        ``steps`` are the chain in order. In document order (article, evidence start)."""

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> Page[ObligationRow]:
        """One page of obligations in document order (evidence start, then key), with the total.
        ``bearer`` filters on the bearer's vocabulary key; ``deadline`` is None without one."""

    def search(
        self, text: str, jurisdiction: str | None, skip: int, limit: int, document: str | None = None
    ) -> Page[SearchHit]:
        """One page of current articles containing ``text`` as written, with the total.

        ``document`` (a RuleDocument key) searches that version instead of the current ones.

        ``score`` is the number of (non-overlapping) occurrences of ``text`` in the article's text;
        order: score descending, then jurisdiction full name, document key, article number.
        Neo4j finds candidates in the cjk full-text index; both stores answer substring match.
        """

    def compare(self, issuer: str, genre: str | None) -> list[ComparisonRow]:
        """One row per jurisdiction (its current document), by full name, with its steps
        (as ``signatories`` with no recipient; () when none)."""

    def article(self, document: str, number: int | None = None, ordinal: int | None = None) -> ProvisionRow | None:
        """One provision with every fact it supports, or None: every relationship leaving a node
        of ``FACT_SOURCE_LABELS`` that cites the article (``articleKey``), by evidence span, type, key.

        ``ordinal`` (position in the document) names one article; with ``number`` too, that article
        must also carry the number. ``number`` alone (as printed) raises ``AmbiguousArticle`` when
        it is printed on several articles (numbering that restarts in each chapter)."""

    def documents(self, jurisdiction: str | None) -> list[DocumentRow]:
        """Every version, newest first (``current_order_key`` descending), with the keys of the
        versions it supersedes and is superseded by (each sorted)."""

    def government(self, jurisdiction: str, document: str | None) -> GovernmentRow | None:
        """What the current (or given) document's government is made of, or None without one:
        its body (the first government Body by key), its links in document order (article,
        evidence start, order, key) and where its work principles are stated.
        ``relation`` is member, head, acting, assists, leadership or accountable."""

    def basis(self, document: str) -> list[CitationRow]:
        """The instruments one document is based on, by order ([] for an unknown key)."""

    def instrument(self, key: str) -> InstrumentRow | None:
        """One instrument with every citation of it, by jurisdiction full name, document key,
        order; None when no document cites it."""

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""

    def graphs(self) -> list[Graph]:
        """Every document's graph as it was loaded (its Jurisdiction included; what the store derived,
        versions and SUPERSEDES, left out), by document key: what ``govgraph export`` writes."""

    def document_counts(self) -> DocumentCounts:
        """Per document: nodes per label and relationships per type (``govgraph stats``)."""

    def close(self) -> None: ...


class AmbiguousArticle(ValueError):
    """A printed article number that names several articles of a document: ask by ordinal."""

    def __init__(self, document: str, number: int | None, ordinals: list[int]) -> None:
        super().__init__(f"第{number}条 is printed on {len(ordinals)} articles of {document} (ordinals "
                         f"{', '.join(map(str, ordinals))}): ask for one by its ordinal")
        self.ordinals = ordinals


def check_article_number(number: int | None) -> int:
    """The printed number an article is asked by, when no ordinal is given."""
    if number is None:
        raise ValueError("ask for an article by its number or an ordinal")
    return number


def current_order_key(doc: Props | DocumentRow) -> tuple[str, str]:
    """Sort key of a RuleDocument (its stored properties or its row): date (issued, else adopted;
    undated first), key breaks ties (as cypher/load/versions.cypher)."""
    if isinstance(doc, DocumentRow):
        return (doc.issued or doc.adopted or "", doc.key)
    return (doc.get("issued") or doc.get("adopted") or "", doc["key"])


def check_page(skip: int, limit: int) -> None:
    """Both stores refuse the same pages (Cypher would read a negative index from the end)."""
    if skip < 0 or limit < 0:
        raise ValueError(f"skip and limit must be >= 0 (got skip={skip}, limit={limit})")


def check_graph(graph: Graph) -> None:
    """Refuse a graph that would write outside its document, before anything is written.

    Every node but its Jurisdiction must belong to the document (``doc``), so that loading
    never overwrites another document's nodes (MERGE matches on key) and deleting is exact;
    every relationship must join two of the graph's nodes, in a shape the model allows
    (Neo4j would silently skip a relationship whose end is missing).
    """
    labels: dict[str, str] = {}
    for node in graph.nodes:
        if node.label not in SHARED_LABELS and node.props.get("doc", node.key) != graph.document:
            raise ValueError(f"node {node.key!r} belongs to {node.props.get('doc')!r}, not {graph.document!r}")
        labels[node.key] = node.label
    if labels.get(graph.document) != "RuleDocument":
        raise ValueError(f"graph {graph.document!r} has no RuleDocument node of that key")
    for rel in graph.relationships:
        start, end = labels.get(rel.start), labels.get(rel.end)
        if start is None or end is None:
            raise ValueError(f"relationship {rel.key!r} joins a node that is not in the graph")
        allowed = RELATIONSHIP_TYPES[rel.type]
        if start not in allowed[0] or end not in allowed[1]:
            raise ValueError(f"({start})-[:{rel.type}]->({end}) is not in the graph model ({rel.key!r})")
        if rel.props.get("article") is not None and labels.get(rel.props.get("articleKey") or "") != "Article":
            # stores find a fact's article by key: a printed number may name several articles
            raise ValueError(f"relationship {rel.key!r} cites article {rel.props['article']} without the key of "
                             "an Article of the graph (articleKey): ingest its source again")
