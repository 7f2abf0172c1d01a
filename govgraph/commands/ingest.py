"""Commands that read documents in and out of a store: `parse`, `ingest`, `delete`."""

from __future__ import annotations

import traceback
from pathlib import Path

import typer
from rich.markup import escape
from rich.tree import Tree

from ingest.errors import IngestError

from .common import (
    JURISDICTION,
    NEO4J,
    SOURCE_URL,
    _cells,
    _fail,
    _find_document,
    _state,
    _summary_table,
    err,
    open_store,
    out,
)


def parse(file: Path = typer.Argument(..., help="A rules document (text, any common encoding).")) -> None:
    """Print a document's outline: metadata, chapters, articles with their first words, warnings.

    Example: govgraph parse corpus/001_61fb93ccc4c48713.txt     (or any FILE of your own)
    """
    from ingest.parse import parse_file

    tree = parse_file(file)
    meta = tree.metadata
    out.print(f"[bold]{escape(meta.title or tree.name)}[/]  ({tree.raw.encoding})")
    for field in ("jurisdiction_full", "level", "parent", "identified_by", "doc_number", "issued", "adopted",
                  "adopted_by", "published", "status"):
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
        label = f"{article.number} [dim]({escape(article.label)})[/] {escape(first)}"
        branches.get(article.chapter, outline).add(label)
    out.print(outline)
    for warning in tree.warnings:
        out.print(f"[yellow]warning[/] {warning.code}: {escape(warning.message)}")



def ingest(
    paths: list[Path] = typer.Argument(..., help="Documents or folders of documents."),
    neo4j: str | None = NEO4J,
    jurisdiction: str | None = JURISDICTION,
    source_url: str | None = SOURCE_URL,
) -> None:
    """Parse, extract and load documents; print a summary per document.

    Bad files are skipped with the reason; the others load. Exit code 0 when every
    file loaded, 2 when some were refused, 1 on any other error. A sources.yaml beside
    the documents (- {file: a.txt, url: …, jurisdiction: …}) gives each its URL and, where
    the text does not say, its government.

    Example: govgraph ingest corpus/ --neo4j bolt://127.0.0.1:7687     (or your own: govgraph ingest FILE-OR-FOLDER…)
             govgraph ingest FILE --jurisdiction 随州市 --source-url https://example.org/rules
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from ingest.manifest import given, sources_for
    from ingest.pipeline import document_paths, ingest_path
    from stores.base import StoreUnavailable

    from ..review.diff import revision_summaries
    from ..summary import summarize_graph

    files = document_paths(paths)
    if not files:
        _fail(f"no documents under {', '.join(map(str, paths))}")
    sources = sources_for(files, given(jurisdiction, source_url, len(files)))  # a bad manifest stops here
    store = open_store(neo4j)
    table = _summary_table(f"loaded into the {store.name} store")
    refused: list[tuple[Path, str]] = []
    warned: list[tuple[Path, str]] = []  # loaded, with what the parser noticed (truncated, converted-script …)
    loaded: list[str] = []  # document keys, for what a newer version changed
    failed = 0
    progress = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    try:
        with progress:
            task = progress.add_task("ingest", total=len(files))
            for path in files:
                progress.update(task, description=path.name)
                try:
                    result = ingest_path(path, sources[path])
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
                    loaded.append(result.graph.document)
                    s = summarize_graph(result.graph)
                    table.add_row(*_cells(path.name, s.jurisdiction, *s.row()))
                    warned += [(path, f"{w.code}: {w.message}") for w in result.tree.warnings]
                progress.advance(task)
        revisions = revision_summaries(store, loaded)
    finally:
        store.close()  # the embedded store wrote each document as it loaded
    if table.row_count:
        out.print(table)
    for line in revisions:
        out.print(line, highlight=False, markup=False)
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



def delete(
    document: str = typer.Argument(..., help="A document key (see `govgraph documents`) or its file name."),
    neo4j: str | None = NEO4J,
) -> None:
    """Remove one document and every fact that came from it. Exit code 1 if it is not there.

    Example: govgraph delete 001_61fb93ccc4c48713.txt    (a file name; or a key from `govgraph documents`)
    """
    store = open_store(neo4j)
    try:
        found = _find_document(store, document)
        store.delete(found.key)
    finally:
        store.close()
    out.print(f"deleted {found.key} ({found.title}, {found.file}) from the {store.name} store",
              highlight=False, markup=False)
