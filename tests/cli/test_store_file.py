"""The embedded store's SQLite file under real processes: concurrent commands lose no document,
a killed command leaves whole documents only, an old JSON file is migrated, and a first
command on a fresh data directory answers from the bundled corpus."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from ingest.pipeline import document_paths, ingest_path
from schema.model import Graph
from stores.document_file import SQLITE_HEADER
from stores.memory import MemoryStore
from tests.conftest import CORPUS, ROOT

GOVGRAPH = [sys.executable, "-m", "govgraph"]


def _env(data: Path | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "GOVGRAPH_DATA")}
    env.update(PYTHONPATH=str(ROOT), COLUMNS="250")
    if data is not None:
        env["GOVGRAPH_DATA"] = str(data)
    return env


def _run(*args: object, data: Path | None, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*GOVGRAPH, *map(str, args)], cwd=cwd, env=_env(data), capture_output=True,
                          text=True, timeout=300, check=False)


def _shape(graph: Graph) -> tuple[set[str], set[str]]:
    return {n.key for n in graph.nodes}, {r.key for r in graph.relationships}


def _stored(data: Path) -> dict[str, Graph]:
    store = MemoryStore.from_file(data)
    try:
        return {g.document: g for g in store.graphs()}
    finally:
        store.close()


def test_two_ingests_at_once_keep_all_four_documents(tmp_path: Path) -> None:
    data = tmp_path / "graphs.db"
    files = document_paths([CORPUS])[:4]
    procs = [subprocess.Popen([*GOVGRAPH, "ingest", *map(str, pair)], cwd=ROOT, env=_env(data),
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for pair in (files[:2], files[2:])]
    for proc in procs:
        stdout, stderr = proc.communicate(timeout=300)
        assert proc.returncode == 0, stderr
        assert "2 of 2 files loaded" in stdout
    stored = _stored(data)
    expected = {ingest_path(f).graph.document: ingest_path(f).graph for f in files}
    assert set(stored) == set(expected)
    for key, graph in expected.items():
        assert _shape(stored[key]) == _shape(graph)


def _versions(folder: Path, n: int) -> list[Path]:
    """``n`` different documents: the corpus files, each again with one more line (another text, another key)."""
    out = []
    folder.mkdir()
    sources = document_paths([CORPUS])
    for i in range(n):
        source = sources[i % len(sources)]
        path = folder / f"{i:03d}_{source.name}"
        path.write_text(source.read_text(encoding="utf-8") + f"\n\n（印发第{i}份）\n", encoding="utf-8")
        out.append(path)
    return out


def test_a_killed_ingest_leaves_whole_documents_only(tmp_path: Path) -> None:
    data = tmp_path / "graphs.db"
    files = _versions(tmp_path / "docs", 15)
    expected = {(g := ingest_path(f).graph).document: _shape(g) for f in files}
    for committed in (1, 4):  # kill after the first committed document, then later in a second run
        proc = subprocess.Popen([*GOVGRAPH, "ingest", str(tmp_path / "docs")], cwd=ROOT, env=_env(data),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and proc.poll() is None:
            if data.exists():
                with sqlite3.connect(f"file:{data}?mode=ro", uri=True, timeout=5) as db:
                    try:
                        if db.execute("SELECT count(*) FROM documents").fetchone()[0] >= committed:
                            break
                    except sqlite3.OperationalError:
                        pass  # the table is being created
            time.sleep(0.01)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        with sqlite3.connect(data) as db:
            assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = _stored(data)
        assert len(stored) >= committed
        for key, graph in stored.items():
            assert _shape(graph) == expected[key], f"{key} is not whole"
    # the file still takes writes: a full run completes it
    result = _run("ingest", tmp_path / "docs", data=data)
    assert result.returncode == 0, result.stderr
    assert len(_stored(data)) == len(files)


def test_an_old_json_store_is_migrated_on_first_open(tmp_path: Path) -> None:
    data = tmp_path / "graphs.json"
    graphs = [ingest_path(f).graph for f in document_paths([CORPUS])[:2]]
    data.write_text(json.dumps([  # the format `MemoryStore.save` wrote before the store became SQLite
        {"document": g.document, "nodes": [[n.label, n.key, n.props] for n in g.nodes],
         "relationships": [[r.type, r.start, r.end, r.key, r.props] for r in g.relationships]}
        for g in graphs], ensure_ascii=False), encoding="utf-8")
    result = _run("documents", data=data)
    assert result.returncode == 0, result.stderr
    assert "2 documents from the old JSON format" in result.stderr
    assert data.read_bytes().startswith(SQLITE_HEADER)
    assert {g.document: _shape(g) for g in graphs} == {k: _shape(g) for k, g in _stored(data).items()}
    again = _run("documents", data=data)
    assert "migrated" not in again.stderr and "2 documents in the memory store" in again.stdout


def test_the_old_default_file_moves_to_the_new_default(tmp_path: Path) -> None:
    old = tmp_path / ".govgraph" / "graphs.json"
    old.parent.mkdir()
    old.write_text("[]", encoding="utf-8")
    result = _run("documents", data=None, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "moved .govgraph/graphs.json to .govgraph/govgraph.db" in result.stderr
    assert "0 documents in the memory store" in result.stdout  # an existing store: no first-use corpus
    assert not old.exists() and (tmp_path / ".govgraph" / "govgraph.db").read_bytes().startswith(SQLITE_HEADER)


def test_a_file_that_is_no_store_is_one_line(tmp_path: Path) -> None:
    data = tmp_path / "notes.txt"
    data.write_text("not a store\n", encoding="utf-8")
    result = _run("documents", data=data)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "not a govgraph store" in result.stderr
    assert data.read_text(encoding="utf-8") == "not a store\n"  # nothing lost


def test_first_contact_answers_from_the_bundled_corpus(tmp_path: Path) -> None:
    # the README's run command installs and serves; then a question, from a fresh directory
    result = _run("ask", "Who signs an office notice in Dongcheng?", data=None, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "(article 55)" in result.stdout
    assert "first use" in result.stderr and "bundled documents" in result.stderr
    assert (tmp_path / ".govgraph" / "govgraph.db").is_file()
    again = _run("documents", data=None, cwd=tmp_path)
    assert "first use" not in again.stderr
    assert f"{len(document_paths([CORPUS]))} documents in the memory store" in again.stdout


def test_an_emptied_store_stays_empty_and_says_how_to_load(tmp_path: Path) -> None:
    data = tmp_path / "graphs.db"
    MemoryStore.from_file(data).close()
    result = _run("ask", "Who signs an office notice in Dongcheng?", data=data)
    assert "holds no documents" in result.stderr and "govgraph ingest corpus/" in result.stderr
    assert _stored(data) == {}
