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

    def counts(self) -> tuple[dict[str, int], dict[str, int]]:
        """Nodes per label and relationships per type."""

    def close(self) -> None: ...


def current_order_key(doc: Row) -> tuple[str, str]:
    """Sort key of a RuleDocument: newest date first, key breaks ties (as mark_current.cypher)."""
    return (doc.get("issued") or doc.get("adopted") or "", doc["key"])
