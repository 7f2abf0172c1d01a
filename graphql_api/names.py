"""Names as people type them -> graph keys. Unknown names are errors with close matches.

Jurisdictions: 朝阳区, 朝阳, 北京市朝阳区, Chaoyang, chaoyang district, chaoyangqu.
Issuers, genres, roles, bodies, meetings: Chinese (any level, any alias), English, the
key, or pinyin (quzhengfubangongshi = 区政府办公室).
Documents: the key, the document number (京朝政发〔2024〕1号), the title or the file name.
Names outside the vocabulary (区政府工作协调会, 县长助理): the name in either script, at any level
(区政府工作协调会 finds a county's 县政府工作协调会), its English, its key or its pinyin.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Protocol, TypeVar

from schema.naming import open_key
from schema.rows import DocumentRow, JurisdictionRow, PlaceRow
from schema.script import to_simplified
from schema.vocabulary import KINDS, LEVEL_SUFFIXES, LEVELS, Kind, Term, Vocabulary, load_vocabulary, strip_level_suffix

from .errors import UserError

_EN_SUFFIX = re.compile(r"\s+(district|county|city|banner)$")
_NOT_LETTERS = re.compile(r"[^a-z]")


class UnknownName(UserError, ValueError):
    """A name that resolves to nothing; the message lists close matches."""

    code = "UNKNOWN_NAME"

    def __init__(self, what: str, name: str, candidates: list[str]) -> None:
        unique = list(dict.fromkeys(c for c in candidates if c))
        close = difflib.get_close_matches(name, unique, n=5, cutoff=0.3)
        hint = f"; did you mean: {', '.join(close)}?" if close else ""
        super().__init__(f"unknown {what} {name!r}{hint}")
        self.close_matches = close


def pinyin_key(text: str) -> str:
    """区政府办公室 -> quzhengfubangongshi; 'Qu Zhengfu' -> quzhengfu (letters only, lower case)."""
    from pypinyin import lazy_pinyin

    return _NOT_LETTERS.sub("", "".join(lazy_pinyin(text)).lower())


class OpenNamed(Protocol):
    """What ``find_open`` reads of a row: a meeting (``MeetingRow``) or anything named like one."""

    @property
    def kind(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def name_en(self) -> str | None: ...


N = TypeVar("N", bound=OpenNamed)


def latin_forms(row: PlaceRow) -> set[str]:
    """Lower-case Latin names of a jurisdiction: its English name and its pinyin with and
    without the level word (chaoyang, chaoyangqu). Pinyin of the whole name reads a
    polyphonic character in context (朝阳区 -> chaoyangqu), so the stem is cut from it."""
    spoken = pinyin_key(row.name)
    english = (row.name_en or "").lower()
    # the English name as written too: a question keeps its apostrophe (Wen'an) and spaces
    forms = {english, _NOT_LETTERS.sub("", english), spoken, pinyin_key(row.full_name)}
    for suffix in LEVEL_SUFFIXES:
        if row.name.endswith(suffix) and len(row.name) > len(suffix) + 1:
            level_sound = pinyin_key(suffix)
            if spoken.endswith(level_sound):
                forms.add(spoken[: -len(level_sound)])
            break
    forms.discard("")
    return forms


def resolve_jurisdiction(name: str, jurisdictions: Sequence[JurisdictionRow]) -> JurisdictionRow:
    """The jurisdiction row a user's name refers to."""
    wanted = name.strip()
    lowered = _EN_SUFFIX.sub("", wanted.lower())
    typed_pinyin = _NOT_LETTERS.sub("", wanted.lower())
    for row in jurisdictions:
        p = row.place
        if wanted in {p.name, p.full_name, p.key, strip_level_suffix(p.name)} or lowered == (p.name_en or "").lower():
            return row
    if typed_pinyin:
        for row in jurisdictions:
            if typed_pinyin in latin_forms(row.place):
                return row
    candidates = [c for row in jurisdictions for c in (row.place.name, row.place.full_name, row.place.name_en or "")]
    raise UnknownName("jurisdiction", name, candidates)


