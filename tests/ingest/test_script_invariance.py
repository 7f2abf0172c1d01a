"""A document in traditional characters gives the facts its simplified original gives: the
same roles, bodies, meetings, signing steps, reporting lines and obligations (names outside
the vocabulary stay as written, so they are compared in simplified form)."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

import opencc
import pytest

from ingest.normalize import to_simplified
from ingest.pipeline import document_paths, ingest_bytes
from schema.model import Graph

ROOT = Path(__file__).resolve().parent.parent.parent
DOCUMENTS = document_paths([ROOT / "corpus"]) + sorted((ROOT / "tests" / "data" / "docs").glob("*.txt"))


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def footprint(graph: Graph) -> tuple[Counter, Counter, Counter]:
    """Labels, relationship types, and (type, from, to) of every fact by simplified name."""
    names = {n.key: to_simplified(str(n.props.get("name"))) for n in graph.nodes}
    facts = Counter((r.type, names[r.start], names[r.end], r.props.get("article")) for r in graph.relationships
                    if r.type not in ("HAS_ARTICLE", "HAS_ITEM", "HAS_CHAPTER"))
    return Counter(n.label for n in graph.nodes), Counter(r.type for r in graph.relationships), facts


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_traditional_script_gives_the_same_facts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    simplified = footprint(ingest_bytes(text.encode("utf-8"), path.name).graph)
    traditional = footprint(ingest_bytes(_s2t().convert(text).encode("utf-8"), path.name).graph)
    assert traditional[0] == simplified[0]
    assert traditional[1] == simplified[1]
    assert traditional[2] == simplified[2], (traditional[2] - simplified[2], simplified[2] - traditional[2])
