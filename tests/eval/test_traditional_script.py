"""The documents written for the tests, converted to traditional characters, reach the same
bar against their gold — written in simplified or in traditional script."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest

from govgraph.evaluate import evaluate

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
GOLD = DOCS / "gold_own.yaml"


@pytest.mark.parametrize("gold_script", ["simplified", "traditional"])
def test_traditional_documents_reach_the_bar(tmp_path: Path, gold_script: str) -> None:
    s2t = opencc.OpenCC("s2t")
    gold_text = GOLD.read_text(encoding="utf-8")
    for line in gold_text.splitlines():
        if line.startswith("- file: "):
            name = line.removeprefix("- file: ").strip()
            (tmp_path / name).write_text(s2t.convert((DOCS / name).read_text(encoding="utf-8")), encoding="utf-8")
    if gold_script == "traditional":
        gold_text = "\n".join(line if line.startswith("- file: ") else s2t.convert(line)
                              for line in gold_text.splitlines())
    (tmp_path / "gold.yaml").write_text(gold_text, encoding="utf-8")
    report = evaluate(tmp_path / "gold.yaml")
    assert not report.failing(), {n: (s.precision, s.recall, s.misses[:3], s.false_hits[:3])
                                  for n, s in report.sections.items()}
    assert report.sections["signing"].matched_gold == report.sections["signing"].gold > 0
