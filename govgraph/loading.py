"""Loading documents for `govgraph serve`: every file under the paths given, each with what
the sources.yaml beside it says (its URL; its government where the text is silent)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ingest.errors import IngestError
from ingest.manifest import Source, sources_for
from ingest.pipeline import document_paths, ingest_path


@dataclass
class Loaded:
    files: list[Path]
    refused: list[tuple[Path, str]] = field(default_factory=list)  # (file, one-line reason)


def load_documents(store: Any, paths: list[Path], given: Source | None = None) -> Loaded:
    """Ingest and load every document; a refused one is listed with its reason, the others load.
    A broken manifest raises (ManifestError) before anything loads."""
    files = document_paths(paths)
    sources = sources_for(files, given)
    loaded = Loaded(files)
    for path in files:
        try:
            store.load(ingest_path(path, sources[path]).graph)
        except IngestError as exc:
            loaded.refused.append((path, str(exc)))
    return loaded
