"""The ``govgraph`` command line.

Errors are one clear line on stderr (``--debug`` shows the traceback). Exit codes:
0 ok, 1 error, 2 some input files were refused.
"""

from __future__ import annotations

import os
import sys
import traceback
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.tree import Tree

from ingest.errors import IngestError
from stores.base import StoreUnavailable

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
#: where the embedded store keeps what `govgraph ingest` loaded, between commands
DATA_FILE = Path(os.environ.get("GOVGRAPH_DATA", ".govgraph/graphs.json"))

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="govgraph: Chinese local-government work rules as a cited knowledge graph.",
)
out = Console()
err = Console(stderr=True)
_state = {"debug": False}


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors.")) -> None:
    _state["debug"] = debug


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {message}", highlight=False)
    raise typer.Exit(code)


def open_store(neo4j_uri: str | None):  # type: ignore[no-untyped-def]
    """The Neo4j store when a URI is given (flag or NEO4J_URI), else the embedded one."""
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from stores.neo4j_store import Neo4jSettings, Neo4jStore

        return Neo4jStore(Neo4jSettings.from_env(uri))
    from stores.memory import MemoryStore

    return MemoryStore.from_file(DATA_FILE)


@app.command()
def parse(file: Path = typer.Argument(..., help="A rules document (text, any common encoding).")) -> None:
    """Print a document's outline: metadata, chapters, articles with their first words, warnings.

    Example: govgraph parse corpus/001_61fb93ccc4c48713.txt
    """
    from ingest.parse import parse_file

    tree = parse_file(file)
    meta = tree.metadata
    out.print(f"[bold]{meta.title or tree.name}[/]  ({tree.raw.encoding})")
    for field in ("jurisdiction_full", "level", "doc_number", "issued", "adopted", "adopted_by", "status"):
        value = getattr(meta, field)
        if value:
            out.print(f"  {field}: {value}")
    if meta.supersedes:
        out.print(f"  supersedes: {', '.join(meta.supersedes)}")
    outline = Tree(f"{len(tree.chapters)} chapters, {len(tree.articles)} articles")
    branches = {0: outline}
    for chapter in tree.chapters:
        branches[chapter.number] = outline.add(f"[bold]{chapter.number}[/] {chapter.title}")
    for article in tree.articles:
        first = article.clean_text[len(article.label):].strip().replace("\n", " ")[:30]
        branches.get(article.chapter, outline).add(f"{article.number} [dim]({article.label})[/] {first}")
    out.print(outline)
    for warning in tree.warnings:
        out.print(f"[yellow]warning[/] {warning.code}: {warning.message}")


def _fresh_memory_store():  # type: ignore[no-untyped-def]
    from stores.memory import MemoryStore

    return MemoryStore()


@app.command()
def serve(
    paths: Optional[list[Path]] = typer.Argument(None, help="Documents or folders to serve (default: corpus/)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Neo4j URI, e.g. bolt://127.0.0.1:7687 (or NEO4J_URI)."),
    no_load: bool = typer.Option(False, "--no-load", help="Serve what the store already holds; load nothing."),
) -> None:
    """Load documents into a store and serve GraphQL (GraphiQL at /graphql).

    Example: govgraph serve            (the bundled corpus, embedded store)
             govgraph serve --neo4j bolt://127.0.0.1:7687
    """
    import uvicorn

    from graphql_api.app import create_app
    from ingest.pipeline import document_paths, ingest_path

    store = open_store(neo4j) if (no_load or neo4j or os.environ.get("NEO4J_URI")) else _fresh_memory_store()
    files = [] if no_load else document_paths(paths or [CORPUS])
    refused = 0
    for path in files:
        try:
            store.load(ingest_path(path).graph)
        except IngestError as exc:
            refused += 1
            err.print(f"[yellow]refused[/] {exc}", highlight=False)
    out.print(f"serving {len(files) - refused} documents from the {store.name} store")
    out.print(f"GraphiQL: http://{host}:{port}/graphql")
    uvicorn.run(create_app(store), host=host, port=port, log_level="warning")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Documents or folders of documents."),
    neo4j: Optional[str] = typer.Option(None, "--neo4j", help="Neo4j URI (or NEO4J_URI); default: embedded store."),
) -> None:
    """Parse, extract and load documents; print a summary per document.

    Exit code 0 when every file loaded, 2 when some were refused (the reason is printed per file).

    Example: govgraph ingest corpus/ --neo4j bolt://127.0.0.1:7687
    """
    from rich.table import Table

    from ingest.pipeline import document_paths, ingest_path

    store = open_store(neo4j)
    table = Table("file", "jurisdiction", "articles", "signing rules", "warnings")
    refused = []
    try:
        for path in document_paths(paths):
            try:
                result = ingest_path(path)
            except IngestError as exc:
                refused.append(str(exc))
                continue
            store.load(result.graph)
            meta = result.tree.metadata
            table.add_row(path.name, meta.jurisdiction_full or "?", str(len(result.tree.articles)),
                          str(len(result.facts.signing)), str(len(result.tree.warnings)))
        if store.name == "memory":
            store.save(DATA_FILE)
    finally:
        store.close()
    out.print(table)
    for reason in refused:
        err.print(f"[yellow]refused[/] {reason}", highlight=False)
    if refused:
        raise typer.Exit(2)


