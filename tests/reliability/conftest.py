"""Fixtures of the reliability tests: the bad-input corpus, its in-process outcomes,
and the Neo4j instance the fault tests may stop and kill."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from ingest.errors import IngestError
from ingest.pipeline import IngestResult, ingest_bytes

from .bad_corpus import BAD_INPUTS, BadInput, write_corpus
from .neo4j_instance import FaultInstance, FaultInstanceMissing

BY_NAME = {entry.name: entry for entry in BAD_INPUTS}


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """name -> path of every bad input, written once per session."""
    return write_corpus(tmp_path_factory.mktemp("bad"))


class Outcomes:
    """In-process ingest of each bad input, computed once (the 10 MB one takes seconds)."""

    def __init__(self, paths: dict[str, Path]) -> None:
        self.paths = paths
        self._cache: dict[str, IngestResult | IngestError] = {}

    def __getitem__(self, name: str) -> IngestResult | IngestError:
        if name not in self._cache:
            try:
                self._cache[name] = ingest_bytes(self.paths[name].read_bytes(), name)
            except IngestError as exc:
                self._cache[name] = exc
        return self._cache[name]

    def loaded(self, name: str) -> IngestResult:
        outcome = self[name]
        if isinstance(outcome, IngestError):
            raise AssertionError(f"{name} was refused: {outcome}")
        return outcome


@pytest.fixture(scope="session")
def outcomes(bad_corpus: dict[str, Path]) -> Outcomes:
    return Outcomes(bad_corpus)


def entry(name: str) -> BadInput:
    return BY_NAME[name]


@pytest.fixture(scope="session")
def fault_instance() -> Iterator[FaultInstance]:
    """The Neo4j instance named by NEO4J_FAULT_HOME, running; left as it was found."""
    try:
        instance = FaultInstance.from_env()
    except FaultInstanceMissing as exc:
        if in_ci():
            pytest.fail(str(exc))
        pytest.skip(str(exc))
    was_running = instance.running()
    if not was_running:
        instance.start()
    yield instance
    if not instance.running():
        instance.start()
    if not was_running:
        instance.stop()
