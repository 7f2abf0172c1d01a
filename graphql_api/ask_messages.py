"""What ``ask`` says around the facts, in the question's language: that it found nothing, that a
list goes on, the question it cannot map, the slot it lacks (which place, meeting, issuer, party),
and the question forms it supports."""

from __future__ import annotations

import difflib
from typing import Any

from schema.rows import JurisdictionRow
from schema.vocabulary import load_vocabulary
from stores.base import Store

from . import phrasing
from .question import Question, patterns

MESSAGES: dict[str, dict[str, str]] = {
    "unsupported": {
        "en": "I can't map this question onto anything the rules answer, so I won't guess. Questions I can answer:",
        "zh": "无法把这个问题对应到规则能回答的内容，不作猜测。可以这样问：",
    },
    "which_place": {"en": "Which district or county? I hold the rules of: {known}.", "zh": "请问是哪个区县？现有规则：{known}。"},
    "unknown_place": {
        "en": "I don't hold the rules of {place}{close}. I hold: {known}.",
        "zh": "没有{place}的规则{close}。现有规则：{known}。",
    },
    "close": {"en": " (did you mean {names}?)", "zh": "（是否指{names}？）"},
    "which_document": {
        "en": "Which documents? Name who issues them (the government, the office, a meeting's minutes) "
              "or whom they go to.",
        "zh": "请说明是以谁的名义发文（区政府、区政府办公室、某会议纪要），或报送给谁。",
    },
    "which_issuer": {"en": "Which issuer? Name who the documents go out under (the office, the government).",
                     "zh": "请说明以谁的名义发文（如区政府办公室、区政府）。"},
    "which_meeting": {"en": "Which meeting? Known meetings: {known}.", "zh": "请问是哪个会议？已知会议：{known}。"},
    "which_party": {"en": "Whose reporting lines? Name a role or body (the deputy district head, the departments).",
                    "zh": "请说明是谁的报告关系，例如副区长、区政府各部门。"},
    "one_place_for_document": {"en": "A document can be chosen only for a question about one place.",
                               "zh": "只有针对一个区县的问题才能指定文件。"},
    "no_signing": {"en": "I found no signing rule for documents of {what}.", "zh": "未找到{what}公文的签发规则。"},
    "no_meeting": {"en": "I found no {what} in these rules.", "zh": "这份规则中没有找到{what}。"},
    "no_reporting": {"en": "I found no reporting line of {what} in these rules.", "zh": "这份规则中没有找到{what}的报告关系。"},
    "no_deadlines": {"en": "I found no deadline{what} in these rules.", "zh": "这份规则中没有找到{what}时限要求。"},
    "more": {"en": "… and {count} more (query {field} for all).", "zh": "……另有{count}条（完整列表见 {field}）。"},
}


def say(q: Question, key: str, **values: Any) -> str:
    return MESSAGES[key][q.language].format(**values)


def _known(held: list[JurisdictionRow], language: str) -> str:
    return (", " if language == "en" else "、").join(phrasing.place(j.place, language) for j in held) or "—"


def place_text(q: Question, held: list[JurisdictionRow]) -> str:
    if not q.unknown_place:
        return say(q, "which_place", known=_known(held, q.language))
    forms = [f for j in held for f in (j.place.name, j.place.name_en or "")]
    close = difflib.get_close_matches(q.unknown_place, [f for f in forms if f], n=3, cutoff=0.5)
    hint = say(q, "close", names=", ".join(close)) if close else ""
    return say(q, "unknown_place", place=q.unknown_place, close=hint, known=_known(held, q.language))


def missing_text(q: Question, store: Store, held: list[JurisdictionRow]) -> str:
    slot = q.missing[0]
    if slot == "meeting":
        places = list(q.jurisdictions) or held[:1]
        rows = store.meetings(places[0].place.key, None, None) if places else []
        known = [phrasing.name(m, q.language) for m in rows] or [
            t.zh_for("district") + (f" ({t.en_for('district')})" if q.language == "en" else "")
            for t in load_vocabulary().terms if t.kind == "meeting"
        ]
        return say(q, "which_meeting", known=(", " if q.language == "en" else "、").join(known))
    return say(q, {"document": "which_document", "issuer": "which_issuer", "party": "which_party"}[slot])


def suggestions(language: str, held: list[JurisdictionRow]) -> tuple[str, ...]:
    """The supported forms, about a place the store holds."""
    name, name_en = (held[0].place.name, held[0].place.name_en) if held else ("朝阳区", "Chaoyang")
    place = (name_en or name) if language == "en" else name
    return tuple(t.format(place=place) for t in patterns().suggestions[language])
