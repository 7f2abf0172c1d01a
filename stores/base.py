"""The interface every store implements; rows are plain dicts in the API's nested shape.

Shapes shared by several questions:

* ``EntityRow``  ``{key, name, nameEn, label}``: a Role, Body or Meeting; ``key`` is its
  vocabulary key (``district_mayor``), or ``"x:" + name`` for a descriptive mention.
* ``NodeRow``    ``{key, kind, name, nameEn, label}``: any node; ``key`` is the node key and
  ``kind`` the vocabulary key (None for document types, obligations and articles).
* ``DocumentRef`` ``{key, title, status, jurisdiction, sourceUrl}``: ``status`` is the derived status
  (effective, draft or superseded, see ``stores/versions.py``); ``jurisdiction`` the full name.
* ``ArticleRow`` ``{key, number, label, text, rawText, start, end, document: DocumentRef}``.
* ``Evidence``   ``{start, end, text}``: a span of the original file, end exclusive.
* ``StepRow``    a signatories row: ``{role: EntityRow, action, condition, verb, delegated, order,
  documentType: {key, name, issuer, genres, recipient, direction}, article: ArticleRow, evidence}``.

Every question answers from the jurisdiction's current document unless ``document`` names
another version. Names in parameters are already resolved to keys (the API resolves names).
Lists come in a stable, documented order; both stores answer identically (tests/stores/test_contract.py).
"""

from __future__ import annotations

from typing import Any, Protocol

from schema.model import RELATIONSHIP_TYPES, SHARED_LABELS, Graph

Row = dict[str, Any]
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

    def jurisdictions(self) -> list[Row]:
        """Jurisdictions by full name: {key, name, fullName, nameEn, level, parent, documents: [
        {key, title, docNumber, issued, adopted, published, sourceUrl, status, current, file, articleCount,
        chapterCount, warnings, supersedesNumbers}]} with documents newest first (as ``documents``)."""

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[Row]:
        """StepRows for documents issued under ``issuer`` (a genre matches document types of that
        genre and those of any genre), ordered by document type key, article, step order."""

    def signing_rules(self, document: str) -> list[Row]:
        """Every StepRow of one document (any issuer; [] for an unknown key), ordered as
        ``signatories``; ``documentType`` also holds ``issuerKey``, ``genreKeys`` and ``recipientKey``
        (vocabulary keys), what a diff of versions and a check against peers match on."""

    def articles(self, document: str) -> list[Row]:
        """Every ArticleRow of one document by number ([] for an unknown key), each with
        ``declared`` (its number as written, None when unreadable) and ``chapter`` (ordinal, 0 = none)."""

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[Row]:
        """Meetings of the current (or given) document; ``meeting`` is a vocabulary key or None for all.

        Row: {key, kind, name, nameEn, frequency: {text, period, times, timesMax, article: ArticleRow | None,
        evidence: Evidence | None} | None, quorum, quorumSource: {article, evidence} | None (None without a quorum),
        members/conveners/chairs/attendees: [{entity: EntityRow, mandatory, delegated, condition,
        article: ArticleRow | None, evidence: Evidence | None}] (by order, then entity key),
        minutesSigners: [StepRow] (the steps for the DocumentType of genre minutes ISSUED_AS the
        meeting), articles: [ArticleRow] (by number)}. ``key`` is the node key, ``kind`` the
        vocabulary key. Meetings in document order (first article; meetings without facts last).
        """

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[Row]:
        """REPORTS_TO edges; ``source``/``target`` are vocabulary keys (or None).

        Row: {from: EntityRow, to: EntityRow, matter, kind, steps: [{order, actor: EntityRow, action}],
        article: ArticleRow, evidence: Evidence},
        in document order (article, evidence start).
        """

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> tuple[int, list[Row]]:
        """(total, page) of Obligation rows in document order (evidence start, then key).

        Row: {key, modality, trigger, action, condition, bearer: EntityRow | None,
        counterparty: EntityRow | None, deadline: {amount, unit, text, kind} | None,
        article: ArticleRow, evidence: Evidence}. ``bearer`` filters on the bearer's vocabulary key.
        """

    def search(
        self, text: str, jurisdiction: str | None, skip: int, limit: int, document: str | None = None
    ) -> tuple[int, list[Row]]:
        """(total, page) of current articles containing ``text`` as written: {article: ArticleRow, score}.

        ``document`` (a RuleDocument key) searches that version instead of the current ones.

        ``score`` is the number of (non-overlapping) occurrences of ``text`` in the article's text;
        order: score descending, then jurisdiction full name, document key, article number.
        Neo4j finds candidates in the cjk full-text index; both stores answer substring match.
        """

    def compare(self, issuer: str, genre: str | None) -> list[Row]:
        """One row per jurisdiction (its current document), by full name:
        {jurisdiction: {key, name, fullName, nameEn, level, parent}, document: DocumentRef,
        steps: [StepRow]} (steps as ``signatories`` with no recipient; [] when none)."""

    def article(self, document: str, number: int) -> Row | None:
        """One provision with every fact it supports, or None.

        Row: {article: ArticleRow, facts: [{type, from: NodeRow, to: NodeRow, condition, verb,
        delegated, mandatory, order, matter, evidence: Evidence}]}: every relationship leaving a
        node of ``FACT_SOURCE_LABELS`` whose evidence lies in the article, by evidence span, type, key.
        """

    def documents(self, jurisdiction: str | None) -> list[Row]:
        """RuleDocument rows (every version), newest first (``current_order_key`` descending):
        {key, title, status, publishedStatus, current, docNumber, issued, adopted, published, sourceUrl, jurisdiction, file,
        articleCount, chapterCount, warnings, supersedesNumbers, supersedes: [keys], supersededBy: [keys]}."""

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""

    def graphs(self) -> list[Graph]:
        """Every document's graph as it was loaded (its Jurisdiction included; what the store derived,
        versions and SUPERSEDES, left out), by document key: what ``govgraph export`` writes."""

    def document_counts(self) -> DocumentCounts:
        """Per document: nodes per label and relationships per type (``govgraph stats``)."""

    def close(self) -> None: ...


def current_order_key(doc: Row) -> tuple[str, str]:
    """Sort key of a RuleDocument: date (issued, else adopted; undated first), key breaks ties
    (as cypher/load/versions.cypher)."""
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
