"""The parsing pipeline: bytes -> DocumentTree (decode, normalize, structure, metadata)."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from schema.script import to_simplified

from .decode import decode_bytes
from .genre import not_rules
from .identity import Identity
from .metadata import extract_metadata
from .models import DocumentTree, ParseWarning
from .normalize import normalize
from .structure import parse_structure


def parse_document(data: bytes, name: str, named: Identity | None = None,
                   source_url: str | None = None) -> DocumentTree:
    """Parse one document's bytes. Raises IngestError when the bytes are not a text document.

    ``named``: the jurisdiction the user gave; ``source_url``: where the text came from."""
    raw = decode_bytes(data, name)
    norm = normalize(raw)
    structure = parse_structure(norm)
    metadata = dataclasses.replace(extract_metadata(norm, named), source_url=source_url)
    warnings = list(structure.warnings)
    if _has_traditional(raw.text):
        warnings.append(ParseWarning("converted-script", "traditional characters were converted for matching"))
    if metadata.title is None:
        warnings.append(ParseWarning("no-title", "no title line (…工作规则) found"))
    if metadata.jurisdiction is None:
        warnings.append(ParseWarning("no-jurisdiction", "the text does not say which government issued it"))
    elif named is not None:
        said = extract_metadata(norm).jurisdiction_full
        if said is not None and said != metadata.jurisdiction_full and said != named.name:
            warnings.append(ParseWarning("jurisdiction-named", f"the text names {said}; loaded under {named.full_name} as given"))
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


_CJK = re.compile("[\u4e00-\u9fff]+")


def _has_traditional(text: str) -> bool:
    sample = "".join(_CJK.findall(text, 0, 20000))
    simplified = to_simplified(sample)  # the same length: to_simplified keeps it
    changed = sum(map(str.__ne__, sample, simplified))
    return changed > max(3, len(sample) // 200)
