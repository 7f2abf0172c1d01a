"""``ask`` handlers for what a government is made of (composition, head and acting head,
assistants, leadership, accountability, basis, principles) and for "what do the rules say
about X", which quotes the articles that state it. Each answer cites its articles and quotes
the clause as written, labelled as a quotation."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .question import Question

Row = dict[str, Any]
Lines = tuple[list[str], list[Row]]
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
    data = yaml.safe_load(Path(__file__).with_name("ask_patterns.yaml").read_text(encoding="utf-8"))
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


def _name(row: Row, language: str) -> str:
    return f"{row['name']} ({row['nameEn']})" if language == "en" and row.get("nameEn") else row["name"]


def _cite(numbers: list[int], language: str) -> str:
    ordered = sorted(set(numbers))
    if language == "en":
        return f"(Article{'s' if len(ordered) > 1 else ''} {', '.join(map(str, ordered))})"
    return "（" + "、".join(f"第{n}条" for n in ordered) + "）"


def _quote(text: str, language: str) -> str:
    label = _WORDS["quote"][language]
    return f"{label}: “{text}”" if language == "en" else f"{label}：“{text}”"


def _links(relations: tuple[str, ...]) -> Callable[[Question, Any, Row, str | None], Lines]:
    def handle(q: Question, store: Any, jur: Row, doc: str | None) -> Lines:
        row = store.government(jur["key"], doc)
        links = [r for r in (row or {}).get("links", []) if r["relation"] in relations]
        if not links:
            return [_WORDS["none"][q.language]], []
        lang = q.language
        lines: list[str] = []
        groups: dict[tuple[str, str, str | None, str | None], list[Row]] = {}
        for r in links:
            groups.setdefault((r["relation"], r["of"]["name"], r.get("condition") or r.get("cue"),
                               r["article"]["key"]), []).append(r)
        for (relation, _, when, _), rows in groups.items():
            who = (", " if lang == "en" else "、").join(dict.fromkeys(_name(r["who"], lang) for r in rows))
            first = rows[0]
            when_text = "" if not when or relation == "head" else (f" ({when})" if lang == "en" else f"{when}，")
            sentence = _WORDS[relation][lang].format(who=who, of=_name(first["of"], lang), cue=first.get("cue") or "",
                                                      when=when_text)
            lines.append(sentence + (" " if lang == "en" else "") + _cite([first["article"]["number"]], lang))
        for evidence in dict.fromkeys(r["evidence"]["text"] for r in links):
            lines.append(_quote(evidence, lang))
        return lines, [r["article"] for r in links]

    return handle


def basis(q: Question, store: Any, jur: Row, doc: str | None) -> Lines:
    key = doc or next((d["key"] for d in jur.get("documents") or [] if d.get("current")), None)
    rows = store.basis(key) if key else []
    if not rows:
        return [_WORDS["none"][q.language]], []
    sep = "; " if q.language == "en" else "；"
    titles = sep.join(f"{r['verb']}《{r['instrument']['title']}》" for r in rows)
    line = _WORDS["basis"][q.language].format(titles=titles)
    return [line + (" " if q.language == "en" else "") + _cite([r["article"]["number"] for r in rows], q.language)], \
        [r["article"] for r in rows]


def principles(q: Question, store: Any, jur: Row, doc: str | None) -> Lines:
    row = store.government(jur["key"], doc) or {}
    stated = row.get("principles")
    if not stated or not stated.get("article"):
        return quote_topic("准则")(q, store, jur, doc)
    head = _WORDS["principles"][q.language] + " " + _cite([stated["article"]["number"]], q.language)
    return [head, _quote(stated["evidence"]["text"], q.language)], [stated["article"]]


def quote_topic(topic: str | None = None) -> Callable[[Question, Any, Row, str | None], Lines]:
    """Quote the articles that state the question's topic (or ``topic``), most mentions first."""

    def handle(q: Question, store: Any, jur: Row, doc: str | None) -> Lines:
        words = topic or _topic_words(q.text)
        if not words:
            return [_WORDS["none"][q.language]], []
        total, rows = store.search(words, jur["key"], 0, MAX_QUOTES, doc)
        if not total:
            return [_WORDS["none"][q.language]], []
        lines = []
        for r in rows:
            article = r["article"]
            lines.append(_cite([article["number"]], q.language) + " " + _quote(article["text"], q.language))
        return lines, [r["article"] for r in rows]

    return handle


def as_block(handler: Callable[[Question, Any, Row, str | None], Lines], block: Callable[[list[str], list[Row]], Any]
             ) -> Callable[[Question, Any, Row, str | None], Any]:
    """A handler of this module as ``ask`` calls it: its lines and citations in ``ask``'s block."""
    return lambda q, store, jur, doc: block(*handler(q, store, jur, doc))


HANDLERS: dict[str, Callable[[Question, Any, Row, str | None], Lines]] = {
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
