"""Upgrading a graph stored before facts cited their article by key.

A graph written by an earlier version has the printed article number of each fact and figure
(``article``, ``frequencyArticle``, ``quorumArticle``, ``principlesArticle``, a meeting's
``articles``) but not the key the stores read the article by (``articleKey`` ...). Left as it
is, its facts would silently drop out of every answer. Both stores apply this one rule when they
open old data (the embedded file and Neo4j), so the upgrade is written once:

* a printed number that exactly one article of the document carries names that article;
* a number several articles carry (a chapter that restarts the numbering) names the one whose
  span ``[start, end)`` holds the fact's evidence start;
* otherwise the key stays unset and the fact is counted as unresolved, for the caller to report.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, replace
from typing import Any

from schema.model import Graph, Node

log = logging.getLogger(__name__)

#: (printed number, key, evidence start) property names of each citation a fact or figure makes
CITATIONS = (("article", "articleKey", "start"),
             ("frequencyArticle", "frequencyArticleKey", "frequencyStart"),
             ("quorumArticle", "quorumArticleKey", "quorumStart"),
             ("principlesArticle", "principlesArticleKey", "principlesStart"))


@dataclass(frozen=True)
class KeyUpgrade:
    """The upgraded graph and how many citations were keyed, and could not be."""

    graph: Graph
    keyed: int
    unresolved: int


def needs_article_keys(graph: Graph) -> bool:
    """True when some fact or figure of ``graph`` has a printed number but no article key."""
    return any(_old(n.props) or _meeting_unkeyed(n) for n in graph.nodes) or any(
        _old(r.props) for r in graph.relationships)


def with_article_keys(graph: Graph) -> KeyUpgrade:
    """``graph`` with every citation that lacks its article key keyed by the rule above."""
    articles: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for node in graph.nodes:
        if node.label == "Article" and isinstance(node.props.get("number"), int):
            articles[node.props["number"]].append(node.props)
    counts = {"keyed": 0, "unresolved": 0}

    def cite(number: Any, start: Any) -> str | None:
        candidates = articles.get(number, []) if isinstance(number, int) else []
        if len(candidates) > 1 and isinstance(start, int):
            candidates = [a for a in candidates if a.get("start", 0) <= start < a.get("end", 0)]
        if len(candidates) == 1:
            counts["keyed"] += 1
            return str(candidates[0]["key"])
        counts["unresolved"] += 1
        return None

    def upgraded(props: dict[str, Any]) -> dict[str, Any]:
        new = dict(props)
        for number, key, start in CITATIONS:
            if new.get(number) is not None and new.get(key) is None:
                new[key] = cite(new[number], new.get(start))
            elif number in new:
                new.setdefault(key, None)  # as a fresh graph has it: the key beside its (unset) number
        return new

    relationships = [replace(r, props=upgraded(r.props)) if _old(r.props) else r for r in graph.relationships]
    # a meeting's articles by key in document order: the articles its STATED_IN facts cite
    stated: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rel in relationships:
        if rel.type == "STATED_IN" and rel.props.get("articleKey") is not None:
            stated[rel.start].append((rel.props.get("start") or 0, rel.props["articleKey"]))
    nodes: list[Node] = []
    for node in graph.nodes:
        props = upgraded(node.props) if _old(node.props) or _meeting_unkeyed(node) else node.props
        if _meeting_unkeyed(node):
            props = {**props, "articleKeys": list(dict.fromkeys(k for _, k in sorted(stated[node.key])))}
        nodes.append(node if props is node.props else replace(node, props=props))
    return KeyUpgrade(Graph(graph.document, nodes, relationships), counts["keyed"], counts["unresolved"])


def report(where: str, upgrades: list[KeyUpgrade]) -> None:
    """One line for the upgrade of old data: how many documents and citations, and how many
    citations could not be keyed (their facts are left out of answers until re-ingested)."""
    if not upgrades:
        return
    keyed = sum(u.keyed for u in upgrades)
    unresolved = sum(u.unresolved for u in upgrades)
    line = (f"{where}: upgraded {len(upgrades)} document(s) stored before facts cited their article by key "
            f"({keyed} citation(s) keyed, {unresolved} not: ingest those documents again)")
    if unresolved:
        log.warning(line)
    else:
        log.info(line)


def _old(props: dict[str, Any]) -> bool:
    return any(props.get(number) is not None and props.get(key) is None for number, key, _ in CITATIONS)


def _meeting_unkeyed(node: Node) -> bool:
    return node.label == "Meeting" and bool(node.props.get("articles")) and node.props.get("articleKeys") is None


