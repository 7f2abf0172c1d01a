"""Diff of versions, golden on tests/data/docs/revised_dongcheng.txt: the 东城 seed (corpus/001_*)
revised for the tests — office documents now signed by the 秘书长 instead of the office's director,
the executive meeting every two weeks instead of every week, the audit bureau's line to the
government removed, the inspection office's line to the office added, and a new fourth article
that renumbers every later one. Exactly those four changes, with both citations, from both stores."""

from __future__ import annotations

import re
from typing import Any

import pytest

from govgraph.review.diff import DiffReport, diff_documents, revision_summaries
from ingest.pipeline import ingest_bytes, ingest_path
from stores.memory import MemoryStore
from tests.conftest import CORPUS, ROOT

SEED = next(CORPUS.glob("001_*.txt"))
REVISED = ROOT / "tests" / "data" / "docs" / "revised_dongcheng.txt"

#: (change, kind, key) -> (old value, new value, old articles, new articles, a phrase of the new or old evidence)
EXPECTED = {
    ("changed", "signing", ("government_office", "", "", "SIGN", "")):
        ("区政府办公室主任", "区政府秘书长", (55,), (56,), "由区政府秘书长签发"),
    ("changed", "meeting.frequency", ("executive",)):
        ("原则上每周召开1次", "原则上每两周召开1次", (47,), (48,), "每两周召开1次"),
    ("added", "reporting", ("inspection_office", "government_office")):
        (None, "报告督查工作情况", (), (71,), "区政府督查室应当定期向区政府办公室报告督查工作情况"),
    ("removed", "reporting", ("audit_bureau", "government")):
        ("对区政府负责", None, (7,), (), "区审计局依照法律规定独立行使审计监督权,对区政府负责"),
}


def check_report(report: DiffReport, old_text: str, new_text: str) -> None:
    got = {(c.change, c.kind, c.key): c for c in report.changes}
    assert set(got) == set(EXPECTED), report.changes
    for match, (old, new, old_articles, new_articles, phrase) in EXPECTED.items():
        c = got[match]
        assert (c.old, c.new) == (old, new)
        assert tuple(x.number for x in c.old_citations) == old_articles
        assert tuple(x.number for x in c.new_citations) == new_articles
        assert any(phrase in x.text for x in (*c.old_citations, *c.new_citations))
        for x in c.old_citations:
            assert x.start is not None and old_text[x.start : x.end] == x.text  # the exact span of the old file
        for x in c.new_citations:
            assert x.start is not None and new_text[x.start : x.end] == x.text
    # every other fact says the same, and the renumbering moved nearly all of them
    assert report.unchanged > 60 and report.renumbered >= report.unchanged - 5
    assert report.old.doc_number == "东政发〔2024〕2号" and report.new.doc_number == "东政发〔2026〕9号"


@pytest.fixture(scope="module")
def versions() -> tuple[Any, Any]:
    return ingest_path(SEED), ingest_path(REVISED)


def test_the_revision_is_well_formed(versions) -> None:  # type: ignore[no-untyped-def]
    old, new = versions
    assert len(new.tree.articles) == len(old.tree.articles) + 1 and not new.tree.warnings
    assert [a.declared for a in new.tree.articles] == list(range(1, len(new.tree.articles) + 1))


def test_diff_of_the_revised_seed_in_the_embedded_store(versions) -> None:  # type: ignore[no-untyped-def]
    old, new = versions
    store = MemoryStore()
    store.load(old.graph)
    store.load(new.graph)
    check_report(diff_documents(store, old.graph.document, store, new.graph.document), old.tree.raw.text,
                 new.tree.raw.text)
    summary = revision_summaries(store, [old.graph.document, new.graph.document])
    assert summary[0] == "北京市东城区: " + "东政发〔2026〕9号 against 东政发〔2024〕2号: 2 changed, 1 added, 1 removed " \
        f"({summary[0].split('(')[1]}"
    assert len(summary) == 5 and "区政府办公室主任 -> 区政府秘书长 (article 55 -> 56)" in summary[2]


