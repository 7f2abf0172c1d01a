"""Fixtures for the command line: an isolated embedded store per test, wide tables."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from govgraph.cli import app
from tests.conftest import CORPUS

Invoke = Callable[..., Any]  # (*args) -> typer's Result


def invoker(data: Path) -> Invoke:
    """Runs `govgraph ARGS…` in process against the embedded store in ``data``."""
    runner = CliRunner()
    env = {"GOVGRAPH_DATA": str(data), "COLUMNS": "250", "NEO4J_URI": None}

    def invoke(*args: object) -> Any:
        return runner.invoke(app, [str(a) for a in args], env=env)

    return invoke


@pytest.fixture(scope="session")
def corpus_data(tmp_path_factory) -> Path:  # type: ignore[no-untyped-def]
    """An embedded store file holding the bundled corpus, ingested once through the CLI."""
    data = tmp_path_factory.mktemp("cli") / "graphs.db"
    result = invoker(data)("ingest", CORPUS)
    assert result.exit_code == 0, result.output
    return data


@pytest.fixture
def govgraph(tmp_path: Path) -> Invoke:
    """`govgraph` on an empty embedded store of this test."""
    return invoker(tmp_path / "graphs.db")


@pytest.fixture
def loaded(tmp_path: Path, corpus_data: Path) -> Invoke:
    """`govgraph` on this test's own copy of the ingested corpus."""
    data = tmp_path / "graphs.db"
    shutil.copy(corpus_data, data)
    return invoker(data)
