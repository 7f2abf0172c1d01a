"""The interface every store implements; rows are plain dicts in the API's nested shape."""

from __future__ import annotations

from typing import Any, Protocol

from schema.model import Graph

Row = dict[str, Any]


class StoreUnavailable(RuntimeError):
    """The store cannot answer now (server down, wrong password); the message says why."""


class Store(Protocol):
    name: str

    def load(self, graph: Graph) -> None:
        """Add one document's graph atomically, replacing an earlier load of the same document."""

    def delete(self, document: str) -> bool:
        """Remove one document and its facts; False when it was not there."""

    def ready(self) -> bool: ...

    def jurisdictions(self) -> list[Row]: ...

    def signatories(
        self, jurisdiction: str, issuer: str, genre: str | None, recipient: str | None, document: str | None
    ) -> list[Row]: ...

    def meetings(self, jurisdiction: str, meeting: str | None, document: str | None) -> list[Row]:
        """Meetings of the current (or given) document; ``meeting`` is a vocabulary key or None for all.

        Row: {key, kind, name, nameEn, frequency: {text, period, times, timesMax} | None, quorum,
        members/conveners/chairs/attendees: [{entity: {key, name, nameEn, label}, mandatory, delegated,
        condition, article: ArticleRow | None, evidence}], minutesSigners: [signatory step rows],
        articles: [ArticleRow]} where ArticleRow is the ``article`` map of a signatories row.
        """

    def reporting_lines(
        self, jurisdiction: str, source: str | None, target: str | None, document: str | None
    ) -> list[Row]:
        """REPORTS_TO edges; ``source``/``target`` are vocabulary keys (or None).

        Row: {from: EntityRow, to: EntityRow, matter, article: ArticleRow, evidence}.
        """

    def obligations(
        self, jurisdiction: str, bearer: str | None, modality: str | None, with_deadline: bool | None,
        document: str | None, skip: int, limit: int,
    ) -> tuple[int, list[Row]]:
        """(total, page) of Obligation rows in document order.

        Row: {key, modality, trigger, action, condition, bearer: EntityRow | None,
        counterparty: EntityRow | None, deadline: {amount, unit, text, kind} | None,
        article: ArticleRow, evidence}.
        """

    def search(self, text: str, jurisdiction: str | None, skip: int, limit: int) -> tuple[int, list[Row]]:
        """(total, page) of current articles matching ``text`` (full-text), best first: {article: ArticleRow, score}."""

    def compare(self, issuer: str, genre: str | None) -> list[Row]:
        """One row per jurisdiction (current documents): {jurisdiction: JurisdictionRow, steps: [signatory rows]}."""

    def article(self, document: str, number: int) -> Row | None:
        """One provision with every fact it supports: {article: ArticleRow, facts: [{type, from, to, evidence}]}."""

    def documents(self, jurisdiction: str | None) -> list[Row]:
        """RuleDocument rows, newest first: {key, title, status, current, docNumber, issued, adopted, jurisdiction}."""

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""

    def close(self) -> None: ...


def current_order_key(doc: Row) -> tuple[str, str]:
    """Sort key of a RuleDocument: newest date first, key breaks ties (as mark_current.cypher)."""
    return (doc.get("issued") or doc.get("adopted") or "", doc["key"])
