"""The graph cache of `govgraph serve` (govgraph/graph_cache.py): a hit is the graph the pipeline
builds, without running it; a change to the document, its name, its source or the extractor's
files is a miss; a damaged entry is a miss and is rewritten; concurrent writers leave whole
entries; GOVGRAPH_CACHE=0 turns it off; a cache that cannot be written costs nothing but time."""

from __future__ import annotations

import multiprocessing
import os
import shutil
from pathlib import Path

import pytest

import ingest.pipeline
from govgraph import graph_cache
from govgraph.graph_cache import GraphCache, entry_key, extractor_version
from govgraph.loading import document_graph, load_documents
from ingest.errors import IngestError
from ingest.manifest import Source
from ingest.pipeline import document_paths, ingest_path
from schema.model import Graph
from stores.memory import MemoryStore
from tests.conftest import CORPUS, ROOT

DOCS = ROOT / "tests" / "data" / "docs"
COUNTY = DOCS / "county_anji.txt"
CITY = DOCS / "city_qingshan.txt"


def _no_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, running the pipeline fails the test: every graph must come from the cache."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the pipeline ran: the cache was not used")

    monkeypatch.setattr(ingest.pipeline, "ingest_bytes", refuse)


def _entries(cache: GraphCache) -> list[Path]:
    return sorted(p for p in cache.folder.rglob("*") if p.is_file())


def test_a_hit_is_the_graph_the_pipeline_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = GraphCache(tmp_path)
    files = document_paths([CORPUS])
    built = [document_graph(path, Source(), cache) for path in files]  # misses: built and stored
    assert built == [ingest_path(path).graph for path in files]
    assert len(_entries(cache)) == len(files)
    _no_pipeline(monkeypatch)
    assert [document_graph(path, Source(), cache) for path in files] == built


def test_serve_loads_the_corpus_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path))
    first, second = MemoryStore(), MemoryStore()
    load_documents(first, [CORPUS])
    _no_pipeline(monkeypatch)
    loaded = load_documents(second, [CORPUS])
    assert loaded.refused == []
    assert second.graphs() == first.graphs()
    assert second.counts() == first.counts()


def test_the_key_is_the_document_its_name_and_its_source() -> None:
    data = COUNTY.read_bytes()
    key = entry_key(data, COUNTY.name, None, None)
    assert entry_key(data, COUNTY.name, None, None) == key
    others = {
        entry_key(data + b"\n", COUNTY.name, None, None),
        entry_key(data, "other.txt", None, None),
        entry_key(data, COUNTY.name, "https://example.org/rules", None),
        entry_key(data, COUNTY.name, None, "某某县"),
    }
    assert key not in others and len(others) == 4


def test_a_changed_document_is_read_again(tmp_path: Path) -> None:
    cache = GraphCache(tmp_path / "cache")
    path = tmp_path / "rules.txt"
    shutil.copy(COUNTY, path)
    county = document_graph(path, Source(), cache)
    shutil.copy(CITY, path)  # same name, other bytes
    city = document_graph(path, Source(), cache)
    assert city != county
    assert city == ingest_path(path, Source()).graph


def test_a_given_jurisdiction_is_part_of_the_key(tmp_path: Path) -> None:
    cache = GraphCache(tmp_path)
    as_read = document_graph(COUNTY, Source(), cache)
    given = Source(jurisdiction="青石县")
    named = document_graph(COUNTY, given, cache)
    assert named == ingest_path(COUNTY, given).graph
    assert named != as_read


def test_any_change_to_the_extractors_files_is_another_version(tmp_path: Path) -> None:
    """A copy of the real packages: editing a vocabulary entry, a wording table or code changes
    the version, and entries of one version are not found under another."""
    roots = tuple(shutil.copytree(root, tmp_path / root.name, ignore=shutil.ignore_patterns("__pycache__"))
                  for root in graph_cache.extractor_roots())
    schema, ingest_root = tmp_path / "schema", tmp_path / "ingest"
    assert {Path(r) for r in roots} == {schema, ingest_root}
    before = extractor_version(roots)
    versions = {before}
    for edited, change in ((schema / "vocabulary" / "roles.yaml", b"\n# a comment\n"),
                           (schema / "wording" / "reporting.yaml", b"\n"),
                           (ingest_root / "pipeline.py", b"\n")):
        edited.write_bytes(edited.read_bytes() + change)
        extractor_version.cache_clear()
        versions.add(extractor_version(roots))
    (schema / "vocabulary" / "new.yaml").write_text("[]\n", encoding="utf-8")  # a new file
    extractor_version.cache_clear()
    versions.add(extractor_version(roots))
    assert len(versions) == 5

    old, new = GraphCache(tmp_path / "cache", before), GraphCache(tmp_path / "cache", extractor_version(roots))
    graph = ingest_path(COUNTY).graph
    old.put("k" * 64, graph)
    assert old.get("k" * 64) == graph
    assert new.get("k" * 64) is None  # a stale graph is never served


def test_the_installed_version_is_stable_within_a_process() -> None:
    assert extractor_version() == extractor_version()
    assert len(extractor_version()) == 64


