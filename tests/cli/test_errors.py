"""The real `govgraph` process: an error is one line on stderr and exit code 1; --debug adds the traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def govgraph(*args: object, tmp_path: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env.update(GOVGRAPH_DATA=str(tmp_path / "graphs.db"), COLUMNS="200")
    return subprocess.run([sys.executable, "-m", "govgraph", *map(str, args)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)


def test_a_missing_file_is_one_line(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = govgraph("parse", missing, tmp_path=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"error: {missing}: No such file or directory\n"
    assert result.stdout == ""


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = govgraph("--debug", "parse", missing, tmp_path=tmp_path)
    assert result.returncode == 1
    assert "Traceback" in result.stderr and "FileNotFoundError" in result.stderr
    assert result.stderr.rstrip().endswith(f"error: {missing}: No such file or directory")


def test_an_unreachable_neo4j_is_one_line(tmp_path: Path) -> None:
    # Port 9 (discard) on loopback: nothing listens, the driver is refused at once.
    result = govgraph("stats", "--neo4j", "bolt://127.0.0.1:9", tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: Neo4j is not reachable at bolt://127.0.0.1:9")


def test_a_bad_neo4j_uri_is_one_line(tmp_path: Path) -> None:
    result = govgraph("documents", "--neo4j", "http://127.0.0.1:7474", tmp_path=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: bad Neo4j URI 'http://127.0.0.1:7474'"), result.stderr


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    result = govgraph("export", "--no-such-option", tmp_path=tmp_path)
    assert result.returncode == 2
    assert "--no-such-option" in result.stderr and "Traceback" not in result.stderr


def test_a_closed_pipe_is_not_an_error(corpus_data: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    env["GOVGRAPH_DATA"] = str(corpus_data)
    # Far more than a pipe buffer holds, so the write fails once `head` has gone.
    proc = subprocess.run(f"{sys.executable} -m govgraph export -f graphml | head -c 10", shell=True,
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)
    assert proc.stdout == "<?xml vers"
    assert proc.stderr == ""
