"""Stage 5: (DocumentTree, DocumentFacts) -> Graph, in the model of ``schema.model``.

This module builds the document's own nodes (jurisdiction, document, chapters, articles, items)
and the entities facts name; the facts' nodes and relationships come from ``ingest/fact_graph.py``
and ``ingest/government_graph.py``.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

import schema
from schema.model import Graph
from schema.naming import open_english
from schema.script import to_simplified
from schema.vocabulary import level_suffix_english, load_vocabulary, strip_level_suffix

from .extract.common import document_level
from .fact_graph import (
    ENTITY_LABELS,
    add_meeting,
    add_obligation,
    add_reporting_line,
    add_signing_rule,
    inherited_minutes_rules,
)
from .fact_values import EntityRef, Evidence
from .facts import DocumentFacts
from .government_graph import add_government
from .models import DocumentTree


def document_id(tree: DocumentTree) -> str:
    """Stable id of a document's content: the same text always gets the same id."""
    return "doc-" + hashlib.sha256(tree.raw.text.encode("utf-8")).hexdigest()[:16]


def jurisdiction_english(name: str) -> str:
    """朝阳区 -> Chaoyang (the suffix is dropped, as in English usage); 河西高新区 -> Hexi
    High-tech Zone, 浦东新区 -> Pudong New Area (a suffix English keeps); 某某畲族自治县 drops the
    people's name too."""
    suffix = level_suffix_english(name)
    return f"{_romanized(strip_level_suffix(name))} {suffix}".strip()


def _romanized(stem: str) -> str:
    """Pinyin of a place stem as one word, with an apostrophe before a syllable that starts with a
    vowel (西安 -> Xi'an), and the readings of schema/place_readings.yaml."""
    from pypinyin import lazy_pinyin

    readings = place_readings()
    syllables = None
    if stem in readings:
        syllables = list(readings[stem])
    for place, reading in sorted(readings.items(), key=lambda kv: -len(kv[0])):
        # a place name inside a longer one keeps its reading: 朝阳 in 朝阳北
        if syllables is None and len(place) > 1 and place in stem:
            before, _, after = stem.partition(place)
            syllables = [*lazy_pinyin(before), *reading, *lazy_pinyin(after)]
    if syllables is None:
        syllables = lazy_pinyin(stem)
    word = "".join(s if i == 0 or s[:1] not in "aoe" else "'" + s for i, s in enumerate(syllables))
    return word.capitalize()


def document_title(tree: DocumentTree) -> str:
    """The title as written; where the text has none, the title the genre gives the government
    it belongs to (某某市人民政府工作规则), or else the file name."""
    meta = tree.metadata
    if meta.title:
        return meta.title
    if meta.jurisdiction_full:
        return f"{meta.jurisdiction_full}{meta.government or '人民政府'}工作规则"
    return tree.name


