"""Count the Cypher statements a store sends: the real driver, wrapped, every call passed on.

A statement is one round trip: ``driver.execute_query``, ``session.run`` or ``tx.run``
inside ``execute_read``/``execute_write``; the async driver's ``execute_query`` too (the API's
reads on its event loop, ``stores/neo4j_loop_reads.py``). Each is recorded with its text and parameters,
named after the ``cypher/queries`` file it comes from (``queries/signatories``) when it is
one of them, else after its first line.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import neo4j

import cypher


@dataclass(frozen=True, slots=True)
class Sent:
    name: str
    text: str
    params: dict[str, Any]


def _sent(query: Any, params: dict[str, Any] | None, kwargs: dict[str, Any]) -> Sent:
    text = query.text if isinstance(query, neo4j.Query) else str(query)
    merged = {**(params or {}), **{k: v for k, v in kwargs.items() if not k.endswith("_")}}
    for name in cypher.query_names():
        if cypher.statement(f"queries/{name}") == text:
            return Sent(f"queries/{name}", text, merged)
    return Sent(text.strip().splitlines()[0][:80] if text.strip() else "(empty)", text, merged)


class CountingDriver:
    """Stands in for a ``neo4j.Driver``; ``statements`` lists every statement sent."""

    def __init__(self, inner: neo4j.Driver) -> None:
        self._inner = inner
        self.statements: list[Sent] = []

    def execute_query(self, query: Any, parameters_: dict[str, Any] | None = None, *args: Any, **kwargs: Any) -> Any:
        self.statements.append(_sent(query, parameters_, kwargs))
        return self._inner.execute_query(query, parameters_, *args, **kwargs)

    def session(self, *args: Any, **kwargs: Any) -> _CountingSession:
        return _CountingSession(self._inner.session(*args, **kwargs), self.statements)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _CountingTx:
    """A transaction (or, subclassed, a session) whose statements are counted."""

    def __init__(self, inner: Any, statements: list[Sent]) -> None:
        self._inner = inner
        self._statements = statements

    def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        self._statements.append(_sent(query, parameters, kwargs))
        return self._inner.run(query, parameters, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _CountingSession(_CountingTx):
    """Counts what it runs itself and what the transactions it opens run."""

    def __enter__(self) -> _CountingSession:
        self._inner.__enter__()
        return self

    def __exit__(self, *exc: Any) -> Any:
        return self._inner.__exit__(*exc)

    def _counted(self, work: Any) -> Any:
        return lambda tx, *a, **kw: work(_CountingTx(tx, self._statements), *a, **kw)

    def execute_read(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        return self._inner.execute_read(self._counted(work), *args, **kwargs)

    def execute_write(self, work: Any, *args: Any, **kwargs: Any) -> Any:
        return self._inner.execute_write(self._counted(work), *args, **kwargs)

    def begin_transaction(self, *args: Any, **kwargs: Any) -> _CountingTx:
        return _CountingTx(self._inner.begin_transaction(*args, **kwargs), self._statements)


class CountingAsyncDriver:
    """Stands in for a ``neo4j.AsyncDriver``; its statements go to the same list."""

    def __init__(self, inner: neo4j.AsyncDriver, statements: list[Sent]) -> None:
        self._inner = inner
        self.statements = statements

    async def execute_query(self, query: Any, parameters_: dict[str, Any] | None = None, *args: Any,
                            **kwargs: Any) -> Any:
        self.statements.append(_sent(query, parameters_, kwargs))
        return await self._inner.execute_query(query, parameters_, *args, **kwargs)

    def session(self, *args: Any, **kwargs: Any) -> _CountingAsyncSession:
        return _CountingAsyncSession(self._inner.session(*args, **kwargs), self.statements)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


class _CountingAsyncSession:
    """An async session whose auto-commit statements are counted."""

    def __init__(self, inner: Any, statements: list[Sent]) -> None:
        self._inner = inner
        self._statements = statements

    async def __aenter__(self) -> _CountingAsyncSession:
        await self._inner.__aenter__()
        return self

    async def __aexit__(self, *exc: Any) -> Any:
        return await self._inner.__aexit__(*exc)

    async def run(self, query: Any, parameters: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        self._statements.append(_sent(query, parameters, kwargs))
        return await self._inner.run(query, parameters, **kwargs)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)


def count_statements(store: Any) -> CountingDriver:
    """Wrap the driver a store holds (whatever the attribute is called); returns the counter.
    The async driver a Neo4jStore opens for the API's loop (now or later) is counted too."""
    for attr, value in vars(store).items():
        if isinstance(value, neo4j.Driver):
            counter = CountingDriver(value)
            setattr(store, attr, counter)
            _count_loop_driver(store, counter.statements)
            return counter
    raise TypeError(f"{type(store).__name__} holds no neo4j.Driver to count")


@contextlib.contextmanager
def statements_counted(store: Any) -> Iterator[CountingDriver]:
    """``count_statements`` for the length of a block: afterwards the store holds its own drivers
    again (a store shared by tests, or a server's, is not left counting for whoever uses it next)."""
    before = dict(vars(store))
    counter = count_statements(store)
    try:
        yield counter
    finally:
        for attr, value in list(vars(store).items()):
            if value is counter:
                setattr(store, attr, counter._inner)
            elif isinstance(value, CountingAsyncDriver) and value.statements is counter.statements:
                setattr(store, attr, value._inner)
        if "_new_loop_driver" in before:
            store._new_loop_driver = before["_new_loop_driver"]
        else:
            vars(store).pop("_new_loop_driver", None)  # the class's method shows through again


def _count_loop_driver(store: Any, statements: list[Sent]) -> None:
    new = getattr(store, "_new_loop_driver", None)  # stores/neo4j_loop_reads.py
    if new is None:
        return
    store._new_loop_driver = lambda: CountingAsyncDriver(new(), statements)
    if isinstance(getattr(store, "_loop_driver", None), neo4j.AsyncDriver):  # opened already
        store._loop_driver = CountingAsyncDriver(store._loop_driver, statements)
