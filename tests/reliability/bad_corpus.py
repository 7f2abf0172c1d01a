"""The bad-input corpus: what users feed the ingest, and what each must give.

Small inputs are committed in ``tests/data/bad/``; binary, re-encoded and large
ones are made here (a 10 MB document is generated, never committed). Each entry
says whether the file is *refused* (an IngestError code, ``govgraph ingest`` exit
2) or *loaded* (exit 0), and which warning codes tell the user what was odd.
"""

from __future__ import annotations

import codecs
import random
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .documents import document_of_size, rules_document

COMMITTED = Path(__file__).resolve().parent.parent / "data" / "bad"
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class BadInput:
    name: str  # file name in the corpus folder
    make: Callable[[], bytes]
    refused: str | None = None  # IngestError code when the file must be refused
    warnings: tuple[str, ...] = ()  # warning codes a loaded file must carry
    encoding: str | None = None  # the encoding the decoder must report for a loaded file


def _committed(name: str) -> Callable[[], bytes]:
    return lambda: (COMMITTED / name).read_bytes()


def _clean_rules() -> str:
    """A well-formed rules document: re-encoded, it must give the same graph."""
    return rules_document("朝阳区", articles=16)


def _random_binary() -> bytes:
    rng = random.Random(9)  # fixed seed: the same bytes on every run
    return bytes(rng.randrange(256) for _ in range(8192))


# A real (tiny) PDF: header, one object, cross-reference table, trailer.
_PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"
    b"xref\n0 3\n0000000000 65535 f \n0000000015 00000 n \n0000000068 00000 n \n"
    b"trailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n118\n%%EOF\n"
)


def _cut_mid_character() -> bytes:
    """A download that stopped inside a three-byte character of the last article."""
    data = rules_document("海淀区", articles=9).rstrip().encode("utf-8")
    return data[:-4]  # drops 。 and the first byte of the character before it


def _utf16_cut_mid_character() -> bytes:
    """A UTF-16 file (Word's "Unicode text") cut after an odd number of bytes."""
    data = codecs.BOM_UTF16_LE + rules_document("海淀区", articles=9).rstrip().encode("utf-16-le")
    return data[:-1]


BAD_INPUTS: tuple[BadInput, ...] = (
    BadInput("empty.txt", lambda: b"", refused="E001-empty"),
    BadInput("blank_lines.txt", lambda: b"\r\n \t\r\n\x00\n", refused="E001-empty"),
    BadInput("binary.bin", _random_binary, refused="E002-binary"),
    BadInput("document.pdf.txt", lambda: _PDF, refused="E002-binary"),
    BadInput("too_large_17mb.txt", lambda: document_of_size(17 * MB), refused="E004-too-large"),
    BadInput("notice_other_genre.txt", _committed("notice_other_genre.txt"), refused="E005-genre"),
    BadInput("page_saved_as_text.html", _committed("page_saved_as_text.html"), encoding="utf-8"),
    BadInput("rules_gb18030.txt", lambda: _clean_rules().encode("gb18030"), encoding="gb18030"),
    BadInput(
        "rules_utf16le_bom.txt", lambda: codecs.BOM_UTF16_LE + _clean_rules().encode("utf-16-le"), encoding="utf-16-le"
    ),
    BadInput("rules_utf16be.txt", lambda: _clean_rules().encode("utf-16-be"), encoding="utf-16-be"),
    BadInput("traditional.txt", _committed("traditional.txt"), warnings=("converted-script",)),
    BadInput("large_10mb.txt", lambda: document_of_size(10 * MB), encoding="utf-8"),
    BadInput("no_articles.txt", _committed("no_articles.txt"), warnings=("no-structure",)),
    BadInput(
        "article_numbers_duplicated_skipped.txt",
        _committed("article_numbers_duplicated_skipped.txt"),
        warnings=("article-duplicate", "article-gap"),
    ),
    BadInput("truncated.txt", _committed("truncated.txt"), warnings=("truncated",)),
    BadInput("truncated_mid_character.txt", _cut_mid_character, warnings=("truncated",), encoding="utf-8"),
    BadInput("truncated_utf16_odd_length.txt", _utf16_cut_mid_character, warnings=("truncated",),
             encoding="utf-16-le"),
)

#: the same document in other encodings: each must give the UTF-8 document's graph
SAME_AS_CLEAN_RULES = ("rules_gb18030.txt", "rules_utf16le_bom.txt", "rules_utf16be.txt")


def clean_rules_bytes() -> bytes:
    return _clean_rules().encode("utf-8")


def write_corpus(folder: Path, inputs: tuple[BadInput, ...] = BAD_INPUTS) -> dict[str, Path]:
    """Write every input into ``folder``; name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for entry in inputs:
        path = folder / entry.name
        path.write_bytes(entry.make())
        paths[entry.name] = path
    return paths
