"""Connection handling: the URI schemes of one server, a cluster and Aura; settings from the
environment; reads in read transactions; bounded retry and one-line errors."""

from __future__ import annotations

import dataclasses
import time

import pytest
from neo4j.exceptions import Neo4jError

from stores.base import StoreUnavailable
from stores.neo4j_store import Neo4jSettings, Neo4jStore, make_driver


def _with_scheme(settings: Neo4jSettings, scheme: str) -> Neo4jSettings:
    return dataclasses.replace(settings, uri=scheme + "://" + settings.uri.split("://", 1)[1])


@pytest.mark.neo4j
@pytest.mark.parametrize("scheme", ["bolt", "neo4j"])
def test_direct_and_routing_uris_reach_the_server(neo4j_store, scheme: str) -> None:  # type: ignore[no-untyped-def]
    store = Neo4jStore(_with_scheme(neo4j_store.settings, scheme), connect_attempts=2)
    try:
        assert store.ready()
        assert store.run_read("RETURN 1 AS one", {}) == [1]
        assert store.counts() == neo4j_store.counts()
    finally:
        store.close()


@pytest.mark.parametrize("uri", ["neo4j+s://abc123.databases.neo4j.io", "bolt+s://db.example.org:7687",
                                 "neo4j+ssc://db.example.org", "bolt+ssc://10.0.0.5:7687"])
def test_tls_uris_build_a_driver(uri: str) -> None:
    driver = make_driver(Neo4jSettings(uri=uri))  # connects lazily: nothing is contacted here
    try:
        assert driver.encrypted
    finally:
        driver.close()


@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "127.0.0.1:7687", "neo4j+x://host"])
def test_a_bad_uri_is_a_one_line_error(uri: str) -> None:
    with pytest.raises(StoreUnavailable, match="bad Neo4j URI") as caught:
        Neo4jStore(Neo4jSettings(uri=uri), connect_attempts=1)
    assert "\n" not in str(caught.value)


def test_an_unreachable_server_fails_after_bounded_retries_with_one_line() -> None:
    started = time.perf_counter()
    with pytest.raises(StoreUnavailable, match=r"not reachable .* after 3 attempts") as caught:
        Neo4jStore(Neo4jSettings(uri="bolt://127.0.0.1:9"), connect_attempts=3, backoff=0.1)
    elapsed = time.perf_counter() - started
    assert "\n" not in str(caught.value)
    assert 0.3 <= elapsed < 20  # waited 0.1 + 0.2 s between the attempts, and gave up


def test_a_lazy_store_starts_unreachable_and_fails_each_call_fast_with_one_line() -> None:
    store = Neo4jStore(Neo4jSettings(uri="bolt://127.0.0.1:9"), connect_attempts=1, lazy=True)
    try:
        assert store.ready() is False
        started = time.perf_counter()
        with pytest.raises(StoreUnavailable, match=r"not reachable at bolt://127\.0\.0\.1:9 after 1 attempt ") as caught:
            store.jurisdictions()
        assert time.perf_counter() - started < 5
        assert "\n" not in str(caught.value)
    finally:
        store.close()


@pytest.mark.neo4j
def test_a_lazy_store_still_refuses_wrong_credentials_at_once(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(neo4j_store.settings, password="not-the-password")
    with pytest.raises(StoreUnavailable, match="refused the credentials"):
        Neo4jStore(settings, connect_attempts=1, lazy=True)  # waiting would not mend a wrong password


@pytest.mark.neo4j
def test_a_lazy_store_on_a_running_server_is_ready_at_once(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    store = Neo4jStore(neo4j_store.settings, connect_attempts=1, lazy=True)
    try:
        assert store.ready()
        assert store.counts() == neo4j_store.counts()
    finally:
        store.close()


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc123.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USER", "reader")
    monkeypatch.setenv("NEO4J_PASSWORD", "secret-pass")
    monkeypatch.setenv("NEO4J_DATABASE", "rules")
    assert Neo4jSettings.from_env() == Neo4jSettings("neo4j+s://abc123.databases.neo4j.io", "reader",
                                                     "secret-pass", "rules")
    assert Neo4jSettings.from_env("bolt://10.0.0.5:7687").uri == "bolt://10.0.0.5:7687"  # --neo4j wins


@pytest.mark.neo4j
def test_reads_run_in_read_transactions(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(Neo4jError, match=r"(?i)read"):
        neo4j_store.run_read("CREATE (:Jurisdiction {key: 'jur:written-by-a-read'})", {})
    assert neo4j_store.run_read("MATCH (j:Jurisdiction {key: 'jur:written-by-a-read'}) RETURN count(j)", {}) == [0]


@pytest.mark.neo4j
def test_a_missing_database_is_a_one_line_error(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    settings = dataclasses.replace(neo4j_store.settings, database="nosuchdatabase")
    with pytest.raises(StoreUnavailable, match="nosuchdatabase") as caught:
        Neo4jStore(settings, connect_attempts=1)
    assert "\n" not in str(caught.value)
