"""The short soak (about 30 s): fixed rate over loopback, zero errors, memory flat.

The 5-minute run is a command: ``python3 -m tests.reliability.soak`` (see soak.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .processes import cli_env, serve
from .soak import MAX_RSS_GROWTH, run_soak

pytestmark = pytest.mark.soak


def test_short_soak_embedded(tmp_path: Path) -> None:
    with serve([], env=cli_env(), log=tmp_path / "serve.log") as server:
        result = run_soak(server.url, server.proc.pid, rate=25, duration=22, warmup=5)
    print(result.summary())
    assert result.errors == 0, result.error_samples
    assert result.requests >= 25 * 22 * 0.95  # the schedule was kept
    assert result.rss_growth <= MAX_RSS_GROWTH, result.summary()
    assert result.p99_ms > 0
