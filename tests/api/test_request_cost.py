"""What makes a request cheaper must not change its answer: plain leaves read directly
(graphql_api/plain_fields.py), orjson's response bytes (graphql_api/app.py), and reads of the
embedded store on the event loop (graphql_api/execution.py)."""

from __future__ import annotations

import asyncio
import enum
import json
import threading
from typing import Any

import httpx
import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphql_api.app import create_app
from graphql_api.plain_fields import PlainFieldExecutor, executor_class
from graphql_api.schema import schema
from stores.memory import MemoryStore

from .conftest import BENCHMARK_QUERIES, BENCHMARK_VARIABLES, GOLD_PLACES


def _results(store: Any, query: str, variables: dict[str, Any]) -> tuple[Any, list[Any]]:
    result = schema.execute_sync(query, variable_values=variables, context_value={"store": store})
    return result.data, [(e.message, e.path) for e in result.errors or []]


#: PlainFieldExecutor is written for graphql-core 3.3 (what strawberry >= 0.300 requires)
needs_plain_executor = pytest.mark.skipif(executor_class() is None, reason="graphql-core is not 3.3: strawberry's executor")


@needs_plain_executor
def test_the_schema_reads_plain_leaves_directly() -> None:
    assert schema.execution_context_class is PlainFieldExecutor


@needs_plain_executor
@pytest.mark.parametrize("field", sorted(BENCHMARK_VARIABLES))
def test_benchmark_answers_are_the_same_without_the_plain_field_executor(store, field: str) -> None:  # type: ignore[no-untyped-def]
    query = (BENCHMARK_QUERIES / f"{field}.graphql").read_text(encoding="utf-8")
    fast = _results(store, query, BENCHMARK_VARIABLES[field])
    own = schema.execution_context_class
    schema.execution_context_class = StrawberryGraphQLCoreExecutionContext
    try:
        ordinary = _results(store, query, BENCHMARK_VARIABLES[field])
    finally:
        schema.execution_context_class = own
    assert fast[1] == [] and fast == ordinary
    assert json.dumps(fast[0], ensure_ascii=False) == json.dumps(ordinary[0], ensure_ascii=False)  # key order too


@strawberry.enum
class _Colour(enum.Enum):
    RED = "red"


@strawberry.type
class _Thing:
    name: str
    note: str | None
    colour: _Colour
    count: int


@strawberry.type
class _Query:
    @strawberry.field
    def things(self) -> list[_Thing | None]:
        return [_Thing(name="甲", note=None, colour=_Colour.RED, count=1),
                _Thing(name=None, note="乙", colour=_Colour.RED, count=2),  # type: ignore[arg-type]
                _Thing(name="丙", note=None, colour="blue", count=3),  # type: ignore[arg-type]
                _Thing(name="丁", note=None, colour=_Colour.RED, count=2**40)]


@needs_plain_executor
def test_odd_values_fail_the_same_way_on_both_executors() -> None:
    """A null where a value is required, an enum value that is not one, an Int past 32 bits:
    the plain read hands each to the ordinary path, so the errors are graphql-core's own."""
    query = "{ things { name note colour count } }"
    answers = []
    for executor in (PlainFieldExecutor, StrawberryGraphQLCoreExecutionContext):
        result = strawberry.Schema(query=_Query, execution_context_class=executor).execute_sync(query)
        answers.append((result.data, sorted((e.message, tuple(e.path or ())) for e in result.errors or [])))
    assert answers[0] == answers[1]
    data, errors = answers[0]
    assert data == {"things": [{"name": "甲", "note": None, "colour": "RED", "count": 1}, None, None, None]}
    assert [path for _, path in errors] == [("things", 1, "name"), ("things", 2, "colour"), ("things", 3, "count")]


# -- response bytes ---------------------------------------------------------------------------


def _post(app: Any, query: str, variables: dict[str, Any] | None = None) -> httpx.Response:
    async def post() -> httpx.Response:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.post("/graphql", json={"query": query, "variables": variables or {}})

    return asyncio.run(post())


def test_chinese_text_is_sent_as_utf8_with_the_same_value(memory_store) -> None:  # type: ignore[no-untyped-def]
    query = (BENCHMARK_QUERIES / "signatories.graphql").read_text(encoding="utf-8")
    response = _post(create_app(memory_store), query, BENCHMARK_VARIABLES["signatories"])
    body = response.json()
    assert response.status_code == 200 and "errors" not in body and body["data"]["signatories"]
    assert response.headers["content-type"].startswith("application/json")
    # the bytes are exactly the standard library's compact UTF-8 encoding of the same value
    assert response.content == json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    assert "区政府".encode() in response.content and b"\\u" not in response.content


def test_a_lone_surrogate_is_escaped_as_the_standard_library_does(memory_store) -> None:  # type: ignore[no-untyped-def]
    view = next(route for route in create_app(memory_store).routes if getattr(route, "path", "") == "/graphql")
    data = {"errors": [{"message": "unknown name '\ud800'"}]}
    encoded = view.endpoint.encode_json(data)  # type: ignore[attr-defined]
    assert encoded == json.dumps(data, separators=(",", ":")).encode("ascii")
    assert json.loads(encoded) == data


# -- where a field runs -------------------------------------------------------------------------


class _WatchedStore(MemoryStore):
    """A real embedded store that notes the thread each meetings question ran on."""

    def __init__(self) -> None:
        super().__init__()
        self.threads: list[threading.Thread] = []

    def meetings(self, *args: Any) -> Any:
        self.threads.append(threading.current_thread())
        return super().meetings(*args)


def test_embedded_reads_run_on_the_loop_and_after_a_write_in_a_thread(corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    store = _WatchedStore()
    for graph in corpus_graphs[1:]:
        store.load(graph)
    app = create_app(store)
    query = '{ meetings(jurisdiction: "%s") { name } }' % GOLD_PLACES[1][0]
    # the request's place lookup reads the store in a thread first, which rebuilds the index: the
    # field then answers on the loop
    assert _post(app, query).json()["data"]["meetings"]
    assert _post(app, query).json()["data"]["meetings"]  # built: answered on the loop
    store.load(corpus_graphs[0])
    assert _post(app, query).json()["data"]["meetings"]  # written since, not rebuilt: in a thread
    assert [t is threading.main_thread() for t in store.threads] == [True, True, False]
