"""The README quotes the committed results file, block for block (benchmarks/readme.py)."""

from __future__ import annotations

import json

import pytest

from benchmarks.readme import END, README, RESULTS, START, StaleReadme, figures, rewritten


def test_the_readme_quotes_latest_json() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    readme = README.read_text(encoding="utf-8")
    assert figures(results) in readme, "run python3 -m benchmarks.readme after a full benchmark run"
    assert rewritten(readme, results) == readme


def test_every_target_of_the_run_is_a_row_of_the_block() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    block = figures(results)
    for target in results["targets"]:
        assert f"| {target['name']} |" in block


def test_a_changed_figure_rewrites_only_the_block() -> None:
    results = json.loads(RESULTS.read_text(encoding="utf-8"))
    readme = f"before\n{START}\nold figures\n{END}\nafter\n"
    changed = {**results, "wall_seconds": 1.0}
    new = rewritten(readme, changed)
    assert new.startswith("before\n") and new.endswith("\nafter\n")
    assert "1 s in all." in new and "old figures" not in new


def test_a_readme_without_the_markers_is_refused() -> None:
    with pytest.raises(StaleReadme):
        rewritten("no markers here\n", json.loads(RESULTS.read_text(encoding="utf-8")))
