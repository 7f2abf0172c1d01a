"""Query benchmarks: GraphQL over HTTP vs the same named Cypher through the raw driver, the
round trips each top-level field costs, the embedded store in process, and the peer.

The raw driver sends exactly the statement and parameters the GraphQL field sent (captured
by ``counting.CountingDriver`` in process), so the ratio is what the API adds on top.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from neo4j import Driver, RoutingControl

from .counting import Sent, statements_counted
from .graphql_client import GraphQLClient
from .latency import Call, Stats, closed_loop, timed_in_process

GRAPHQL = Path(__file__).with_name("graphql")
FIELDS = ("signatories", "meetings", "compare", "ask")
#: the issuer asked about, as a user types it and as its vocabulary key
ISSUER, ISSUER_KEY = "office", "government_office"
#: statements a field may send besides its own question (names are resolved against these)
NAME_LOOKUPS = frozenset({"queries/jurisdictions"})


@dataclass(frozen=True, slots=True)
class Place:
    """The jurisdiction the questions are about: one the benchmark corpus holds."""

    key: str  # jur:徐州市贾汪区
    name: str  # 贾汪区
    name_en: str  # Jiawang


def graphql_document(name: str) -> str:
    return (GRAPHQL / f"{name}.graphql").read_text(encoding="utf-8")


def variables(field: str, place: Place) -> dict[str, Any]:
    return {
        "signatories": {"jurisdiction": place.name, "issuer": ISSUER},
        "meetings": {"jurisdiction": place.name},
        "compare": {"issuer": ISSUER},
        "ask": {"question": f"Who signs an office notice in {place.name_en}?"},
    }[field]


def peer_variables(place: Place) -> dict[str, Any]:
    return {"jurisdiction": place.key, "issuer": ISSUER_KEY}


@dataclass(frozen=True, slots=True)
class FieldTrace:
    field: str
    cold: tuple[Sent, ...]  # statements of the field's first request to a fresh app
    warm: tuple[Sent, ...]  # statements of the same request right after (caches filled)
    rows: int  # size of the answer (list length, or citations for ask)

    @property
    def question(self) -> tuple[Sent, ...]:
        """The field's own statements: what the raw driver replays."""
        return tuple(s for s in self.cold if s.name not in NAME_LOOKUPS) or self.cold


def _answer_size(field: str, data: dict[str, Any]) -> int:
    value = data[field]
    return len(value["citations"]) if field == "ask" else len(value)


def answer_fields(store: Any, place: Place, after_each: Callable[[str, dict[str, Any]], None], times: int = 1) -> None:
    """Each field ``times`` times through a fresh instance of the real app, in process;
    ``after_each(field, data)`` sees every answer."""
    import asyncio

    import httpx

    from graphql_api.app import create_app

    async def post_each() -> None:
        for field in FIELDS:
            transport = httpx.ASGITransport(app=create_app(store))
            async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
                for _ in range(times):
                    response = await client.post("/graphql", json={"query": graphql_document(field),
                                                                    "variables": variables(field, place)})
                    body = response.json()
                    if response.status_code != 200 or body.get("errors"):
                        raise RuntimeError(f"{field}: HTTP {response.status_code} {body.get('errors')}")
                    if _answer_size(field, body["data"]) == 0:
                        raise RuntimeError(f"{field} answered nothing about {place.name}: nothing to measure")
                    after_each(field, body["data"])

    asyncio.run(post_each())


def trace_fields(store: Any, place: Place) -> dict[str, FieldTrace]:
    """Each field twice (cold, then warm), counting the Cypher statements it sends (a Neo4j store)."""
    sent: dict[str, list[tuple[tuple[Sent, ...], int]]] = {}
    with statements_counted(store) as counter:

        def record(field: str, data: dict[str, Any]) -> None:
            sent.setdefault(field, []).append((tuple(counter.statements), _answer_size(field, data)))
            counter.statements.clear()

        counter.statements.clear()
        answer_fields(store, place, record, times=2)
    return {field: FieldTrace(field, cold[0], warm[0], cold[1]) for field, (cold, warm) in sent.items()}


