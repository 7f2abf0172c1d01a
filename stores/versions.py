"""Which version of a jurisdiction's rules is current, and what supersedes what.

The rule, shared by both stores (``cypher/load/versions.cypher`` is its Cypher twin):

* versions are ordered by ``current_order_key`` (issued, else adopted date; undated first);
* the current document is the newest *effective* one. A draft (征求意见稿) proposes rules and
  does not repeal the ones in force, so a user asking "what are the rules" expects the
  effective text until the new one is adopted. A draft is current only while its
  jurisdiction has no effective document at all;
* an effective document is superseded by the next newer effective one; a draft by the next
  newer document of any status (a revised draft, or the rules as adopted);
* ``status`` becomes ``superseded`` for a superseded document, else stays what the document
  says (``publishedStatus``), so removing the newest version restores the previous one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from schema.rows import Props

from .base import current_order_key

DRAFT = "draft"
SUPERSEDED = "superseded"


@dataclass(frozen=True, slots=True)
class Version:
    status: str | None  # effective, draft or superseded
    current: bool
    superseded_by: str | None  # key of the version that directly replaces this one


def resolve_versions(documents: Sequence[Props]) -> dict[str, Version]:
    """RuleDocument properties of one jurisdiction (``status`` as published) -> key -> Version.

    >>> v = resolve_versions([{"key": "a", "issued": "2018-01-01", "status": "effective"},
    ...                       {"key": "b", "issued": "2024-01-01", "status": "effective"}])
    >>> v["a"], v["b"].current
    (Version(status='superseded', current=False, superseded_by='b'), True)
    """
    ordered = sorted(documents, key=current_order_key)
    effective = [d for d in ordered if d.get("status") != DRAFT]
    current = (effective or ordered)[-1]["key"] if ordered else None
    out: dict[str, Version] = {}
    for i, doc in enumerate(ordered):
        later = ordered[i + 1 :]
        if doc.get("status") == DRAFT:
            newer = later[0] if later else None
        else:
            newer = next((d for d in later if d.get("status") != DRAFT), None)
        out[doc["key"]] = Version(
            status=SUPERSEDED if newer else doc.get("status"),
            current=doc["key"] == current,
            superseded_by=newer["key"] if newer else None,
        )
    return out
