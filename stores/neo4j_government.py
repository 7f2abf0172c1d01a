"""The Neo4j store's answers about what a government is made of: one named query each
(cypher/queries/government, basis, instrument). Row shapes: stores/memory_government.py."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Row = dict[str, Any]  # until the Neo4j reads map records to schema.rows (next commit)


class GovernmentQueries:
    """Mixed into ``Neo4jStore``, whose ``_read`` runs one named query."""

    _read: Callable[..., list[Row]]  # Neo4jStore._read

    def government(self, jurisdiction: str, document: str | None) -> Row | None:
        rows = self._read("government", jurisdiction=jurisdiction, document=document)
        return rows[0] if rows else None

    def basis(self, document: str) -> list[Row]:
        return self._read("basis", document=document)

    def instrument(self, key: str) -> Row | None:
        rows = self._read("instrument", key=key)
        return rows[0] if rows else None
