"""`govgraph serve`'s loading (govgraph/loading.py): documents missing from the graph cache are
parsed in worker processes; what is loaded, refused and cached is what one process does."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

import govgraph.loading
import ingest.pipeline
from govgraph.loading import load_documents, start_loading
from stores.memory import MemoryStore
from tests.conftest import CORPUS, ROOT

DOCS = ROOT / "tests" / "data" / "docs"
TWO_CPUS = hasattr(os, "sched_getaffinity") and len(os.sched_getaffinity(0)) >= 2


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """The corpus, a county and a city of our own, an empty file and a text that is no rules."""
    docs = tmp_path / "docs"
    shutil.copytree(CORPUS, docs)
    shutil.copy(DOCS / "county_anji.txt", docs / "county_anji.txt")
    shutil.copy(DOCS / "city_qingshan.txt", docs / "city_qingshan.txt")
    (docs / "empty.txt").write_bytes(b"")
    (docs / "notice.txt").write_text("关于做好冬季供暖工作的通知\n各单位：请做好准备。\n", encoding="utf-8")
    return docs


def _load(folder: Path, monkeypatch: pytest.MonkeyPatch, cache: Path, parallel: bool) -> tuple[MemoryStore, list]:  # type: ignore[type-arg]
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(cache))
    monkeypatch.setattr(govgraph.loading, "PARALLEL_FROM", 2 if parallel else 10_000)
    store = MemoryStore()
    loaded = load_documents(store, [folder])
    return store, loaded.refused


@pytest.mark.skipif(not TWO_CPUS, reason="one CPU: the documents are parsed in this process")
def test_workers_build_load_and_refuse_what_one_process_does(folder: Path, tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path / "probe"))
    pending = start_loading([folder])
    assert pending.workers == 2  # several documents to parse, two CPUs: a worker each
    pending.close()
    alone, refused_alone = _load(folder, monkeypatch, tmp_path / "one", parallel=False)
    together, refused_together = _load(folder, monkeypatch, tmp_path / "many", parallel=True)
    assert together.graphs() == alone.graphs() and together.counts() == alone.counts()
    assert refused_together == refused_alone
    assert sorted(path.name for path, _ in refused_together) == ["empty.txt", "notice.txt"]
    assert all(reason.startswith(path.name + ": ") and "\n" not in reason for path, reason in refused_together)


@pytest.mark.parametrize("parallel", [True, False], ids=["in workers", "in this process"])
def test_what_was_built_is_cached_by_this_process(parallel: bool, tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    first, _ = _load(CORPUS, monkeypatch, tmp_path / "cache", parallel=parallel)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline ran: the cache was not used")

    monkeypatch.setattr(ingest.pipeline, "ingest_bytes", refuse)
    pending = start_loading([CORPUS])
    assert pending.workers == 0  # nothing left to parse: no workers
    second = MemoryStore()
    assert pending.into(second).refused == []
    assert second.graphs() == first.graphs()


def test_closing_before_loading_stops_the_workers(folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path))
    pending = start_loading([folder])
    pending.close()
    pending.close()  # again: nothing
    assert pending.workers == 0
    assert multiprocessing.active_children() == []
