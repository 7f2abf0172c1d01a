"""POSTs of one JSON query, answered without strawberry's HTTP view and extension runner.

Almost every request an app sends is one of these: ``Content-Type: application/json``, a body
``{"query": …, "variables": {…}}`` naming a query operation whose text the server has seen
before. For it, strawberry's view (its request adapter, content-type parsing through
``email.message``, stream-transport negotiation) and ``Schema.execute`` (an extension runner with
a context manager per hook per extension) cost more than the answer's own execution: measured
in process on the signatories answer with its rows ready, the whole ASGI request took 1.03 ms
of CPU, ``Schema.execute`` 0.76 ms, graphql-core's ``execute`` 0.57 ms.

``PlainQueryPosts`` answers such a request with the same steps the schema's own path takes,
each from the one place it is defined: the document and its validation errors from the same
caches (``graphql_api/prepared.py``), graphql-core's execution with the schema's executor,
the schema's ``process_errors`` (the server's log) and ``MaskInternalErrors`` (what the client
sees), and the view's context, result processing, JSON encoder and response. So the bytes a
client gets are the same either way (``tests/api/test_plain_posts.py`` compares them).

Anything else goes to the view, with the body it sent: another method, path or content type,
an ``Accept`` that asks for a stream, a batch, request ``extensions``, a text that does not
parse or validate, a mutation (its token check and writes) or a subscription.

It runs the schema's extensions by hand, so it only serves a schema whose extensions are the
two it knows (``PLAIN_EXTENSIONS``); for any other it passes everything to the view.
"""

from __future__ import annotations

import inspect
from dataclasses import dataclass
from typing import Any

from graphql import ExecutionResult, GraphQLError, OperationType, execute, get_operation_ast
from graphql.language import DocumentNode
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.asgi import GraphQL
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.schema._graphql_core import execution_context_class_kwargs

from .errors import MaskInternalErrors
from .prepared import DocumentLimits, PreparedDocuments, parsed, validations

#: The extension classes this path runs by hand (the first through ``prepared``, the second
#: through its mask); a schema with any other extension is served by the view alone.
PLAIN_EXTENSIONS = (PreparedDocuments, MaskInternalErrors)
_STREAMING_ACCEPTS = (b"multipart/mixed", b"text/event-stream")


@dataclass(frozen=True, slots=True)
class PlainQuery:
    """One query operation of a document that parsed and validated, with its variables."""

    document: DocumentNode
    variables: dict[str, Any] | None
    operation_name: str | None


def _plain_headers(headers: list[tuple[bytes, bytes]]) -> bool:
    """A JSON body, and no stream asked for in ``Accept``."""
    content_type = b""
    for name, value in headers:
        lowered = name.lower()
        if lowered == b"content-type":
            content_type = value.split(b";", 1)[0].strip().lower()
        elif lowered == b"accept" and any(kind in value.lower() for kind in _STREAMING_ACCEPTS):
            return False
    return content_type == b"application/json"


async def _read_body(receive: Receive) -> bytes | None:
    """The whole body, or None when the client went away before sending it."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    """``receive`` for whoever reads the request next: the body read here, then the client's messages."""
    sent = False

    async def replay() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


def _extension_class(factory: Any) -> type:
    return factory if isinstance(factory, type) else type(factory())


def serves_schema(view: GraphQL[Any, Any]) -> bool:
    """Whether the view's schema has exactly the extensions this path runs by hand."""
    kinds = [_extension_class(factory) for factory in view.schema.extensions]  # type: ignore[attr-defined]
    return len(kinds) == len(PLAIN_EXTENSIONS) and set(kinds) == set(PLAIN_EXTENSIONS)


class PlainQueryPosts:
    """ASGI middleware in front of ``view`` at ``path`` (see the module's doc)."""

    def __init__(self, app: ASGIApp, view: GraphQL[Any, Any], limits: DocumentLimits, path: str = "/graphql") -> None:
        self.app = app
        self.view = view
        self.limits = limits
        self.rules = limits.all_rules()
        self.path = path
        self.enabled = serves_schema(view)
        self.schema = view.schema
        self.graphql_schema = view.schema._schema  # type: ignore[attr-defined]
        self.executor = execution_context_class_kwargs(getattr(view.schema, "execution_context_class", None))
        self.mask = MaskInternalErrors()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if not (self.enabled and scope["type"] == "http" and scope["method"] == "POST"
                and scope["path"] == self.path and _plain_headers(scope["headers"])):
            await self.app(scope, receive, send)
            return
        body = await _read_body(receive)
        if body is None:  # the client went away: there is no one to answer
            return
        replay = _replaying(body, receive)
        query = self.plain_query(body)
        if query is None:
            await self.app(scope, replay, send)
            return
        await self._answer(query, scope, replay, send)

    def plain_query(self, body: bytes) -> PlainQuery | None:
        """The request as one valid query operation, or None: the view's to answer."""
        try:
            data = self.view.decode_json(body)
        except Exception:  # noqa: BLE001 - no JSON: the view's 400
            return None
        if not isinstance(data, dict) or data.get("extensions"):
            return None
        text, variables, name = data.get("query"), data.get("variables"), data.get("operationName")
        if (not isinstance(text, str) or not text or not isinstance(variables, (dict, type(None)))
                or not isinstance(name, (str, type(None)))):
            return None
        try:
            document = parsed(text, self.limits.max_tokens)
        except GraphQLError:
            return None
        operation = get_operation_ast(document, name)
        if operation is None or operation.operation is not OperationType.QUERY:
            return None
        if validations.errors(self.graphql_schema, text, document, self.rules):
            return None
        return PlainQuery(document, variables, name)

    async def _answer(self, query: PlainQuery, scope: Scope, receive: Receive, send: Send) -> None:
        view = self.view
        request = Request(scope, receive)
        sub_response = await view.get_sub_response(request)
        context = await view.get_context(request, sub_response)
        root_value = await view.get_root_value(request)
        try:
            result = execute(self.graphql_schema, query.document, root_value, context, query.variables,
                             query.operation_name, is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
                             operation_extensions=None, **self.executor)
            if inspect.isawaitable(result):
                result = await result
            data, errors = result.data, result.errors
        except Exception as exc:  # noqa: BLE001 - strawberry's execute makes it an error of the answer
            data, errors = None, [exc if isinstance(exc, GraphQLError) else GraphQLError(str(exc), original_error=exc)]
        if errors:
            self.schema.process_errors(errors, None)  # the log sees them as they were
            errors = self.mask._process_errors(errors)
        answer = await view.process_result(request, ExecutionResult(data, errors))  # type: ignore[arg-type]
        if errors:
            view._handle_errors(errors, answer)
        if not sub_response.status_code and not sub_response.raw_headers and sub_response.background is None:
            # what ``create_response`` would send for an untouched sub-response, without two
            # Starlette responses built for it
            body = view.encode_json(answer)
            body = body if isinstance(body, bytes) else body.encode("utf-8")
            await send({"type": "http.response.start", "status": 200, "headers": [
                (b"content-length", str(len(body)).encode("latin-1")), (b"content-type", b"application/json")]})
            await send({"type": "http.response.body", "body": body})
            return
        response = view.create_response(answer, sub_response)
        await response(scope, receive, send)
