"""Place names -> jurisdiction rows: one index per store version, one DataLoader per request.

**Per store version** (``PlaceDirectory``, one per app). A *snapshot* holds the store's
jurisdictions as ``IndexedPlaces``: the rows with the Aho–Corasick index of every form of their
names (``name_index``), which is what lets ``ask`` find the places of a question in time linear in
the question. Requests read the snapshot; they do not query the store's places. Neither store has
a version number to ask for, and asking Neo4j for one would cost the round trip this saves, so the
directory keeps its own version and three rules:

* **This process's writes** (the mutations) call ``changed()``: the next request reads the places
  afresh, before it answers.
* **A name the snapshot does not know** is looked up again in a fresh read before it is refused:
  a place another process loaded is found on its first mention (one extra read, by that request).
* **Otherwise a snapshot lives ``ttl`` seconds** (``GOVGRAPH_NAMES_TTL``, default 5); an older one is
  still served while one background thread re-reads the places (stale-while-revalidate), and the
  index is rebuilt only if the places' names changed. So what another process deletes, or a new
  version it loads for a known place, shows here within ``ttl`` seconds and one read, not at once;
  until then a question about a deleted place answers from nothing rather than failing.

**Per request** (``PlaceLoader``, made by the context getter, ``app.py``). A request reads one
snapshot and resolves each name once, through a ``strawberry.dataloader.DataLoader``. That loader
is asyncio-based (its futures belong to the event loop, and it is not thread-safe), while the
top-level fields run in worker threads (``execution.py``). So it is awaited on the loop, before a
field goes to its thread: a field declares which arguments name places (``metadata=names_places(
"jurisdiction")``), and ``execution.py`` awaits ``preload`` of their values. graphql-core starts every
top-level field of a request in the same turn of the loop, so the names of all of them reach the
DataLoader in one batch, and one batch costs at most one store read (the snapshot's, or the fresh
read for names it does not know); a batch the held snapshot answers is resolved on the loop, one
that must read the store in a thread. The batch records each outcome in the request's own table,
which the field's thread then reads (``get``); a name that was not preloaded (a request run without
a loop, ``schema.execute_sync``) is resolved there by the same function, under the request's lock.
"""

from __future__ import annotations

import asyncio
import logging
import os
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from strawberry.dataloader import DataLoader

from schema.rows import JurisdictionRow
from stores.awaiting import run_awaiting

from .name_index import IndexedPlaces
from .names import UnknownName

TTL_ENV = "GOVGRAPH_NAMES_TTL"
#: the key, in a strawberry field's metadata, of the arguments that name places
PLACE_ARGUMENTS = "govgraph.places"

_log = logging.getLogger("govgraph.api")


def configured_names_ttl() -> float:
    return float(os.environ.get(TTL_ENV, "5"))


def names_places(*arguments: str) -> dict[str, tuple[str, ...]]:
    """Field metadata: these arguments (GraphQL names) name places, resolved before the field runs."""
    return {PLACE_ARGUMENTS: arguments}


@dataclass(frozen=True, slots=True)
class Snapshot:
    places: IndexedPlaces
    version: int  # the directory's version it was read at
    read_at: float  # time.monotonic()