@lru_cache(maxsize=1)
def place_readings() -> dict[str, list[str]]:
    """Place names whose reading differs from the everyday one (data: schema/place_readings.yaml)."""
    path = Path(schema.__file__).resolve().parent / "place_readings.yaml"
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def build_graph(tree: DocumentTree, facts: DocumentFacts) -> Graph:
    doc = document_id(tree)
    meta = tree.metadata
    if meta.jurisdiction is None or meta.jurisdiction_full is None or meta.level is None:
        # ingest refuses such a text (UnknownJurisdiction) before it gets here
        raise ValueError(f"{tree.name}: no jurisdiction to file the document under")
    level = document_level(tree)
    vocab = load_vocabulary()
    g = Graph(doc)
    jur_name = meta.jurisdiction
    name_en = jurisdiction_english(jur_name)
    jur = g.node(
        "Jurisdiction",
        f"jur:{meta.jurisdiction_full}",
        name=jur_name,
        fullName=meta.jurisdiction_full,
        nameEn=name_en,
        level=meta.level,
        parent=meta.parent,
        caption=f"{jur_name} · {name_en}",
    )
    title = document_title(tree)
    g.node(
        "RuleDocument",
        doc,
        doc=doc,
        # name is the canonical simplified form; title keeps the document's own characters
        name=to_simplified(title),
        title=title,
        file=tree.name,
        sourceUrl=meta.source_url,
        identifiedBy=meta.identified_by,
        docNumber=meta.doc_number,
        issued=meta.issued,
        published=meta.published,
        adopted=meta.adopted,
        adoptedBy=meta.adopted_by,
        status=meta.status,
        supersedesNumbers=list(meta.supersedes),
        jurisdiction=meta.jurisdiction_full,
        encoding=tree.raw.encoding,
        warnings=[f"{w.code}: {w.message}" for w in tree.warnings],
        articleCount=len(tree.articles),
        chapterCount=len(tree.chapters),
        caption=title,
    )
    g.link("HAS_RULES", jur, doc)
    for chapter in tree.chapters:
        key = g.node(
            "Chapter", f"{doc}:ch:{chapter.number}", doc=doc, number=chapter.number,
            declared=chapter.declared, title=chapter.title, name=chapter.title,
            caption=f"第{chapter.number}章 {chapter.title}",
        )
        g.link("HAS_CHAPTER", doc, key, doc=doc, order=chapter.number)
    for article in tree.articles:
        key = article_key(doc, article.ordinal)
        g.node(
            "Article", key, doc=doc, number=article.number, ordinal=article.ordinal, declared=article.declared,
            label=article.label,
            chapter=article.chapter, text=article.text, cleanText=article.clean_text,
            start=article.start, end=article.end, name=f"第{article.number}条",
            caption=f"第{article.number}条 {article.clean_text[len(article.label):][:16]}",
        )
        g.link("HAS_ARTICLE", doc, key, doc=doc, order=article.ordinal)
        if article.chapter:
            g.link("HAS_ARTICLE", f"{doc}:ch:{article.chapter}", key, doc=doc, order=article.ordinal)
        for i, item in enumerate(article.items, 1):
            ikey = g.node("Item", f"{key}:item:{i}", doc=doc, label=item.label, number=item.number,
                          text=item.text, start=item.start, end=item.end, name=item.label, caption=item.label)
            g.link("HAS_ITEM", key, ikey, doc=doc, order=i)

    cited = citing_article(doc, tree)
    entities: dict[str, str] = {}

    def entity(ref: EntityRef) -> str:
        node_key = f"{doc}:{ref.kind}:{ref.key}"
        if node_key not in entities:
            name_en = vocab.english(ref.kind, ref.key, level) if ref.known else open_english(ref.name, level, vocab)
            entities[node_key] = g.node(
                ENTITY_LABELS[ref.kind], node_key, doc=doc, kind=ref.key, name=ref.name, nameEn=name_en,
                caption=f"{ref.name} · {name_en}" if name_en else ref.name,
            )
        return node_key

    for rule in (*facts.signing, *inherited_minutes_rules(facts)):
        add_signing_rule(g, doc, rule, entity, vocab, level, cited)
    for meeting in facts.meetings:
        add_meeting(g, doc, meeting, entity, cited)
    for line in facts.reporting:
        add_reporting_line(g, doc, line, entity, vocab, level, cited)
    for number, obligation in enumerate(facts.obligations, 1):
        add_obligation(g, doc, number, obligation, entity, cited)
    if facts.government is not None:
        add_government(g, doc, facts.government, entity, cited)
    return g.deduplicated()


def article_key(doc: str, ordinal: int) -> str:
    """An article's node key: its ordinal, unique even where printed numbers restart or repeat."""
    return f"{doc}:art:{ordinal}"


def citing_article(doc: str, tree: DocumentTree) -> Callable[[Evidence], str]:
    """The key of the article an evidence span lies in (``Evidence.article`` is the printed
    number, which a chapter that restarts the numbering shares with other articles)."""
    articles = sorted(tree.articles, key=lambda a: a.start)
    starts = [a.start for a in articles]

    def cited(ev: Evidence) -> str:
        i = bisect_right(starts, ev.start) - 1
        if i >= 0 and ev.start < max(articles[i].end, articles[i].start + 1):
            return article_key(doc, articles[i].ordinal)
        same = next((a for a in articles if a.number == ev.article), None)
        return article_key(doc, same.ordinal if same else ev.article)

    return cited
