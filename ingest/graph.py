"""Stage 5: (DocumentTree, DocumentFacts) -> Graph, in the model of ``schema.model``."""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

import schema
from schema.model import Graph
from schema.naming import open_english
from schema.script import to_simplified
from schema.vocabulary import level_suffix_english, load_vocabulary, strip_level_suffix

from .extract.common import document_level
from .facts import (
    DocumentFacts,
    EntityRef,
    Evidence,
    Meeting,
    Obligation,
    ReportingLine,
    SigningRule,
    SigningStep,
)
from .government_graph import add_government
from .models import DocumentTree

_ACTION_TYPES = {"SIGN": "SIGNS", "APPROVE": "APPROVES", "REVIEW": "REVIEWS", "COUNTERSIGN": "COUNTERSIGNS"}
_LABELS = {"role": "Role", "body": "Body", "meeting": "Meeting"}


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
                _LABELS[ref.kind], node_key, doc=doc, kind=ref.key, name=ref.name, nameEn=name_en,
                caption=f"{ref.name} · {name_en}" if name_en else ref.name,
            )
        return node_key

    for rule in (*facts.signing, *_inherited_minutes_rules(facts)):
        _signing_rule(g, doc, rule, entity, vocab, level, cited)
    for meeting in facts.meetings:
        _meeting(g, doc, meeting, entity, cited)
    for line in facts.reporting:
        _reporting_line(g, doc, line, entity, vocab, level, cited)
    for number, obligation in enumerate(facts.obligations, 1):
        _obligation(g, doc, number, obligation, entity, cited)
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


def _span_props(prefix: str, ev: Evidence | None, cited: Callable[[Evidence], str]) -> dict[str, Any]:
    """frequencyArticle, frequencyArticleKey, frequencyStart, frequencyEnd, frequencyEvidence
    (None when unstated): a figure cites its article by key, as a fact does."""
    return {f"{prefix}Article": ev.article if ev else None, f"{prefix}ArticleKey": cited(ev) if ev else None,
            f"{prefix}Start": ev.start if ev else None, f"{prefix}End": ev.end if ev else None,
            f"{prefix}Evidence": ev.text if ev else None}


def evidence_props(doc: str, ev: Evidence | None, cited: Callable[[Evidence], str]) -> dict[str, Any]:
    """Where a fact comes from. ``articleKey`` is the one article it cites (stores find the article
    by it); ``article`` is the number printed on it, kept for display, which a chapter that
    restarts the numbering shares with other articles."""
    if ev is None:
        return {"doc": doc, "article": None, "articleKey": None, "start": None, "end": None, "evidence": None}
    return {"doc": doc, "article": ev.article, "articleKey": cited(ev), "start": ev.start, "end": ev.end,
            "evidence": ev.text}


def _signing_rule(  # type: ignore[no-untyped-def]
    g: Graph, doc: str, rule: SigningRule, entity, vocab, level: str, cited
) -> None:
    issuer = entity(rule.issuer)
    recipient = entity(rule.recipient) if rule.recipient else None
    genre_names = [vocab.name("genre", key, level) for key in rule.genres]
    ident = f"{rule.issuer.key}|{','.join(rule.genres)}|{rule.recipient.key if rule.recipient else ''}"
    label = _document_type_name(rule, genre_names)
    dt = g.node(
        "DocumentType", f"{doc}:doctype:{ident}", doc=doc, name=label, caption=label,
        issuerKey=rule.issuer.key, issuerName=rule.issuer.name, genres=list(rule.genres),
        genreNames=genre_names, recipientKey=rule.recipient.key if rule.recipient else None,
        recipientName=rule.recipient.name if rule.recipient else None, direction=rule.direction,
    )
    g.link("ISSUED_AS", dt, issuer, doc=doc)
    if recipient:
        g.link("ADDRESSED_TO", dt, recipient, doc=doc)
    g.link("STATED_IN", dt, cited(rule.evidence), **evidence_props(doc, rule.evidence, cited))
    for order, step in enumerate(rule.steps, 1):
        g.link(
            _ACTION_TYPES[step.action], entity(step.actor), dt, condition=step.condition, verb=step.verb,
            delegated=step.delegated, order=order, **evidence_props(doc, rule.evidence, cited),
        )


def _inherited_minutes_rules(facts: DocumentFacts) -> list[SigningRule]:
    """The minutes of a meeting that took its signers from a broader meeting's rule (see
    ingest.extract.minutes) get a document type of their own, so that "who signs the minutes
    of the head's thematic meeting" is answered, citing the broader rule's clause."""
    own = {r.issuer.key for r in facts.signing if r.issuer.kind == "meeting" and r.genres == ("minutes",)}
    verbs = {r.evidence: s.verb for r in facts.signing for s in reversed(r.steps) if s.action == "SIGN"}
    rules = []
    for meeting in facts.meetings:
        signers = [(p, p.evidence) for p in meeting.minutes_signers if p.evidence is not None]
        if meeting.entity.key in own or not signers:
            continue
        steps = tuple(SigningStep("SIGN", p.entity, verbs.get(evidence, "签发"), p.condition,
                                  p.delegated) for p, evidence in signers)
        rules.append(SigningRule(meeting.entity, ("minutes",), None, "any", steps, signers[0][1]))
    return rules


