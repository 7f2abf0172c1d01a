"""The ``govgraph`` command line.

Every command that touches a store uses the embedded store (persisted in
``GOVGRAPH_DATA``, default ``.govgraph/graphs.json``) unless ``--neo4j URI`` or
``NEO4J_URI`` names a Neo4j server. Errors are one clear line on stderr
(``govgraph --debug COMMAND …`` shows the traceback). Exit codes: 0 ok, 1 error,
2 some input files were refused.
"""

from __future__ import annotations

import os
import traceback
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.tree import Tree
from typer.core import TyperGroup

from ingest.errors import IngestError

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXPORT_FORMATS = ("jsonl", "cypher", "graphml")


def data_file() -> Path:
    """Where the embedded store keeps what `govgraph ingest` loaded, between commands."""
    return Path(os.environ.get("GOVGRAPH_DATA", ".govgraph/graphs.json"))


out = Console()
err = Console(stderr=True)
_state = {"debug": False}


def _one_line(exc: BaseException) -> str:
    """The error as people read it: the message of errors we raise on purpose, else its type too."""
    from stores.base import StoreUnavailable

    if isinstance(exc, (IngestError, StoreUnavailable, ValueError, LookupError)):
        return str(exc)
    if isinstance(exc, OSError) and exc.filename:
        return f"{exc.filename}: {exc.strerror or exc}"
    return f"{type(exc).__name__}: {exc} (run `govgraph --debug …` for the traceback)"


