"""The one place that composes govgraph's pieces: the API over a store, given the ingest pipeline.

``graphql_api`` knows stores (``stores.base.Store``) and nothing of ``ingest``; the pipeline
reaches the ``ingestDocument`` mutation as a function passed in here.
"""

from __future__ import annotations

from starlette.applications import Starlette

from graphql_api.app import create_app as create_api
from graphql_api.mutations import DocumentRefusal
from ingest.errors import IngestError
from ingest.manifest import given
from schema.model import Graph
from stores.base import Store


def ingest_document(data: bytes, filename: str, jurisdiction: str | None, source_url: str | None) -> Graph:
    """The pipeline the CLI runs, for one document sent to the API; a refused one raises
    DocumentRefusal, a jurisdiction or URL that cannot be used ValueError."""
    from ingest.pipeline import ingest_bytes  # the extractors: imported on the first document sent, not at start-up

    source = given(jurisdiction, source_url, 1)
    try:
        return ingest_bytes(data, filename, source).graph
    except IngestError as exc:
        raise DocumentRefusal(exc.code, str(exc)) from exc


def create_app(store: Store, *, api_token: str | None = None, max_body_bytes: int | None = None,
               cors_origins: list[str] | None = None) -> Starlette:
    """The GraphQL app over ``store`` that ingests with the pipeline (what ``govgraph serve`` runs)."""
    return create_api(store, ingest=ingest_document, api_token=api_token, max_body_bytes=max_body_bytes,
                      cors_origins=cors_origins)
