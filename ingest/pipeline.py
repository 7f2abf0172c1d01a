"""The whole ingest pipeline for one document: bytes -> tree -> facts -> graph."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from schema.model import Graph

from . import decode
from .errors import NotRulesDocument, TooLargeDocument
from .extract import extract_facts
from .facts import DocumentFacts
from .graph import build_graph
from .models import DocumentTree
from .parse import parse_document


@dataclass(frozen=True, slots=True)
class IngestResult:
    tree: DocumentTree
    facts: DocumentFacts
    graph: Graph


def ingest_bytes(data: bytes, name: str) -> IngestResult:
    """Parse, extract and build one document's graph; raise an IngestError when it is refused."""
    tree = parse_document(data, name)
    refusal = next((w for w in tree.warnings if w.code == "not-rules-genre"), None)
    if refusal is not None:
        # Loaded anyway it would sit among the rules in every answer.
        raise NotRulesDocument(refusal.message, source=name)
    facts = extract_facts(tree)
    return IngestResult(tree, facts, build_graph(tree, facts))


def ingest_path(path: str | Path) -> IngestResult:
    path = Path(path)
    size = path.stat().st_size
    if size > decode.MAX_BYTES:  # refused before reading: a multi-gigabyte file must not fill memory
        raise TooLargeDocument(size, decode.MAX_BYTES, source=path.name)
    return ingest_bytes(path.read_bytes(), path.name)


def document_paths(paths: list[Path]) -> list[Path]:
    """Files given, and the .txt/.html files inside folders given, in a stable order."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(path)
    return out
