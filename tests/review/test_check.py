"""Check of a document against itself and its peers (the corpus), golden on documents written
for the tests: check_planted.txt (a county's rules with planted contradictions and omissions),
check_clean.txt (the same rules written to be clean) and the draft among the seeds."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from govgraph.review import rules as rules_module
from govgraph.review.check import CheckReport, check_document, check_view
from govgraph.review.facts import read_document
from govgraph.review.html import check_html
from govgraph.review.rules import check_rules, parse_rules
from govgraph.review.sources import open_source
from ingest.pipeline import ingest_path
from stores.memory import MemoryStore
from tests.conftest import CORPUS, ROOT

DOCS = ROOT / "tests" / "data" / "docs"
PLANTED = DOCS / "check_planted.txt"
CLEAN = DOCS / "check_clean.txt"
DRAFT = next(CORPUS.glob("002_*.txt"))  # the 征求意见稿 among the seeds

#: code -> articles: every contradiction and gap planted in check_planted.txt
PLANTED_FINDINGS = {
    "conflicting-default-signers": (8, 12),  # 办公室主任 (art. 8) and 秘书长 (art. 12) both sign office documents
    "reporting-cycle": (6, 11),  # the office reports to the head (6), the head to the office (11)
    "dangling-reference": (14,),  # 本规则第三十条: there are fifteen
    "meeting-no-chair": (5,),  # 县长碰头会议
    "meeting-no-frequency": (5, 7),  # 县政府专题会议
    "numbering-gap": (11, 12),  # 第十一条, then 第十三条
}
#: provisions every or most peers have, planted as omissions (the government's signer, its
#: reviewer, the executive meeting's quorum) -> how many of the five seeds have them
PLANTED_OMISSIONS = {
    ("signing", "government", "documents", "SIGN"): 5,
    ("signing", "government", "documents", "REVIEW"): 4,
    ("meeting.quorum", "executive"): 3,
}


def check_file(path: Path, peers: Any, min_share: float | None = None) -> CheckReport:
    return check_view(read_document(*open_source(str(path), peers)), peers, min_share)


def test_every_planted_finding_and_nothing_else(memory_store) -> None:  # type: ignore[no-untyped-def]
    report = check_file(PLANTED, memory_store)
    assert {f.code: f.articles for f in report.findings} == PLANTED_FINDINGS
    assert {f.provision: f.count for f in report.peer_findings} == PLANTED_OMISSIONS
    assert len(report.peers) == 5
    text = PLANTED.read_text(encoding="utf-8")
    for finding in report.findings:
        assert finding.severity in ("error", "warning") and "\n" not in finding.message
        for c in finding.citations:
            assert c.start is None or text[c.start : c.end] == c.text
    signers = next(f for f in report.findings if f.code == "conflicting-default-signers")
    assert "县政府办公室主任" in signers.message and "县政府秘书长" in signers.message
    reference = next(f for f in report.findings if f.code == "dangling-reference")
    assert reference.citations[0].text == "本规则第三十条"
    for omission in report.peer_findings:
        assert len(omission.examples) == 2 and omission.peers == 5
        assert re.match(rf"{omission.count} of 5 peer rules .+; this document does not$", omission.message)
        assert all(e.document in report.peers for e in omission.examples)


def test_numbering_and_references_planted_in_another_layout(memory_store) -> None:  # type: ignore[no-untyped-def]
    """check_planted_numbering.txt: articles numbered 一、二、, one number twice, one skipped, one
    backwards, and a reference to 第九条 of six; 《组织法》第七十三条 cites another act."""
    report = check_file(DOCS / "check_planted_numbering.txt", memory_store)
    assert [(f.code, f.articles) for f in report.findings] == [
        ("dangling-reference", (6,)), ("numbering-duplicate", (3, 4)), ("numbering-gap", (4, 5)),
        ("numbering-order", (5, 6))]
    assert report.findings[0].citations[0].text == "第九条"
    # a short document: it lacks what every peer has, the thematic meeting among them
    assert ("meeting", "thematic") in {f.provision for f in report.peer_findings}


def test_a_clean_document_has_no_finding(memory_store) -> None:  # type: ignore[no-untyped-def]
    report = check_file(CLEAN, memory_store)
    assert report.findings == () and report.peer_findings == () and report.clean
    assert len(report.peers) == 5


def test_the_draft_among_the_seeds(memory_store) -> None:  # type: ignore[no-untyped-def]
    key = ingest_path(DRAFT).graph.document
    report = check_document(memory_store, key)
    # its thematic meeting (art. 23) is convened and chaired, and nothing says how often it meets
    assert [(f.code, f.articles) for f in report.findings] == [("meeting-no-frequency", (23,))]
    missing = {f.provision for f in report.peer_findings}
    # no quorum for the executive meeting (three of the four others set one); the head reports to the party committee in all four
    assert ("meeting.quorum", "executive") in missing and ("reporting", "head", "party_committee") in missing
    assert len(report.peers) == 4 and all(f.count >= 0.6 * 4 for f in report.peer_findings)


def test_the_share_of_peers_is_configurable(memory_store) -> None:  # type: ignore[no-untyped-def]
    strict = check_file(PLANTED, memory_store, 1.0)
    assert {f.provision for f in strict.peer_findings} == {("signing", "government", "documents", "SIGN")}
    assert len(check_file(CLEAN, memory_store, 0.2).peer_findings) > 0  # rarer provisions show up
    with pytest.raises(ValueError, match="share"):
        check_file(CLEAN, memory_store, 0)


def test_no_peers_no_peer_findings() -> None:
    alone = MemoryStore()
    report = check_file(PLANTED, alone)
    assert report.peer_findings == () and set(f.code for f in report.findings) == set(PLANTED_FINDINGS)


def test_rules_refuse_unknown_keys() -> None:
    data = yaml.safe_load(rules_module.RULES_FILE.read_text("utf-8"))
    parse_rules(data)
    data["peers"]["min_sharee"] = 0.5
    with pytest.raises(ValueError, match="unknown keys"):
        parse_rules(data)
    assert set(check_rules().codes) == set(rules_module.CODES)
    data["peers"].pop("min_sharee")
    del data["codes"]["reporting-cycle"]
    with pytest.raises(ValueError, match="codes without an explanation: reporting-cycle"):
        parse_rules(data)


def test_the_html_page_is_self_contained_and_escaped(memory_store) -> None:  # type: ignore[no-untyped-def]
    report = check_file(PLANTED, memory_store)
    page = check_html(report)
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page
    assert not re.search(r'(src|href)="(https?:)?//', page)
    for code in (*PLANTED_FINDINGS, "missing-provision"):
        assert code in page
    assert "本规则第三十条" in page
    hostile = check_html(dataclasses.replace(report, document=dataclasses.replace(report.document,
                                                                                 title="<script>x</script>")))
    assert "<script" not in hostile and "&lt;script&gt;x&lt;/script&gt;" in hostile


@pytest.mark.neo4j
def test_both_stores_check_alike(memory_store, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    draft = ingest_path(DRAFT).graph.document
    assert check_document(loaded_neo4j, draft) == check_document(memory_store, draft)
    assert check_file(PLANTED, loaded_neo4j) == check_file(PLANTED, memory_store)
    planted = ingest_path(PLANTED)
    loaded_neo4j.load(planted.graph)
    try:  # stored, the planted document is checked the same, and is no peer of itself
        stored = check_document(loaded_neo4j, planted.graph.document)
        assert {f.code: f.articles for f in stored.findings} == PLANTED_FINDINGS
        assert {f.provision: f.count for f in stored.peer_findings} == PLANTED_OMISSIONS
    finally:
        loaded_neo4j.delete(planted.graph.document)
