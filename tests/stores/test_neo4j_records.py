"""A read's records are freed by reference counting once released, not left in a cycle for the
garbage collector; released records still read the same."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

import pytest
from neo4j.graph import Entity

import cypher
from stores import neo4j_reads
from stores.neo4j_records import release

pytestmark = pytest.mark.neo4j

ISSUER = "government_office"


@pytest.fixture
def collector_off() -> Iterator[None]:
    """Collections only when the test asks, every unreachable object kept in ``gc.garbage``."""
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()


def _entities_left_for_the_collector() -> int:
    gc.garbage.clear()
    gc.collect()
    return sum(isinstance(o, Entity) for o in gc.garbage)


def _compare_records(store: Any) -> list[Any]:
    return store.run_records(cypher.statement("queries/compare"), {"issuer": ISSUER, "genre": None})


def test_unreleased_records_wait_for_the_collector(loaded_neo4j: Any, collector_off: None) -> None:
    records = _compare_records(loaded_neo4j)
    assert records
    del records
    assert _entities_left_for_the_collector() > 0  # the cycle ``release`` is there to break


def test_released_records_are_freed_at_once(loaded_neo4j: Any, collector_off: None) -> None:
    records = _compare_records(loaded_neo4j)
    graphs = {id(step[0].graph) for record in records for step in record["steps"]}
    assert len(graphs) == 1  # one result, one graph
    release(records)
    del records
    assert _entities_left_for_the_collector() == 0


def test_released_records_read_the_same(loaded_neo4j: Any) -> None:
    records = _compare_records(loaded_neo4j)
    before = neo4j_reads.compare(records)
    release(records)
    assert neo4j_reads.compare(records) == before
    assert before  # the corpus's districts sign their office's documents


def test_every_named_read_releases_its_records(loaded_neo4j: Any, collector_off: None) -> None:
    rows = loaded_neo4j.compare(ISSUER, None)
    meetings = loaded_neo4j.meetings(rows[0].place.key, None, None)
    assert rows and meetings
    assert _entities_left_for_the_collector() == 0


def test_records_without_entities_are_left_as_they_are(loaded_neo4j: Any) -> None:
    records = loaded_neo4j.run_records("RETURN 1 AS one, [2, 3] AS more, {four: 4} AS map", {})
    release(records)
    assert [record.data() for record in records] == [{"one": 1, "more": [2, 3], "map": {"four": 4}}]
