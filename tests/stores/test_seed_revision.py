"""A revised version of a seed supersedes it: the current answers come from the revision,
the old answers stay reachable by document, in both stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.pipeline import IngestResult, ingest_bytes, ingest_path
from stores.memory import MemoryStore

SEED = next((Path(__file__).resolve().parents[2] / "corpus").glob("001_*.txt"))
OLD_SIGNER = "以区政府办公室名义制发的公文,由区政府办公室主任签发"
NEW_SIGNER = "以区政府办公室名义制发的公文,由区政府秘书长签发"


def revision(seed: IngestResult) -> IngestResult:
    """The seed as its government would revise it: a later year, a new signer for office documents."""
    text = seed.tree.raw.text
    assert OLD_SIGNER in text and "2024-04-02" in text
    revised = text.replace(OLD_SIGNER, NEW_SIGNER).replace("东政发〔2024〕2号", "东政发〔2026〕9号")
    for old, new in (("2024-04-02", "2026-05-06"), ("2024年4月2日", "2026年5月6日"), ("2024年3月25日", "2026年4月28日")):
        revised = revised.replace(old, new)
    return ingest_bytes(revised.encode("utf-8"), "revised_" + SEED.name)


def office_signers(store, jurisdiction: str, document: str | None) -> set[str]:  # type: ignore[no-untyped-def]
    rows = store.signatories(jurisdiction, "government_office", None, None, document)
    return {r.role.name for r in rows if r.action == "SIGN" and r.condition is None}


def check_supersedes(store, old: IngestResult, new: IngestResult) -> None:  # type: ignore[no-untyped-def]
    jurisdiction = next(n.key for n in old.graph.nodes if n.label == "Jurisdiction")
    docs = {d.key: d for d in store.documents(jurisdiction)}
    assert docs[new.graph.document].current and docs[new.graph.document].status == "effective"
    assert not docs[old.graph.document].current and docs[old.graph.document].status == "superseded"
    assert office_signers(store, jurisdiction, None) == {"区政府秘书长"}
    assert office_signers(store, jurisdiction, new.graph.document) == {"区政府秘书长"}
    assert office_signers(store, jurisdiction, old.graph.document) == {"区政府办公室主任"}
    # deleting the revision makes the seed current again
    assert store.delete(new.graph.document)
    docs = {d.key: d for d in store.documents(jurisdiction)}
    assert docs[old.graph.document].current and new.graph.document not in docs
    assert office_signers(store, jurisdiction, None) == {"区政府办公室主任"}


def test_revision_supersedes_the_seed_in_the_embedded_store() -> None:
    old = ingest_path(SEED)
    new = revision(old)
    store = MemoryStore()
    store.load(old.graph)
    store.load(new.graph)
    check_supersedes(store, old, new)


@pytest.mark.neo4j
def test_revision_supersedes_the_seed_in_neo4j(loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    old = ingest_path(SEED)
    new = revision(old)
    loaded_neo4j.load(new.graph)
    with loaded_neo4j._driver.session() as session:
        edge = session.run("MATCH (:RuleDocument {key: $new})-[r:SUPERSEDES]->(:RuleDocument {key: $old}) "
                           "RETURN count(r) AS n", new=new.graph.document, old=old.graph.document).single()["n"]
    assert edge == 1
    check_supersedes(loaded_neo4j, old, new)