def _document_type_name(rule: SigningRule, genre_names: list[str]) -> str:
    if rule.genres == ("minutes",):
        return f"{rule.issuer.name}纪要"
    what = "、".join(genre_names) if genre_names else "公文"
    to = f"报{rule.recipient.name}的" if rule.recipient else ""
    return f"以{rule.issuer.name}名义{to}{what}"


#: Meeting slot -> relationship type; attendees split on ``mandatory``.
_MEETING_SLOTS = (("members", "MEMBER_OF"), ("conveners", "CONVENES"), ("chairs", "CHAIRS"), ("attendees", "ATTENDS"))


def _meeting(g: Graph, doc: str, meeting: Meeting, entity, cited) -> None:  # type: ignore[no-untyped-def]
    key = entity(meeting.entity)
    freq = meeting.frequency
    g.update(
        key,
        frequencyText=freq.text if freq else None,
        period=freq.period if freq else None,
        times=freq.times if freq else None,
        timesMax=freq.times_max if freq else None,
        quorum=meeting.quorum.text if meeting.quorum else None,
        articles=list(meeting.articles),
        # the articles about it by key, in document order (printed numbers may repeat)
        articleKeys=list(dict.fromkeys(cited(ev) for ev in sorted(meeting.evidence, key=lambda e: e.start))),
        # Each figure cites its own clause: a meeting's facts come from several articles.
        **_span_props("frequency", freq.evidence if freq else None, cited),
        **_span_props("quorum", meeting.quorum.evidence if meeting.quorum else None, cited),
    )
    for ev in meeting.evidence:
        g.link("STATED_IN", key, cited(ev), **evidence_props(doc, ev, cited))
    for slot, rel_type in _MEETING_SLOTS:
        for order, p in enumerate(getattr(meeting, slot), 1):
            g.link(rel_type, entity(p.entity), key, mandatory=p.mandatory, delegated=p.delegated,
                   condition=p.condition, order=order, **evidence_props(doc, p.evidence, cited))


def _reporting_line(g: Graph, doc: str, line: ReportingLine, entity, vocab, level, cited) -> None:  # type: ignore[no-untyped-def]
    # Steps are parallel lists on the edge (a property holds primitives only): the chain's
    # order, each actor's vocabulary key, names and label, and the verb as written.
    steps = line.steps
    g.link("REPORTS_TO", entity(line.source), entity(line.target), matter=line.matter, kind=line.kind,
           stepOrders=[s.order for s in steps], stepActors=[s.actor.key for s in steps],
           stepNames=[s.actor.name for s in steps],
           stepNamesEn=[vocab.english(s.actor.kind, s.actor.key, level) if s.actor.known else "" for s in steps],
           stepLabels=[_LABELS[s.actor.kind] for s in steps], stepActions=[s.action for s in steps],
           **evidence_props(doc, line.evidence, cited))


def _obligation(g: Graph, doc: str, number: int, ob: Obligation, entity, cited) -> None:  # type: ignore[no-untyped-def]
    ev = ob.evidence
    dl = ob.deadline
    key = g.node(
        "Obligation", f"{doc}:obl:{ev.article}:{ev.start}:{number}", doc=doc, modality=ob.modality,
        trigger=ob.trigger, action=ob.action, condition=ob.condition,
        bearerName=ob.bearer.name if ob.bearer else None, bearerKey=ob.bearer.key if ob.bearer else None,
        counterpartyName=ob.counterparty.name if ob.counterparty else None,
        deadlineAmount=dl.amount if dl else None, deadlineUnit=dl.unit if dl else None,
        deadlineText=dl.text if dl else None, deadlineKind=dl.kind if dl else None,
        deadlineMax=dl.maximum if dl else None, deadlinePer=dl.per if dl else None,
        hasDeadline=dl is not None, article=ev.article, articleKey=cited(ev), start=ev.start, end=ev.end,
        evidence=ev.text,
        name=ob.action[:24], caption=f"{ob.trigger}·{ob.action[:16]}",
    )
    g.link("STATED_IN", key, cited(ev), **evidence_props(doc, ev, cited))
    if ob.bearer:
        g.link("BEARS", entity(ob.bearer), key, **evidence_props(doc, ev, cited))
    if ob.counterparty:
        g.link("OWED_TO", key, entity(ob.counterparty), **evidence_props(doc, ev, cited))