class _Commands(TyperGroup):
    """Turns any error a command raises into one line on stderr and exit code 1."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, BrokenPipeError):
            raise  # click's own exits and usage errors; a closed pipe (| head) ends quietly upstream
        except Exception as exc:  # noqa: BLE001 - the one place that turns errors into a line
            if _state["debug"]:
                err.print_exception(show_locals=False)
            err.print(f"[bold red]error:[/] {escape(_one_line(exc))}", highlight=False, soft_wrap=True)
            raise typer.Exit(1) from exc


app = typer.Typer(
    cls=_Commands,
    add_completion=False,
    no_args_is_help=True,
    help="govgraph: Chinese local-government work rules as a cited knowledge graph.",
    epilog="Example: govgraph ingest corpus/ && govgraph ask \"朝阳区政府办公室的发文由谁签发？\"",
)

NEO4J = typer.Option(
    None, "--neo4j", metavar="URI",
    help="Use Neo4j at this URI (bolt://127.0.0.1:7687) instead of the embedded store; or set NEO4J_URI.",
)


@app.callback()
def _main(debug: bool = typer.Option(False, "--debug", help="Show the traceback of an error.")) -> None:
    _state["debug"] = debug


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def open_store(neo4j_uri: str | None, *, lazy: bool = False):  # type: ignore[no-untyped-def]
    """The Neo4j store when a URI is given (flag or NEO4J_URI), else the embedded one.

    ``lazy``: a server that stays unreachable through the retries is connected on first use
    (for ``serve``: the API comes up and /readyz says 503 until Neo4j does)."""
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from stores.neo4j_store import Neo4jSettings, Neo4jStore

        return Neo4jStore(Neo4jSettings.from_env(uri), lazy=lazy)
    from stores.memory import MemoryStore

    return MemoryStore.from_file(data_file())


@app.command()
def parse(file: Path = typer.Argument(..., help="A rules document (text, any common encoding).")) -> None:
    """Print a document's outline: metadata, chapters, articles with their first words, warnings.

    Example: govgraph parse rules/朝阳区人民政府工作规则.txt
    """
    from ingest.parse import parse_file

    tree = parse_file(file)
    meta = tree.metadata
    out.print(f"[bold]{escape(meta.title or tree.name)}[/]  ({tree.raw.encoding})")
    for field in ("jurisdiction_full", "level", "doc_number", "issued", "adopted", "adopted_by", "status"):
        value = getattr(meta, field)
        if value:
            out.print(f"  {field}: {value}", markup=False)
    if meta.supersedes:
        out.print(f"  supersedes: {', '.join(meta.supersedes)}", markup=False)
    outline = Tree(f"{len(tree.chapters)} chapters, {len(tree.articles)} articles")
    branches = {0: outline}
    for chapter in tree.chapters:
        branches[chapter.number] = outline.add(f"[bold]{chapter.number}[/] {escape(chapter.title)}")
    for article in tree.articles:
        first = article.clean_text[len(article.label):].strip().replace("\n", " ")[:30]
        branches.get(article.chapter, outline).add(f"{article.number} [dim]({escape(article.label)})[/] {escape(first)}")
    out.print(outline)
    for warning in tree.warnings:
        out.print(f"[yellow]warning[/] {warning.code}: {escape(warning.message)}")


def _fresh_memory_store():  # type: ignore[no-untyped-def]
    from stores.memory import MemoryStore

    return MemoryStore()


@app.command()
def serve(
    paths: Optional[list[Path]] = typer.Argument(None, help="Documents or folders to serve (default: corpus/)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    neo4j: Optional[str] = NEO4J,
    no_load: bool = typer.Option(False, "--no-load", help="Serve what the store already holds; load nothing."),
) -> None:
    """Load documents into a store and serve GraphQL (GraphiQL at /graphql).

    Examples: govgraph serve     (the bundled corpus, embedded store);
    govgraph serve --neo4j bolt://127.0.0.1:7687 --no-load     (what Neo4j holds)
    """
    import uvicorn

    from graphql_api.app import create_app
    from ingest.pipeline import document_paths, ingest_path

    from .graphiql import LocalGraphiQL

    files = [] if no_load else document_paths(paths or [CORPUS])
    uses_neo4j = no_load or neo4j or os.environ.get("NEO4J_URI")
    # Only a server with nothing to load first may start before its database is up.
    store = open_store(neo4j, lazy=not files) if uses_neo4j else _fresh_memory_store()
    refused = 0
    for path in files:
        try:
            store.load(ingest_path(path).graph)
        except IngestError as exc:
            refused += 1
            err.print(f"[yellow]refused[/] {escape(str(exc))}", highlight=False)
    out.print(f"serving {len(files) - refused} documents from the {store.name} store")
    if not store.ready():
        err.print(f"[yellow]not ready[/] the {store.name} store is unreachable; /readyz says 503 and queries "
                  "fail fast until it comes up", highlight=False)
    out.print(f"GraphiQL: http://{host}:{port}/graphql")
    app = create_app(store)
    app.add_middleware(LocalGraphiQL)  # GraphiQL's scripts from this install, not from a CDN
    _log_access()
    # Our access log (govgraph.access, one line per request, with its duration) replaces uvicorn's.
    uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)


def _log_access() -> None:
    """``govgraph.access`` lines to stderr at INFO, unless GOVGRAPH_ACCESS_LOG=0 or logging is configured."""
    import logging

    access = logging.getLogger("govgraph.access")
    if os.environ.get("GOVGRAPH_ACCESS_LOG", "1").strip() in ("0", "false", "no", "off"):
        access.disabled = True
        return
    if not access.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False


def _cells(*values: object) -> list[str]:
    """Table cells from data: file names and titles may hold [brackets] rich would read as markup."""
    return [escape(str(v)) for v in values]


def _summary_table(title: str) -> Table:
    from .summary import COLUMNS

    table = Table(title=title, title_justify="left")
    table.add_column("document")
    table.add_column("jurisdiction")
    for column in (*COLUMNS, "warnings"):
        table.add_column(column, justify="right")
    return table


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Documents or folders of documents."),
    neo4j: Optional[str] = NEO4J,
) -> None:
    """Parse, extract and load documents; print a summary per document.

    Bad files are skipped with the reason; the others load. Exit code 0 when every
    file loaded, 2 when some were refused, 1 on any other error.

    Example: govgraph ingest corpus/ my-rules/朝阳区人民政府工作规则.txt --neo4j bolt://127.0.0.1:7687
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ingest.pipeline import document_paths, ingest_path

    from .summary import summarize_graph

    from stores.base import StoreUnavailable

    files = document_paths(paths)
    if not files:
        _fail(f"no documents under {', '.join(map(str, paths))}")
    store = open_store(neo4j)
    table = _summary_table(f"loaded into the {store.name} store")
    refused: list[tuple[Path, str]] = []
    warned: list[tuple[Path, str]] = []  # loaded, with what the parser noticed (truncated, converted-script …)
    failed = 0
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("ingest", total=len(files))
            for path in files:
                progress.update(task, description=path.name)
                try:
                    result = ingest_path(path)
                except IngestError as exc:
                    refused.append((path, str(exc).removeprefix(f"{exc.source}: ")))
                except OSError as exc:
                    refused.append((path, exc.strerror or str(exc)))
                except Exception as exc:  # noqa: BLE001 - one broken document must not stop a batch
                    if _state["debug"]:
                        err.print(traceback.format_exc(), highlight=False)
                    failed += 1
                    refused.append((path, f"internal error: {type(exc).__name__}: {exc}"))
                else:
                    try:
                        store.load(result.graph)
                    except StoreUnavailable:
                        raise  # no later file can load either: stop with the reason
                    except Exception as exc:  # noqa: BLE001 - the store refused this one document
                        if _state["debug"]:
                            err.print(traceback.format_exc(), highlight=False)
                        failed += 1
                        refused.append((path, f"not loaded, nothing of it kept: {_store_refusal(exc)}"))
                        progress.advance(task)
                        continue
                    s = summarize_graph(result.graph)
                    table.add_row(*_cells(path.name, s.jurisdiction, *s.row()))
                    warned += [(path, f"{w.code}: {w.message}") for w in result.tree.warnings]
                progress.advance(task)
    finally:
        if store.name == "memory":
            store.save(data_file())
        store.close()
    if table.row_count:
        out.print(table)
    for path, warning in warned:
        err.print(f"[cyan]warning[/] {escape(f'{path}: {warning}')}", highlight=False, soft_wrap=True)
    for path, reason in refused:
        err.print(f"[yellow]refused[/] {escape(f'{path}: {reason}')}", highlight=False, soft_wrap=True)
    out.print(f"{table.row_count} of {len(files)} files loaded", highlight=False)
    if failed:
        raise typer.Exit(1)
    if refused:
        raise typer.Exit(2)


