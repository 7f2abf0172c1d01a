"""ingest.decode: bytes -> RawText; encodings found, non-text refused with a stable code."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest import decode as decode_module
from ingest.decode import decode_bytes
from ingest.errors import (
    BinaryDocument,
    EmptyDocument,
    IngestError,
    TooLargeDocument,
    UndecodableDocument,
)

# A small rules text: CJK with ASCII (newlines, digits) and full-width punctuation.
# 一 is U+4E00, so in UTF-16 it puts a NUL byte on the *other* side from ASCII.
SAMPLE = "某某区人民政府工作规则\n第一章　总则\n第一条 为规范区政府工作，制定本规则。\n第二条 区政府每周召开1次常务会议。\n"
# Many 一 and no ASCII at all except one newline: the NULs of 一 outnumber those of ASCII.
ONES = "第一条　一一一一一一一一一一一一一一一一。\n第十一条　一一一一一一。"


def _bom(bom: bytes, encoding: str):
    return lambda text: bom + text.encode(encoding)


ENCODINGS = [
    pytest.param(lambda t: t.encode("utf-8"), "utf-8", id="utf-8"),
    pytest.param(_bom(codecs.BOM_UTF8, "utf-8"), "utf-8-sig", id="utf-8-bom"),
    pytest.param(lambda t: t.encode("gb18030"), "gb18030", id="gb18030"),
    pytest.param(_bom(codecs.BOM_UTF16_LE, "utf-16-le"), "utf-16-le", id="utf-16-le-bom"),
    pytest.param(_bom(codecs.BOM_UTF16_BE, "utf-16-be"), "utf-16-be", id="utf-16-be-bom"),
    pytest.param(lambda t: t.encode("utf-16-le"), "utf-16-le", id="utf-16-le-no-bom"),
    pytest.param(lambda t: t.encode("utf-16-be"), "utf-16-be", id="utf-16-be-no-bom"),
    pytest.param(_bom(codecs.BOM_UTF32_LE, "utf-32-le"), "utf-32-le", id="utf-32-le-bom"),
    pytest.param(_bom(codecs.BOM_UTF32_BE, "utf-32-be"), "utf-32-be", id="utf-32-be-bom"),
]


@pytest.mark.parametrize("text", [SAMPLE, ONES], ids=["sample", "many-yi"])
@pytest.mark.parametrize(("encode", "encoding"), ENCODINGS)
def test_encodings_are_detected(encode, encoding, text):
    raw = decode_bytes(encode(text), "doc.txt")
    assert raw.text == text  # the BOM is not part of the text
    assert raw.encoding == encoding
    assert raw.name == "doc.txt"


def _random_binary() -> bytes:
    data = bytearray(random.Random(20240101).randbytes(4096))
    data[10:14] = b"\x00\x00\x00\x00"
    return bytes(data)


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"

REFUSED = [
    pytest.param(b"", EmptyDocument, "E001-empty", "empty", id="empty"),
    pytest.param(b" \r\n\t \n\n", EmptyDocument, "E001-empty", "empty", id="whitespace"),
    pytest.param("\u3000\u3000\n\u3000".encode(), EmptyDocument, "E001-empty", "empty", id="ideographic-spaces"),
    pytest.param(codecs.BOM_UTF8 + b"\r\n", EmptyDocument, "E001-empty", "empty", id="bom-only"),
    pytest.param(b"\x00\x00\x00", EmptyDocument, "E001-empty", "empty", id="nuls-only"),
    pytest.param(PDF, BinaryDocument, "E002-binary", "PDF", id="pdf"),
    pytest.param(PNG, BinaryDocument, "E002-binary", "PNG", id="png"),
    pytest.param(b"PK\x03\x04\x14\x00\x06\x00word/document.xml", BinaryDocument, "E002-binary", "DOCX", id="docx"),
    pytest.param(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), BinaryDocument, "E002-binary", ".doc", id="ole"),
    pytest.param(_random_binary(), BinaryDocument, "E002-binary", "NUL", id="random-binary"),
    pytest.param(("第一条" + "\x01\x02\x03\x04" * 5).encode(), BinaryDocument, "E002-binary", "control", id="controls"),
    pytest.param(codecs.BOM_UTF16_LE + b"\x00\xd8", UndecodableDocument, "E003-encoding", "decode", id="bad-utf16"),
    pytest.param(b"text \xff\xff \x80 end", UndecodableDocument, "E003-encoding", "decode", id="not-any-encoding"),
]


@pytest.mark.parametrize(("data", "error", "code", "says"), REFUSED)
def test_refused_with_stable_code(data, error, code, says):
    with pytest.raises(error) as info:
        decode_bytes(data, "upload.bin")
    err = info.value
    assert isinstance(err, IngestError)
    assert err.code == code
    assert err.source == "upload.bin"
    message = str(err)
    assert message.startswith("upload.bin: ")
    assert message.endswith(f"[{code}]")
    assert says in message


def test_too_large(monkeypatch):
    monkeypatch.setattr(decode_module, "MAX_BYTES", len("第一条".encode()))
    with pytest.raises(TooLargeDocument) as info:
        decode_bytes("第一条 甲。".encode(), "big.txt")
    assert info.value.code == "E004-too-large"
    assert "limit" in str(info.value)


def test_error_codes_are_distinct():
    codes = {
        EmptyDocument().code,
        BinaryDocument("x").code,
        UndecodableDocument().code,
        TooLargeDocument(2, 1).code,
    }
    assert codes == {"E001-empty", "E002-binary", "E003-encoding", "E004-too-large"}


@settings(max_examples=60, deadline=None)
@given(st.binary(max_size=600))
def test_any_bytes_decode_or_raise_ingest_error(data):
    try:
        raw = decode_bytes(data, "fuzz")
    except IngestError as err:
        assert err.code.startswith("E00")
    else:
        assert raw.text.strip()


# Prose of the genre: CJK, full-width punctuation, some ASCII digits, and lines. (UTF-16
# without a BOM is told apart by its NUL bytes, so a document needs one ASCII
# character: every real one has a line break.)
_PROSE = (
    st.text(
        alphabet=st.sampled_from(list("第一二三十条章区政府人民会议主持工作规则应当依法，。：；“”（）") + list("0123456789 \n")),
        min_size=8,
        max_size=200,
    )
    .filter(lambda t: sum("\u4e00" <= c <= "\u9fff" for c in t) * 2 > len(t))
    .map(lambda t: t + "\n")
)


@settings(max_examples=60, deadline=None)
@given(text=_PROSE, encoding=st.sampled_from(["utf-16-le", "utf-16-be", "gb18030", "utf-8"]))
def test_chinese_text_round_trips_through_any_encoding(text, encoding):
    raw = decode_bytes(text.encode(encoding), "prose.txt")
    assert raw.text == text
