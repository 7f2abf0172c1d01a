"""Serving for apps and operators: CORS for configured origins, Prometheus metrics, one access-log
line per request, and requests served concurrently (a slow store call holds back only its own)."""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

import httpx
import pytest

from graphql_api.app import create_app
from stores.memory import MemoryStore
from tests.asgi import AppClient

from .conftest import GOLD_PLACES

APP_ORIGIN = "https://apps.example.org"
PLACE = GOLD_PLACES[0][1]
SIGNATORIES = '{ signatories(jurisdiction: "%s", issuer: "office") { action } }' % PLACE


# -- CORS ----------------------------------------------------------------------------------------


def test_a_configured_origin_gets_a_preflight_answer_and_cors_headers(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = AppClient(create_app(memory_store, cors_origins=[APP_ORIGIN]))
    preflight = c.request("OPTIONS", "/graphql", headers={
        "Origin": APP_ORIGIN, "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type, authorization"})
    assert preflight.status_code == 200
    assert preflight.headers["access-control-allow-origin"] == APP_ORIGIN
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert {"authorization", "content-type"} <= {
        h.strip().lower() for h in preflight.headers["access-control-allow-headers"].split(",")}
    answer = c.post("/graphql", json={"query": SIGNATORIES}, headers={"Origin": APP_ORIGIN})
    assert answer.status_code == 200 and answer.json()["data"]["signatories"]
    assert answer.headers["access-control-allow-origin"] == APP_ORIGIN


def test_another_origin_gets_no_cors_headers(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = AppClient(create_app(memory_store, cors_origins=[APP_ORIGIN]))
    preflight = c.request("OPTIONS", "/graphql", headers={
        "Origin": "https://elsewhere.example.com", "Access-Control-Request-Method": "POST"})
    assert preflight.status_code == 400
    assert "access-control-allow-origin" not in preflight.headers
    answer = c.post("/graphql", json={"query": SIGNATORIES}, headers={"Origin": "https://elsewhere.example.com"})
    assert "access-control-allow-origin" not in answer.headers


def test_origins_come_from_the_environment_and_default_to_none(memory_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVGRAPH_CORS_ORIGINS", f" {APP_ORIGIN}/ , http://localhost:3000")
    c = AppClient(create_app(memory_store))
    answer = c.post("/graphql", json={"query": SIGNATORIES}, headers={"Origin": "http://localhost:3000"})
    assert answer.headers["access-control-allow-origin"] == "http://localhost:3000"
    monkeypatch.delenv("GOVGRAPH_CORS_ORIGINS")
    plain = AppClient(create_app(memory_store)).post("/graphql", json={"query": SIGNATORIES},
                                                      headers={"Origin": APP_ORIGIN})
    assert plain.status_code == 200 and "access-control-allow-origin" not in plain.headers


# -- metrics and the access log -------------------------------------------------------------------


def _samples(text: str) -> dict[str, float]:
    """Prometheus text format -> {'name{labels}': value}."""
    out: dict[str, float] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.rsplit(" ", 1)
            out[name] = float(value)
    return out


def test_metrics_count_requests_time_fields_and_report_documents(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = AppClient(create_app(memory_store))
    for _ in range(3):
        assert c.post("/graphql", json={"query": SIGNATORIES}).status_code == 200
    c.post("/graphql", json={"query": '{ ask(question: "Who signs an office notice in %s?") { text } }' % PLACE})
    c.get("/healthz")
    c.get("/no-such-page")
    page = c.get("/metrics")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/plain")
    samples = _samples(page.text)
    assert samples['govgraph_http_requests_total{method="POST",route="/graphql",status="200"}'] == 4
    assert samples['govgraph_http_requests_total{method="GET",route="/healthz",status="200"}'] == 1
    assert samples['govgraph_http_requests_total{method="GET",route="other",status="404"}'] == 1
    assert samples['govgraph_http_request_duration_seconds_count{route="/graphql"}'] == 4
    assert samples['govgraph_graphql_field_duration_seconds_count{field="signatories"}'] == 3
    assert samples['govgraph_graphql_field_duration_seconds_count{field="ask"}'] == 1
    assert samples['govgraph_graphql_field_duration_seconds_sum{field="signatories"}'] > 0
    assert samples["govgraph_documents_loaded"] == memory_store.counts()[0]["RuleDocument"] == 5
    assert not any(k.startswith("govgraph_store_errors_total") for k in samples)


class _DownStore(MemoryStore):
    """A real embedded store whose reads fail as a store that cannot be reached does."""

    def signatories(self, *args: Any) -> list[dict]:
        from stores.base import StoreUnavailable

        raise StoreUnavailable("the store is down (test)")


def test_metrics_count_store_errors_per_field(corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    store = _DownStore()
    for graph in corpus_graphs:
        store.load(graph)
    c = AppClient(create_app(store))
    answer = c.post("/graphql", json={"query": SIGNATORIES}).json()
    assert answer["errors"][0]["extensions"]["code"] == "STORE_UNAVAILABLE"
    assert _samples(c.get("/metrics").text)['govgraph_store_errors_total{field="signatories"}'] == 1


def test_one_access_log_line_per_request(memory_store, caplog) -> None:  # type: ignore[no-untyped-def]
    c = AppClient(create_app(memory_store))
    with caplog.at_level(logging.INFO, logger="govgraph.access"):
        c.post("/graphql", json={"query": SIGNATORIES})
        c.get("/readyz")
    lines = [r.getMessage() for r in caplog.records if r.name == "govgraph.access"]
    assert len(lines) == 2
    _client, method, path, status, duration, size = lines[0].split(" ")
    assert (method, path, status) == ("POST", "/graphql", "200")
    assert duration.endswith("ms") and float(duration[:-2]) > 0 and size.endswith("B") and int(size[:-1]) > 0
    assert lines[1].split(" ")[1:4] == ["GET", "/readyz", "200"]


# -- concurrency ----------------------------------------------------------------------------------


class _SlowStore(MemoryStore):
    """A real embedded store whose meetings question blocks until the test releases it."""

    def __init__(self) -> None:
        super().__init__()
        self.entered = threading.Event()
        self.release = threading.Event()

    def answers_without_waiting(self) -> bool:
        return False  # its reads block, as a remote store's do: the API must hand them to a thread

    def meetings(self, *args: Any) -> list[dict]:
        self.entered.set()
        assert self.release.wait(10), "never released"
        return super().meetings(*args)


def test_a_slow_store_call_does_not_hold_back_another_request(corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    store = _SlowStore()
    for graph in corpus_graphs:
        store.load(graph)
    app = create_app(store)
    slow_query = '{ meetings(jurisdiction: "%s") { name } }' % PLACE

    async def scenario() -> tuple[float, int, int]:
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test", timeout=30) as c:
            slow = asyncio.create_task(c.post("/graphql", json={"query": slow_query}))
            while not store.entered.is_set():  # the slow request is inside the store now
                await asyncio.sleep(0.005)
            start = time.perf_counter()
            fast = await c.post("/graphql", json={"query": SIGNATORIES})
            fast_seconds = time.perf_counter() - start
            assert not slow.done()  # still held in the store while the second one was answered
            store.release.set()
            slow_answer = await slow
            return fast_seconds, fast.status_code, len(slow_answer.json()["data"]["meetings"])

    fast_seconds, status, meetings = asyncio.run(scenario())
    assert status == 200 and meetings > 0
    assert fast_seconds < 5


@pytest.mark.parametrize("runs", [3])
def test_the_same_query_text_is_parsed_and_validated_once(memory_store, runs: int) -> None:  # type: ignore[no-untyped-def]
    from graphql_api.prepared import _parse_cache, validations

    c = AppClient(create_app(memory_store))
    query = '{ meetings(jurisdiction: "%s") { key } }' % PLACE
    c.post("/graphql", json={"query": query})
    parse = _parse_cache()
    parsed, validated = parse.cache_info(), (validations.hits, validations.misses)
    for _ in range(runs):
        assert c.post("/graphql", json={"query": query}).json()["data"]["meetings"]
    assert parse.cache_info().hits - parsed.hits == runs and parse.cache_info().misses == parsed.misses
    assert (validations.hits - validated[0], validations.misses) == (runs, validated[1])


def test_a_lone_surrogate_in_a_json_body_reaches_the_field_that_refuses_it(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = AppClient(create_app(memory_store))
    body = b'{"query": "query($q: String!) { ask(question: $q) { text } }", "variables": {"q": "\\ud800"}}'
    response = c.post("/graphql", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 200
    assert "lone surrogate" in response.json()["errors"][0]["message"]
    broken = c.post("/graphql", content=b'{"query": ', headers={"Content-Type": "application/json"})
    assert broken.status_code == 400
