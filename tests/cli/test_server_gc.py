"""The garbage collector's settings of `govgraph serve` (govgraph/server.py): GOVGRAPH_GC."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from govgraph.server import DEFAULT_GC, GC_ENV, configured_collector


@pytest.mark.parametrize(("raw", "expected"), [("", DEFAULT_GC), ("  ", DEFAULT_GC), ("python", None),
                                               ("1000,5,5", (1000, 5, 5)), (" 2000, 10 ,3 ", (2000, 10, 3))])
def test_gc_settings_are_read_from_the_environment(monkeypatch, raw, expected) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(GC_ENV, raw)
    assert configured_collector() == expected


@pytest.mark.parametrize("raw", ["x", "1000,5", "1000,5,5,5", "0,10,10", "-1,10,10", "1000,,5", "1e4,10,10"])
def test_a_bad_gc_setting_is_one_line_that_names_the_variable(monkeypatch, raw) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(GC_ENV, raw)
    with pytest.raises(ValueError, match=f"^{GC_ENV} must be three positive numbers") as refused:
        configured_collector()
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(("setting", "frozen"), [((50_000, 20, 20), True), (None, False)])
def test_tuning_freezes_start_up_and_sets_the_thresholds(setting, frozen) -> None:  # type: ignore[no-untyped-def]
    # in a fresh interpreter: freezing is for the life of a process, not for the test run's
    script = ("import gc, json; from govgraph.server import tune_collector; before = gc.get_threshold(); "
              f"tune_collector({setting!r}); "
              "print(json.dumps([before, gc.get_threshold(), gc.get_freeze_count()]))")
    before, after, frozen_count = json.loads(subprocess.check_output([sys.executable, "-c", script], text=True))
    assert after == (list(setting) if setting else before)
    assert (frozen_count > 1000) is frozen


def test_serve_refuses_a_bad_gc_setting_before_it_opens_a_store() -> None:
    result = subprocess.run([sys.executable, "-m", "govgraph", "serve", "--port", "1"], capture_output=True, text=True,
                            env={**_environment(), GC_ENV: "lots"}, timeout=120)
    assert result.returncode != 0
    assert result.stderr.strip().splitlines()[-1] == (
        f"error: {GC_ENV} must be three positive numbers such as 50000,20,20, or python; got 'lots'")
    assert "serving" not in result.stdout


def _environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
