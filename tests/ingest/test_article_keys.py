"""Stage 5 invariant: every fact and every figure cites its article by the article's node key,
and that article carries the printed number kept beside the key and holds the evidence span.
Over the corpus and every test document (restart_county.txt and the acceptance documents
restart or repeat their printed numbers)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import ingest_path
from schema.model import Graph
from tests.conftest import CORPUS

#: the acceptance set's refused_*.txt are not rules documents: nothing to cite
DOCS = sorted(CORPUS.glob("*.txt")) + sorted(p for p in (Path(__file__).resolve().parents[1] / "data" / "docs").glob("**/*.txt")
                                             if not p.name.startswith("refused_"))
#: prefixes of the figures a node states (frequencyArticle/frequencyArticleKey ...); "" = a fact's own
FIGURES = ("", "frequency", "quorum", "principles")


def _citations(graph: Graph) -> list[tuple[str, dict[str, Any], str]]:
    """(what cites, its props, figure prefix) for every citation that names a printed number."""
    out = []
    for owner, props in [*((r.key, r.props) for r in graph.relationships), *((n.key, n.props) for n in graph.nodes)]:
        for prefix in FIGURES:
            name = f"{prefix}Article" if prefix else "article"
            if props.get(name) is not None and "ordinal" not in props:
                out.append((owner, props, prefix))
    return out


@pytest.mark.parametrize("path", DOCS, ids=lambda p: p.name)
def test_every_citation_names_its_article_by_key(path: Path) -> None:
    graph = ingest_path(path).graph
    articles = {n.key: n.props for n in graph.nodes if n.label == "Article"}
    citations = _citations(graph)
    for owner, props, prefix in citations:
        key = props[f"{prefix}ArticleKey" if prefix else "articleKey"]
        article = articles.get(key)
        assert article is not None, (owner, prefix, key)
        assert article["number"] == props[f"{prefix}Article" if prefix else "article"], (owner, prefix)
        start = props[f"{prefix}Start" if prefix else "start"]
        assert article["start"] <= start < max(article["end"], article["start"] + 1), (owner, prefix)
    for node in graph.nodes:
        if node.label == "Meeting" and node.props.get("articles") is not None:
            keys = node.props["articleKeys"]
            assert {articles[k]["number"] for k in keys} == set(node.props["articles"])
            assert [articles[k]["ordinal"] for k in keys] == sorted(articles[k]["ordinal"] for k in keys)
