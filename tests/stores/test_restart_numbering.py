"""restart_county.txt: a county's rules whose every chapter restarts its numbering at 第一条.

Through both stores, each fact cites exactly the article its gold names (restart_gold.yaml): the
right ordinal and printed number, an article whose text holds the evidence, one row per fact,
though the printed number is shared by articles of other chapters.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest
import yaml

from govgraph import export
from schema.model import Graph
from schema.rows import ArticleRow, Span
from stores.base import AmbiguousArticle
from stores.neo4j_bulk import bulk_graph, write_import_csv

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = yaml.safe_load((DOCS / "restart_gold.yaml").read_text(encoding="utf-8"))



def _jurisdiction(graph: Graph) -> str:
    return next(r.start for r in graph.relationships if r.type == "HAS_RULES")


def _kind(node_key: str) -> str:
    return node_key.rsplit(":", 1)[-1]


def _cites(article: ArticleRow | None, evidence: Span | None, gold: dict[str, Any]) -> None:
    """The row cites the gold's article, and that article's text holds the evidence."""
    assert article is not None and evidence is not None
    assert (article.ordinal, article.number) == (gold["ordinal"], gold["number"]), (article.label, evidence.text)
    assert evidence.text in article.raw_text
    if "clause" in gold:
        assert gold["clause"] in evidence.text and gold["clause"] in article.text


def _count(graph: Graph, *types: str) -> int:
    return sum(1 for r in graph.relationships if r.type in types)


def test_the_document_restarts_its_numbering(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    articles = restart_store.articles(restart_graph.document)
    by_number: dict[int, list[int | None]] = {}
    for a in articles:
        by_number.setdefault(a.number, []).append(a.ordinal)
    assert by_number == GOLD["numbers"]


def test_each_signing_step_cites_its_one_article(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    steps = restart_store.signing_rules(restart_graph.document)
    assert len(steps) == _count(restart_graph, "SIGNS", "APPROVES", "REVIEWS", "COUNTERSIGNS") == len(GOLD["signing"])
    # document order: by document type key, then the article's position
    for gold in GOLD["signing"]:
        found = [s for s in steps if s.document_type.issuer_key == gold["issuer"]
                 and (gold["genre"] is None or gold["genre"] in s.document_type.genre_keys)]
        assert len(found) == 1, gold
        step = found[0]
        assert (_kind(step.role.key), step.action) == (gold["actor"], gold["action"])
        _cites(step.article, step.evidence, gold)
        asked = restart_store.signatories(_jurisdiction(restart_graph), gold["issuer"], gold["genre"], None, None)
        assert [s.article.ordinal for s in asked] == [gold["ordinal"]]


def test_the_meeting_cites_each_figure_in_its_own_article(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    meetings = restart_store.meetings(_jurisdiction(restart_graph), None, None)
    assert [_kind(m.key) for m in meetings] == [g["kind"] for g in GOLD["meetings"]]
    for meeting, gold in zip(meetings, GOLD["meetings"], strict=True):
        assert [(a.ordinal, a.number) for a in meeting.articles] == [(a["ordinal"], a["number"]) for a in gold["articles"]]
        assert meeting.frequency is not None and meeting.quorum_source is not None
        _cites(meeting.frequency.source.article, meeting.frequency.source.evidence, gold["frequency"])
        _cites(meeting.quorum_source.article, meeting.quorum_source.evidence, gold["quorum"])
        for slot in ("members", "conveners", "chairs"):
            rows = getattr(meeting, slot)
            assert [_kind(p.entity.key) for p in rows] == [p["actor"] for p in gold[slot]]
            for row, want in zip(rows, gold[slot], strict=True):
                _cites(row.article, row.evidence, want)
        assert [(_kind(s.role.key), s.article.ordinal, s.article.number) for s in meeting.minutes_signers] == \
            [(s["actor"], s["ordinal"], s["number"]) for s in gold["minutes_signers"]]


def test_each_reporting_line_cites_its_one_article(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    lines = restart_store.reporting_lines(_jurisdiction(restart_graph), None, None, None)
    assert len(lines) == _count(restart_graph, "REPORTS_TO") == len(GOLD["reporting"])
    for line, gold in zip(lines, GOLD["reporting"], strict=True):
        assert (_kind(line.source.key), _kind(line.target.key)) == (gold["source"], gold["target"])
        _cites(line.article, line.evidence, gold)


def test_each_obligation_cites_its_one_article(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    page = restart_store.obligations(_jurisdiction(restart_graph), None, None, None, None, 0, 100)
    assert page.total == len(page.rows) == len(GOLD["obligations"])
    for row, gold in zip(page.rows, GOLD["obligations"], strict=True):
        assert row.bearer is not None and _kind(row.bearer.key) == gold["bearer"]
        _cites(row.article, row.evidence, gold)


def test_the_government_cites_its_principles_and_members(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    gov = restart_store.government(_jurisdiction(restart_graph), None)
    assert gov is not None and gov.principles is not None
    _cites(gov.principles.article, gov.principles.evidence, GOLD["government"]["principles"])
    members = [link for link in gov.links if link.relation == "member"]
    assert len(members) == _count(restart_graph, "IN_GOVERNMENT") > 0
    for link in members:
        _cites(link.article, link.evidence, GOLD["government"]["members"])
    basis = restart_store.basis(restart_graph.document)
    assert [c.instrument.title for c in basis] == [b["title"] for b in GOLD["basis"]]
    for row, gold in zip(basis, GOLD["basis"], strict=True):
        _cites(row.article, row.evidence, gold)
        cited = restart_store.instrument(row.instrument.key)
        mine = [c for c in cited.cited_by if c.document.key == restart_graph.document]
        assert [(c.article.ordinal, c.article.number) for c in mine] == [(gold["ordinal"], gold["number"])]


def test_a_provision_is_asked_by_ordinal(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    doc = restart_graph.document
    for number, ordinals in GOLD["numbers"].items():
        for ordinal in ordinals:
            provision = restart_store.article(doc, ordinal=ordinal)
            assert provision is not None and (provision.article.ordinal, provision.article.number) == (ordinal, number)
            # its facts are exactly those whose evidence lies in it
            assert all(f.evidence is not None and f.evidence.text in provision.article.raw_text for f in provision.facts)
            assert restart_store.article(doc, number, ordinal=ordinal) == provision
    signing = restart_store.article(doc, ordinal=GOLD["signing"][0]["ordinal"])
    assert {f.type for f in signing.facts} == {"SIGNS", "STATED_IN"}
    assert restart_store.article(doc, 2, ordinal=4) is None  # the fourth article is printed 第一条
    assert restart_store.article(doc, ordinal=11) is None


def test_a_printed_number_that_names_several_articles_is_refused(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(AmbiguousArticle, match=r"第3条 .*ordinals 3, 6, 9"):
        restart_store.article(restart_graph.document, 3)
    with pytest.raises(ValueError, match="number or an ordinal"):
        restart_store.article(restart_graph.document)


def test_the_stored_graph_and_its_export_keep_each_citation(restart_store, restart_graph) -> None:  # type: ignore[no-untyped-def]
    """What `govgraph export` reads back from either store is the graph as loaded, and each
    exported citation names the article its evidence lies in (found by key, not by number)."""
    (stored,) = [g for g in restart_store.graphs() if g.document == restart_graph.document]
    assert export.to_jsonl([stored]) == export.to_jsonl([restart_graph])
    assert list(export.to_cypher([stored])) == list(export.to_cypher([restart_graph]))
    articles = {n.key: n.props for n in restart_graph.nodes if n.label == "Article"}
    cited = [f["citation"] for f in export.facts(stored) if f["citation"] is not None]
    assert len(cited) == sum(1 for r in restart_graph.relationships if r.type in export.FACT_TYPES) + \
        sum(1 for n in restart_graph.nodes if n.label == "Obligation")
    for citation in cited:
        (article,) = [a for a in articles.values() if a["start"] <= citation["start"] < citation["end"] <= a["end"]]
        assert (citation["article"], citation["articleLabel"]) == (article["number"], article["label"])


def test_the_bulk_import_carries_every_article_key(restart_graph, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """neo4j-admin import files: every citing row keeps its articleKey, and it names an Article row."""
    write_import_csv(bulk_graph([restart_graph]), tmp_path)
    with (tmp_path / "nodes_Article.csv").open(encoding="utf-8", newline="") as handle:
        article_ids = {row["key:ID"] for row in csv.DictReader(handle)}
    citing = 0
    for path in tmp_path.glob("*.csv"):
        with path.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                number = next((v for k, v in row.items() if k.split(":")[0] == "article"), "")
                if number:
                    key = next(v for k, v in row.items() if k.split(":")[0] == "articleKey")
                    assert key in article_ids, (path.name, row)
                    citing += 1
    cites = [*restart_graph.relationships, *restart_graph.nodes]
    assert citing == sum(1 for x in cites if x.props.get("article") is not None)
