"""What changed between two versions: facts added, removed and changed, matched by meaning.

Facts are matched on (kind, key) from ``facts.py`` — the same meeting, the same kind of
document and action, the same reporting pair — so renumbered articles are no change; a fact
whose value differs is *changed*, with the old and the new citations side by side.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from schema.rows import DocumentRow
from stores.base import Store, current_order_key

from .facts import Citation, DocumentView, Fact, document_facts, read_document

ChangeKind = Literal["changed", "added", "removed"]
_ORDER = {"changed": 0, "added": 1, "removed": 2}


@dataclass(frozen=True, slots=True)
class Change:
    change: ChangeKind
    kind: str
    key: tuple[str, ...]
    subject: str
    old: str | None  # the old value for a reader (None when added)
    new: str | None  # the new value (None when removed)
    old_citations: tuple[Citation, ...]
    new_citations: tuple[Citation, ...]


@dataclass(frozen=True, slots=True)
class DiffReport:
    old: DocumentRow  # the old version (``jurisdiction``: its place's full name)
    new: DocumentRow
    changes: tuple[Change, ...]
    unchanged: int  # facts that say the same in both
    renumbered: int  # of those, stated in articles of other numbers

    def count(self, change: ChangeKind) -> int:
        return sum(1 for c in self.changes if c.change == change)

    def summary(self) -> str:
        """One line: what changed, in numbers."""
        name = self.new.doc_number or self.new.title or self.new.key
        was = self.old.doc_number or self.old.title or self.old.key
        return (f"{name} against {was}: {self.count('changed')} changed, {self.count('added')} added, "
                f"{self.count('removed')} removed ({self.unchanged} unchanged, {self.renumbered} of them renumbered)")


def diff_views(old: DocumentView, new: DocumentView) -> DiffReport:
    before = {(f.kind, f.key): f for f in document_facts(old)}
    after = {(f.kind, f.key): f for f in document_facts(new)}
    changes: list[tuple[tuple[Any, ...], Change]] = []
    unchanged = renumbered = 0
    for match, fact in after.items():
        was = before.get(match)
        if was is None:
            changes.append(((fact.articles[:1],), _change("added", None, fact)))
        elif was.value != fact.value:
            changes.append(((fact.articles[:1],), _change("changed", was, fact)))
        else:
            unchanged += 1
            renumbered += was.articles != fact.articles
    for match, fact in before.items():
        if match not in after:
            changes.append(((fact.articles[:1],), _change("removed", fact, None)))
    ordered = sorted(changes, key=lambda kc: (_ORDER[kc[1].change], kc[0], kc[1].kind, kc[1].key))
    return DiffReport(old.document, new.document, tuple(c for _, c in ordered), unchanged, renumbered)


def _change(change: ChangeKind, old: Fact | None, new: Fact | None) -> Change:
    some = new or old
    assert some is not None
    return Change(change, some.kind, some.key, some.subject, old.shown if old else None, new.shown if new else None,
                  old.citations if old else (), new.citations if new else ())


def diff_documents(old_store: Store, old: str, new_store: Store, new: str) -> DiffReport:
    """Diff two stored documents (RuleDocument keys), each read from its store."""
    return diff_views(read_document(old_store, old), read_document(new_store, new))


def change_line(change: Change) -> str:
    """One change on one line: what, old -> new, and the articles (old -> new numbers)."""
    old = ",".join(str(c.number) for c in change.old_citations) or "-"
    new = ",".join(str(c.number) for c in change.new_citations) or "-"
    return f"{change.change} {change.subject}: {change.old or '-'} -> {change.new or '-'} (article {old} -> {new})"


def revision_summaries(store: Store, documents: list[str], limit: int = 8) -> list[str]:
    """What each newly loaded version changed against the version it supersedes, in a few lines
    (``ingest`` prints them); nothing for a document that supersedes none."""
    rows = {d.key: d for d in store.documents(None)}
    lines = []
    for key in documents:
        older = _previous(rows, key)
        if older is None:
            continue
        report = diff_documents(store, older, store, key)
        draft = " (a draft, against the rules in force)" if rows[key].published_status == "draft" else ""
        lines.append(f"{rows[key].jurisdiction}: {report.summary()}{draft}")
        lines += [f"  {change_line(c)}" for c in report.changes[:limit]]
        if len(report.changes) > limit:
            lines.append(f"  … {len(report.changes) - limit} more: govgraph diff {older} {key}")
    return lines


def previous_version(store: Store, document: str) -> str | None:
    """The stored version a stored document revises (see ``_previous``), or None."""
    return _previous({d.key: d for d in store.documents(None)}, document)


def _previous(rows: dict[str, DocumentRow], key: str) -> str | None:
    """The version a document revises: the one it supersedes, or for a draft newer than the
    rules in force (a draft supersedes nothing until adopted), those rules."""
    row = rows.get(key)
    if row is None:
        return None
    if row.supersedes:
        return row.supersedes[0]
    if row.published_status != "draft" or row.current:
        return None
    in_force = [d for d in rows.values() if d.jurisdiction == row.jurisdiction and d.current]
    if in_force and current_order_key(in_force[0]) < current_order_key(row):
        return in_force[0].key
    return None