#: client counts every query target is measured at
CLIENTS = (1, 16)


def one_then_sixteen(measure: Callable[[int, float], Stats], warmup_seconds: float) -> dict[str, dict[str, Any]]:
    """``measure(clients, warmup_seconds)`` at 1 then 16 clients. The timed warm-up (at 16
    clients) runs once, before the first: the second finds the same server, asked the same
    document a moment ago, warm."""
    return {str(c): measure(c, warmup_seconds if i == 0 else 0.0).as_dict() for i, c in enumerate(CLIENTS)}


def raw_caller(driver: Driver, database: str, statements: tuple[Sent, ...]) -> Call:
    def call() -> None:
        for sent in statements:
            driver.execute_query(sent.text, sent.params, routing_=RoutingControl.READ, database_=database)

    return call


def measure_http(port: int, field: str, place: Place, clients: int, seconds: float, warmup_seconds: float = 0.0) -> Stats:
    query, variables_ = graphql_document(field), variables(field, place)
    return closed_loop(lambda: GraphQLClient(port).caller(query, variables_), clients, seconds,
                       warmup_seconds=warmup_seconds)


def measure_peer(port: int, place: Place, clients: int, seconds: float, warmup_seconds: float = 0.0) -> Stats:
    query, variables_ = graphql_document("peer_signatories"), peer_variables(place)
    check = GraphQLClient(port).post(query, variables_)
    docs = check["jurisdictions"][0]["documents"] if check["jurisdictions"] else []
    if not docs or not docs[0]["documentTypes"]:
        raise RuntimeError(f"the peer found no document types of {ISSUER_KEY} for {place.key}")
    return closed_loop(lambda: GraphQLClient(port).caller(query, variables_), clients, seconds,
                       warmup_seconds=warmup_seconds)


def measure_raw(driver: Driver, database: str, trace: FieldTrace, clients: int, seconds: float,
                warmup_seconds: float = 0.0) -> Stats:
    return measure_statements(driver, database, trace.question, clients, seconds, warmup_seconds)


def measure_statements(driver: Driver, database: str, statements: tuple[Sent, ...], clients: int, seconds: float,
                       warmup_seconds: float = 0.0) -> Stats:
    """Statements through the raw driver, one after the other per request (ours, or the peer's)."""
    call = raw_caller(driver, database, statements)
    return closed_loop(lambda: call, clients, seconds, warmup_seconds=warmup_seconds)


#: The floor: a request our HTTP + GraphQL stack answers with no store work at all.
FLOOR_DOCUMENT = "{ __typename }"


def measure_floor(port: int, clients: int, seconds: float, warmup_seconds: float = 0.0) -> Stats:
    return closed_loop(lambda: GraphQLClient(port).caller(FLOOR_DOCUMENT, {}), clients, seconds,
                       warmup_seconds=warmup_seconds)


def embedded_calls(store: Any, place: Place) -> dict[str, Callable[[], Any]]:
    """The four questions asked of the embedded store directly (ask through its answerer)."""
    from graphql_api.ask import answer

    question = variables("ask", place)["question"]
    return {
        "signatories": lambda: store.signatories(place.key, ISSUER_KEY, None, None, None),
        "meetings": lambda: store.meetings(place.key, None, None),
        "compare": lambda: store.compare(ISSUER_KEY, None),
        "ask": lambda: answer(question, store),
    }


def measure_embedded(store: Any, place: Place, seconds: float) -> dict[str, Stats]:
    calls = embedded_calls(store, place)
    for field, call in calls.items():
        answer = call()
        if not (answer.citations if field == "ask" else answer):  # type: ignore[attr-defined]
            raise RuntimeError(f"the embedded store answered nothing to {field} about {place.name}")
    return {field: timed_in_process(call, seconds) for field, call in calls.items()}
