"""Neo4j read through the async driver on the API's event loop (stores/neo4j_loop_reads.py):
the same answers as the blocking driver, one Cypher round trip per top-level field, no worker
thread, a held read that does not hold back another request, the same one-line error and
error code when the server is gone, and the driver closed at shutdown. Real Neo4j, real app,
run with its Starlette lifespan (which opens and closes the async driver)."""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest

import cypher
from benchmarks.counting import count_statements
from graphql_api.app import create_app
from graphql_api.errors import UNAVAILABLE_MESSAGE
from stores.awaiting import awaiting
from stores.neo4j_loop_reads import READS_ENV, configured_reads
from stores.neo4j_store import Neo4jStore

from .conftest import GOLD_PLACES, execute

pytestmark = pytest.mark.neo4j

PLACE, PLACE_EN = GOLD_PLACES[0]
SIGNATORIES = '{ signatories(jurisdiction: "%s", issuer: "office") { action role { key } article { number } } }' % PLACE
MEETINGS = '{ meetings(jurisdiction: "%s") { name frequency { text } } }' % PLACE
#: every Query field that reads the store, each once
FIELDS = [
    SIGNATORIES,
    MEETINGS,
    '{ jurisdictions { name documents { key } } }',
    '{ documents(jurisdiction: "%s") { key current } }' % PLACE,
    '{ compare(issuer: "office") { jurisdiction { name } signers { key } } }',
    '{ reportingLines(jurisdiction: "%s") { from { key } to { key } } }' % PLACE,
    '{ obligations(jurisdiction: "%s", first: 3) { totalCount edges { node { key } } } }' % PLACE,
    '{ search(text: "会议", first: 3) { totalCount edges { node { number } } } }',
    '{ government(jurisdiction: "%s") { body { key } } }' % PLACE,
    '{ ask(question: "Who signs an office notice in %s?") { text understood citations { number } } }' % PLACE_EN,
]


class WatchedStore(Neo4jStore):
    """The Neo4j store, noting for each read whether it was awaited on the loop and in which thread;
    a read of ``hold`` (a named query) waits on the loop until the test sets ``release``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.reads: list[tuple[bool, str]] = []
        self.hold: str | None = None
        self.held = asyncio.Event()
        self.release = asyncio.Event()
        super().__init__(*args, **kwargs)

    def run_records(self, statement: str, params: dict[str, Any]) -> list[Any]:
        self.reads.append((awaiting(), threading.current_thread().name))
        return super().run_records(statement, params)

    async def _read_async(self, driver: Any, statement: str, params: dict[str, Any]) -> list[Any]:
        if self.hold is not None and statement == cypher.statement(f"queries/{self.hold}"):
            self.held.set()
            await asyncio.wait_for(self.release.wait(), 10)
        return await super()._read_async(driver, statement, params)


@asynccontextmanager
async def serving(store: Neo4jStore) -> AsyncIterator[httpx.AsyncClient]:
    """The app over ``store`` with its lifespan (startup, then shutdown, which closes the store)."""
    app = create_app(store)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=30) as client:
            yield client


def run(store: Neo4jStore, scenario: Callable[[httpx.AsyncClient], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with serving(store) as client:
            return await scenario(client)

    return asyncio.run(main())


async def post(client: httpx.AsyncClient, query: str) -> dict[str, Any]:
    response = await client.post("/graphql", json={"query": query})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


@pytest.fixture
def watched(loaded_neo4j, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVGRAPH_NAMES_TTL", "3600")
    monkeypatch.setenv(READS_ENV, "async")
    store = WatchedStore(loaded_neo4j.settings)
    store.reads.clear()  # what preparing the database read, before any app
    yield store
    store.close()


def test_every_field_answers_on_the_loop_as_the_blocking_driver_answers(watched, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    async def scenario(client: httpx.AsyncClient) -> list[dict[str, Any]]:
        return [await post(client, query) for query in FIELDS]

    answers = run(watched, scenario)
    assert watched.reads and all(on_loop and thread == "MainThread" for on_loop, thread in watched.reads)
    for query, answer in zip(FIELDS, answers, strict=True):
        blocking = execute(loaded_neo4j, query)  # execute_sync: the blocking driver, no loop
        assert blocking.errors is None and "errors" not in answer, (query, answer)
        assert answer["data"] == blocking.data, query
        assert any(v for v in answer["data"].values()), f"nothing to compare: {query}"


def test_one_round_trip_per_field_through_the_async_driver(watched) -> None:  # type: ignore[no-untyped-def]
    counter = count_statements(watched)

    async def scenario(client: httpx.AsyncClient) -> list[list[str]]:
        sent = []
        for _ in range(3):
            counter.statements.clear()
            assert (await post(client, SIGNATORIES))["data"]["signatories"]
            sent.append([s.name for s in counter.statements])
        counter.statements.clear()
        assert (await post(client, MEETINGS))["data"]["meetings"]
        sent.append([s.name for s in counter.statements])
        return sent

    sent = run(watched, scenario)
    assert sent == [["queries/jurisdictions", "queries/signatories"], ["queries/signatories"],
                    ["queries/signatories"], ["queries/meetings"]]
    assert all(on_loop for on_loop, _ in watched.reads)


def test_a_held_read_does_not_hold_back_another_request(watched) -> None:  # type: ignore[no-untyped-def]
    """As tests/api/test_serving.py's slow store call, on the async path of real Neo4j."""
    watched.hold = "meetings"

    async def scenario(client: httpx.AsyncClient) -> tuple[float, dict[str, Any], dict[str, Any]]:
        await post(client, SIGNATORIES)  # the places are read: the next requests read one query each
        slow = asyncio.create_task(post(client, MEETINGS))
        await asyncio.wait_for(watched.held.wait(), 10)  # the slow request is inside the store now
        start = time.perf_counter()
        fast = await post(client, SIGNATORIES)
        fast_seconds = time.perf_counter() - start
        assert not slow.done()  # still held while the second one was answered
        watched.release.set()
        return fast_seconds, fast, await slow

    fast_seconds, fast, slow = run(watched, scenario)
    assert fast["data"]["signatories"] and slow["data"]["meetings"]
    assert fast_seconds < 5
    assert all(on_loop and thread == "MainThread" for on_loop, thread in watched.reads)


