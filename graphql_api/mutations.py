"""Mutations: add a rules document from its text, or delete one. Bearer token required
(``permission_classes=TOKEN_REQUIRED``, graphql_api/auth.py).

The API does not know the ingest pipeline: the app is given an ingest function
(``IngestFunction``; ``govgraph/app.py`` passes the pipeline the CLI uses) and finds it in the
request context. The document's graph loads in one store transaction: a refused document
writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import strawberry
from strawberry.types import Info

from schema.model import Graph
from stores.base import Store

from . import documents as d
from .auth import TOKEN_REQUIRED
from .errors import BadArgument, UserError, is_unicode_text
from .places import request_places

MAX_FILENAME = 200


class DocumentRefusal(Exception):
    """What an ingest function raises for a document it will not load: ``code`` is the stable
    reason (``E001-empty`` …), the message is for people."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


#: (the document's bytes, its file name, the jurisdiction and source URL the user gives) -> its
#: graph; raises DocumentRefusal for a bad document and ValueError for a bad jurisdiction or URL
IngestFunction = Callable[[bytes, str, str | None, str | None], Graph]


class DocumentRefused(UserError):
    code = "DOCUMENT_REFUSED"

    def __init__(self, error: DocumentRefusal) -> None:
        super().__init__(f"document refused: {error}")
        self.reason = error.code

    @property
    def extensions(self) -> dict[str, object]:
        return {**super().extensions, "reason": self.reason}


@strawberry.type
class IngestResult:
    document: d.RuleDocument
    jurisdiction: str
    nodes: int
    relationships: int


@strawberry.type
class DeleteResult:
    id: str
    deleted: bool = strawberry.field(description="false: no document with this id was stored")


def _store(info: Info) -> Store:
    store: Store = info.context["store"]
    return store


def _ingest(info: Info) -> IngestFunction:
    ingest: IngestFunction | None = info.context.get("ingest")
    if ingest is None:
        raise UserError("this server was started without an ingest function: it cannot load documents")
    return ingest


def _forget_names(info: Info) -> None:
    """A write changes which places and documents exist: names resolve afresh after it."""
    request_places(info.context).changed()


@strawberry.type
class Mutation:
    @strawberry.mutation(permission_classes=TOKEN_REQUIRED,
                         description="Parse, extract and load one rules document from its text. "
                         "`jurisdiction` names the government whose rules these are (随州市) when the text "
                         "does not say (it wins over the text); `sourceUrl` is where the text came from.")
    def ingest_document(self, info: Info, text: str, filename: str, jurisdiction: str | None = None,
                        source_url: str | None = None) -> IngestResult:
        name = filename.strip()
        if not name or len(name) > MAX_FILENAME or "/" in name or "\\" in name:
            raise BadArgument(f"filename must be a plain file name of 1 to {MAX_FILENAME} characters")
        try:
            if not all(is_unicode_text(v) for v in (text, name, jurisdiction or "", source_url or "")):
                raise BadArgument("text, filename, jurisdiction and sourceUrl must be Unicode text (a lone surrogate is not)")
            graph = _ingest(info)(text.encode("utf-8"), name, jurisdiction, source_url)
        except ValueError as exc:  # a jurisdiction whose level cannot be told, a bad URL
            raise BadArgument(str(exc)) from None
        except DocumentRefusal as exc:
            raise DocumentRefused(exc) from exc
        store = _store(info)
        store.load(graph)
        _forget_names(info)
        stored = next(v for v in store.documents(None) if v.key == graph.document)
        labels, types = graph.counts()
        jur = next(n for n in graph.nodes if n.label == "Jurisdiction")
        return IngestResult(document=d.rule_document(stored), jurisdiction=jur.props["fullName"],
                            nodes=sum(labels.values()), relationships=sum(types.values()))

    @strawberry.mutation(permission_classes=TOKEN_REQUIRED,
                         description="Delete one rules document (by key) and every fact it states.")
    def delete_document(self, info: Info, id: str) -> DeleteResult:
        deleted = _store(info).delete(id.strip())
        _forget_names(info)
        return DeleteResult(id=id, deleted=deleted)
