"""Place names resolve through a per-request DataLoader over a per-store-version snapshot
(graphql_api/places.py): the names of all top-level fields of a request go in one batch, one
batch costs at most one read of the store's places, and the snapshot's index is kept while the
places stay the same. Store reads are counted on a real store."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphql_api import app as app_module
from graphql_api.app import create_app
from graphql_api.names import JurisdictionNames, UnknownName, latin_forms, resolve_jurisdiction
from graphql_api.places import PlaceDirectory, PlaceLoader
from schema.rows import JurisdictionRow, PlaceRow
from stores.memory import MemoryStore
from tests.asgi import AppClient

from .conftest import GOLD_PLACES

TOKEN = "places-test-token"
(ZH_0, EN_0), (ZH_1, EN_1), (ZH_2, EN_2) = GOLD_PLACES[:3]
SEVERAL = """{ a: jurisdiction(name: "%s") { name }
  b: signatories(jurisdiction: "%s", issuer: "office") { action }
  c: meetings(jurisdiction: "%s") { name }
  d: jurisdiction(name: "%s") { name } }""" % (EN_0, ZH_1, EN_2, EN_0)
UNKNOWN = """{ a: jurisdiction(name: "无此区") { name } b: meetings(jurisdiction: "Nowhere") { name }
  c: documents(jurisdiction: "不存在县") { key } }"""


class CountingStore(MemoryStore):
    """The embedded store, counting its reads of the places."""

    def __init__(self, graphs: list[Any]) -> None:
        super().__init__()
        for graph in graphs:
            self.load(graph)
        self.place_reads = 0

    def jurisdictions(self):  # type: ignore[no-untyped-def]
        self.place_reads += 1
        return super().jurisdictions()


class RecordingLoader(PlaceLoader):
    """The app's loader, recording each batch the DataLoader hands it."""

    batches: ClassVar[list[list[str]]] = []
    preloads: ClassVar[list[list[str]]] = []  # names a field waited for a DataLoader batch for

    def resolve(self, names: list[str]):  # type: ignore[no-untyped-def]
        RecordingLoader.batches.append(list(names))
        return super().resolve(names)

    async def preload(self, names):  # type: ignore[no-untyped-def]
        RecordingLoader.preloads.append(list(names))
        return await super().preload(names)


@pytest.fixture
def counted(monkeypatch, corpus_graphs):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GOVGRAPH_NAMES_TTL", "3600")
    monkeypatch.setattr(app_module, "PlaceLoader", RecordingLoader)
    RecordingLoader.batches, RecordingLoader.preloads = [], []
    store = CountingStore(corpus_graphs)
    return store, AppClient(create_app(store, api_token=TOKEN))