#: server error codes -> what to do about them
_STORE_HINTS = {
    "MemoryPoolOutOfMemoryError": "the document does not fit in one transaction with this server's memory; "
    "give Neo4j more heap (NEO4J_HEAP_MAX) or raise dbms.memory.transaction.total.max",
}


def _store_refusal(exc: Exception) -> str:
    """A store's refusal of one document, in one line, with a hint where one is known."""
    code = getattr(exc, "code", None) or type(exc).__name__
    hint = next((h for key, h in _STORE_HINTS.items() if key in code), None)
    message = " ".join(str(getattr(exc, "message", None) or exc).split())
    return f"{hint} ({code})" if hint else f"{code}: {message[:300]}"


def _documents(store: Any) -> list[dict]:
    """Every document the store holds, newest first within each jurisdiction."""
    return [{**d, "jurisdiction": j["fullName"]} for j in store.jurisdictions() for d in j["documents"]]


def _find_document(store: Any, wanted: str) -> dict:
    """A document by its key, its file name, or a path ending in its file name."""
    docs = _documents(store)
    matches = [d for d in docs if wanted in (d["key"], d.get("file"))]
    if not matches:
        matches = [d for d in docs if d.get("file") == Path(wanted).name]
    if not matches:
        _fail(f"no document {wanted!r} in the {store.name} store (`govgraph documents` lists them)")
    if len(matches) > 1:
        _fail(f"{wanted!r} names {len(matches)} documents ({', '.join(d['key'] for d in matches)}); give a key")
    return matches[0]


@app.command()
def documents(neo4j: Optional[str] = NEO4J) -> None:
    """List the documents a store holds: key, jurisdiction, title, file, date, status.

    Example: govgraph documents --neo4j bolt://127.0.0.1:7687
    """
    store = open_store(neo4j)
    try:
        docs = _documents(store)
    finally:
        store.close()
    table = Table("key", "jurisdiction", "title", "file", "issued", "status", "current", "articles",
                  title=f"{len(docs)} documents in the {store.name} store", title_justify="left")
    for d in docs:
        table.add_row(*_cells(d["key"], d["jurisdiction"], d.get("title") or "", d.get("file") or "",
                              d.get("issued") or d.get("adopted") or "", d.get("status") or "",
                              "yes" if d.get("current") else "", d.get("articleCount") or 0))
    out.print(table)


@app.command()
def stats(neo4j: Optional[str] = NEO4J) -> None:
    """Count nodes per label and relationships per type, and the facts of each document.

    Example: govgraph stats
    """
    from .snapshot import document_counts
    from .summary import summarize

    store = open_store(neo4j)
    try:
        labels, types = store.counts()
        per_document = document_counts(store)
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
        node_counts, type_counts = per_document.get(d["key"], ({}, {}))
        s = summarize(d, node_counts, type_counts)
        table.add_row(*_cells(s.file or s.key, s.jurisdiction, *s.row()))
    out.print(table)


@app.command()
def delete(
    document: str = typer.Argument(..., help="A document key (see `govgraph documents`) or its file name."),
    neo4j: Optional[str] = NEO4J,
) -> None:
    """Remove one document and every fact that came from it. Exit code 1 if it is not there.

    Example: govgraph delete 朝阳区人民政府工作规则.txt    (or a key: govgraph delete doc-1a2b3c4d5e6f7a8b)
    """
    store = open_store(neo4j)
    try:
        found = _find_document(store, document)
        store.delete(found["key"])
        if store.name == "memory":
            store.save(data_file())
    finally:
        store.close()
    out.print(f"deleted {found['key']} ({found.get('title')}, {found.get('file')}) from the {store.name} store",
              highlight=False, markup=False)


