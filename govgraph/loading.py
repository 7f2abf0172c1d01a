"""Loading documents for `govgraph serve`: every file under the paths given, each with what
the sources.yaml beside it says (its URL; its government where the text is silent).

A document read before (same bytes, name and source, same extractor) loads its graph from the
cache (``govgraph/graph_cache.py``) without being parsed again. The others, when there are several
and more than one CPU, are parsed in forked worker processes while the caller goes on: ``serve``
imports the API meanwhile. Measured on the five seed documents with an empty cache (2 CPUs): the
split alone gains nothing (1.47 s in one process, 1.57 s in two: each worker imports pypinyin's
dictionaries and the largest document sets the pace), but the API's imports overlapping the parse
took the whole from 2.78-3.07 s to 2.31-2.38 s. This process alone writes the cache and loads the
store, in file order; a refused document's reason travels back as text."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError, TooLargeDocument
from ingest.manifest import Source, sources_for
from ingest.pipeline import document_paths
from schema.model import Graph

from . import graph_cache
from .graph_cache import GraphCache


@dataclass
class Loaded:
    files: list[Path]
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (file, one-line reason)


def load_documents(store: Any, paths: list[Path], given: Source | None = None) -> Loaded:
    """Ingest and load every document; a refused one is listed with its reason, the others load.
    A broken manifest raises (ManifestError) before anything loads."""
    return start_loading(paths, given).into(store)


def start_loading(paths: list[Path], given: Source | None = None) -> PendingLoad:
    """Start building the graphs of the documents under ``paths``: cached ones are read now, the
    others are parsed in worker processes when there are several and more than one CPU (module
    doc); ``into(store)`` loads them, in file order. What the caller does in between (``serve``
    imports the API) overlaps the parsing. A broken manifest raises here."""
    files = document_paths(paths)
    sources = sources_for(files, given)
    return PendingLoad(files, sources, graph_cache.configured())


class PendingLoad:
    """Graphs on their way: read from the cache or built in this process as it is made, or still
    being built in a worker process until ``into`` asks for them."""

    def __init__(self, files: list[Path], sources: dict[Path, Source], cache: GraphCache | None) -> None:
        self.files, self._cache = files, cache
        self._ready: dict[Path, Graph | str] = {}  # a graph, or why the document is refused
        self._keys: dict[Path, str] = {}
        self._building: dict[Path, Future[Graph | str]] = {}
        misses: list[tuple[Path, bytes]] = []
        for path in files:
            try:
                data = _read(path)
            except IngestError as exc:
                self._ready[path] = str(exc)
                continue
            key, cached = _cached(data, path.name, sources[path], cache)
            if cached is not None:
                self._ready[path] = cached
            else:
                self._keys[path] = key
                misses.append((path, data))
        self._workers = _workers_for(len(misses))
        self._pool = (ProcessPoolExecutor(self._workers, mp_context=multiprocessing.get_context("fork"))
                      if self._workers else None)
        for path, data in misses:
            if self._pool is not None:
                self._building[path] = self._pool.submit(_build, data, path.name, sources[path])
            else:
                self._ready[path] = self._kept(path, _build(data, path.name, sources[path]))

    @property
    def workers(self) -> int:
        """Worker processes parsing documents now (0: none, they are parsed here or were cached)."""
        return self._workers if self._pool is not None else 0

    def into(self, store: Any) -> Loaded:
        loaded = Loaded(self.files)
        try:
            for path in self.files:
                graph = self._graph(path)
                if isinstance(graph, str):
                    loaded.refused.append((path, graph))
                else:
                    store.load(graph)
        finally:
            self.close()
        return loaded

    def close(self) -> None:
        """Stop the worker processes (what they have not started is dropped); again: nothing."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)

    def _graph(self, path: Path) -> Graph | str:
        found = self._ready.get(path)
        if found is not None:
            return found
        return self._kept(path, self._building[path].result())

    def _kept(self, path: Path, built: Graph | str) -> Graph | str:
        """A graph just built, here or in a worker, written to the cache (one writer, this process)."""
        if self._cache is not None and not isinstance(built, str):
            self._cache.put(self._keys[path], built)
        return built


def _read(path: Path) -> bytes:
    from ingest.decode import MAX_BYTES

    size = path.stat().st_size
    if size > MAX_BYTES:  # refused before reading, as ingest_path does
        raise TooLargeDocument(size, MAX_BYTES, source=path.name)
    return path.read_bytes()


def _cached(data: bytes, name: str, source: Source, cache: GraphCache | None) -> tuple[str, Graph | None]:
    """The document's cache key and the graph the cache holds under it (none without a cache)."""
    if cache is None:
        return "", None
    key = graph_cache.entry_key(data, name, source.url, source.jurisdiction)
    return key, cache.get(key)


def _built_or_refused(data: bytes, name: str, source: Source) -> Graph | IngestError:
    from ingest.pipeline import ingest_bytes  # the extractors: imported only when a document is read

    try:
        return ingest_bytes(data, name, source).graph
    except IngestError as exc:
        return exc


def _build(data: bytes, name: str, source: Source) -> Graph | str:
    """The graph, or why the document is refused, as text (from a worker process the message
    travels back; an IngestError itself need not survive pickling)."""
    built = _built_or_refused(data, name, source)
    return str(built) if isinstance(built, IngestError) else built


#: documents to parse before worker processes are used (one is parsed here: a fork and the
#: graph's trip back cost something, and there is no second parse to overlap)
PARALLEL_FROM = 2


def _workers_for(documents: int) -> int:
    """Worker processes for ``documents`` parses: forked (they start with this process's imports,
    in milliseconds), one per CPU this process may use, up to one per document; 0 where one
    process is all there is, or the platform cannot fork."""
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    if documents < PARALLEL_FROM or cpus < 2 or "fork" not in multiprocessing.get_all_start_methods():
        return 0
    return min(cpus, documents)


def document_graph(path: Path, source: Source, cache: GraphCache | None) -> Graph:
    """The graph of the document at ``path`` (as ``ingest_path`` builds it), from ``cache`` when it
    holds it; built and stored there when not. Raises IngestError for a refused document."""
    data = _read(path)
    key, graph = _cached(data, path.name, source, cache)
    if graph is None:
        built = _built_or_refused(data, path.name, source)
        if isinstance(built, IngestError):
            raise built
        graph = built
        if cache is not None:
            cache.put(key, graph)
    return graph