@pytest.mark.parametrize("damage", ["truncated", "flipped", "garbage", "empty", "other key", "other format"])
def test_a_damaged_entry_is_a_miss_and_is_rewritten(tmp_path: Path, damage: str) -> None:
    cache = GraphCache(tmp_path)
    source = Source()
    key = entry_key(COUNTY.read_bytes(), COUNTY.name, None, None)
    good = document_graph(COUNTY, source, cache)
    entry = cache.path(key)
    blob = entry.read_bytes()
    form, stored_key, checksum, payload = blob.split(b"\n", 3)
    damaged = {
        "truncated": blob[: len(blob) // 2],
        "flipped": blob[:-10] + bytes([blob[-10] ^ 0x01]) + blob[-9:],
        "garbage": os.urandom(len(blob)),
        "empty": b"",
        "other key": b"\n".join((form, b"0" * 64, checksum, payload)),
        "other format": b"\n".join((b"govgraph-graph-cache 0", stored_key, checksum, payload)),
    }[damage]
    entry.write_bytes(damaged)
    assert cache.get(key) is None
    assert document_graph(COUNTY, source, cache) == good  # rebuilt by the pipeline
    assert entry.read_bytes() == blob  # and rewritten whole
    assert cache.get(key) == good


def test_an_entry_copied_under_another_key_is_a_miss(tmp_path: Path) -> None:
    cache = GraphCache(tmp_path)
    county, city = entry_key(COUNTY.read_bytes(), COUNTY.name, None, None), entry_key(CITY.read_bytes(), CITY.name, None, None)
    document_graph(COUNTY, Source(), cache)
    cache.path(city).write_bytes(cache.path(county).read_bytes())
    assert cache.get(city) is None
    assert document_graph(CITY, Source(), cache) == ingest_path(CITY, Source()).graph


def _write_and_read(folder: str, version: str, key: str, graph: Graph, rounds: int,
                    results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    cache = GraphCache(Path(folder), version)
    seen = []
    for _ in range(rounds):
        cache.put(key, graph)
        got = cache.get(key)
        seen.append("whole" if got == graph else "none" if got is None else "different")
    results.put(seen)


def test_concurrent_writers_leave_a_whole_entry(tmp_path: Path) -> None:
    """Four processes write the same entry over and over and read it back between writes: every
    read is the whole graph, and no temporary file is left behind."""
    version, key = "v" * 64, "k" * 64
    graph = ingest_path(COUNTY).graph  # built here: the forked workers only write and read the cache
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    workers = [context.Process(target=_write_and_read, args=(str(tmp_path), version, key, graph, 25, results))
               for _ in range(4)]
    for worker in workers:
        worker.start()
    seen = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
        assert worker.exitcode == 0
    assert {state for states in seen for state in states} == {"whole"}
    cache = GraphCache(tmp_path, version)
    assert cache.get(key) == graph
    assert [p.name for p in _entries(cache)] == [key]


def test_turned_off_it_reads_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOVGRAPH_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("GOVGRAPH_CACHE", "0")
    assert graph_cache.configured() is None
    store = MemoryStore()
    load_documents(store, [COUNTY])
    assert list(tmp_path.iterdir()) == []
    assert store.graphs() == [ingest_path(COUNTY).graph]


def test_the_default_folder_is_the_users_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GOVGRAPH_CACHE_DIR", raising=False)
    monkeypatch.delenv("GOVGRAPH_CACHE", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    configured = graph_cache.configured()
    assert configured is not None and configured.folder == tmp_path / "xdg" / "govgraph"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    configured = graph_cache.configured()
    assert configured is not None and configured.folder == tmp_path / "home" / ".cache" / "govgraph"


def test_a_cache_that_cannot_be_written_only_costs_time(tmp_path: Path) -> None:
    blocker = tmp_path / "a file"
    blocker.write_text("not a folder", encoding="utf-8")
    cache = GraphCache(blocker / "cache")  # every write fails: its parent is a file
    graph = document_graph(COUNTY, Source(), cache)
    assert graph == ingest_path(COUNTY).graph
    assert cache.get(entry_key(COUNTY.read_bytes(), COUNTY.name, None, None)) is None


def test_a_refused_document_is_refused_again_and_not_cached(tmp_path: Path) -> None:
    cache = GraphCache(tmp_path / "cache")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    for _ in range(2):
        with pytest.raises(IngestError) as refused:
            document_graph(empty, Source(), cache)
        assert refused.value.code == "E001-empty"
    assert not (tmp_path / "cache").exists()


def test_old_versions_are_pruned(tmp_path: Path) -> None:
    graph = Graph("doc")
    for i in range(graph_cache.KEEP_VERSIONS + 3):
        version = str(i) * 64  # each version's folder is named by its first 32 characters
        GraphCache(tmp_path, version).put("k" * 64, graph)
        os.utime(tmp_path / "graphs" / version[:32], (1_000_000 + i, 1_000_000 + i))
    kept = sorted(p.name for p in (tmp_path / "graphs").iterdir())
    assert len(kept) == graph_cache.KEEP_VERSIONS
    newest = {str(i) * 32 for i in range(3, graph_cache.KEEP_VERSIONS + 3)}
    assert set(kept) == newest  # the versions used last stay