def test_a_server_gone_is_the_same_one_line_error_and_code(loaded_neo4j, monkeypatch, caplog) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(READS_ENV, "async")
    store = Neo4jStore(loaded_neo4j.settings)  # prepared against the real server ...
    store.settings = dataclasses.replace(store.settings, uri="bolt://127.0.0.1:9")  # ... its async driver dials nothing

    async def scenario(client: httpx.AsyncClient) -> tuple[bool, dict[str, Any]]:
        return store.reads_on_loop(), await post(client, SIGNATORIES)

    with caplog.at_level(logging.WARNING, logger="govgraph.api"):
        on_loop, answer = run(store, scenario)
    assert on_loop
    (error,) = answer["errors"]
    assert (error["message"], error["extensions"]["code"]) == (UNAVAILABLE_MESSAGE, "STORE_UNAVAILABLE")
    (logged,) = [r.getMessage() for r in caplog.records if r.name == "govgraph.api"]
    assert logged.startswith("signatories: Neo4j at bolt://127.0.0.1:9 is unavailable: ") and "\n" not in logged


def test_the_async_driver_lives_from_startup_to_shutdown(watched) -> None:  # type: ignore[no-untyped-def]
    assert not watched.reads_on_loop()

    async def scenario(client: httpx.AsyncClient) -> tuple[bool, Any]:
        return watched.reads_on_loop(), watched._loop_driver

    on_loop, driver = run(watched, scenario)
    assert on_loop and driver is not None
    assert watched._loop_driver is None and not watched.reads_on_loop()
    with pytest.raises(Exception, match="closed"):
        asyncio.run(driver.verify_connectivity())


@pytest.mark.parametrize("setting", [None, "threads"])
def test_reads_stay_on_threads_by_default_or_when_asked(watched, monkeypatch, setting: str | None) -> None:  # type: ignore[no-untyped-def]
    if setting is None:
        monkeypatch.delenv(READS_ENV)
    else:
        monkeypatch.setenv(READS_ENV, setting)

    async def scenario(client: httpx.AsyncClient) -> tuple[bool, dict[str, Any]]:
        return watched.reads_on_loop(), await post(client, SIGNATORIES)

    on_loop, answer = run(watched, scenario)
    assert not on_loop and answer["data"]["signatories"]
    assert watched.reads and all(not awaited and thread.startswith(("govgraph-field", "asyncio", "ThreadPool"))
                                 for awaited, thread in watched.reads)


def test_a_bad_reads_setting_is_a_one_line_error(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(READS_ENV, "greenlets")
    with pytest.raises(ValueError, match=f"^{READS_ENV} must be one of async, threads, got 'greenlets'$"):
        configured_reads()


def test_fields_of_one_request_share_its_places_without_blocking_the_loop(watched) -> None:  # type: ignore[no-untyped-def]
    """A cold request whose fields all need the places: one reads them (holding the request's
    table), the others wait their turn on the loop rather than on the table's thread lock."""
    query = ('{ a: ask(question: "Who signs an office notice in %s?") { understood } '
             'b: signatories(jurisdiction: "%s", issuer: "office") { action } '
             'c: meetings(jurisdiction: "%s") { name } }' % (PLACE_EN, PLACE, PLACE))
    answers: list[dict[str, Any]] = []

    def request() -> None:  # in a thread of its own: a loop that deadlocked would hang only it
        answers.append(run(watched, lambda client: post(client, query)))

    thread = threading.Thread(target=request, daemon=True)
    thread.start()
    thread.join(60)
    assert not thread.is_alive(), "the request never finished: the loop is blocked"
    (answer,) = answers
    assert "errors" not in answer and answer["data"]["a"]["understood"]
    assert answer["data"]["b"] and answer["data"]["c"]
    sent = [on_loop for on_loop, _ in watched.reads]
    assert sent == [True] * 4  # the places once, then each field's one question
