"""Inside an article: the items of its lists and its sentences, each a span with offsets."""

from __future__ import annotations

import re

from .markers import ITEM, SENTENCE_END
from .models import Item, NormalizedText, Sentence
from .numerals import parse_number


def parse_items(norm: NormalizedText, nstart: int, nend: int) -> list[Item]:
    """Items of a list inside an article: （一）, （1）, 1. — each up to the next marker."""
    text = norm.text[nstart:nend]
    found = [m for m in ITEM.finditer(text)]
    items = []
    for i, m in enumerate(found):
        istart = nstart + m.start("label")
        iend = nstart + (found[i + 1].start() if i + 1 < len(found) else len(text))
        iend = istart + len(norm.text[istart:iend].rstrip())
        number = parse_number(m.group("cn") or m.group("ar") or m.group("dot") or "")
        start, end = norm.to_original(istart, iend)
        items.append(Item(m.group("label"), number or 0, start, end, istart, iend, norm.raw.text[start:end]))
    return items


def split_sentences(norm: NormalizedText, nstart: int, nend: int) -> list[Sentence]:
    """Sentences end at 。！？ or at a paragraph break; spans exclude surrounding blanks."""
    text = norm.text[nstart:nend]
    cuts = sorted({m.end() for m in SENTENCE_END.finditer(text)} | {m.start() for m in re.finditer(r"\n", text)})
    sentences: list[Sentence] = []
    pos = 0
    for cut in [*cuts, len(text)]:
        chunk = text[pos:cut]
        stripped = chunk.strip()
        if stripped:
            s = nstart + pos + (len(chunk) - len(chunk.lstrip()))
            e = s + len(stripped)
            start, end = norm.to_original(s, e)
            sentences.append(Sentence(len(sentences) + 1, start, end, s, e, norm.raw.text[start:end]))
        pos = cut
    return sentences
