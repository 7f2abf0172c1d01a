"""Per section, gold and predicted facts as units, scored by ``eval_matching.match_units``.

    document    one unit per jurisdiction field (name, full_name, name_en, level, parent) and per
                document field (title, doc_number, issued, adopted, published, status) the gold gives;
                a gold null means the document has none, and is matched only by none
    structure   chapter count, article count (one unit each)
    signing     one unit per rule: article, issuer, genres, recipient, default signers
    conditions  one unit per conditional step: article, issuer, condition, actor (reported, not gated)
    meetings    one unit per slot value: (meeting, slot, participant | frequency | quorum)
    reports_to  one unit per line: article, from, to
    deadlines   one unit per normalized limit: article, amount (to 3 decimals), unit
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from typing import Any

from ingest.fact_values import EntityRef
from ingest.facts import DocumentFacts, Meeting, SigningRule
from ingest.pipeline import IngestResult
from schema.model import Graph
from schema.script import to_simplified
from schema.vocabulary import Vocabulary

from .eval_matching import Names, SectionScore, match_units, text_overlap

#: gold key -> the stored property it is compared with, per node (Jurisdiction, RuleDocument)
METADATA_FIELDS: dict[str, dict[str, str]] = {
    "jurisdiction": {"name": "name", "full_name": "fullName", "name_en": "nameEn", "level": "level",
                     "parent": "parent"},
    "document": {"title": "title", "doc_number": "docNumber", "issued": "issued", "adopted": "adopted",
                 "published": "published", "status": "status"},
}
#: amounts closer than this are the same (a fraction written as 0.667 or 0.6666666666666666)
AMOUNT_TOLERANCE = 0.0005


def stored_metadata(graph: Graph) -> dict[str, dict[str, Any]]:
    """What the graph stores of the document's identity, by gold section and key."""
    nodes = {n.label: n.props for n in graph.nodes if n.label in ("Jurisdiction", "RuleDocument")}
    return {section: {key: nodes["Jurisdiction" if section == "jurisdiction" else "RuleDocument"].get(prop)
                      for key, prop in fields.items()}
            for section, fields in METADATA_FIELDS.items()}


def _same_value(gold: Any, predicted: Any) -> bool:
    """A gold value ("a|b" offers alternatives; a YAML date) says what the stored one says: compared
    in simplified script, NFKC (full-width brackets as ASCII), without spaces."""
    if gold is None or predicted is None:
        return gold is None and predicted is None
    def norm(v: Any) -> str:
        text = v.isoformat() if hasattr(v, "isoformat") else str(v)
        return re.sub(r"\s+", "", unicodedata.normalize("NFKC", to_simplified(text)))
    return any(norm(alternative) == norm(predicted) for alternative in str(norm(gold)).split("|"))


def score_document(gold: dict[str, Any], stored: dict[str, dict[str, Any]]) -> SectionScore:
    """``stored``: {"jurisdiction": {name, …}, "document": {title, …}} (``stored_metadata``)."""
    units_gold = [(section, key, value) for section in METADATA_FIELDS
                  for key, value in (gold.get(section) or {}).items() if key in METADATA_FIELDS[section]]
    units_pred = [(section, key, stored[section].get(key)) for section, key, _ in units_gold]
    return match_units("document", units_gold, units_pred,
                  lambda g, p: g[:2] == p[:2] and _same_value(g[2], p[2]),
                  lambda g: f"{g[0]}.{g[1]}={g[2]}", lambda p: f"{p[0]}.{p[1]}={p[2]}")


def structure_counts(result: IngestResult) -> dict[str, int]:
    return {"chapters": len(result.tree.chapters), "articles": len(result.tree.articles)}


def score_structure(gold: dict[str, Any], actual: dict[str, int]) -> SectionScore:
    """``actual``: {"chapters": n, "articles": n} as parsed (``structure_counts``) or as stored."""
    expected = gold.get("structure") or {}
    units_gold = [(k, v) for k, v in expected.items() if k in actual]
    units_pred = [(k, actual[k]) for k, _ in units_gold]
    return match_units("structure", units_gold, units_pred, lambda g, p: g == p,
                  lambda g: f"{g[0]}={g[1]}", lambda p: f"{p[0]}={p[1]}")


def _genre_keys(vocab: Vocabulary, names: Iterable[str]) -> frozenset[str]:
    keys = set()
    for name in names:
        term = vocab.lookup(to_simplified(name), ("genre",))
        keys.add(term.key if term else name)
    return frozenset(keys)


