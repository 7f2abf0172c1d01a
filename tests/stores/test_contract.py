"""The contract: every store method, with realistic parameters, answers the same in both
stores (the five corpus documents plus three versions of a fictional jurisdiction, so
current, superseded and draft documents are all asked about).

Parameters come from the graphs themselves: every issuer, genre and recipient of a document
type, every meeting, every entity that reports or bears an obligation, every article.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from ingest.pipeline import ingest_path
from schema.model import Graph
from stores.memory import MemoryStore

from .documents import JURISDICTION, SOURCE_URL, rules_document

pytestmark = pytest.mark.neo4j

VERSIONS = [rules_document(2030), rules_document(2032, revised=True, source_url=SOURCE_URL),
            rules_document(2033, draft=True)]
#: Documents written for the government facts (a county, a city in traditional script, a zone whose
#: head is the 管委会主任): they share instruments with each other and with the corpus.
GOVERNMENT_DOCS = sorted((Path(__file__).resolve().parents[1] / "data" / "docs").glob("**/government_*.txt"))
SEARCH_TEXTS = ["常务会议", "区长", "会", "签发", "报告", "应当", "工作日", "1", "（一）", "Government", "", "不存在的词语"]
PAGES = [(0, 100), (0, 3), (2, 5), (1000, 10), (0, 0)]


@pytest.fixture(scope="module")
def stores(corpus_graphs, loaded_neo4j) -> Iterator[tuple[MemoryStore, Any, list[Graph]]]:  # type: ignore[no-untyped-def]
    extra = [*VERSIONS, *(ingest_path(p).graph for p in GOVERNMENT_DOCS)]
    graphs = [*corpus_graphs, *extra]
    memory = MemoryStore()
    for graph in graphs:
        memory.load(graph)
    for graph in extra:
        loaded_neo4j.load(graph)
    yield memory, loaded_neo4j, graphs
    for graph in extra:
        loaded_neo4j.delete(graph.document)


def _diff(memory: MemoryStore, neo4j: Any, calls: list[tuple[str, tuple]]) -> list[str]:
    """Run every call on both stores; describe each one whose answers differ."""
    out = []
    for method, args in calls:
        mine, theirs = getattr(memory, method)(*args), getattr(neo4j, method)(*args)
        if mine != theirs:
            out.append(f"{method}{args}:\n memory {mine!r:.600}\n neo4j  {theirs!r:.600}")
    return out


def _values(graphs: list[Graph], label: str, prop: str) -> list[Any]:
    found = {v for g in graphs for n in g.nodes if n.label == label if (v := n.props.get(prop)) is not None}
    return sorted(found)


def _jurisdiction_docs(graphs: list[Graph]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for g in graphs:
        for r in g.relationships:
            if r.type == "HAS_RULES":
                out.setdefault(r.start, []).append(r.end)
    return out


def _check(stores, make_calls: Callable[[list[Graph]], list[tuple[str, tuple]]]) -> int:  # type: ignore[no-untyped-def]
    memory, neo4j, graphs = stores
    calls = make_calls(graphs)
    assert calls
    mismatches = _diff(memory, neo4j, calls)
    assert not mismatches, f"{len(mismatches)} of {len(calls)} calls differ:\n" + "\n".join(mismatches[:5])
    return len(calls)


def test_counts_jurisdictions_documents(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        jurs = [*_jurisdiction_docs(graphs), None, "jur:不存在"]
        return [("counts", ()), ("jurisdictions", ()), *[("documents", (j,)) for j in jurs]]

    _check(stores, calls)
    memory, _, _ = stores
    assert len(memory.documents(JURISDICTION)) == 3


def test_signatories(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        out = []
        for jur, docs in _jurisdiction_docs(graphs).items():
            own = [g for g in graphs if g.document in docs]
            types = [n.props for g in own for n in g.nodes if n.label == "DocumentType"]
            for doc in [None, *docs]:
                for issuer in sorted({t["issuerKey"] for t in types}):
                    genres = sorted({genre for t in types if t["issuerKey"] == issuer for genre in t["genres"]})
                    recipients = sorted({t["recipientKey"] for t in types if t["issuerKey"] == issuer} - {None})
                    out += [("signatories", (jur, issuer, genre, None, doc)) for genre in [None, *genres, "no_genre"]]
                    out += [("signatories", (jur, issuer, None, r, doc)) for r in [*recipients, "no_recipient"]]
                out.append(("signatories", (jur, "no_issuer", None, None, doc)))
        return out

    _check(stores, calls)


def test_meetings(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        out = []
        for jur, docs in _jurisdiction_docs(graphs).items():
            kinds = _values([g for g in graphs if g.document in docs], "Meeting", "kind")
            out += [("meetings", (jur, kind, doc)) for doc in [None, *docs] for kind in [None, *kinds, "no_meeting"]]
        return out

    _check(stores, calls)


def test_reporting_lines(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        nodes = {n.key: n for g in graphs for n in g.nodes}
        out = []
        for jur, docs in _jurisdiction_docs(graphs).items():
            pairs = {(nodes[r.start].props["kind"], nodes[r.end].props["kind"])
                     for g in graphs if g.document in docs for r in g.relationships if r.type == "REPORTS_TO"}
            filters = [(None, None), *sorted({(s, None) for s, _ in pairs}), *sorted({(None, t) for _, t in pairs}),
                       *sorted(pairs)[:10], ("no_source", None)]
            out += [("reporting_lines", (jur, source, target, doc)) for doc in [None, *docs] for source, target in filters]
        return out

    _check(stores, calls)


def test_obligations(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        out = []
        for jur, docs in _jurisdiction_docs(graphs).items():
            bearers = _values([g for g in graphs if g.document in docs], "Obligation", "bearerKey")
            for doc in [None, *docs]:
                out += [("obligations", (jur, None, None, None, doc, skip, limit)) for skip, limit in PAGES]
                out += [("obligations", (jur, bearer, None, None, doc, 0, 20)) for bearer in bearers]
                out += [("obligations", (jur, None, modality, deadline, doc, 1, 10))
                        for modality in (None, "MUST", "MUST_NOT", "MAY") for deadline in (None, True, False)]
        return out

    _check(stores, calls)


def test_search(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        # Besides the fixed terms, a few spans cut from real articles (any characters).
        cut = [n.props["cleanText"][i : i + size] for g in graphs for n in g.nodes
               if n.label == "Article" and n.props["number"] in (3, 11) for i, size in ((4, 2), (9, 5))]
        texts = [*SEARCH_TEXTS, *cut]
        jurs = [None, *_jurisdiction_docs(graphs)]
        by_document = [("search", (text, None, 0, 10, g.document)) for text in SEARCH_TEXTS for g in graphs]
        return [("search", (text, jur, skip, limit)) for text in texts for jur in jurs for skip, limit in PAGES[:3]] \
            + by_document + [("search", ("签发", None, 0, 10, "no-such-document"))]

    _check(stores, calls)
    memory, _, graphs = stores
    assert memory.search("常务会议", None, 0, 10).total > 10
    current = {d.key for j in memory.jurisdictions() for d in j.documents if d.current}
    older = [g.document for g in graphs if g.document not in current]
    assert older  # the fixture holds superseded versions: they are searchable by key, and only they answer
    for doc in older:
        page = memory.search("会议", None, 0, 50, doc)
        assert page.total > 0 and {r.article.document.key for r in page.rows} == {doc}


def test_compare(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        genres = sorted({genre for g in graphs for n in g.nodes if n.label == "DocumentType" for genre in n.props["genres"]})
        return [("compare", (issuer, genre))
                for issuer in [*_values(graphs, "DocumentType", "issuerKey"), "no_such_issuer"]
                for genre in [None, *genres]]

    _check(stores, calls)


def test_article(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        out = [("article", (n.props["doc"], n.props["number"])) for g in graphs for n in g.nodes if n.label == "Article"]
        return [*out, ("article", (graphs[0].document, 0)), ("article", (graphs[0].document, 100000)),
                ("article", ("doc-0000000000000000", 1))]

    count = _check(stores, calls)
    memory, _, graphs = stores
    assert count == sum(1 for g in graphs for n in g.nodes if n.label == "Article") + 3
    # A provision's facts are real: the fictional meeting article holds its whole meeting.
    provision = memory.article(VERSIONS[1].document, 2)
    assert provision is not None
    assert {f.type for f in provision.facts} == {"MEMBER_OF", "CONVENES", "CHAIRS", "ATTENDS", "STATED_IN"}


def test_both_refuse_negative_pages(stores) -> None:  # type: ignore[no-untyped-def]
    for store in stores[:2]:
        with pytest.raises(ValueError, match="skip and limit"):
            store.obligations(JURISDICTION, None, None, None, None, -1, 10)
        with pytest.raises(ValueError, match="skip and limit"):
            store.search("区长", None, 0, -1)


def test_source_url_and_level_come_back_from_both_stores(stores) -> None:  # type: ignore[no-untyped-def]
    """The URL a user gave is on the document and on every citation of its articles; the level is
    on the jurisdiction."""
    revised = VERSIONS[1].document
    for store in stores[:2]:
        docs = {d.key: d for d in store.documents(JURISDICTION)}
        assert docs[revised].source_url == SOURCE_URL
        assert {d.source_url for k, d in docs.items() if k != revised} == {None}
        listed = next(j for j in store.jurisdictions() if j.place.key == JURISDICTION)
        assert listed.place.level == "district"
        assert {d.key: d.source_url for d in listed.documents}[revised] == SOURCE_URL
        assert store.article(revised, 2).article.document.source_url == SOURCE_URL
        rows = store.search("常务会议", None, 0, 50, revised).rows
        assert rows and {r.article.document.source_url for r in rows} == {SOURCE_URL}


def test_signing_rules_and_articles(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        keys = [*(g.document for g in graphs), "doc-0000000000000000"]
        return [(method, (key,)) for key in keys for method in ("signing_rules", "articles")]

    _check(stores, calls)
    memory, _, graphs = stores
    for graph in graphs:
        steps = memory.signing_rules(graph.document)
        relationships = sum(1 for r in graph.relationships if r.type in ("SIGNS", "APPROVES", "REVIEWS", "COUNTERSIGNS"))
        assert len(steps) == relationships
        assert all(s.document_type.issuer_key for s in steps)
        articles = memory.articles(graph.document)
        assert [a.number for a in articles] == list(range(1, len(articles) + 1))
        assert len(articles) == sum(1 for n in graph.nodes if n.label == "Article")


def test_government(stores) -> None:  # type: ignore[no-untyped-def]
    def calls(graphs: list[Graph]) -> list[tuple[str, tuple]]:
        out: list[tuple[str, tuple]] = []
        for jur, docs in _jurisdiction_docs(graphs).items():
            out += [("government", (jur, doc)) for doc in [None, *docs, "doc-0000000000000000"]]
        out += [("basis", (g.document,)) for g in graphs] + [("basis", ("doc-0000000000000000",))]
        keys = _values(graphs, "Instrument", "key")
        return out + [("instrument", (key,)) for key in [*keys, "instrument:不存在的规则"]]

    _check(stores, calls)
    memory = stores[0]
    # Instruments are shared: the State Council's rules are cited by several documents.
    cited = memory.instrument("instrument:国务院工作规则")
    assert cited is not None and len({c.document.key for c in cited.cited_by}) >= 3
    relations = {link.relation for j in memory.jurisdictions()
                 for government in [memory.government(j.place.key, None)] if government for link in government.links}
    assert relations == {"member", "head", "acting", "assists", "leadership", "accountable"}


def test_instrument_dropped_with_its_last_document(stores) -> None:  # type: ignore[no-untyped-def]
    memory, neo4j, graphs = stores
    only_ours = "instrument:云川省人民政府工作规则"  # cited by the government documents only
    ours = [g for g in graphs if any(n.key == only_ours for n in g.nodes)]
    assert len(ours) == 3 and neo4j.instrument(only_ours) is not None
    try:
        for graph in ours:
            for store in (memory, neo4j):
                store.delete(graph.document)
        assert memory.instrument(only_ours) is None and neo4j.instrument(only_ours) is None
        assert neo4j.instrument("instrument:国务院工作规则") == memory.instrument("instrument:国务院工作规则") is not None
    finally:
        for graph in ours:
            for store in (memory, neo4j):
                store.load(graph)
