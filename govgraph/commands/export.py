"""`govgraph export`: the graph as JSON Lines of facts, a Cypher script or GraphML."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import EXPORT_FORMATS, NEO4J, _fail, _find_document, err, open_store


def export(
    format: str = typer.Option("jsonl", "--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}."),
    output: Path | None = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    document: str | None = typer.Option(None, "--document", help="Only this document (key or file name)."),
    neo4j: str | None = NEO4J,
) -> None:
    """Write the graph out: JSON Lines of facts with citations, a Cypher script, or GraphML.

    jsonl: one fact a line (who signs, chairs, reports to …) with document, article and
    the exact source span. cypher: statements that recreate the graph in an empty Neo4j
    (cypher-shell -f). graphml: for Gephi, yEd or networkx.

    Example: govgraph export --format cypher -o graph.cypher
    """
    from ..export import to_cypher, to_graphml, to_jsonl

    if format not in EXPORT_FORMATS:
        _fail(f"unknown format {format!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    store = open_store(neo4j, first_contact=True)
    try:
        graphs = store.graphs()
        if document is not None:
            key = _find_document(store, document).key
            graphs = [g for g in graphs if g.document == key]
    finally:
        store.close()
    if format == "cypher":
        text = "".join(to_cypher(graphs))
    elif format == "graphml":
        text = to_graphml(graphs)
    else:
        text = to_jsonl(graphs)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        err.print(f"wrote {output} ({len(graphs)} documents, {format})", highlight=False, markup=False)