@app.command()
def export(
    format: str = typer.Option("jsonl", "--format", "-f", help=f"One of: {', '.join(EXPORT_FORMATS)}."),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="File to write (default: standard output)."),
    document: Optional[str] = typer.Option(None, "--document", help="Only this document (key or file name)."),
    neo4j: Optional[str] = NEO4J,
) -> None:
    """Write the graph out: JSON Lines of facts with citations, a Cypher script, or GraphML.

    jsonl: one fact a line (who signs, chairs, reports to …) with document, article and
    the exact source span. cypher: statements that recreate the graph in an empty Neo4j
    (cypher-shell -f). graphml: for Gephi, yEd or networkx.

    Example: govgraph export --format cypher -o graph.cypher
    """
    from .export import to_cypher, to_graphml, to_jsonl
    from .snapshot import read_graphs

    if format not in EXPORT_FORMATS:
        _fail(f"unknown format {format!r}; use one of: {', '.join(EXPORT_FORMATS)}")
    store = open_store(neo4j)
    try:
        graphs = read_graphs(store)
        if document is not None:
            key = _find_document(store, document)["key"]
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


@app.command()
def ask(
    question: str = typer.Argument(..., help="A question in Chinese or English."),
    document: Optional[str] = typer.Option(None, "--document", help="Answer from this version (key, 文号 or title)."),
    as_json: bool = typer.Option(False, "--json", help="Print the answer and its citations as JSON."),
    neo4j: Optional[str] = NEO4J,
) -> None:
    """Answer a question about the rules, citing the articles it comes from.

    Exit code 0 when answered, 1 when the question could not be mapped (the answer
    then says what is missing and which questions work).

    Example: govgraph ask "朝阳区政府办公室的发文由谁签发？"   or
    govgraph ask "Who chairs the executive meeting in Chaoyang?"
    """
    import dataclasses
    import json

    from graphql_api.ask import answer

    store = open_store(neo4j)
    try:
        result = answer(question, store, document)
    finally:
        store.close()
    if as_json:
        typer.echo(json.dumps(dataclasses.asdict(result), ensure_ascii=False, indent=2, default=str))
    else:
        out.print(result.text, highlight=False, markup=False)
        if result.citations:
            out.print("\n[bold]Sources[/]")
        for i, article in enumerate(result.citations, 1):
            body = article["text"][len(article["label"]):].strip().replace("\n", " ")
            out.print(f"[{i}] {article['document']['title']} {article['label']} (article {article['number']}) "
                      f"{body[:60]}{'…' if len(body) > 60 else ''}", highlight=False, markup=False)
    if not result.understood:
        raise typer.Exit(1)


@app.command("eval")
def eval_(
    gold: list[Path] = typer.Option(..., "--gold", help="Gold file (format of tests/data/gold_seeds.yaml); "
                                    "repeat to add an addenda file."),
    section: Optional[list[str]] = typer.Option(None, "--section", help="Only these sections (repeatable)."),
    show: bool = typer.Option(False, "--show", help="List every miss and false hit."),
    check: bool = typer.Option(False, "--check", help="Exit 1 when a section is below the bar."),
) -> None:
    """Score extraction against a gold file: precision, recall and F1 per section.

    The bar is precision >= 0.95 and recall >= 0.90 for structure, signing, meetings,
    reports_to and deadlines (conditions is reported, not gated).

    Example: govgraph eval --gold tests/data/gold_seeds.yaml --section meetings --show
             govgraph eval --gold tests/data/gold_seeds.yaml --gold tests/data/gold_seeds_addenda.yaml
    """
    from rich.table import Table

    from govgraph.evaluate import GATED, PRECISION_BAR, RECALL_BAR, SECTIONS, evaluate

    unknown = sorted(set(section or []) - set(SECTIONS))
    if unknown:
        _fail(f"unknown section {', '.join(unknown)}; choose from {', '.join(SECTIONS)}")
    report = evaluate(gold, section or SECTIONS)
    table = Table("section", "precision", "recall", "F1", "predicted", "gold", "misses", "false hits", "bar",
                  title=f"{' + '.join(map(str, gold))} · {len(report.documents)} documents")
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
    app(prog_name="govgraph")


if __name__ == "__main__":
    main()
