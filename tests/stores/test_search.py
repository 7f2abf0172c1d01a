"""The claim search.cypher rests on: for a text of two or more Chinese characters, the phrase
query on the cjk full-text index finds exactly the articles that contain the text."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.neo4j

_HAN_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")


def _terms(corpus_graphs) -> list[str]:  # type: ignore[no-untyped-def]
    """Han runs cut from every 29th article, 2 to 6 characters long, from both ends of each run."""
    terms: set[str] = set()
    articles = [n for g in corpus_graphs for n in g.nodes if n.label == "Article"]
    for article in articles[::29]:
        for run in _HAN_RUN.findall(article.props["cleanText"]):
            for size in range(2, min(6, len(run)) + 1):
                terms.update((run[:size], run[-size:]))
    return sorted(terms)


def test_cjk_phrase_query_equals_substring_match(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    terms = _terms(corpus_graphs)
    assert len(terms) > 200
    texts = {n.key: n.props["cleanText"] for g in corpus_graphs for n in g.nodes if n.label == "Article"}
    missed = {}
    for term in terms:
        found = loaded_neo4j.run_read(
            "CALL db.index.fulltext.queryNodes('article_text', $phrase) YIELD node RETURN node.key", {"phrase": f'"{term}"'}
        )
        expected = {key for key, text in texts.items() if term in text}
        if {key for key in found if term in texts.get(key, "")} != expected:
            missed[term] = sorted(expected - set(found))[:3]
    assert not missed, f"{len(missed)} of {len(terms)} terms differ: {dict(list(missed.items())[:5])}"
    print(f"\n{len(terms)} Chinese terms: the full-text phrase query found exactly the articles containing each")
