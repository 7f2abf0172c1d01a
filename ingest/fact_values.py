"""The values every stage 4 fact is built from: the entity it names and the evidence it cites.

Both fact modules (``ingest/facts.py``, ``ingest/government_facts.py``) import these; neither
imports the other's values, so the models form no cycle.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

EntityKind = Literal["role", "body", "meeting"]


@dataclass(frozen=True, slots=True)
class Evidence:
    article: int  # the number printed on the article (第五十条 -> 50; see Article.number)
    start: int  # original offsets, end exclusive
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A role, body or meeting named by a fact.

    ``key`` is the vocabulary key (level-independent) when the mention is in the
    vocabulary, else ``"x:" + name`` (in simplified script) for a descriptive mention kept as written
    (与议题相关的部门负责人).
    """

    kind: EntityKind
    key: str
    name: str  # canonical Chinese name for the document's level, or the surface

    @property
    def known(self) -> bool:
        return not self.key.startswith("x:")
