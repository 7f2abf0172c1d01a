"""The whole ingest pipeline for one document: bytes -> tree -> facts -> graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import decode
from .errors import NotRulesDocument, TooLargeDocument, UnknownJurisdiction
from .identity import named_identity
from .manifest import MANIFEST, Source, check_url, source_of

if TYPE_CHECKING:
    from schema.model import Graph

    from .facts import DocumentFacts
    from .models import DocumentTree


@dataclass(frozen=True, slots=True)
class IngestResult:
    tree: DocumentTree
    facts: DocumentFacts
    graph: Graph


def ingest_bytes(data: bytes, name: str, source: Source | None = None) -> IngestResult:
    """Parse, extract and build one document's graph; raise an IngestError when it is refused.

    ``source``: what the user says about the document (its URL; its jurisdiction, which wins
    over the text's). ValueError when the jurisdiction named has no level or the URL is no URL."""
    # The parser and the extractors (with the vocabulary and wording they compile) are imported
    # here, when a document is read: listing files, or a `serve` whose graphs are all cached
    # (govgraph/graph_cache.py), does not pay ~0.5 s for them.
    from .extract import extract_facts
    from .graph import build_graph
    from .parse import parse_document

    source = source or Source()
    named = named_identity(source.jurisdiction) if source.jurisdiction else None
    url = check_url(source.url) if source.url else None
    tree = parse_document(data, name, named, url)
    refusal = next((w for w in tree.warnings if w.code == "not-rules-genre"), None)
    if refusal is not None:
        # Loaded anyway it would sit among the rules in every answer.
        raise NotRulesDocument(refusal.message, source=name)
    if tree.metadata.jurisdiction is None:
        raise UnknownJurisdiction(source=name)
    facts = extract_facts(tree)
    return IngestResult(tree, facts, build_graph(tree, facts))


def ingest_path(path: str | Path, source: Source | None = None) -> IngestResult:
    """One document from a file; ``source`` defaults to its entry in the sources.yaml beside it."""
    path = Path(path)
    size = path.stat().st_size
    if size > decode.MAX_BYTES:  # refused before reading: a multi-gigabyte file must not fill memory
        raise TooLargeDocument(size, decode.MAX_BYTES, source=path.name)
    return ingest_bytes(path.read_bytes(), path.name, source if source is not None else source_of(path))


def document_paths(paths: list[Path]) -> list[Path]:
    """Files given, and the files inside folders given (not their sources.yaml), in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*")
                              if p.is_file() and not p.name.startswith(".") and p.name != MANIFEST))
        else:
            out.append(path)
    return out