def _post(client: AppClient, query: str, token: str | None = None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post("/graphql", json={"query": query}, headers=headers).json()


def test_the_places_of_a_request_are_one_batch_and_one_store_read(counted) -> None:  # type: ignore[no-untyped-def]
    store, client = counted
    body = _post(client, SEVERAL)
    assert "errors" not in body, body
    assert body["data"]["a"]["name"] == ZH_0 and body["data"]["d"]["name"] == ZH_0
    assert body["data"]["b"] and body["data"]["c"]
    assert RecordingLoader.batches == [[EN_0, ZH_1, EN_2]]  # every field's names, each once, in one batch
    assert store.place_reads == 1  # the snapshot, read for the first request

    assert "errors" not in _post(client, SEVERAL)
    assert store.place_reads == 1  # then shared: no read of the places per request


def test_names_the_held_snapshot_knows_resolve_on_the_loop(counted) -> None:  # type: ignore[no-untyped-def]
    store, client = counted
    _post(client, SEVERAL)  # the first request reads the places: its batch goes to a thread
    assert len(RecordingLoader.batches) == 1
    body = _post(client, SEVERAL)
    assert "errors" not in body and body["data"]["a"]["name"] == ZH_0 and body["data"]["b"], body
    # answered from the held snapshot by table lookups on the loop: no batch handed to a thread
    assert len(RecordingLoader.batches) == 1 and store.place_reads == 1


def test_a_field_whose_names_are_held_starts_without_waiting_for_a_batch(counted) -> None:  # type: ignore[no-untyped-def]
    store, client = counted
    assert store.place_reads == 0
    _post(client, SEVERAL)  # no snapshot held yet: every field waits for the request's one batch
    assert sorted(map(tuple, RecordingLoader.preloads)) == sorted([(EN_0,), (ZH_1,), (EN_2,), (EN_0,)])
    RecordingLoader.preloads = []
    body = _post(client, SEVERAL)
    assert "errors" not in body and body["data"]["c"], body
    assert RecordingLoader.preloads == [] and store.place_reads == 1  # each field resolved its names and started
    body = _post(client, UNKNOWN)
    assert {e["extensions"]["code"] for e in body["errors"]} == {"UNKNOWN_NAME"}
    assert RecordingLoader.preloads  # an unknown name is looked for afresh, in a batch


def test_unknown_names_of_a_request_cost_one_fresh_read(counted) -> None:  # type: ignore[no-untyped-def]
    store, client = counted
    _post(client, SEVERAL)
    RecordingLoader.batches = []
    body = _post(client, UNKNOWN)
    # (a refused non-null field nulls the whole answer: not every field's error is reported)
    assert body["errors"] and {e["extensions"]["code"] for e in body["errors"]} == {"UNKNOWN_NAME"}, body
    assert RecordingLoader.batches == [["无此区", "Nowhere", "不存在县"]]
    assert store.place_reads == 2  # one fresh read for the three, before refusing them


def test_a_mutation_makes_the_next_request_read_the_places(counted) -> None:  # type: ignore[no-untyped-def]
    store, client = counted
    _post(client, SEVERAL)
    deleted = _post(client, 'mutation { deleteDocument(id: "doc-none") { deleted } }', TOKEN)
    assert deleted["data"]["deleteDocument"]["deleted"] is False
    _post(client, SEVERAL)
    assert store.place_reads == 2  # this process wrote: the store's version moved on


def test_a_snapshot_keeps_its_index_while_the_places_stay_the_same(corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    store = CountingStore(corpus_graphs)
    directory = PlaceDirectory(ttl=3600)
    first, read = directory.current(store)
    assert read and store.place_reads == 1
    again, read = directory.current(store)
    assert again is first and not read
    fresh = directory.fresh(store)
    assert fresh.places is not first.places and fresh.places.place_index is first.places.place_index

    store.delete(corpus_graphs[0].document)  # another place set: a new index
    rebuilt = directory.fresh(store)
    assert rebuilt.places.place_index is not first.places.place_index
    assert len(rebuilt.places) == len(first.places) - 1


def test_an_old_snapshot_is_served_while_it_is_read_again_in_the_background(corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    release = threading.Event()

    class SlowStore(CountingStore):
        def jurisdictions(self):  # type: ignore[no-untyped-def]
            if self.place_reads:  # the refresh waits until the request has been answered
                release.wait(10)
            return super().jurisdictions()

    store = SlowStore(corpus_graphs)
    directory = PlaceDirectory(ttl=0.0)
    first, _ = directory.current(store)
    served, read = directory.current(store)  # stale: answered at once, from the old snapshot
    assert served is first and not read
    release.set()
    deadline = time.monotonic() + 10
    while store.place_reads < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert store.place_reads == 2  # one background read


def _resolved(resolve: Any, name: str) -> Any:
    try:
        return resolve(name)
    except UnknownName as error:
        return str(error)


def _typed_forms(rows: list[Any]) -> list[str]:
    """Every way the rows' places are written, and near misses."""
    forms = ["", " ", "无此区", "Nowhere", "zzz"]
    for row in rows:
        p = row.place
        en = p.name_en or ""
        forms += [p.name, p.full_name, p.key, p.name[:-1], p.name + "县", f" {p.name} ",
                  en, en.upper(), f"{en} district", f"{en} County", *sorted(latin_forms(p)), p.name[:1]]
    return forms


@pytest.mark.parametrize("held", ["corpus", "duplicates"])
def test_the_name_tables_answer_as_resolve_jurisdiction(held: str, memory_store) -> None:  # type: ignore[no-untyped-def]
    rows = memory_store.jurisdictions()
    if held == "duplicates":  # two places share forms: the first in the list wins, either way
        twin = replace(rows[1], place=replace(rows[1].place, key="jur:twin", name_en=rows[0].place.name_en,
                                              full_name=rows[2].place.full_name))
        rows = [rows[0], twin, *rows[1:]]
    names = JurisdictionNames(rows)
    for form in _typed_forms(rows):
        assert _resolved(names.resolve, form) == _resolved(lambda n: resolve_jurisdiction(n, rows), form), form


@given(st.text(alphabet="东城区通州县市北京天津Dongchengdistrict qu'", max_size=12))
@settings(max_examples=300, deadline=None)
def test_the_name_tables_answer_as_resolve_jurisdiction_on_any_text(text: str) -> None:
    rows = [JurisdictionRow(PlaceRow(key, name, full, en, level, None), ())
            for key, name, full, en, level in (("jur:北京市东城区", "东城区", "北京市东城区", "Dongcheng", "district"),
                                               ("jur:天津市北辰区", "北辰区", "天津市北辰区", "Beichen", "district"),
                                               ("jur:某市某县", "城县", "某市城县", None, "county"))]
    assert _resolved(JurisdictionNames(rows).resolve, text) == _resolved(lambda n: resolve_jurisdiction(n, rows), text)
