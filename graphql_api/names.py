"""Names as people type them -> graph keys. Unknown names are errors with close matches.

Jurisdictions: 朝阳区, 朝阳, 北京市朝阳区, Chaoyang, chaoyang district.
Issuers, genres, roles: Chinese (any level, any alias), English, or the key.
"""

from __future__ import annotations

import difflib
import re

from schema.vocabulary import Kind, Term, load_vocabulary, strip_level_suffix

_EN_SUFFIX = re.compile(r"\s+(district|county|city|banner)$")


class UnknownName(ValueError):
    """A name that resolves to nothing; the message lists close matches."""

    def __init__(self, what: str, name: str, candidates: list[str]) -> None:
        close = difflib.get_close_matches(name, candidates, n=5, cutoff=0.3)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        super().__init__(f"unknown {what} {name!r}{hint}")


def resolve_jurisdiction(name: str, jurisdictions: list[dict]) -> dict:
    """The jurisdiction row a user's name refers to."""
    wanted = name.strip()
    lowered = _EN_SUFFIX.sub("", wanted.lower())
    for row in jurisdictions:
        forms = {row["name"], row["fullName"], row["key"], strip_level_suffix(row["name"])}
        if wanted in forms or lowered == (row.get("nameEn") or "").lower():
            return row
    candidates = [c for row in jurisdictions for c in (row["name"], row["fullName"], row.get("nameEn") or "")]
    raise UnknownName("jurisdiction", name, candidates)


def resolve_term(what: str, name: str, kinds: tuple[Kind, ...]) -> Term:
    vocab = load_vocabulary()
    term = vocab.lookup(name, kinds)
    if term is None:
        raise UnknownName(what, name, vocab.names(kinds))
    return term
