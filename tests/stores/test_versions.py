"""Versions: a newer rules document supersedes the older one without erasing it; a draft
does not displace the rules in force; deleting the newest version restores the previous one.
The rule is a table test of ``resolve_versions``; the behaviour runs against both stores."""

from __future__ import annotations

import pytest

from schema.rows import DocumentRef, Page
from stores.memory import MemoryStore
from stores.versions import Version, resolve_versions

from .documents import JURISDICTION, rules_document


def _doc(key: str, issued: str | None, status: str = "effective", adopted: str | None = None) -> dict:
    return {"key": key, "issued": issued, "adopted": adopted, "status": status}


E, D, S = "effective", "draft", "superseded"

VERSION_CASES = {
    "one effective document is current": (
        [_doc("a", "2020-01-01")],
        {"a": Version(E, True, None)},
    ),
    "a newer effective document supersedes the older one": (
        [_doc("a", "2018-05-01"), _doc("b", "2024-04-02")],
        {"a": Version(S, False, "b"), "b": Version(E, True, None)},
    ),
    "loading order does not matter, dates do": (
        [_doc("b", "2024-04-02"), _doc("a", "2018-05-01")],
        {"a": Version(S, False, "b"), "b": Version(E, True, None)},
    ),
    "a newer draft leaves the effective rules current": (
        [_doc("a", "2020-01-01"), _doc("b", "2025-01-01", D)],
        {"a": Version(E, True, None), "b": Version(D, False, None)},
    ),
    "an effective document supersedes the draft before it": (
        [_doc("a", "2024-01-01", D), _doc("b", "2024-06-01")],
        {"a": Version(S, False, "b"), "b": Version(E, True, None)},
    ),
    "a revised draft supersedes the earlier draft; the newest draft is current when nothing is in force": (
        [_doc("a", "2024-01-01", D), _doc("b", "2024-03-01", D)],
        {"a": Version(S, False, "b"), "b": Version(D, True, None)},
    ),
    "the adopted rules supersede both the old rules and the draft between them": (
        [_doc("a", "2018-01-01"), _doc("b", "2023-01-01", D), _doc("c", "2023-09-01")],
        {"a": Version(S, False, "c"), "b": Version(S, False, "c"), "c": Version(E, True, None)},
    ),
    "the adoption date stands in for a missing issue date": (
        [_doc("a", None, adopted="2023-06-07"), _doc("b", "2022-01-12")],
        {"a": Version(E, True, None), "b": Version(S, False, "a")},
    ),
    "an undated document counts as the oldest": (
        [_doc("a", None), _doc("b", "2001-01-01")],
        {"a": Version(S, False, "b"), "b": Version(E, True, None)},
    ),
    "the key breaks a tie of dates": (
        [_doc("b", "2020-01-01"), _doc("a", "2020-01-01")],
        {"a": Version(S, False, "b"), "b": Version(E, True, None)},
    ),
}


@pytest.mark.parametrize("docs, expected", VERSION_CASES.values(), ids=VERSION_CASES.keys())
def test_version_rule(docs: list[dict], expected: dict[str, Version]) -> None:
    assert resolve_versions(docs) == expected


# -- behaviour, against both stores -------------------------------------------------------

OLD = rules_document(2030)
NEW = rules_document(2032, revised=True)  # one more obligation than OLD
DRAFT = rules_document(2033, draft=True)


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def each_store(request):  # type: ignore[no-untyped-def]
    """An empty MemoryStore, or the corpus-loaded Neo4j test database (the fictional
    jurisdiction of these tests is removed again afterwards)."""
    if request.param == "memory":
        yield MemoryStore()
        return
    neo4j = request.getfixturevalue("loaded_neo4j")
    yield neo4j
    for doc in neo4j.documents(JURISDICTION):
        neo4j.delete(doc.key)


def _plus(a: dict[str, int], b: dict[str, int]) -> dict[str, int]:
    return {k: a.get(k, 0) + b.get(k, 0) for k in a.keys() | b.keys()}


def _states(store) -> dict[str, tuple]:  # type: ignore[no-untyped-def]
    return {d.key: (d.status, d.current, list(d.supersedes), list(d.superseded_by))
            for d in store.documents(JURISDICTION)}


def _obligation_docs(store, document: str | None = None) -> tuple[int, set[str]]:  # type: ignore[no-untyped-def]
    page = store.obligations(JURISDICTION, None, None, None, document, 0, 100)
    return page.total, {r.article.document.key for r in page.rows}


