"""The Neo4j store's reads are auto-commit reads, retried as the driver would retry them: a
dropped connection or a transient error is sent again, briefly; a mistake is not; a server
that stays away is the one-line ``StoreUnavailable``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from neo4j.exceptions import ClientError, Neo4jError, SessionExpired

import cypher
from benchmarks.counting import count_statements
from stores.base import StoreUnavailable
from stores.neo4j_loop_reads import READ_ATTEMPTS
from stores.neo4j_store import Neo4jStore

pytestmark = pytest.mark.neo4j


class _FailingFirst:
    """The real driver, whose first ``failures`` sessions raise ``error`` when they run a statement."""

    def __init__(self, inner: Any, error: Exception, failures: int) -> None:
        self._inner, self._error, self.left = inner, error, failures

    def session(self, **kwargs: Any) -> Any:
        session = self._inner.session(**kwargs)
        if self.left > 0:
            self.left -= 1
            session.close()
            raise self._error
        return session

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


@pytest.fixture
def store(loaded_neo4j) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """A store of its own over the loaded test database: its driver is this test's to wrap."""
    own = Neo4jStore(loaded_neo4j.settings)
    yield own
    own.close()


def _jurisdictions(store: Any) -> list[Any]:
    return store.run_records(cypher.statement("queries/jurisdictions"), {})


def test_one_statement_sent_once_when_nothing_fails(store) -> None:  # type: ignore[no-untyped-def]
    sent = count_statements(store).statements
    assert store.jurisdictions()
    assert [s.name for s in sent] == ["queries/jurisdictions"]


@pytest.mark.parametrize("error", [SessionExpired("connection dropped"),
                                   Neo4jError._hydrate_neo4j(code="Neo.TransientError.General.DatabaseUnavailable",
                                                             message="busy")])
def test_a_dropped_connection_or_a_transient_error_is_read_again(store, error) -> None:  # type: ignore[no-untyped-def]
    expected = [r.data() for r in _jurisdictions(store)]
    store._driver = failing = _FailingFirst(store._driver, error, READ_ATTEMPTS - 1)
    assert [r.data() for r in _jurisdictions(store)] == expected and failing.left == 0


def test_a_server_that_stays_away_is_store_unavailable_after_the_last_attempt(store) -> None:  # type: ignore[no-untyped-def]
    store._driver = failing = _FailingFirst(store._driver, SessionExpired("gone"), READ_ATTEMPTS)
    with pytest.raises(StoreUnavailable, match="unavailable: gone"):
        _jurisdictions(store)
    assert failing.left == 0


def test_a_wrong_statement_fails_at_once_as_itself(store) -> None:  # type: ignore[no-untyped-def]
    sent = count_statements(store).statements
    with pytest.raises(ClientError):
        store.run_records("MATCH (n RETURN n", {})
    assert len(sent) == 1


class _CountingSessions:
    """The real driver, counting the sessions it makes."""

    def __init__(self, inner: Any) -> None:
        self._inner, self.sessions = inner, list[Any]()

    @property
    def made(self) -> int:
        return len(self.sessions)

    def session(self, **kwargs: Any) -> Any:
        self.sessions.append(self._inner.session(**kwargs))
        return self.sessions[-1]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def test_a_thread_keeps_one_session_for_its_reads_and_threads_do_not_share(store) -> None:  # type: ignore[no-untyped-def]
    import threading

    expected = [r.data() for r in _jurisdictions(store)]
    store._driver = counting = _CountingSessions(store._driver)
    for _ in range(3):
        assert [r.data() for r in _jurisdictions(store)] == expected
    assert counting.made == 1
    seen: list[Any] = []
    others = [threading.Thread(target=lambda: seen.extend(r.data() for r in _jurisdictions(store)) or
                               seen.extend(r.data() for r in _jurisdictions(store))) for _ in range(2)]
    for thread in others:
        thread.start()
    for thread in others:
        thread.join(30)
    assert seen == expected * 4 and counting.made == 3  # one more session per thread, each used twice
    assert [s.closed() for s in counting.sessions] == [False, True, True]  # a thread's closes as it ends
    store.close()
    assert all(s.closed() for s in counting.sessions)


def test_a_session_that_failed_is_not_used_again(store) -> None:  # type: ignore[no-untyped-def]
    store._driver = counting = _CountingSessions(store._driver)
    with pytest.raises(ClientError):
        store.run_records("MATCH (n RETURN n", {})
    assert _jurisdictions(store) and counting.made == 2
    assert _jurisdictions(store) and counting.made == 2
