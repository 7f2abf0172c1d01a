"""``ask`` handlers for what a government is made of (composition, head and acting head,
assistants, leadership, accountability, basis, principles) and for "what do the rules say
about X", which quotes the articles that state it. Each answer cites its articles and quotes
the clause as written, labelled as a quotation."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from schema.rows import ArticleRow, EntityRow, JurisdictionRow, LinkRow
from schema.yaml_data import load_yaml
from stores.base import Store

from .question import Question

Lines = tuple[list[str], list[ArticleRow]]
Handler = Callable[[Question, Store, JurisdictionRow, str | None], Lines]
B = TypeVar("B")
MAX_QUOTES = 3

_WORDS = {
    "quote": {"en": "Quotation", "zh": "原文"},
    "none": {"en": "I found nothing on this in these rules.", "zh": "这份规则中没有找到相关规定。"},
    "member": {"en": "{of} is composed of: {who}", "zh": "{of}由{who}组成"},
    "head": {"en": "{who} heads {of} ({cue})", "zh": "{of}实行{cue}，由{who}领导"},
    "acting": {"en": "{who} acts for {of}{when}", "zh": "{when}由{who}代{of}主持工作"},
    "assists": {"en": "{who} assists {of}", "zh": "{who}协助{of}工作"},
    "leadership": {"en": "{of} works under the leadership of {who}", "zh": "{of}在{who}领导下工作"},
    "accountable": {"en": "{of} is responsible and reports to {who}{when}", "zh": "{when}{of}对{who}负责并报告工作"},
    "basis": {"en": "The rules are based on: {titles}", "zh": "本规则的依据：{titles}"},
    "principles": {"en": "Work principles", "zh": "工作准则"},
}
#: "what do the rules say about X": the topic as the question words it.
_TOPIC = (re.compile(r"(?:关于|对于|有关|对)(?P<topic>[^，。？?]{1,12}?)(?:有什么|有何|有哪些|是怎么|怎么|如何)?(?:规定|要求|说)"),
          re.compile(r"(?i)\bwhat (?:do|does) (?:the|its|their) rules? say about (?:the )?(?P<topic>[^?]+?)(?: in [A-Z][\w' ]+)?\??$"),
          re.compile(r"(?i)\brules? (?:on|about) (?:the )?(?P<topic>[^?]+)"))


@lru_cache(maxsize=1)
def topics() -> dict[str, str]:
    """English topic -> the words the rules use (``topics`` in ask_patterns.yaml)."""
    data = load_yaml(Path(__file__).with_name("ask_patterns.yaml"))
    table = data.get("topics") or {}
    if not all(isinstance(k, str) and isinstance(v, str) and v for k, v in table.items()):
        raise ValueError("ask_patterns.yaml: topics must map English words to the rules' words")
    return {k.lower(): v for k, v in table.items()}


def _topic_words(text: str) -> str | None:
    found = next((m.group("topic").strip(" .?!") for p in _TOPIC if (m := p.search(text))), None)
    if found is None:
        return None
    lowered = re.sub(r"^(the|its|their)\s+", "", found.lower())
    return topics().get(lowered, found)


def _name(row: EntityRow, language: str) -> str:
    return f"{row.name} ({row.name_en})" if language == "en" and row.name_en else row.name


def _cite(numbers: list[int], language: str) -> str:
    ordered = sorted(set(numbers))
    if language == "en":
        return f"(Article{'s' if len(ordered) > 1 else ''} {', '.join(map(str, ordered))})"
    return "（" + "、".join(f"第{n}条" for n in ordered) + "）"


def _quote(text: str, language: str) -> str:
    label = _WORDS["quote"][language]
    return f"{label}: “{text}”" if language == "en" else f"{label}：“{text}”"


def _links(relations: tuple[str, ...]) -> Handler:
    def handle(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> Lines:
        row = store.government(jur.place.key, doc)
        links = [r for r in (row.links if row else ()) if r.relation in relations]
        if not links:
            return [_WORDS["none"][q.language]], []
        lang = q.language
        lines: list[str] = []
        groups: dict[tuple[str, str, str | None, str], list[LinkRow]] = {}
        for r in links:
            groups.setdefault((r.relation, r.of.name, r.condition or r.cue, r.article.key), []).append(r)
        for (relation, _, when, _), rows in groups.items():
            who = (", " if lang == "en" else "、").join(dict.fromkeys(_name(r.who, lang) for r in rows))
            first = rows[0]
            when_text = "" if not when or relation == "head" else (f" ({when})" if lang == "en" else f"{when}，")
            sentence = _WORDS[relation][lang].format(who=who, of=_name(first.of, lang), cue=first.cue or "",
                                                      when=when_text)
            lines.append(sentence + (" " if lang == "en" else "") + _cite([first.article.number], lang))
        for evidence in dict.fromkeys(r.evidence.text for r in links):
            lines.append(_quote(evidence, lang))
        return lines, [r.article for r in links]

    return handle


def basis(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> Lines:
    key = doc or next((d.key for d in jur.documents if d.current), None)
    rows = store.basis(key) if key else []
    if not rows:
        return [_WORDS["none"][q.language]], []
    sep = "; " if q.language == "en" else "；"
    titles = sep.join(f"{r.verb}《{r.instrument.title}》" for r in rows)
    line = _WORDS["basis"][q.language].format(titles=titles)
    return [line + (" " if q.language == "en" else "") + _cite([r.article.number for r in rows], q.language)], \
        [r.article for r in rows]


def principles(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> Lines:
    row = store.government(jur.place.key, doc)
    stated = row.principles if row else None
    if not stated or not stated.article or not stated.evidence:
        return quote_topic("准则")(q, store, jur, doc)
    head = _WORDS["principles"][q.language] + " " + _cite([stated.article.number], q.language)
    return [head, _quote(stated.evidence.text, q.language)], [stated.article]


def quote_topic(topic: str | None = None) -> Handler:
    """Quote the articles that state the question's topic (or ``topic``), most mentions first."""

    def handle(q: Question, store: Store, jur: JurisdictionRow, doc: str | None) -> Lines:
        words = topic or _topic_words(q.text)
        if not words:
            return [_WORDS["none"][q.language]], []
        page = store.search(words, jur.place.key, 0, MAX_QUOTES, doc)
        if not page.total:
            return [_WORDS["none"][q.language]], []
        lines = [_cite([hit.article.number], q.language) + " " + _quote(hit.article.text, q.language)
                 for hit in page.rows]
        return lines, [hit.article for hit in page.rows]

    return handle


def as_block(handler: Handler, block: Callable[[list[str], list[ArticleRow]], B]
             ) -> Callable[[Question, Store, JurisdictionRow, str | None], B]:
    """A handler of this module as ``ask`` calls it: its lines and citations in ``ask``'s block."""
    return lambda q, store, jur, doc: block(*handler(q, store, jur, doc))


HANDLERS: dict[str, Handler] = {
    "government_composition": _links(("member",)),
    "government_acting": _links(("acting",)),
    "government_head": _links(("head", "assists")),
    "government_assistants": _links(("assists",)),
    "government_leadership": _links(("leadership",)),
    "government_accountability": _links(("accountable",)),
    "government_basis": basis,
    "government_principles": principles,
    "rules_quote": quote_topic(),
}
