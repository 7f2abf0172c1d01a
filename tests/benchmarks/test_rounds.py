"""The signatories comparison's own rules: both answers must flatten to the same rows before
anything is timed, and rounds interleave the targets and report medians with ranges."""

from __future__ import annotations

import pytest

from benchmarks.latency import Stats
from benchmarks.rounds import interleaved, peer_rows, same_answer

OURS = {"signatories": [
    {"documentType": {"key": "t1"}, "role": {"key": "district_mayor"}, "action": "SIGN", "condition": None,
     "article": {"number": 55}, "evidence": {"start": 10, "end": 20}},
    {"documentType": {"key": "t1"}, "role": {"key": "office_director"}, "action": "REVIEW", "condition": "重大",
     "article": {"number": 55}, "evidence": {"start": 21, "end": 30}},
]}


def _edge(kind: str, condition: str | None, start: int, end: int) -> dict:
    return {"properties": {"condition": condition, "article": 55, "start": start, "end": end}, "node": {"kind": kind}}


def _peer(review_condition: str | None) -> dict:
    empty = {"edges": []}
    return {"jurisdictions": [{"documents": [{"documentTypes": [{
        "key": "t1", "signedByConnection": {"edges": [_edge("district_mayor", None, 10, 20)]},
        "approvedByConnection": empty, "countersignedByConnection": empty,
        "reviewedByConnection": {"edges": [_edge("office_director", review_condition, 21, 30)]},
    }]}]}]}


def test_the_same_answer_flattens_to_the_same_rows() -> None:
    same_answer(OURS, _peer("重大"))
    assert len(peer_rows(_peer("重大"))) == 2


def test_different_answers_are_refused_before_timing() -> None:
    with pytest.raises(RuntimeError, match="answer differently"):
        same_answer(OURS, _peer(None))
    with pytest.raises(RuntimeError, match="answer differently"):
        same_answer({"signatories": []}, {"jurisdictions": []})  # nothing to compare is no agreement


def test_rounds_interleave_the_targets_and_report_median_and_range() -> None:
    order: list[tuple[str, int]] = []
    warmups: list[float] = []

    def target(name: str, p50s: list[float]):  # type: ignore[no-untyped-def]
        def measure(clients: int, warmup_seconds: float) -> Stats:
            order.append((name, clients))
            warmups.append(warmup_seconds)
            p50 = p50s[sum(1 for n, c in order if n == name and c == clients) - 1]
            return Stats(clients, 100, 1.0, p50, p50 * 2, p50, 1000 / p50)
        return measure

    out = interleaved({"ours": target("ours", [3.0, 1.0, 2.0]), "peer": target("peer", [4.0, 4.0, 5.0])},
                      (1, 16), 3, lambda message: None, warmup_seconds=5.0, label="signatories")
    assert order[:4] == [("ours", 1), ("peer", 1), ("ours", 16), ("peer", 16)] and len(order) == 12
    assert warmups == [5.0] * 2 + [0.0] * 10  # every target warmed once, before its first measurement
    ours = out["ours"]["1"]
    assert (ours["rounds"], ours["p50_ms"], ours["p50_ms_range"], ours["requests"]) == (3, 2.0, [1.0, 3.0], 300)
    assert out["peer"]["16"]["rps_range"] == [200.0, 250.0]


def test_rounds_say_which_comparison_they_belong_to() -> None:
    said: list[str] = []

    def measure(clients: int, warmup_seconds: float) -> Stats:
        return Stats(clients, 10, 1.0, 2.0, 4.0, 2.0, 500.0)

    out = interleaved({"ours": measure, "raw driver": measure}, (1,), 2, said.append, label="meetings")
    assert said == ["meetings round 1/2: ours, 1 client", "meetings round 1/2: raw driver, 1 client",
                    "meetings round 2/2: ours, 1 client", "meetings round 2/2: raw driver, 1 client"]
    assert out["raw driver"]["1"]["rounds"] == 2 and out["raw driver"]["1"]["requests"] == 20
