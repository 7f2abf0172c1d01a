"""The app shares the list of places between requests (one store round trip per field),
yet never refuses a place that was loaded after the list was read."""

from __future__ import annotations

import httpx
import pytest

from graphql_api.app import create_app
from stores.memory import MemoryStore
from tests.stores.documents import rules_document

QUERY = '{ jurisdiction(name: "朝阳区") { name } }'


class CountingStore(MemoryStore):
    def __init__(self) -> None:
        super().__init__()
        self.reads = 0

    def jurisdictions(self):  # type: ignore[no-untyped-def]
        self.reads += 1
        return super().jurisdictions()


async def _post(app, query: str) -> dict:  # type: ignore[no-untyped-def]
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
        response = await client.post("/graphql", json={"query": query})
        return response.json()


@pytest.fixture
def counted(monkeypatch):  # type: ignore[no-untyped-def]
    """An app over an empty store that counts its reads of the places; the cache never expires."""
    monkeypatch.setenv("GOVGRAPH_NAMES_TTL", "3600")
    store = CountingStore()
    return store, create_app(store)


@pytest.mark.anyio
async def test_places_are_read_once_across_requests_and_again_for_a_new_name(counted) -> None:  # type: ignore[no-untyped-def]
    store, app = counted
    first = await _post(app, QUERY)
    assert first["errors"][0]["extensions"]["code"] == "UNKNOWN_NAME"
    reads_after_refusal = store.reads
    assert reads_after_refusal == 1  # read for this request: no second read before refusing

    store.load(rules_document(2023))  # loaded behind the app's back (another process, say)
    answer = await _post(app, QUERY)
    assert answer["data"]["jurisdiction"]["name"] == "朝阳区"
    for _ in range(3):
        assert (await _post(app, QUERY))["data"]["jurisdiction"]["name"] == "朝阳区"
    assert store.reads == reads_after_refusal + 1  # one fresh read for the new name, then the cache


ASK = '{ ask(question: "Who chairs the executive meeting in Chaoyang?") { understood citations { number } } }'


@pytest.mark.anyio
async def test_ask_reads_the_shared_places_and_still_knows_a_place_loaded_later(counted) -> None:  # type: ignore[no-untyped-def]
    store, app = counted
    first = await _post(app, ASK)
    assert first["data"]["ask"]["understood"] is False  # nothing is loaded: no such place yet
    reads_before = store.reads

    store.load(rules_document(2023))  # loaded behind the app's back
    answered = await _post(app, ASK)
    assert answered["data"]["ask"]["understood"] is True and answered["data"]["ask"]["citations"], answered
    assert store.reads == reads_before + 1  # the shared list, refreshed once for the new place
    for _ in range(3):
        assert (await _post(app, ASK))["data"]["ask"]["understood"] is True
    assert store.reads == reads_before + 1  # then the cache: no read of the places per question


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"
