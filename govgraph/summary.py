"""What one document contributed to the graph, counted the same way for every store.

``ingest`` prints it for the graph it just built, ``stats`` for what a store holds, so
the two tables always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

from schema import row_mapping
from schema.model import Graph
from schema.rows import DocumentRow

#: summary column -> (what is counted, label or relationship type)
COLUMNS: dict[str, tuple[str, str]] = {
    "articles": ("label", "Article"),
    "meetings": ("label", "Meeting"),
    "signing rules": ("label", "DocumentType"),
    "reporting lines": ("type", "REPORTS_TO"),
    "obligations": ("label", "Obligation"),
}


@dataclass(frozen=True, slots=True)
class DocumentSummary:
    key: str
    file: str
    title: str
    jurisdiction: str
    counts: dict[str, int]  # column -> number, in COLUMNS order
    warnings: int

    def row(self) -> list[str]:
        return [str(self.counts[c]) for c in COLUMNS] + [str(self.warnings)]


def summarize(document: DocumentRow, labels: dict[str, int], types: dict[str, int]) -> DocumentSummary:
    """A summary from a RuleDocument and its node/relationship counts."""
    counts = {
        column: (labels if what == "label" else types).get(name, 0) for column, (what, name) in COLUMNS.items()
    }
    return DocumentSummary(
        key=document.key,
        file=document.file or "",
        title=document.title or "",
        jurisdiction=document.jurisdiction or "",
        counts=counts,
        warnings=len(document.warnings),
    )


def summarize_graph(graph: Graph) -> DocumentSummary:
    node = next(n for n in graph.nodes if n.label == "RuleDocument")
    labels, types = graph.counts()
    # the properties the store will hold, read as a store reads them (no versions derived yet)
    return summarize(row_mapping.document({**node.props, "key": node.key}, (), ()), labels, types)
