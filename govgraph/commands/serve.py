"""`govgraph serve`: GraphQL and GraphiQL over a store."""

from __future__ import annotations

import os
from pathlib import Path

import typer
from rich.markup import escape

from stores.base import Store

from .common import CORPUS, JURISDICTION, NEO4J, SOURCE_URL, err, open_store, out


def _fresh_memory_store() -> Store:
    from stores.memory import MemoryStore

    return MemoryStore()



def serve(
    paths: list[Path] | None = typer.Argument(None, help="Documents or folders to serve (default: corpus/)."),
    host: str = typer.Option("127.0.0.1", help="Address to listen on."),
    port: int = typer.Option(8000, help="Port to listen on."),
    neo4j: str | None = NEO4J,
    no_load: bool = typer.Option(False, "--no-load", help="Serve what the store already holds; load nothing."),
    jurisdiction: str | None = JURISDICTION,
    source_url: str | None = SOURCE_URL,
) -> None:
    """Load documents into a store and serve GraphQL (GraphiQL at /graphql).

    Examples: govgraph serve     (the bundled corpus, embedded store);
    govgraph serve --neo4j bolt://127.0.0.1:7687 --no-load     (what Neo4j holds)
    """
    from ingest.manifest import given, sources_for
    from ingest.pipeline import document_paths

    from ..loading import start_loading
    from ..server import configured_collector

    collector = configured_collector()  # a bad GOVGRAPH_GC stops here, before a store opens
    files = [] if no_load else document_paths(paths or [CORPUS])
    source = given(jurisdiction, source_url, len(files))
    sources_for(files, source)  # a broken sources.yaml stops here, before a store opens
    # The documents not in the graph cache are parsed in worker processes while this one opens
    # the store and imports the API (about a second of imports on a first start).
    pending = start_loading([] if no_load else (paths or [CORPUS]), source)
    try:
        uses_neo4j = no_load or neo4j or os.environ.get("NEO4J_URI")
        # Only a server with nothing to load first may start before its database is up.
        store = open_store(neo4j, lazy=not files) if uses_neo4j else _fresh_memory_store()
        from ..app import create_app
        from ..graphiql import LocalGraphiQL
        from ..server import run_server

        loaded = pending.into(store)
    finally:
        pending.close()
    for _, reason in loaded.refused:
        err.print(f"[yellow]refused[/] {escape(reason)}", highlight=False)
    refused = len(loaded.refused)
    ready = store.ready()
    if no_load:  # nothing loaded: say what the store already holds
        held = f"{len(store.documents(None))} documents" if ready else "what it holds"
        out.print(f"serving {held} from the {store.name} store")
    else:
        out.print(f"serving {len(files) - refused} documents from the {store.name} store")
    if not ready:
        err.print(f"[yellow]not ready[/] the {store.name} store is unreachable; /readyz says 503 and queries "
                  "fail fast until it comes up", highlight=False)
    out.print(f"GraphiQL: http://{host}:{port}/graphql")
    app = create_app(store)
    app.add_middleware(LocalGraphiQL)  # GraphiQL's scripts from this install, not from a CDN
    _log_access()
    # Our access log (govgraph.access, one line per request, with its duration) replaces uvicorn's.
    run_server(app, host, port, collector)


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
