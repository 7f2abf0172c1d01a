"""CPU and wall time per request of each benchmark document, in process, through the real ASGI app.

    PYTHONPATH=$PWD python3 scripts/request_cost.py STORE_FILE [ROUNDS [PLACE_KEY]]

STORE_FILE: a saved embedded store (``govgraph ingest`` keeps one; ``benchmarks.generate`` makes a
corpus to ingest). The place asked about is PLACE_KEY (the benchmark's: its first generated
jurisdiction), else the first jurisdiction the store holds with an answer to every document.
Prints one JSON line per round: field -> [median wall ms, median CPU ms, response bytes]. The
client (httpx's ASGI transport) runs in this process too: its cost is in both figures, as the
``{ __typename }`` floor shows.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any

import httpx

from benchmarks.query_bench import FIELDS, Place, graphql_document, variables
from graphql_api.app import create_app
from stores.memory import MemoryStore

REQUESTS = {"floor": 300, "signatories": 300, "meetings": 150, "compare": 8, "ask": 300}


def _body(field: str, place: Place) -> dict[str, Any]:
    if field == "floor":
        return {"query": "{ __typename }"}
    return {"query": graphql_document(field), "variables": variables(field, place)}


async def _answers_all(client: httpx.AsyncClient, place: Place) -> bool:
    for field in FIELDS:
        data = (await client.post("/graphql", json=_body(field, place))).json().get("data") or {}
        value = data.get(field)
        if not (value["citations"] if field == "ask" and value else value):
            return False
    return True


async def _round(store: MemoryStore, wanted: str | None) -> dict[str, Any]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(store)), base_url="http://cost") as client:
        place = None
        for row in [r for r in store.jurisdictions() if wanted in (None, r.place.key)][:20]:
            candidate = Place(row.place.key, row.place.name, row.place.name_en or "")
            if await _answers_all(client, candidate):
                place = candidate
                break
        if place is None:
            sys.exit("no jurisdiction of the store answers every benchmark document")
        out: dict[str, Any] = {"place": place.key}
        for field in ("floor", *FIELDS):
            body = _body(field, place)
            wall, cpu, size = [], [], 0
            for _ in range(REQUESTS[field]):
                started, used = time.perf_counter(), time.process_time()
                size = len((await client.post("/graphql", json=body)).content)
                cpu.append(time.process_time() - used)
                wall.append(time.perf_counter() - started)
            out[field] = [round(statistics.median(wall) * 1000, 3), round(statistics.median(cpu) * 1000, 3), size]
    return out


def main() -> None:
    if len(sys.argv) not in (2, 3, 4):
        sys.exit(__doc__)
    wanted = sys.argv[3] if len(sys.argv) == 4 else None
    store = MemoryStore.from_file(Path(sys.argv[1]))
    store.counts()  # the index the reads use, built before timing
    for _ in range(int(sys.argv[2]) if len(sys.argv) >= 3 else 3):
        print(json.dumps(asyncio.run(_round(store, wanted)), ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
