"""Errors the ingest pipeline raises, each with a stable code and a clear message."""

from __future__ import annotations


class IngestError(Exception):
    """A document was refused. ``code`` is stable; ``str(err)`` is for people."""

    def __init__(self, code: str, message: str, *, source: str | None = None) -> None:
        self.code = code
        self.source = source
        prefix = f"{source}: " if source else ""
        super().__init__(f"{prefix}{message} [{code}]")


class EmptyDocument(IngestError):
    def __init__(self, source: str | None = None) -> None:
        super().__init__("E001-empty", "the file is empty (no text to parse)", source=source)


class BinaryDocument(IngestError):
    def __init__(self, what: str, source: str | None = None) -> None:
        super().__init__("E002-binary", f"not a text document ({what})", source=source)


class UndecodableDocument(IngestError):
    def __init__(self, source: str | None = None) -> None:
        super().__init__(
            "E003-encoding",
            "could not decode the text as UTF-8, UTF-16 or GB18030",
            source=source,
        )


class TooLargeDocument(IngestError):
    def __init__(self, size: int, limit: int, source: str | None = None) -> None:
        super().__init__(
            "E004-too-large",
            f"the file has {size:,} bytes; the limit is {limit:,}",
            source=source,
        )


class NotRulesDocument(IngestError):
    """A text with no rule articles; ``looks_like`` says what it is instead (ingest/genre.py)."""

    def __init__(self, looks_like: str = "not a government's rules: no articles", source: str | None = None) -> None:
        super().__init__("E005-genre", f"{looks_like}; nothing was loaded", source=source)


class UnknownJurisdiction(IngestError):
    def __init__(self, source: str | None = None) -> None:
        super().__init__(
            "E006-jurisdiction",
            "the text does not say which government's rules these are; name it: "
            "govgraph ingest FILE --jurisdiction 某某市 (or a `jurisdiction:` in sources.yaml beside it)",
            source=source,
        )
