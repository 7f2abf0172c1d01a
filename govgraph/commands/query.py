"""Commands that show what a store holds: `documents`, `stats`."""

from __future__ import annotations

from rich.table import Table

from .common import NEO4J, _cells, _documents, _summary_table, open_store, out


def documents(neo4j: str | None = NEO4J) -> None:
    """List the documents a store holds: key, jurisdiction, title, file, date, status.

    Example: govgraph documents --neo4j bolt://127.0.0.1:7687
    """
    store = open_store(neo4j, first_contact=True)
    try:
        docs = _documents(store)
    finally:
        store.close()
    table = Table("key", "jurisdiction", "title", "file", "issued", "status", "current", "articles",
                  title=f"{len(docs)} documents in the {store.name} store", title_justify="left")
    for d in docs:
        table.add_row(*_cells(d.key, d.jurisdiction, d.title or "", d.file or "", d.issued or d.adopted or "",
                              d.status or "", "yes" if d.current else "", d.article_count or 0))
    out.print(table)



def stats(neo4j: str | None = NEO4J) -> None:
    """Count nodes per label and relationships per type, and the facts of each document.

    Example: govgraph stats
    """
    from ..summary import summarize

    store = open_store(neo4j, first_contact=True)
    try:
        labels, types = store.counts()
        per_document = store.document_counts()
        docs = _documents(store)
    finally:
        store.close()
    for title, counts in (("nodes", labels), ("relationships", types)):
        table = Table(title.rstrip("s") if title == "nodes" else "type", "count",
                      title=f"{title}: {sum(counts.values())}", title_justify="left")
        for name, count in sorted(counts.items()):
            table.add_row(name, str(count))
        out.print(table)
    table = _summary_table(f"{len(docs)} documents in the {store.name} store")
    for d in docs:
        node_counts, type_counts = per_document.get(d.key, ({}, {}))
        s = summarize(d, node_counts, type_counts)
        table.add_row(*_cells(s.file or s.key, s.jurisdiction, *s.row()))
    out.print(table)