class JurisdictionNames:
    """``resolve_jurisdiction`` over lookup tables built once for a list of places: the same
    answers, in time independent of the number of places (the API keeps one per snapshot of the
    store's places, ``graphql_api/places.py``)."""

    def __init__(self, jurisdictions: Sequence[JurisdictionRow], same_names_as: JurisdictionNames | None = None) -> None:
        """``same_names_as``: the tables of a list with the same places, names and order, whose
        pinyin forms are taken over rather than computed again."""
        self._rows = jurisdictions
        self._exact: dict[str, int] = {}  # form -> the first row that has it
        self._english: dict[str, int] = {}
        # pinyin forms: built when first asked for
        self._latin: dict[str, int] | None = same_names_as._latin if same_names_as is not None else None
        for i, row in enumerate(jurisdictions):
            p = row.place
            for form in (p.name, p.full_name, p.key, strip_level_suffix(p.name)):
                self._exact.setdefault(form, i)
            self._english.setdefault((p.name_en or "").lower(), i)

    def resolve(self, name: str) -> JurisdictionRow:
        wanted = name.strip()
        found = [i for i in (self._exact.get(wanted), self._english.get(_EN_SUFFIX.sub("", wanted.lower())))
                 if i is not None]
        if found:  # the first row that matches either way, as resolve_jurisdiction's first pass
            return self._rows[min(found)]
        typed_pinyin = _NOT_LETTERS.sub("", wanted.lower())
        if typed_pinyin and (i := self._latin_forms().get(typed_pinyin)) is not None:
            return self._rows[i]
        raise self._unknown(name)

    def _latin_forms(self) -> dict[str, int]:
        if self._latin is None:  # two threads may both build it: the same table
            latin: dict[str, int] = {}
            for i, row in enumerate(self._rows):
                for form in latin_forms(row.place):
                    latin.setdefault(form, i)
            self._latin = latin
        return self._latin

    def _unknown(self, name: str) -> UnknownName:
        candidates = [c for row in self._rows for c in (row.place.name, row.place.full_name, row.place.name_en or "")]
        return UnknownName("jurisdiction", name, candidates)


def resolve_term(what: str, name: str, kinds: tuple[Kind, ...]) -> Term:
    """The vocabulary term a name refers to, of one of ``kinds``."""
    find = _known_term if len(name) <= _CACHED_NAME else _known_term.__wrapped__  # a long text is not kept
    term = find(load_vocabulary(), name, kinds)
    if term is None:
        raise UnknownName(what, name, load_vocabulary().names(kinds))
    return term


_CACHED_NAME = 100  # characters


@lru_cache(maxsize=2048)  # a name is looked up on every request that uses it (issuer='office' …)
def _known_term(vocab: Vocabulary, name: str, kinds: tuple[Kind, ...]) -> Term | None:
    # An exact key first: 'party_group' (a meeting) must not become the body whose English alias is 'party group'.
    term = next((t for t in vocab.terms if t.kind in kinds and t.key == name.strip()), None)
    if term is None:
        term = vocab.lookup(name, kinds)
    if term is None:
        term = _pinyin_index(kinds).get(_NOT_LETTERS.sub("", name.lower()))
    return term


@lru_cache(maxsize=len(KINDS) * 4)
def _pinyin_index(kinds: tuple[Kind, ...]) -> dict[str, Term]:
    index: dict[str, Term] = {}
    vocab = load_vocabulary()
    for kind in kinds:
        for surface, term in vocab.surfaces(kind):
            index.setdefault(pinyin_key(surface), term)
    index.pop("", None)
    return index


def open_keys(name: str) -> set[str]:
    """The keys a name outside the vocabulary has when a document of any level names it."""
    simple = to_simplified(name.strip())
    return {"x:" + simple, *(open_key(simple, level) for level in LEVELS)}


def find_open(what: str, name: str, rows: Sequence[N]) -> list[N]:
    """The rows (entities outside the vocabulary: ``kind`` ``x:…``) a user's name refers to, by
    key, name in either script and at any level, English or pinyin; UnknownName when none."""
    keys = open_keys(name)
    simple = to_simplified(name.strip())
    typed = _NOT_LETTERS.sub("", name.lower())
    found = [
        r for r in rows
        if str(r.kind or "").startswith("x:")
        and (r.kind in keys or name.strip() == r.kind or simple == to_simplified(r.name or "")
             or (typed and typed in {_NOT_LETTERS.sub("", (r.name_en or "").lower()), pinyin_key(r.name or "")}))
    ]
    if not found:
        vocab = load_vocabulary()
        raise UnknownName(what, name, vocab.names((what,) if what in KINDS else KINDS) + [r.name or "" for r in rows])
    return found


def resolve_document(name: str, documents: Sequence[DocumentRow]) -> DocumentRow:
    """The document row (of ``documents``) a user's name refers to."""
    wanted = name.strip()
    for doc in documents:
        if wanted in (doc.key, doc.doc_number, doc.title, doc.file):
            return doc
    candidates = [c for d in documents for c in (d.key, d.doc_number, d.title)]
    raise UnknownName("document", name, [c for c in candidates if c])
