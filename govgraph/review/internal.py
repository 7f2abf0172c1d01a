"""Internal findings: what a document contradicts or leaves out within itself.

Each finding has a stable code (``check_rules.yaml``), a one-line message and the articles
and spans involved. Every check reads the store's rows of the one document, nothing else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ingest.numerals import parse_number
from schema.rows import ArticleRow, ReportingLineRow, Span, StepRow

from .facts import Citation, DocumentView, citation
from .rules import CheckRules

#: reporting cycles reported at most (a dense graph of lines has exponentially many)
MAX_CYCLES = 20


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    severity: str
    message: str
    articles: tuple[int, ...]
    citations: tuple[Citation, ...]


def _finding(rules: CheckRules, code: str, cites: list[Citation | None], **fields: object) -> Finding:
    spec = rules.codes[code]
    kept = tuple(sorted({(c.number, c.start or 0): c for c in cites if c is not None}.values(),
                        key=lambda c: (c.number, c.start or 0)))
    return Finding(code, spec.severity, spec.message(**fields), tuple(sorted({c.number for c in kept})), kept)


def conflicting_signers(view: DocumentView, rules: CheckRules) -> list[Finding]:
    """One kind of document whose default signer (no condition, not by delegation) is named
    differently by two statements. One statement naming two signers (由区长或常务副区长签发,
    由主持会议的领导签发) is a rule, not a contradiction."""
    by_type: dict[str, dict[int, list[StepRow]]] = {}
    for step in view.signing:
        if step.action == "SIGN" and not step.condition and not step.delegated:
            statements = by_type.setdefault(step.document_type.key, {})
            statements.setdefault(step.evidence.start, []).append(step)
    out = []
    for statements in by_type.values():
        signers = {frozenset(s.role.key for s in steps) for steps in statements.values()}
        if len(signers) < 2:
            continue
        steps = [s for group in statements.values() for s in group]
        names = "、".join(dict.fromkeys(s.role.name for s in steps))
        cites = [citation(s.article, s.evidence) for s in steps]
        out.append(_finding(rules, "conflicting-default-signers", cites, subject=steps[0].document_type.name,
                            signers=names))
    return out


def meeting_gaps(view: DocumentView, rules: CheckRules) -> list[Finding]:
    """A meeting the document establishes (it has articles) with nobody to chair or convene it,
    or without a frequency (根据需要召开 is a frequency: irregular)."""
    out = []
    for m in view.meetings:
        if not m.articles:
            continue
        cites = [citation(a, None) for a in m.articles]
        if not m.chairs and not m.conveners:
            out.append(_finding(rules, "meeting-no-chair", cites, meeting=m.name))
        if not m.frequency:
            out.append(_finding(rules, "meeting-no-frequency", cites, meeting=m.name))
    return out


def reporting_cycles(view: DocumentView, rules: CheckRules) -> list[Finding]:
    """Reporting lines that lead back to where they start (A reports to B, B to A)."""
    edges: dict[str, dict[str, ReportingLineRow]] = {}
    names: dict[str, str] = {}
    for line in view.reporting:
        a, b = line.source.key, line.target.key
        names[a], names[b] = line.source.name, line.target.name
        if a != b:
            edges.setdefault(a, {}).setdefault(b, line)
    cycles: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        if len(cycles) >= MAX_CYCLES:
            return
        for nxt in edges.get(path[-1], {}):
            if nxt == path[0]:
                i = path.index(min(path))
                cycles.add(tuple(path[i:] + path[:i]))
            elif nxt not in path and nxt > path[0]:  # each cycle is found from its smallest key
                walk([*path, nxt])

    for start in sorted(edges):
        walk([start])
    out = []
    for cycle in sorted(cycles):
        lines = [edges[a][cycle[(i + 1) % len(cycle)]] for i, a in enumerate(cycle)]
        shown = " → ".join(names[k] for k in (*cycle, cycle[0]))
        out.append(_finding(rules, "reporting-cycle", [citation(x.article, x.evidence) for x in lines],
                            cycle=shown))
    return out


def dangling_references(view: DocumentView, rules: CheckRules) -> list[Finding]:
    """本规则第X条 (or 第X条 not after a quoted title) where no article has that number as written."""
    numbers = {a.declared if a.declared is not None else a.number for a in view.articles}
    out = []
    for article in view.articles:
        raw = article.raw_text or ""
        skip = raw.find(article.label or "\0")
        own_label_end = skip + len(article.label) if skip >= 0 else 0
        for match in rules.reference.finditer(raw):
            if match.start() < own_label_end:
                continue
            clause = raw[: match.start()]
            cut = max(clause.rfind(ch) for ch in rules.clause_ends)
            if not match.group("own") and any(ch in clause[cut + 1 :] for ch in rules.foreign_markers):
                continue
            number = parse_number(match.group("number"))
            if number is None or number in numbers:
                continue
            cite = citation(article, Span(article.start + match.start(), article.start + match.end(), match.group(0)))
            out.append(_finding(rules, "dangling-reference", [cite], reference=match.group(0)))
    return out


def numbering(view: DocumentView, rules: CheckRules) -> list[Finding]:
    """Article numbers as written that skip, repeat or go backwards. Numbering that starts again
    at 1 in a new chapter is a document numbered by chapter, not an error."""
    out = []
    previous: ArticleRow | None = None
    before = 0  # the number of ``previous`` as written
    for article in view.articles:
        declared = article.declared
        if declared is None:
            previous, before = None, 0
            continue
        cites = [citation(previous, None), citation(article, None)] if previous else [citation(article, None)]
        label, after = article.label, (previous.label if previous else "the beginning")
        restarted = previous is not None and declared == 1 and article.chapter != previous.chapter
        if previous and declared == before:
            out.append(_finding(rules, "numbering-duplicate", cites, label=label))
        elif declared < before and not restarted:
            out.append(_finding(rules, "numbering-order", cites, label=label, after=after))
        elif declared > before + 1:
            missing = ", ".join(str(n) for n in range(before + 1, declared))
            out.append(_finding(rules, "numbering-gap", cites, label=label, after=after, missing=missing))
        previous, before = article, declared
    return out


#: every internal check, in the order findings are listed
CHECKS: tuple[Callable[[DocumentView, CheckRules], list[Finding]], ...] = (
    conflicting_signers, reporting_cycles, dangling_references, meeting_gaps, numbering,
)


def internal_findings(view: DocumentView, rules: CheckRules) -> list[Finding]:
    return [finding for check in CHECKS for finding in check(view, rules)]
