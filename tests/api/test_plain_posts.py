"""The plain JSON POST path (graphql_api/plain_posts.py): the same bytes as strawberry's view, for
the requests it takes; every other request reaches the view with its body."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import pytest
from strawberry.asgi import GraphQL

from graphql_api import plain_posts
from graphql_api.app import create_app
from graphql_api.errors import MaskInternalErrors
from graphql_api.mutations import Mutation
from graphql_api.plain_posts import PLAIN_EXTENSIONS, serves_schema
from graphql_api.prepared import prepared_extensions
from graphql_api.schema import DOCUMENT_LIMITS, Query, schema
from stores.base import StoreUnavailable
from stores.memory import MemoryStore
from tests.asgi import AppClient

from .conftest import GOLD_PLACES

PLACE = GOLD_PLACES[0][1]
SIGNATORIES = """query Signatories($jurisdiction: String!, $issuer: String!) {
  signatories(jurisdiction: $jurisdiction, issuer: $issuer) {
    role { key name } action condition article { number text } evidence { start end text } } }"""
TWO_OPERATIONS = """query A { jurisdictions { key } }
query B($j: String!) { meetings(jurisdiction: $j) { key name } }"""


class _FailingStore(MemoryStore):
    """A real embedded store whose signatories fail with ``failure``."""

    failure: Exception = RuntimeError()

    def signatories(self, *args: Any) -> list[dict]:  # type: ignore[override]
        raise self.failure


@pytest.fixture()
def failing_store(corpus_graphs) -> MemoryStore:  # type: ignore[no-untyped-def]
    store = _FailingStore()
    for graph in corpus_graphs:
        store.load(graph)
    return store


#: (body, what it exercises): each answered by the plain path
PLAIN_REQUESTS = [
    ({"query": SIGNATORIES, "variables": {"jurisdiction": PLACE, "issuer": "office"}}, "an answer"),
    ({"query": SIGNATORIES, "variables": {"jurisdiction": "Atlantis", "issuer": "office"}}, "a user's error"),
    ({"query": SIGNATORIES, "variables": {"jurisdiction": PLACE}}, "a missing variable"),
    ({"query": SIGNATORIES, "variables": {"jurisdiction": 5, "issuer": "office"}}, "a variable of the wrong type"),
    ({"query": TWO_OPERATIONS, "operationName": "B", "variables": {"j": PLACE}}, "one operation of two"),
    ({"query": "{ __typename }", "variables": None, "operationName": None}, "nulls"),
]
#: answered by the view: the plain path must hand each on, body and all
VIEW_REQUESTS = [
    ({"query": "{ jurisdictions { key "}, "a text that does not parse"),
    ({"query": "{ jurisdictions { nope } }"}, "a text that does not validate"),
    ({"query": TWO_OPERATIONS}, "two operations and no name"),
    ({"query": "mutation { deleteDocument(key: \"x\") { key } }"}, "a mutation (the token check)"),
    ([{"query": "{ __typename }"}, {"query": "{ __typename }"}], "a batch"),
    ({"query": "{ __typename }", "extensions": {"persistedQuery": {"version": 1}}}, "request extensions"),
    ({"query": 5}, "a query that is not text"),
    ({"variables": {}}, "no query"),
]


def _answers(store: MemoryStore, body: Any, monkeypatch: pytest.MonkeyPatch, plain: bool,
             headers: dict[str, str] | None = None) -> tuple[int, bytes, list[tuple[bytes, bytes]], int]:
    """(status, body, headers, how many requests reached the view's ``run``)."""
    reached = 0
    run = GraphQL.run

    async def counted(self: Any, *args: Any, **kwargs: Any) -> Any:
        nonlocal reached
        reached += 1
        return await run(self, *args, **kwargs)

    with monkeypatch.context() as m:
        m.setattr(GraphQL, "run", counted)
        if not plain:
            m.setattr(plain_posts, "serves_schema", lambda view: False)
        client = AppClient(create_app(store))
        content = body if isinstance(body, bytes) else json.dumps(body).encode()
        response = client.post("/graphql", content=content,
                               headers={"Content-Type": "application/json", **(headers or {})})
    return response.status_code, response.content, response.headers.raw, reached


@pytest.mark.parametrize(("body", "case"), PLAIN_REQUESTS, ids=[case for _, case in PLAIN_REQUESTS])
def test_a_plain_query_gets_the_views_bytes_without_the_view(memory_store, monkeypatch, body, case) -> None:  # type: ignore[no-untyped-def]
    plain, view = (_answers(memory_store, body, monkeypatch, plain=p) for p in (True, False))
    assert plain[:3] == view[:3]
    assert (plain[3], view[3]) == (0, 1)
    answer = json.loads(plain[1])
    assert answer["data"] if case == "an answer" else answer.get("errors") or answer["data"]


@pytest.mark.parametrize(("body", "case"), VIEW_REQUESTS, ids=[case for _, case in VIEW_REQUESTS])
def test_every_other_request_reaches_the_view_with_its_body(memory_store, monkeypatch, body, case) -> None:  # type: ignore[no-untyped-def]
    plain, view = (_answers(memory_store, body, monkeypatch, plain=p) for p in (True, False))
    assert plain == view
    assert plain[3] == 1


@pytest.mark.parametrize("accept", ["text/event-stream", "multipart/mixed;subscriptionSpec=1.0, application/json"])
def test_a_request_for_a_stream_reaches_the_view(memory_store, monkeypatch, accept) -> None:  # type: ignore[no-untyped-def]
    body = {"query": "{ __typename }"}
    plain, view = (_answers(memory_store, body, monkeypatch, plain=p, headers={"Accept": accept}) for p in (True, False))
    assert plain[:3] == view[:3] and plain[3] == 1


@pytest.mark.parametrize(("failure", "code"), [(StoreUnavailable("the store is down (test)"), "STORE_UNAVAILABLE"),
                                              (RuntimeError("a bug in a store (test)"), "INTERNAL_ERROR")])
def test_store_failures_are_logged_and_masked_as_the_schema_does(failing_store, monkeypatch, caplog,  # type: ignore[no-untyped-def]
                                                                  failure, code) -> None:
    failing_store.failure = failure
    body = {"query": SIGNATORIES, "variables": {"jurisdiction": PLACE, "issuer": "office"}}
    logged = []
    for plain in (True, False):
        caplog.clear()
        with caplog.at_level(logging.WARNING):
            answers = _answers(failing_store, body, monkeypatch, plain=plain)
        logged.append(([(r.name, r.levelno) for r in caplog.records if r.name != "govgraph.access"], answers))
    (plain_log, plain), (view_log, view) = logged
    assert plain[:3] == view[:3] and (plain[3], view[3]) == (0, 1)
    assert json.loads(plain[1])["errors"][0]["extensions"]["code"] == code
    assert "test)" not in plain[1].decode()  # the cause stays in the server's log
    assert plain_log == view_log and plain_log


def test_a_body_over_the_limit_is_refused_before_the_plain_path_reads_it(memory_store) -> None:  # type: ignore[no-untyped-def]
    client = AppClient(create_app(memory_store, max_body_bytes=64))
    response = client.post("/graphql", json={"query": "{ jurisdictions { key name nameEn level } }" * 4})
    assert response.status_code == 413


def test_the_plain_path_serves_only_the_extensions_it_runs_by_hand() -> None:
    view = GraphQL(schema)
    assert serves_schema(view)
    assert {type(e) if not isinstance(e, type) else e for e in
            [f() if not isinstance(f, type) else f for f in schema.extensions]} == set(PLAIN_EXTENSIONS)

    class Another(MaskInternalErrors):  # any extension but the two: the view must run it
        pass

    for extensions in (prepared_extensions(DOCUMENT_LIMITS, Another), prepared_extensions(DOCUMENT_LIMITS),
                       prepared_extensions(DOCUMENT_LIMITS, MaskInternalErrors, Another)):
        view.schema = type(schema)(query=Query, mutation=Mutation, extensions=extensions)
        assert not serves_schema(view)


def test_a_client_that_leaves_before_its_body_gets_no_answer(memory_store) -> None:  # type: ignore[no-untyped-def]
    app = create_app(memory_store)
    sent: list[dict[str, Any]] = []
    messages = [{"type": "http.request", "body": b'{"query": "{ __typ', "more_body": True}, {"type": "http.disconnect"}]

    async def receive() -> dict[str, Any]:
        return messages.pop(0)

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    scope = {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST", "scheme": "http",
             "path": "/graphql", "raw_path": b"/graphql", "query_string": b"", "root_path": "",
             "headers": [(b"content-type", b"application/json")], "client": ("127.0.0.1", 1),
             "server": ("test", 80), "state": {}}
    asyncio.run(app(scope, receive, send))
    assert sent == [] and messages == []