def test_newer_version_supersedes_and_keeps_the_old_facts(each_store) -> None:  # type: ignore[no-untyped-def]
    each_store.load(OLD)
    assert _obligation_docs(each_store) == (2, {OLD.document})
    nodes_before, rels_before = each_store.counts()
    each_store.load(NEW)
    assert _states(each_store) == {
        NEW.document: ("effective", True, [OLD.document], []),
        OLD.document: ("superseded", False, [], [NEW.document]),
    }
    # Default answers come from the new version; the old one answers when asked.
    assert _obligation_docs(each_store) == (3, {NEW.document})
    assert _obligation_docs(each_store, OLD.document) == (2, {OLD.document})
    meeting_docs = {m.key.split(":")[0] for m in each_store.meetings(JURISDICTION, "executive", None)}
    assert meeting_docs == {NEW.document}
    old_meeting = each_store.meetings(JURISDICTION, "executive", OLD.document)
    assert [m.articles[0].document for m in old_meeting] == [
        DocumentRef(key=OLD.document, title="北京市朝阳区人民政府工作规则", status="superseded",
                    jurisdiction="北京市朝阳区", source_url=None)]
    lines = each_store.reporting_lines(JURISDICTION, "audit_bureau", "government", None)
    assert [line.article.document.key for line in lines] == [NEW.document]
    signers = each_store.signatories(JURISDICTION, "executive", "minutes", None, None)
    assert [(s.role.key, s.article.document.key) for s in signers] == [("head", NEW.document)]
    # Nothing of the old version was deleted: the counts grew by the new version's graph
    # (sharing the Jurisdiction node) and one SUPERSEDES edge.
    new_nodes, new_rels = NEW.counts()
    assert each_store.counts() == (_plus(nodes_before, new_nodes | {"Jurisdiction": 0}),
                              _plus(rels_before, new_rels | {"SUPERSEDES": 1}))


def test_search_and_compare_answer_from_the_current_version(each_store) -> None:  # type: ignore[no-untyped-def]
    each_store.load(OLD)
    each_store.load(NEW)
    page = each_store.search("通报督办情况", JURISDICTION, 0, 10)  # only the revision says this
    assert (page.total, [h.article.document.key for h in page.rows]) == (1, [NEW.document])
    page = each_store.search("常务会议", JURISDICTION, 0, 10)
    assert page.total == 2 and {h.article.document.key for h in page.rows} == {NEW.document}
    compared = {row.place.key: row for row in each_store.compare("executive", "minutes")}
    assert compared[JURISDICTION].document.key == NEW.document
    assert [s.role.key for s in compared[JURISDICTION].steps] == ["head"]


def test_a_draft_does_not_displace_the_rules_in_force(each_store) -> None:  # type: ignore[no-untyped-def]
    each_store.load(OLD)
    each_store.load(NEW)
    each_store.load(DRAFT)
    assert _states(each_store) == {
        DRAFT.document: ("draft", False, [], []),
        NEW.document: ("effective", True, [OLD.document], []),
        OLD.document: ("superseded", False, [], [NEW.document]),
    }
    assert _obligation_docs(each_store) == (3, {NEW.document})
    assert _obligation_docs(each_store, DRAFT.document) == (2, {DRAFT.document})
    jur = next(j for j in each_store.jurisdictions() if j.place.key == JURISDICTION)
    assert [(d.key, d.status, d.current) for d in jur.documents] == [
        (DRAFT.document, "draft", False), (NEW.document, "effective", True), (OLD.document, "superseded", False)]


def test_deleting_the_current_version_restores_the_previous_one(each_store) -> None:  # type: ignore[no-untyped-def]
    each_store.load(NEW)
    each_store.load(OLD)  # loaded last, still older
    each_store.load(DRAFT)
    assert each_store.delete(NEW.document) is True
    assert _states(each_store) == {
        DRAFT.document: ("draft", False, [], []),
        OLD.document: ("effective", True, [], []),
    }
    assert _obligation_docs(each_store) == (2, {OLD.document})
    assert each_store.delete(NEW.document) is False
    assert each_store.delete(OLD.document) is True
    # Nothing in force: the draft is all there is, so it answers.
    assert _states(each_store) == {DRAFT.document: ("draft", True, [], [])}
    assert each_store.delete(DRAFT.document) is True
    assert JURISDICTION not in {j.place.key for j in each_store.jurisdictions()}
    assert each_store.documents(JURISDICTION) == []
    assert each_store.obligations(JURISDICTION, None, None, None, None, 0, 10) == Page(total=0, rows=())


def test_reloading_an_old_version_changes_nothing(each_store) -> None:  # type: ignore[no-untyped-def]
    each_store.load(OLD)
    each_store.load(NEW)
    before = (_states(each_store), each_store.counts())
    each_store.load(OLD)
    each_store.load(NEW)
    assert (_states(each_store), each_store.counts()) == before