def _same_people(names: Names, gold: list[str], predicted: list[EntityRef]) -> bool:
    """Two lists name the same people: every gold name has a distinct predicted match, and back."""
    if len(gold) != len(predicted):
        return False
    left = list(predicted)
    for g in gold:
        hit = next((p for p in left if names.same(g, p)), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def _default_signers(rule: SigningRule) -> list[EntityRef]:
    seen: list[EntityRef] = []
    for step in rule.steps:
        if step.action == "SIGN" and step.condition is None and step.actor not in seen:
            seen.append(step.actor)
    return seen


def score_signing(gold: dict[str, Any], facts: DocumentFacts, names: Names) -> SectionScore:
    vocab = names.vocab

    def same(g: dict[str, Any], p: SigningRule) -> bool:
        if p.evidence.article != g["article"] or not names.same(g["issuer"], p.issuer):
            return False
        if "genres" in g and _genre_keys(vocab, g["genres"]) != frozenset(p.genres):
            return False
        if g.get("recipient"):
            if p.recipient is None or not names.same(g["recipient"], p.recipient):
                return False
        elif p.recipient is not None:
            return False
        return _same_people(names, list(g.get("signers") or []), _default_signers(p))

    return match_units("signing", list(gold.get("signing") or []), list(facts.signing), same,
                  lambda g: f"art.{g['article']} {g['issuer']} {'/'.join(g.get('genres') or [])}"
                            f"{' → ' + g['recipient'] if g.get('recipient') else ''}: "
                            f"{'、'.join(g.get('signers') or [])}",
                  _show_rule)


def _show_rule(p: SigningRule) -> str:
    signers = "、".join(a.name for a in _default_signers(p))
    to = f" → {p.recipient.name}" if p.recipient else ""
    return f"art.{p.evidence.article} {p.issuer.name} {'/'.join(p.genres)}{to}: {signers}"


_CONDITION_SLOTS = {"signers": "SIGN", "approvers": "APPROVE", "reviewers": "REVIEW", "countersigners": "COUNTERSIGN"}


def score_conditions(gold: dict[str, Any], facts: DocumentFacts, names: Names) -> SectionScore:
    gold_units = [
        (rule["article"], rule["issuer"], cond["when"], action, who)
        for rule in gold.get("signing") or []
        for cond in rule.get("conditions") or []
        for slot, action in _CONDITION_SLOTS.items()
        for who in cond.get(slot) or []
    ]
    predicted = [
        (rule.evidence.article, rule.issuer, step.condition, step.action, step.actor)
        for rule in facts.signing
        for step in rule.steps
        if step.condition
    ]

    def same(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        return (g[0] == p[0] and names.same(g[1], p[1]) and g[3] == p[3] and names.same(g[4], p[4])
                and text_overlap(g[2], p[2]))

    return match_units("conditions", gold_units, predicted, same,
                  lambda g: f"art.{g[0]} {g[1]} [{g[2]}] {g[3]} {g[4]}",
                  lambda p: f"art.{p[0]} {p[1].name} [{p[2]}] {p[3]} {p[4].name}")


def _meeting_units(m: Meeting) -> list[tuple[str, Any]]:
    units: list[tuple[str, Any]] = []
    units += [("members", p.entity) for p in m.members]
    units += [("conveners", p.entity) for p in m.conveners]
    units += [("chairs", p.entity) for p in m.chairs]
    units += [("delegated_chairs", p.entity) for p in m.chairs if p.delegated]
    units += [("attendees", p.entity) for p in m.attendees if p.mandatory]
    units += [("invitees", p.entity) for p in m.attendees if not p.mandatory]
    # one unit per person who signs the minutes, whether by default or under a condition
    units += [("minutes_signers", e) for e in dict.fromkeys(p.entity for p in m.minutes_signers)]
    if m.frequency:
        units.append(("frequency", (m.frequency.period, m.frequency.times)))
    if m.quorum:
        units.append(("quorum", m.quorum.text))
    return units


def score_meetings(gold: dict[str, Any], facts: DocumentFacts, names: Names) -> SectionScore:
    gold_units: list[tuple[str, str, Any]] = []
    for meeting in gold.get("meetings") or []:
        for slot in ("members", "conveners", "chairs", "delegated_chairs", "attendees", "invitees", "minutes_signers"):
            gold_units += [(meeting["name"], slot, who) for who in meeting.get(slot) or []]
        if meeting.get("frequency"):
            f = meeting["frequency"]
            gold_units.append((meeting["name"], "frequency", (f.get("period"), f.get("times"))))
        if meeting.get("quorum"):
            gold_units.append((meeting["name"], "quorum", meeting["quorum"]))
    predicted = [(m.entity, slot, value) for m in facts.meetings for slot, value in _meeting_units(m)]

    def same(g: tuple[Any, ...], p: tuple[Any, ...]) -> bool:
        if g[1] != p[1] or not names.same(g[0], p[0]):
            return False
        if g[1] == "frequency":
            return tuple(g[2]) == tuple(p[2])
        if g[1] == "quorum":
            return text_overlap(g[2], p[2])
        return names.same(g[2], p[2])

    def show_value(v: Any) -> str:
        return v.name if isinstance(v, EntityRef) else str(v)

    return match_units("meetings", gold_units, predicted, same,
                  lambda g: f"{g[0]} {g[1]}: {g[2]}",
                  lambda p: f"{p[0].name} {p[1]}: {show_value(p[2])}")


def score_reports_to(gold: dict[str, Any], facts: DocumentFacts, names: Names) -> SectionScore:
    def same(g: dict[str, Any], p: Any) -> bool:
        return (p.evidence.article == g["article"] and names.same(g["from"], p.source)
                and names.same(g["to"], p.target))

    return match_units("reports_to", list(gold.get("reports_to") or []), list(facts.reporting), same,
                  lambda g: f"art.{g['article']} {g['from']} → {g['to']} ({g.get('matter', '')})",
                  lambda p: f"art.{p.evidence.article} {p.source.name} → {p.target.name} ({p.matter})")


def score_deadlines(gold: dict[str, Any], facts: DocumentFacts) -> SectionScore:
    predicted = [o for o in facts.obligations if o.deadline is not None]

    def same(g: dict[str, Any], p: Any) -> bool:
        # scored on (article, amount, unit) as the gold header says; a range is entered at its
        # lower bound (its `max` is not scored), and a fraction matches to three decimals
        # (三分之二 = 0.667 = 0.6666…)
        return (p.evidence.article == g["article"] and abs(float(p.deadline.amount) - float(g["amount"])) < AMOUNT_TOLERANCE
                and p.deadline.unit == g["unit"])

    return match_units("deadlines", list(gold.get("deadlines") or []), predicted, same,
                  lambda g: f"art.{g['article']} {g['amount']} {g['unit']} "
                            f"({g.get('subject', '')}: {g.get('action', '')})",
                  lambda p: f"art.{p.evidence.article} {p.deadline.amount:g} {p.deadline.unit} "
                            f"({p.evidence.text[:40]})")
