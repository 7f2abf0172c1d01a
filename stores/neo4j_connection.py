"""Connecting to Neo4j: the settings (from the environment), the driver, and which driver
failures mean "the server is unavailable" (``StoreUnavailable``) rather than a bug.
URIs: ``bolt://`` (one server), ``neo4j://`` (routing: a cluster or one server) and their
``+s`` / ``+ssc`` TLS forms (Aura is ``neo4j+s://``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

import neo4j
from neo4j import AsyncGraphDatabase, GraphDatabase, NotificationMinimumSeverity
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from .base import StoreUnavailable

SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
# Socket-level failures only: a missing .cypher file (FileNotFoundError) is a bug, not an outage.
UNAVAILABLE = (ServiceUnavailable, SessionExpired, ConnectionError, TimeoutError)


def one_line(exc: BaseException) -> str:
    """A driver message on one line (some span several, with the server's details)."""
    return " ".join(str(exc).split()) or type(exc).__name__


@dataclass(frozen=True, slots=True)
class Neo4jSettings:
    uri: str = "bolt://127.0.0.1:7687"
    user: str = "neo4j"
    password: str = "govgraph-dev"
    database: str = "neo4j"

    @classmethod
    def from_env(cls, uri: str | None = None) -> Neo4jSettings:
        default = cls()
        return cls(
            uri=uri or os.environ.get("NEO4J_URI", default.uri),
            user=os.environ.get("NEO4J_USER", default.user),
            password=os.environ.get("NEO4J_PASSWORD", default.password),
            database=os.environ.get("NEO4J_DATABASE", default.database),
        )

    @property
    def scheme(self) -> str:
        return self.uri.split("://", 1)[0].lower() if "://" in self.uri else ""


def _check_scheme(settings: Neo4jSettings) -> None:
    if settings.scheme not in SCHEMES:
        raise StoreUnavailable(
            f"bad Neo4j URI {settings.uri!r}: the scheme must be one of {', '.join(s + '://' for s in SCHEMES)}"
        )


#: the options of both drivers (the blocking one and the async one)
DRIVER_OPTIONS: dict[str, Any] = {
    "connection_timeout": 5.0,
    "connection_acquisition_timeout": 10.0,
    # A request to a dead server must fail fast (the API answers, /readyz says why).
    "max_transaction_retry_time": 1.0,
    # The named queries read properties that a corpus may not have yet (no document
    # has obligations): the server's "property key does not exist" notes are noise here.
    "notifications_min_severity": NotificationMinimumSeverity.OFF,
}


def make_driver(settings: Neo4jSettings) -> neo4j.Driver:
    """A driver for the URI; it connects lazily, so this checks the URI and options only."""
    _check_scheme(settings)
    try:
        return GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password), **DRIVER_OPTIONS)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise StoreUnavailable(f"bad Neo4j URI {settings.uri!r}: {one_line(exc)}") from exc


def make_async_driver(settings: Neo4jSettings) -> neo4j.AsyncDriver:
    """The async driver for the URI, with the same options; its connections belong to the event
    loop that opens them, so one serves one loop (the API's, from its startup to its shutdown)."""
    _check_scheme(settings)
    try:
        return AsyncGraphDatabase.driver(settings.uri, auth=(settings.user, settings.password), **DRIVER_OPTIONS)
    except (ValueError, neo4j.exceptions.ConfigurationError) as exc:
        raise StoreUnavailable(f"bad Neo4j URI {settings.uri!r}: {one_line(exc)}") from exc
