"""Names outside the vocabulary: a level-independent key and an English name.

>>> level_free("县长助理", "county"), level_free("区长助理", "district")
('{L}长助理', '{L}长助理')
>>> open_english("县政府工作协调会", "county")
'County Government Work Coordination Meeting'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .vocabulary import Term, Vocabulary, fill_forms, load_vocabulary
from .yaml_data import load_yaml

_WORDS = Path(__file__).with_name("vocabulary") / "words.yaml"
_FIELDS = {"meeting_endings", "before_a_name", "not_a_name", "english"}
#: the level's own words -> the template a key has for them (区人民政府 and 区政府 are one government)
_LEVEL_WORDS = (("{L}政府", "{L}政府"), ("{L}人民政府", "{L}政府"), ("常务副{L}长", "常务副{L}长"),
                ("副{L}长", "副{L}长"), ("{L}长", "{L}长"), ("{L}委", "{L}委"))
_DANGLING = re.compile(r"\s+(?:to|of) the$")


@dataclass(frozen=True, slots=True)
class Words:
    meeting_endings: tuple[str, ...]
    before_a_name: tuple[str, ...]
    not_a_name: tuple[str, ...]
    english: tuple[tuple[str, str], ...]  # longest part first


@lru_cache(maxsize=1)
def words() -> Words:
    data = load_yaml(_WORDS)
    if not isinstance(data, dict) or set(data) != _FIELDS:
        raise ValueError(f"{_WORDS}: expected exactly the keys {sorted(_FIELDS)}")
    english = data["english"]
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in english.items()):
        raise ValueError(f"{_WORDS}: english maps Chinese words to English strings")
    return Words(_longest(data["meeting_endings"]), _longest(data["before_a_name"]), tuple(data["not_a_name"]),
                 tuple(sorted(english.items(), key=lambda kv: -len(kv[0]))))


def _longest(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted(items, key=len, reverse=True))


@lru_cache(maxsize=16)
def _level_pattern(level: str) -> tuple[re.Pattern[str], dict[str, str]]:
    back: dict[str, str] = {}
    for template, key_template in _LEVEL_WORDS:
        for i, form in enumerate(fill_forms(template, level)):
            # a zone's bare 主任 is too common a word to stand for its head in a key
            if i == 0 or len(form) > 2:
                back.setdefault(form, key_template)
    return re.compile("|".join(map(re.escape, sorted(back, key=len, reverse=True)))), back


def level_free(name: str, level: str) -> str:
    """A simplified name with the level's words as templates, so that the same name at every
    level has one key: 县长助理 (county) and 区长助理 (district) -> {L}长助理."""
    pattern, back = _level_pattern(level)
    return pattern.sub(lambda m: back[m.group()], name)


def open_key(name: str, level: str) -> str:
    return "x:" + level_free(name, level)


def open_term(kind: str, name: str, level: str) -> Term:
    """A term for a name the vocabulary does not list, named as the text names it (simplified),
    keyed level-free, its English built from the parts of the name."""
    return Term(kind, open_key(name, level), name, open_english(name, level), ())  # type: ignore[arg-type]


def open_english(name: str, level: str, vocabulary: Vocabulary | None = None) -> str:
    """English from the parts the vocabulary and words.yaml know, pinyin for the rest."""
    return " ".join(_english(name, level, vocabulary or load_vocabulary()).split())


def _english(text: str, level: str, vocab: Vocabulary) -> str:
    text = text.strip("的、")  # 各部门的负责人: the particle and list marks carry no word of their own
    if not text:
        return ""
    term = vocab.resolve(text, level)
    if term is not None and term.kind != "genre":
        return term.en_for(level)
    standalone = dict(words().english).get(text)
    if standalone is not None and "{}" not in standalone:
        return standalone
    for part, english in words().english:
        if text.endswith(part) and "{}" in english:
            before = _english(text[: -len(part)], level, vocab)
            return english.format(before) if before else _DANGLING.sub("", english.replace("{}", "").strip()).strip()
    head = _known_prefix(text, level, vocab)
    if 0 < head < len(text):
        return f"{_english(text[:head], level, vocab)} {_english(text[head:], level, vocab)}"
    for i in range(1, len(text)):
        if _known_prefix(text[i:], level, vocab):
            return f"{_pinyin(text[:i])} {_english(text[i:], level, vocab)}"
    return _pinyin(text)


def _known_prefix(text: str, level: str, vocab: Vocabulary) -> int:
    """Length of the longest known word the text starts with (0 if none)."""
    found = vocab.find(text, ("role", "body", "meeting"), level)
    best = found[0].end if found and found[0].start == 0 else 0
    for part, english in words().english:
        if "{}" not in english and text.startswith(part):
            best = max(best, len(part))
    return best


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    letters = "".join(s for s in lazy_pinyin(text) if s.isalpha())
    return letters.capitalize() if letters else text
