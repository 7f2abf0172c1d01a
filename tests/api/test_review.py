"""diff and check through GraphQL, on both stores: the same reports as the review package."""

from __future__ import annotations

from typing import Any

import pytest

from ingest.pipeline import ingest_path
from tests.conftest import CORPUS, ROOT

from .conftest import data, execute

REVISED = ROOT / "tests" / "data" / "docs" / "revised_dongcheng.txt"
DIFF = """query($j: String!, $from: String, $to: String) {
  diff(jurisdiction: $j, from: $from, to: $to) {
    summary unchanged renumbered old { docNumber } new { docNumber status }
    changes { change kind key subject old new oldCitations { number label text start end }
              newCitations { number label text start end } }
  }
}"""
CHECK = """query($d: String!, $share: Float) {
  check(document: $d, minShare: $share) {
    document { title status } summary peers minShare html
    findings { code severity message articles citations { number text } }
    peerFindings { code message provision count peers examples { jurisdiction number text start end } }
  }
}"""


@pytest.fixture
def revised_store(store: Any) -> Any:
    """The store with the revised 东城 rules loaded (removed again afterwards)."""
    graph = ingest_path(REVISED).graph
    store.load(graph)
    yield store
    store.delete(graph.document)


def test_diff_defaults_to_the_current_version_and_the_one_it_supersedes(revised_store: Any) -> None:
    result = data(revised_store, DIFF, j="东城区")["diff"]
    assert result["old"]["docNumber"] == "东政发〔2024〕2号" and result["new"]["docNumber"] == "东政发〔2026〕9号"
    changes = {(c["change"], c["kind"]): c for c in result["changes"]}
    assert set(changes) == {("CHANGED", "signing"), ("CHANGED", "meeting.frequency"), ("ADDED", "reporting"),
                            ("REMOVED", "reporting")}
    signer = changes[("CHANGED", "signing")]
    assert (signer["old"], signer["new"]) == ("区政府办公室主任", "区政府秘书长")
    assert [c["number"] for c in signer["oldCitations"]] == [55] and [c["number"] for c in signer["newCitations"]] == [56]
    assert signer["newCitations"][0]["label"] == "五十六、"
    named = data(revised_store, DIFF, j="Dongcheng", **{"from": "东政发〔2024〕2号", "to": "东政发〔2026〕9号"})["diff"]
    assert named == result


def test_diff_of_a_version_that_supersedes_none_says_so(store: Any) -> None:
    result = execute(store, DIFF, j="东城区")
    assert result.errors and "supersedes no version" in result.errors[0].message


def test_check_of_the_draft(store: Any) -> None:
    key = ingest_path(next(CORPUS.glob("002_*.txt"))).graph.document
    result = data(store, CHECK, d=key)["check"]
    assert result["document"]["status"] == "draft" and len(result["peers"]) == 4 and result["minShare"] == 0.6
    assert [(f["code"], f["articles"]) for f in result["findings"]] == [("meeting-no-frequency", [23])]
    quorum = next(f for f in result["peerFindings"] if f["provision"] == ["meeting.quorum", "executive"])
    assert quorum["count"] == 3 and len(quorum["examples"]) == 2
    assert result["html"].startswith("<!DOCTYPE html>") and "meeting-no-frequency" in result["html"]
    strict = data(store, CHECK, d=key, share=1.0)["check"]
    assert all(f["count"] == 4 for f in strict["peerFindings"]) and len(strict["peerFindings"]) < len(result["peerFindings"])


def test_check_refuses_a_bad_share(store: Any) -> None:
    key = ingest_path(next(CORPUS.glob("002_*.txt"))).graph.document
    result = execute(store, CHECK, d=key, share=1.5)
    assert result.errors and "minShare" in result.errors[0].message
