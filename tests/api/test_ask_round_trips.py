"""ask costs one Cypher round trip on Neo4j: its places come from the per-store-version index,
read once (and again after this process writes), not per question. Statements are counted on a
real Neo4jStore."""

from __future__ import annotations

from typing import Any

import pytest

import cypher
from graphql_api.app import create_app
from stores.neo4j_store import Neo4jStore
from tests.asgi import AppClient

from .conftest import GOLD_PLACES

pytestmark = pytest.mark.neo4j

TOKEN = "round-trip-token"
ASK = '{ ask(question: "%s") { understood citations { number } } }'
SIGNS = ASK % f"Who signs an office notice in {GOLD_PLACES[1][1]}?"
CHAIRS = ASK % f"{GOLD_PLACES[0][0]}常务会议由谁主持？"


class CountingNeo4jStore(Neo4jStore):
    """The Neo4j store, recording the named query of every read it sends."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.sent: list[str] = []
        super().__init__(*args, **kwargs)

    def run_records(self, statement: str, params: dict[str, Any]) -> list[Any]:
        # every question of the Store protocol reads its named query through run_records
        self.sent.append(next((f"queries/{n}" for n in cypher.query_names()
                               if cypher.statement(f"queries/{n}") == statement), statement.splitlines()[0]))
        return super().run_records(statement, params)


@pytest.fixture
def counting(loaded_neo4j, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVGRAPH_NAMES_TTL", "3600")
    store = CountingNeo4jStore(loaded_neo4j.settings)
    yield store, AppClient(create_app(store, api_token=TOKEN))
    store.close()


def _ask(store: CountingNeo4jStore, client: AppClient, query: str) -> list[str]:
    store.sent.clear()
    body = client.post("/graphql", json={"query": query}).json()
    assert "errors" not in body and body["data"]["ask"]["understood"] and body["data"]["ask"]["citations"], body
    return list(store.sent)


def test_ask_is_one_round_trip_once_the_places_are_indexed(counting) -> None:  # type: ignore[no-untyped-def]
    store, client = counting
    assert _ask(store, client, SIGNS) == ["queries/jurisdictions", "queries/signatories"]  # first request: the index
    for _ in range(3):
        assert _ask(store, client, SIGNS) == ["queries/signatories"]
    assert _ask(store, client, CHAIRS) == ["queries/meetings"]


def test_a_write_by_this_process_refreshes_the_places(counting) -> None:  # type: ignore[no-untyped-def]
    store, client = counting
    _ask(store, client, SIGNS)
    response = client.post("/graphql", json={"query": 'mutation { deleteDocument(id: "doc-none") { deleted } }'},
                           headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.json()["data"]["deleteDocument"]["deleted"] is False
    assert _ask(store, client, SIGNS) == ["queries/jurisdictions", "queries/signatories"]
    assert _ask(store, client, SIGNS) == ["queries/signatories"]