class PlaceDirectory:
    """The latest snapshot of the store's places (see the module's doc)."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._version = 0
        self._refreshing = False

    def changed(self) -> None:
        """This process changed the store: the next snapshot is read afresh."""
        with self._lock:
            self._version += 1

    def current(self, store: Any) -> tuple[Snapshot, bool]:
        """The snapshot to answer from, and whether it was read from the store just now."""
        with self._lock:
            snapshot, version = self._snapshot, self._version
        if snapshot is None or snapshot.version != version:
            return self._read(store, version), True
        if time.monotonic() - snapshot.read_at > self.ttl:
            self._refresh_in_background(store)
        return snapshot, False

    def held(self, store: Any) -> Snapshot | None:
        """The snapshot to answer from if that needs no store read now (``current`` without its
        read); None when the places must be read first."""
        with self._lock:
            snapshot, version = self._snapshot, self._version
        if snapshot is None or snapshot.version != version:
            return None
        if time.monotonic() - snapshot.read_at > self.ttl:
            self._refresh_in_background(store)
        return snapshot

    def fresh(self, store: Any) -> Snapshot:
        """A snapshot read from the store now (a name the current one does not know)."""
        with self._lock:
            version = self._version
        return self._read(store, version)

    def _read(self, store: Any, version: int) -> Snapshot:
        rows = store.jurisdictions()  # the version is taken before: a write meanwhile makes it stale
        with self._lock:
            previous = self._snapshot.places if self._snapshot is not None else None
        snapshot = Snapshot(IndexedPlaces(rows, previous), version, time.monotonic())  # the index outside the lock
        with self._lock:
            if self._snapshot is None or self._snapshot.version <= version:
                self._snapshot = snapshot
        return snapshot

    def _refresh_in_background(self, store: Any) -> None:
        with self._lock:
            if self._refreshing:
                return
            self._refreshing = True
        threading.Thread(target=self._refresh, args=(store,), name="govgraph-places", daemon=True).start()

    def _refresh(self, store: Any) -> None:
        try:
            self.fresh(store)
        except Exception as exc:  # noqa: BLE001  # the store is down: keep serving the snapshot, retry after ttl
            _log.warning("could not refresh the places: %s", exc)
            with self._lock:
                if self._snapshot is not None:
                    self._snapshot = replace(self._snapshot, read_at=time.monotonic())
        finally:
            with self._lock:
                self._refreshing = False


#: what resolving a name came to: its row, or the error to raise
Outcome = JurisdictionRow | UnknownName


class PlaceLoader:
    """One request's places: one snapshot, each name resolved once (see the module's doc)."""

    def __init__(self, directory: PlaceDirectory, store: Any) -> None:
        self._directory = directory
        self._store = store
        self._lock = threading.Lock()
        self._snapshot: Snapshot | None = None
        self._read = False  # this request has read the store's places already
        self._outcomes: dict[str, Outcome] = {}
        self.loader: DataLoader[str, JurisdictionRow] = DataLoader(self._load_batch)
        #: When the store reads on the loop (Neo4j's async driver), held by everything that touches
        #: this request's table on the loop: its fields run in ``run_awaiting`` (execution.py) and
        #: its batches. One at a time, since ``_lock`` is held across a store read there, and code
        #: on the loop's thread that waited for ``_lock`` would block the loop for good.
        self.turn = asyncio.Lock()

    # -- on the loop ------------------------------------------------------------------------
    async def preload(self, names: Sequence[str]) -> None:
        """Resolve ``names`` through the DataLoader (one batch with the other fields' names);
        an unknown name is recorded, and raised by ``get`` in the field that asked for it."""
        await asyncio.gather(*(self.loader.load(name) for name in names), return_exceptions=True)

    def held_now(self, names: Sequence[str]) -> bool:
        """Resolve ``names`` at once if the held snapshot answers them all: no store read and no
        batch to wait for (the usual case, a turn of the loop sooner); False: ``preload`` them.
        Never for a store that reads on the loop, whose table is touched in turns."""
        return not self._store_reads_on_loop() and self.resolve_held(list(names)) is not None

    def _store_reads_on_loop(self) -> bool:
        return bool(getattr(self._store, "reads_on_loop", lambda: False)())

    async def _load_batch(self, names: list[str]) -> Sequence[JurisdictionRow | BaseException]:
        # names the held snapshot knows resolve by table lookups (the usual case: a hop to a
        # thread and back would cost more); a batch that must read the store is awaited on the
        # loop (Neo4j's async driver: in its turn, since a sibling field may hold the table's
        # lock across an awaited read), else goes off the loop
        if self._store_reads_on_loop():
            async with self.turn:
                known = self.resolve_held(names)
                return known if known is not None else await run_awaiting(self.resolve, names)
        known = self.resolve_held(names)
        if known is not None:
            return known
        return await asyncio.get_running_loop().run_in_executor(None, self.resolve, names)

    def resolve_held(self, names: list[str]) -> list[Outcome] | None:
        """Each name's outcome if no store read is needed for any of them, else None (nothing
        recorded but the snapshot pinned, as ``resolve`` would pin it)."""
        with self._lock:
            if self._snapshot is None:
                held = self._directory.held(self._store)
                if held is None:
                    return None
                self._snapshot, self._read = held, False
            places = self._snapshot.places
            outcomes = {name: _outcome(name, places) for name in dict.fromkeys(names) if name not in self._outcomes}
            if not self._read and any(isinstance(o, UnknownName) for o in outcomes.values()):
                return None  # perhaps loaded since the snapshot was read: ``resolve`` reads afresh
            self._outcomes.update(outcomes)
            return [self._outcomes[name] for name in names]

    # -- in any thread -------------------------------------------------------------------------
    def resolve(self, names: list[str]) -> list[Outcome]:
        """Each name's outcome, with at most one store read for all of them."""
        with self._lock:
            places = self._pinned().places
            todo = [n for n in dict.fromkeys(names) if n not in self._outcomes]
            outcomes = {name: _outcome(name, places) for name in todo}
            if not self._read and any(isinstance(o, UnknownName) for o in outcomes.values()):
                places = self._refreshed().places  # loaded since the snapshot was read?
                outcomes = {name: _outcome(name, places) if isinstance(o, UnknownName) else o
                            for name, o in outcomes.items()}
            self._outcomes.update(outcomes)
            return [self._outcomes[name] for name in names]

    def get(self, name: str) -> JurisdictionRow:
        """The row ``name`` refers to; UnknownName (with close matches) when none."""
        outcome = self._outcomes.get(name)
        if outcome is None:
            outcome = self.resolve([name])[0]
        if isinstance(outcome, UnknownName):
            raise outcome
        return outcome

    def rows(self) -> IndexedPlaces:
        """Every place, with the index of their names (the request's snapshot)."""
        with self._lock:
            return self._pinned().places

    def refreshed(self) -> IndexedPlaces:
        """The places read from the store now, unless this request read them already."""
        with self._lock:
            return self._refreshed().places if not self._read else self._pinned().places

    def changed(self) -> None:
        """This request changed the store (a mutation): places are read afresh from now on."""
        self._directory.changed()
        with self._lock:
            self._snapshot, self._read = None, False
            self._outcomes.clear()
            self.loader.clear_all()

    def _pinned(self) -> Snapshot:
        if self._snapshot is None:
            self._snapshot, self._read = self._directory.current(self._store)
        return self._snapshot

    def _refreshed(self) -> Snapshot:
        self._snapshot, self._read = self._directory.fresh(self._store), True
        return self._snapshot


def _outcome(name: str, places: IndexedPlaces) -> Outcome:
    try:
        return places.names.resolve(name)  # as resolve_jurisdiction, by table lookups
    except UnknownName as error:
        return error


def request_places(context: Any) -> PlaceLoader:
    """The request's PlaceLoader; a request run without the app (``schema.execute_sync`` with a
    context holding only the store) gets one of its own that reads the places once."""
    loader: PlaceLoader | None = context.get("places")
    if loader is None:
        loader = context.setdefault("places", PlaceLoader(PlaceDirectory(ttl=0.0), context["store"]))
    return loader
