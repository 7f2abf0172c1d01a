"""Loading documents for `govgraph serve`: every file under the paths given, each with what
the sources.yaml beside it says (its URL; its government where the text is silent).

A document read before (same bytes, name and source, same extractor) loads its graph from the
cache (``govgraph/graph_cache.py``) without being parsed again."""

from __future__ import annotations

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
    files = document_paths(paths)
    sources = sources_for(files, given)
    cache = graph_cache.configured()
    loaded = Loaded(files)
    for path in files:
        try:
            store.load(document_graph(path, sources[path], cache))
        except IngestError as exc:
            loaded.refused.append((path, str(exc)))
    return loaded


def document_graph(path: Path, source: Source, cache: GraphCache | None) -> Graph:
    """The graph of the document at ``path`` (as ``ingest_path`` builds it), from ``cache`` when it
    holds it; built and stored there when not. Raises IngestError for a refused document."""
    from ingest.decode import MAX_BYTES

    size = path.stat().st_size
    if size > MAX_BYTES:  # refused before reading, as ingest_path does
        raise TooLargeDocument(size, MAX_BYTES, source=path.name)
    data = path.read_bytes()
    key = graph_cache.entry_key(data, path.name, source.url, source.jurisdiction) if cache is not None else ""
    graph = cache.get(key) if cache is not None else None
    if graph is None:
        from ingest.pipeline import ingest_bytes  # the extractors: imported only when a document is read

        graph = ingest_bytes(data, path.name, source).graph
        if cache is not None:
            cache.put(key, graph)
    return graph