@app.command("eval")
def eval_(
    gold: Path = typer.Option(..., "--gold", help="Gold file (format of tests/data/gold_seeds.yaml)."),
    section: Optional[list[str]] = typer.Option(None, "--section", help="Only these sections (repeatable)."),
    show: bool = typer.Option(False, "--show", help="List every miss and false hit."),
    check: bool = typer.Option(False, "--check", help="Exit 1 when a section is below the bar."),
) -> None:
    """Score extraction against a gold file: precision, recall and F1 per section.

    The bar is precision >= 0.95 and recall >= 0.90 for structure, signing, meetings,
    reports_to and deadlines (conditions is reported, not gated).

    Example: govgraph eval --gold tests/data/gold_seeds.yaml --section meetings --show
    """
    from rich.table import Table

    from govgraph.evaluate import GATED, PRECISION_BAR, RECALL_BAR, SECTIONS, evaluate

    unknown = sorted(set(section or []) - set(SECTIONS))
    if unknown:
        _fail(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    report = evaluate(gold, section or SECTIONS)
    table = Table("section", "precision", "recall", "F1", "predicted", "gold", "misses", "false hits", "bar",
                  title=f"{gold} · {len(report.documents)} documents")
    for name, s in report.sections.items():
        bar = ("[green]ok[/]" if s.passes else "[red]below[/]") if name in GATED else "[dim]info[/]"
        table.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.predicted),
                      str(s.gold), str(len(s.misses)), str(len(s.false_hits)), bar)
    out.print(table)
    if show:
        for name, s in report.sections.items():
            for miss in s.misses:
                out.print(f"[red]miss[/] {name} {miss}", highlight=False)
            for hit in s.false_hits:
                out.print(f"[yellow]false hit[/] {name} {hit}", highlight=False)
    if check and report.failing():
        _fail(f"below the bar (P >= {PRECISION_BAR}, R >= {RECALL_BAR}): {', '.join(report.failing())}")


def main() -> None:
    try:
        # Without standalone mode click returns the exit code instead of exiting.
        code = app(standalone_mode=False)
        sys.exit(code if isinstance(code, int) else 0)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except (IngestError, StoreUnavailable, FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        if _state["debug"]:
            traceback.print_exc()
        err.print(f"[bold red]error:[/] {exc}", highlight=False)
        sys.exit(1)
    except Exception as exc:  # noqa: BLE001 - the last line of defence shows one line, not a traceback
        if hasattr(exc, "show") and hasattr(exc, "exit_code"):  # click's usage errors (typer re-exports them)
            exc.show()
            sys.exit(exc.exit_code)
        if _state["debug"]:
            traceback.print_exc()
        err.print(f"[bold red]error:[/] {type(exc).__name__}: {exc} (run with --debug for the traceback)")
        sys.exit(1)


if __name__ == "__main__":
    main()
