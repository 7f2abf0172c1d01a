"""What every command shares: the consoles, one-line errors, the store a command works on.

Every command that touches a store uses the embedded store (an SQLite file,
``GOVGRAPH_DATA``, default ``.govgraph/govgraph.db``) unless ``--neo4j URI`` or
``NEO4J_URI`` names a Neo4j server.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from ingest.errors import IngestError
from schema.rows import DocumentRow
from stores.base import Store

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
EXPORT_FORMATS = ("jsonl", "cypher", "graphml")

DEFAULT_DATA = Path(".govgraph/govgraph.db")

#: where the embedded store was kept (as one JSON file) before it became an SQLite file
LEGACY_DATA = Path(".govgraph/graphs.json")



def data_file() -> Path:
    """Where the embedded store keeps what `govgraph ingest` loaded, between commands."""
    return Path(os.environ.get("GOVGRAPH_DATA", DEFAULT_DATA))


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


NEO4J = typer.Option(
    None, "--neo4j", metavar="URI",
    help="Use Neo4j at this URI (bolt://127.0.0.1:7687) instead of the embedded store; or set NEO4J_URI.",
)


JURISDICTION = typer.Option(
    None, "--jurisdiction", metavar="NAME",
    help="The government whose rules these are (随州市), for a text that does not say; wins over the text "
         "and over sources.yaml.",
)
SOURCE_URL = typer.Option(None, "--source-url", metavar="URL", help="Where the document came from (one document).")


def _fail(message: str, code: int = 1) -> None:
    err.print(f"[bold red]error:[/] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code)



def open_store(neo4j_uri: str | None, *, lazy: bool = False, first_contact: bool = False) -> Store:
    """The Neo4j store when a URI is given (flag or NEO4J_URI), else the embedded one.

    ``lazy``: a server that stays unreachable through the retries is connected on first use
    (for ``serve``: the API comes up and /readyz says 503 until Neo4j does).
    ``first_contact``: an embedded store file that does not exist yet starts with the bundled
    corpus, as ``serve`` does (for the commands that read: ask, documents, stats, export)."""
    uri = neo4j_uri or os.environ.get("NEO4J_URI")
    if uri:
        from stores.neo4j_store import Neo4jSettings, Neo4jStore

        return Neo4jStore(Neo4jSettings.from_env(uri), lazy=lazy)
    from stores.memory import MemoryStore

    path = data_file()
    if "GOVGRAPH_DATA" not in os.environ and not path.exists() and LEGACY_DATA.is_file():
        LEGACY_DATA.replace(path)  # the old default file: migrated to SQLite below, under the new name
        err.print(f"[cyan]moved[/] {LEGACY_DATA} to {path}", highlight=False)
    fresh = not path.exists()
    store = MemoryStore.from_file(path)
    if store.file is not None and store.file.migrated_documents is not None:
        err.print(f"[cyan]migrated[/] {escape(str(path))}: {store.file.migrated_documents} documents "
                  "from the old JSON format into SQLite", highlight=False)
    if fresh and first_contact:
        _load_bundled_corpus(store, path)
    return store



def _load_bundled_corpus(store: Store, path: Path) -> None:
    """First contact: a new embedded store holds the bundled documents, so a question works at once."""
    from ingest.manifest import sources_for
    from ingest.pipeline import document_paths

    from .. import graph_cache
    from ..loading import document_graph

    files = document_paths([CORPUS])
    sources = sources_for(files, None)
    cache = graph_cache.configured()
    for file in files:
        store.load(document_graph(file, sources[file], cache))
    err.print(f"[cyan]first use[/] of {escape(str(path))}: loaded the {len(files)} bundled documents from "
              "corpus/ (`govgraph documents` lists them, `govgraph delete` removes one)", highlight=False)



def _cells(*values: object) -> list[str]:
    """Table cells from data: file names and titles may hold [brackets] rich would read as markup."""
    return [escape(str(v)) for v in values]



def _summary_table(title: str) -> Table:
    from ..summary import COLUMNS

    table = Table(title=title, title_justify="left")
    table.add_column("document")
    table.add_column("jurisdiction")
    for column in (*COLUMNS, "warnings"):
        table.add_column(column, justify="right")
    return table



def _documents(store: Store) -> list[DocumentRow]:
    """Every document the store holds, newest first within each jurisdiction (``jurisdiction``: its full name)."""
    return [replace(d, jurisdiction=j.place.full_name) for j in store.jurisdictions() for d in j.documents]



def _find_document(store: Store, wanted: str) -> DocumentRow:
    """A document by its key, its file name, or a path ending in its file name."""
    docs = _documents(store)
    matches = [d for d in docs if wanted in (d.key, d.file)]
    if not matches:
        matches = [d for d in docs if d.file == Path(wanted).name]
    if not matches:
        _fail(f"no document {wanted!r} in the {store.name} store (`govgraph documents` lists them)")
    if len(matches) > 1:
        _fail(f"{wanted!r} names {len(matches)} documents ({', '.join(d.key for d in matches)}); give a key")
    return matches[0]
