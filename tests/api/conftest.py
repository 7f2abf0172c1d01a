"""API test helpers: run a GraphQL document against a store; the seeds' gold facts by place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from graphql_api.schema import schema

GOLD_FILE = Path(__file__).resolve().parents[1] / "data" / "gold_seeds.yaml"


def execute(store: Any, query: str, **variables: Any) -> Any:
    """The strawberry ExecutionResult of ``query`` over ``store`` (no HTTP)."""
    return schema.execute_sync(query, variable_values=variables or None, context_value={"store": store})


def data(store: Any, query: str, **variables: Any) -> dict:
    """The result's data; fails the test with the errors when there are any."""
    result = execute(store, query, **variables)
    assert result.errors is None, [e.message for e in result.errors]
    return result.data


def alternatives(value: str) -> set[str]:
    """A gold slot 'A|B' accepts either spelling."""
    return set(value.split("|"))


#: The seeds' gold entries (tests that read the gold may name the seed places).
GOLD: list[dict] = yaml.safe_load(GOLD_FILE.read_text(encoding="utf-8"))
#: (Chinese name, English name) of every gold place, in gold order.
GOLD_PLACES: list[tuple[str, str]] = [(e["jurisdiction"]["name"], e["jurisdiction"]["name_en"]) for e in GOLD]

#: the benchmark's GraphQL documents, and their variables asked about the first gold place
BENCHMARK_QUERIES = Path(__file__).resolve().parents[2] / "benchmarks" / "graphql"
BENCHMARK_VARIABLES: dict[str, dict[str, str]] = {
    "signatories": {"jurisdiction": GOLD_PLACES[0][0], "issuer": "office"},
    "meetings": {"jurisdiction": GOLD_PLACES[0][0]},
    "compare": {"issuer": "office"},
    "ask": {"question": f"Who signs an office notice in {GOLD_PLACES[0][1]}?"},
}


@pytest.fixture(scope="session")
def gold_by_place() -> dict[str, dict]:
    """Gold entries keyed by the jurisdiction's name (区 name as the store holds it)."""
    return {entry["jurisdiction"]["name"]: entry for entry in GOLD}
