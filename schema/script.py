"""Chinese script: traditional -> simplified, one character for one (offsets stay valid).

Names are stored in simplified script, so ingest and the API both read names through this module.

Used by normalization (matching runs on simplified text) and by extraction (a name kept as
written gets a key that is the same in either script).
"""

from __future__ import annotations

from functools import lru_cache


def to_simplified(text: str) -> str:
    """Traditional -> simplified, guaranteed to keep the length (the offset map needs it)."""
    converter = _converter()
    converted: str = converter.convert(text)
    if len(converted) == len(text):
        return converted
    # A phrase rule changed the length somewhere: fall back to character by character.
    return "".join(c if len(c := converter.convert(ch)) == 1 else ch for ch in text)


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import opencc

    return opencc.OpenCC("t2s")
