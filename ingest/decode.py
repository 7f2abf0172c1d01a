"""Stage 1: bytes -> RawText. Detects the encoding and refuses what is not text.

Rule documents come from district websites as UTF-8 (with or without BOM),
GB18030/GBK (older sites, Windows exports) and UTF-16 (Word "Unicode text").
"""

from __future__ import annotations

import codecs

from .errors import BinaryDocument, EmptyDocument, TooLargeDocument, UndecodableDocument
from .models import RawText

MAX_BYTES = 16 * 1024 * 1024
_MAX_CHAR_BYTES = 4  # the longest character in any encoding read here (UTF-8, GB18030, UTF-32)

# Magic numbers of formats people save by mistake instead of the text.
_MAGIC = (
    (b"%PDF", "a PDF file; extract its text first"),
    (b"PK\x03\x04", "a ZIP/DOCX/XLSX archive; save it as text first"),
    (b"\xd0\xcf\x11\xe0", "a legacy Office (.doc/.xls) file; save it as text first"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "an executable"),
)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, name: str = "<memory>") -> RawText:
    """Decode a document's bytes; raise an IngestError with a clear reason otherwise.

    >>> decode_bytes("第一条 总则".encode("gb18030")).encoding
    'gb18030'
    """
    if len(data) > MAX_BYTES:
        raise TooLargeDocument(len(data), MAX_BYTES, source=name)
    if not data.strip(b" \t\r\n\x00"):
        raise EmptyDocument(source=name)
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise BinaryDocument(what, source=name)

    text, encoding = _decode(data, name)
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise EmptyDocument(source=name)
    if _control_ratio(text) > 0.05:
        raise BinaryDocument("too many control characters for a text file", source=name)
    return RawText(name=name, text=text, encoding=encoding)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _decode_cut(data[len(bom) :], encoding.replace("-sig", "")), encoding
            except UnicodeDecodeError as exc:
                raise UndecodableDocument(source=name) from exc
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if b"\x00" in data:
        raise BinaryDocument("it contains NUL bytes", source=name)
    for encoding in ("utf-8", "gb18030"):
        try:
            return _decode_cut(data, encoding), encoding
        except UnicodeDecodeError:
            continue
    raise UndecodableDocument(source=name)


def _decode_cut(data: bytes, encoding: str) -> str:
    """Decode, dropping one incomplete character at the very end: a download or a copy
    cut off mid-character is a truncated text, not another encoding (the structure
    stage then warns that the text looks cut off)."""
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        if exc.start == 0 or exc.end != len(data) or len(data) - exc.start >= _MAX_CHAR_BYTES:
            raise
        return data[: exc.start].decode(encoding)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without BOM. NUL bytes alone do not tell the byte order: ASCII puts
    them on one side of each pair, but so do common CJK characters on the other
    (一 is U+4E00). Decode both ways and keep the one that reads as text."""
    if len(data) < 4 or b"\x00" not in data:
        return None
    candidates = []
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = _decode_cut(data, encoding)
        except UnicodeDecodeError:
            continue
        candidates.append((_text_ratio(text), _cjk_ratio(text), text, encoding))
    if not candidates:
        return None
    # 一一 read the wrong way round is NN: as textual, but not Chinese; CJK breaks the tie.
    text_ratio, cjk_ratio, text, encoding = max(candidates, key=lambda c: (c[0], c[1]))
    if text_ratio >= 0.9 and cjk_ratio > 0.2:
        return text, encoding
    return None


def _text_ratio(text: str) -> float:
    """Share of characters a Chinese text document is made of; the wrong byte order
    turns ASCII into unrelated scripts and CJK into a scatter over the whole BMP."""
    sample = text[:4000]
    ok = sum(
        1
        for ch in sample
        if (" " <= ch <= "~")
        or ch in "\t\n\r"
        or "\u4e00" <= ch <= "\u9fff"
        or "\u3400" <= ch <= "\u4dbf"
        or "\u3000" <= ch <= "\u303f"  # CJK punctuation
        or "\u2000" <= ch <= "\u206f"  # general punctuation: “” — …
        or "\uff00" <= ch <= "\uffef"  # full-width forms
    )
    return ok / max(1, len(sample))


def _cjk_ratio(text: str) -> float:
    sample = text[:4000]
    cjk = sum(1 for ch in sample if "\u4e00" <= ch <= "\u9fff")
    return cjk / max(1, len(sample.strip()))


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    return bad / max(1, len(sample))