def test_the_same_document_has_no_change(versions) -> None:  # type: ignore[no-untyped-def]
    old, _ = versions
    store = MemoryStore()
    store.load(old.graph)
    report = diff_documents(store, old.graph.document, store, old.graph.document)
    assert report.changes == () and report.renumbered == 0 and report.unchanged > 60


def test_two_files_in_stores_of_their_own(versions) -> None:  # type: ignore[no-untyped-def]
    old, new = versions
    first, second = MemoryStore(), MemoryStore()
    first.load(old.graph)
    second.load(new.graph)
    check_report(diff_documents(first, old.graph.document, second, new.graph.document), old.tree.raw.text,
                 new.tree.raw.text)


@pytest.mark.neo4j
def test_diff_of_the_revised_seed_in_neo4j(loaded_neo4j, versions) -> None:  # type: ignore[no-untyped-def]
    old, new = versions
    loaded_neo4j.load(new.graph)
    try:
        report = diff_documents(loaded_neo4j, old.graph.document, loaded_neo4j, new.graph.document)
        check_report(report, old.tree.raw.text, new.tree.raw.text)
        memory = MemoryStore()
        memory.load(old.graph)
        memory.load(new.graph)
        assert report == diff_documents(memory, old.graph.document, memory, new.graph.document)
        assert revision_summaries(loaded_neo4j, [new.graph.document]) == revision_summaries(memory, [new.graph.document])
    finally:
        loaded_neo4j.delete(new.graph.document)


def test_a_diff_read_backwards_is_its_mirror(memory_store, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    """Between any two documents (here: different governments, so most facts differ), what one
    adds the other removes, a change is the same change reversed, and nothing is counted twice."""
    keys = [g.document for g in corpus_graphs]
    flip = {"added": "removed", "removed": "added", "changed": "changed"}
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            forward = diff_documents(memory_store, a, memory_store, b)
            backward = diff_documents(memory_store, b, memory_store, a)
            assert forward.unchanged == backward.unchanged and forward.renumbered == backward.renumbered
            mirrored = {(flip[c.change], c.kind, c.key, c.new, c.old, c.new_citations, c.old_citations)
                        for c in forward.changes}
            assert mirrored == {(c.change, c.kind, c.key, c.old, c.new, c.old_citations, c.new_citations)
                                for c in backward.changes}
            assert len({(c.kind, c.key) for c in forward.changes}) == len(forward.changes)


def test_a_newer_draft_is_summarized_against_the_rules_in_force(versions) -> None:  # type: ignore[no-untyped-def]
    """A 征求意见稿 supersedes nothing until adopted; what it would change is still worth a line."""
    old, new = versions
    text = new.tree.raw.text.replace("北京市东城区人民政府工作规则\n\n第一章",
                                     "北京市东城区人民政府工作规则\n\n（征求意见稿）\n\n第一章", 1)
    draft = ingest_bytes(text.encode("utf-8"), "draft_" + REVISED.name)
    assert draft.tree.metadata.status == "draft"
    store = MemoryStore()
    store.load(old.graph)
    store.load(draft.graph)
    lines = revision_summaries(store, [draft.graph.document, old.graph.document])
    # every unchanged fact is renumbered: the revision inserts an article near the top
    assert re.search(r"2 changed, 1 added, 1 removed \((\d+) unchanged, \1 of them renumbered\) "
                     r"\(a draft, against the rules in force\)$", lines[0]), lines[0]
    assert len(lines) == 5
    older_draft = ingest_bytes(text.replace("2026", "2020").encode("utf-8"), "old_draft.txt")
    store.load(older_draft.graph)  # a draft older than the rules in force revises nothing
    assert revision_summaries(store, [older_draft.graph.document]) == []
