"""The bulk path (stores/neo4j_bulk.py): neo4j-admin import of the graph as CSV recreates what the
transactional loader stores, versions included."""

from __future__ import annotations

import csv
import os

import pytest

from stores.neo4j_bulk import ROOT, admin_import, bulk_graph, main, write_import_csv
from tests.conftest import CORPUS, wipe

from .documents import rules_document

pytestmark = pytest.mark.neo4j


def _csv_counts(folder) -> tuple[dict[str, int], dict[str, int]]:  # type: ignore[no-untyped-def]
    labels, types = {}, {}
    for path in folder.iterdir():
        with path.open(encoding="utf-8", newline="") as handle:
            rows = sum(1 for _ in csv.reader(handle)) - 1
        kind, name = path.stem.split("_", 1)
        (labels if kind == "nodes" else types)[name] = rows
    return labels, types


def test_the_bulk_import_recreates_the_loaders_counts(neo4j_store, corpus_graphs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    # Two versions of one place as well, so that the derived versions (SUPERSEDES) count too.
    graphs = [*corpus_graphs, rules_document(2030), rules_document(2032, revised=True)]
    wipe(neo4j_store)
    assert neo4j_store.load_many(graphs) == {}
    loaded = neo4j_store.counts()
    try:
        bulk = bulk_graph(graphs)
        assert (bulk.label_counts(), bulk.type_counts()) == loaded
        args = write_import_csv(bulk, tmp_path / "csv")
        assert _csv_counts(tmp_path / "csv") == loaded
        done = admin_import(args, "bulktest")
        assert (done.nodes, done.relationships) == (sum(loaded[0].values()), sum(loaded[1].values()))
        home = os.environ.get("GOVGRAPH_NEO4J_HOME") or str(ROOT / ".neo4j")
        assert os.path.isdir(os.path.join(home, "data", "databases", "bulktest"))
    finally:
        wipe(neo4j_store)
        for graph in corpus_graphs:
            neo4j_store.load(graph)


def test_the_bulk_command_imports_a_folder(capsys) -> None:  # type: ignore[no-untyped-def]
    assert main([str(CORPUS), "--database", "bulkcli"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith(f"imported {len(list(CORPUS.glob('*.txt')))} documents into 'bulkcli'"), line
