"""Shared pieces of the extractors: clauses with offsets, entity references, evidence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from schema.naming import open_key
from schema.script import to_simplified
from schema.vocabulary import DEFAULT_LEVEL, LEVELS, Kind, Mention, Vocabulary, level_in_text, load_vocabulary

from ..fact_values import EntityRef, Evidence
from ..models import Article, DocumentTree, Sentence

#: Phrases that open a conditional clause (the scope of an exception or escalation).
CONDITION_OPENERS = re.compile(r"^(?:其中[，,]?)?(?P<cond>必要时|如有必要|如确有必要|特殊情况下?|紧急情况下?|遇有[^，]{1,12}?)[，,]?")
#: A clause-initial "…的，" names the case it applies to: 涉及重大事项的，… / 属本单位职责范围内的发文，…
CONDITION_DE = re.compile(
    r"^(?:其中[，,]?)?(?P<cond>(?:[^，；。]{0,6}[，,])?(?:涉及|属于|属|凡|对|经|如|若|由)[^；。]{1,40}?)"
    r"的(?:纪要|公文|文件|发文|事项)?(?:[，,]|$)"
)
#: "重要事项并报…" / "重大事项须报…": an escalation named by the matter alone.
CONDITION_MATTER = re.compile(
    r"^(?:其中[，,]?)?(?P<cond>(?:涉及)?[^，；。]{0,6}(?:重要|重大)[^，；。]{0,6}?事项)(?=并|须|应|则|还|要|时|，|,|$)"
)


@dataclass(frozen=True, slots=True)
class Clause:
    """A stretch of normalized text inside one article, with its sentence."""

    article: Article
    sentence: Sentence
    nstart: int
    nend: int
    text: str


class Context:
    """What every extractor needs about the document: text, level, vocabulary."""

    def __init__(self, tree: DocumentTree, vocabulary: Vocabulary | None = None) -> None:
        self.tree = tree
        self.norm = tree.normalized
        self.vocab = vocabulary or load_vocabulary()
        self.level = document_level(tree)
        # every extractor walks the same clauses: split once per article (and separators)
        self._clauses: dict[tuple[int, str], tuple[Clause, ...]] = {}
        self._clause_mentions: dict[tuple[int, int, tuple[Kind, ...]], dict[int, Mention]] = {}

    def sentence_text(self, sentence: Sentence) -> str:
        return self.norm.text[sentence.nstart : sentence.nend]

    def clauses(self, article: Article, separators: str = "；") -> list[Clause]:
        """Clauses of every sentence of an article, split at ``separators``."""
        key = (article.ordinal, separators)
        if key not in self._clauses:
            self._clauses[key] = tuple(self._split_clauses(article, separators))
        return list(self._clauses[key])

    def _split_clauses(self, article: Article, separators: str) -> list[Clause]:
        out = []
        for sentence in article.sentences:
            text = self.norm.text[sentence.nstart : sentence.nend]
            pos = 0
            for m in re.finditer(f"[{separators}]", text + separators[0]):
                chunk = text[pos : m.start()]
                lead = len(chunk) - len(chunk.lstrip())
                chunk = chunk.strip()
                if chunk:
                    start = sentence.nstart + pos + lead
                    out.append(Clause(article, sentence, start, start + len(chunk), chunk))
                pos = m.end()
        return out

    def evidence(self, article: Article, nstart: int, nend: int) -> Evidence:
        start, end = self.norm.to_original(nstart, nend)
        return Evidence(article.number, start, end, self.norm.raw.text[start:end])

    def entity(self, mention: Mention) -> EntityRef:
        term = mention.term
        kind: Kind = term.kind
        if kind == "genre":
            raise ValueError("genres are not entities")
        return EntityRef(kind, term.key, term.zh_for(self.level))

    def entity_by_key(self, kind: Kind, key: str) -> EntityRef:
        return EntityRef(kind, key, self.vocab.name(kind, key, self.level))  # type: ignore[arg-type]

    def mentions(self, text: str, kinds: tuple[Kind, ...]) -> list[Mention]:
        return self.vocab.find(text, kinds, self.level)

    def clause_mentions(self, clause: Clause, kinds: tuple[Kind, ...]) -> dict[int, Mention]:
        """A clause's mentions of ``kinds`` by where they start: found once per clause of the
        document for every extractor that reads noun phrases in it (read it, do not change it)."""
        key = (clause.nstart, clause.nend, kinds)
        found = self._clause_mentions.get(key)
        if found is None:
            found = self._clause_mentions[key] = {m.start: m for m in self.mentions(clause.text, kinds)}
        return found


def document_level(tree: DocumentTree) -> str:
    """The level of the government whose rules these are: as identified from the document's
    name, else as its articles speak of their government (市长负责制, 管委会), else a district."""
    level = tree.metadata.level
    if level in LEVELS:
        return level
    body = "".join(tree.normalized.text[a.nstart : a.nend] for a in tree.articles) or tree.normalized.text
    return level_in_text(body) or DEFAULT_LEVEL


def descriptive_entity(kind: Kind, written: str, level: str | None = None) -> EntityRef:
    """A role or body outside the vocabulary (乡镇(街道)行政正职, 区长助理). Its name is the simplified
    form; its key is that name with the level's words as templates (x:{L}长助理), the same in
    either script and at every level, so that one name's mentions are one node."""
    name = to_simplified(written)
    return EntityRef(kind, open_key(name, level) if level else "x:" + name, name)  # type: ignore[arg-type]


def any_later(flags: list[bool]) -> list[bool]:
    """For each position, whether a flag after it is set: [F, T, F] -> [T, F, F]."""
    out = [False] * len(flags)
    for i in range(len(flags) - 2, -1, -1):
        out[i] = out[i + 1] or flags[i + 1]
    return out


def leading_condition(text: str) -> tuple[str | None, int]:
    """The condition a clause opens with, and where the rest of the clause starts.

    >>> leading_condition("涉及重大事项的，由区长签发")
    ('涉及重大事项', 8)
    """
    for pattern in (CONDITION_OPENERS, CONDITION_DE, CONDITION_MATTER):
        m = pattern.match(text)
        if m:
            return m.group("cond").rstrip("，,"), m.end()
    return None, 0
