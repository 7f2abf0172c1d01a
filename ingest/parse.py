"""The parsing pipeline: bytes -> DocumentTree (decode, normalize, structure, metadata)."""

from __future__ import annotations

from pathlib import Path

from .decode import decode_bytes
from .genre import not_rules
from .metadata import extract_metadata
from .models import DocumentTree, ParseWarning
from .normalize import normalize, to_simplified
from .structure import parse_structure


def parse_document(data: bytes, name: str) -> DocumentTree:
    """Parse one document's bytes. Raises IngestError when the bytes are not a text document."""
    raw = decode_bytes(data, name)
    norm = normalize(raw)
    structure = parse_structure(norm)
    metadata = extract_metadata(norm)
    warnings = list(structure.warnings)
    if _has_traditional(raw.text):
        warnings.append(ParseWarning("converted-script", "traditional characters were converted for matching"))
    if metadata.title is None:
        warnings.append(ParseWarning("no-title", "no title line (…工作规则) found"))
    if metadata.jurisdiction is None:
        warnings.append(ParseWarning("no-jurisdiction", "the issuing government could not be read from the title"))
    refusal = not_rules(norm, structure.chapters, structure.articles)
    if refusal is not None:
        warnings.append(ParseWarning("not-rules-genre", refusal))
    return DocumentTree(
        raw=raw,
        normalized=norm,
        metadata=metadata,
        chapters=structure.chapters,
        articles=structure.articles,
        warnings=tuple(warnings),
    )


def parse_file(path: str | Path) -> DocumentTree:
    path = Path(path)
    return parse_document(path.read_bytes(), path.name)


def _has_traditional(text: str) -> bool:
    sample = "".join(ch for ch in text[:20000] if "\u4e00" <= ch <= "\u9fff")
    changed = sum(1 for a, b in zip(sample, to_simplified(sample)) if a != b)
    return changed > max(3, len(sample) // 200)
