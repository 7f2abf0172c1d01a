"""The API is composed in govgraph/: graphql_api imports no stage of the ingest pipeline and
gets the pipeline as a function; an app given none says so instead of loading anything."""

from __future__ import annotations

import ast
from pathlib import Path

from graphql_api.app import create_app
from stores.memory import MemoryStore
from tests.asgi import AppClient
from tests.conftest import ROOT

INGEST = 'mutation { ingestDocument(text: "第一条 规则。", filename: "rules.txt") { nodes } }'


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = {a.name for node in ast.walk(tree) if isinstance(node, ast.Import) for a in node.names}
    return names | {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and not node.level}


def test_graphql_api_does_not_import_the_ingest_pipeline() -> None:
    files = sorted((ROOT / "graphql_api").rglob("*.py"))
    assert files
    for path in files:
        leaks = {m for m in _imported_modules(path) if m == "ingest" or m.startswith("ingest.")}
        assert not leaks, f"{path.relative_to(ROOT)} imports {leaks}"


def test_an_app_without_an_ingest_function_refuses_to_load() -> None:
    store = MemoryStore()
    client = AppClient(create_app(store, api_token="t0ken"))
    body = client.post("/graphql", json={"query": INGEST}, headers={"Authorization": "Bearer t0ken"}).json()
    assert body["data"] is None
    assert "without an ingest function" in body["errors"][0]["message"]
    assert store.graphs() == []
