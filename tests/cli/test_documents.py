"""`govgraph documents`, `stats` and `delete` on the embedded store."""

from __future__ import annotations

from pathlib import Path

from govgraph.summary import summarize_graph
from ingest.pipeline import document_paths, ingest_path
from stores.memory import MemoryStore
from tests.cli.test_ingest import _rows
from tests.conftest import CORPUS


def _table_counts(stdout: str, title: str) -> dict[str, int]:
    """name -> count of the two-column table printed under ``title``."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(title))
    counts = {}
    for line in lines[start + 1:]:
        if line.startswith("└"):
            break
        if line.startswith("│"):
            name, count = (c.strip() for c in line.strip("│").split("│"))
            counts[name] = int(count)
    return counts


def test_documents_lists_every_document_with_key_and_file(loaded) -> None:  # type: ignore[no-untyped-def]
    result = loaded("documents")
    assert result.exit_code == 0, result.output
    files = document_paths([CORPUS])
    assert f"{len(files)} documents in the memory store" in result.stdout
    for path in files:
        graph = ingest_path(path).graph
        assert graph.document in result.stdout and path.name in result.stdout


def test_stats_counts_what_the_store_holds(loaded, corpus_data: Path) -> None:  # type: ignore[no-untyped-def]
    result = loaded("stats")
    assert result.exit_code == 0, result.output
    labels, types = MemoryStore.from_file(corpus_data).counts()
    assert _table_counts(result.stdout, f"nodes: {sum(labels.values())}") == labels
    assert _table_counts(result.stdout, f"relationships: {sum(types.values())}") == types
    rows = _rows(result.stdout)
    for path in document_paths([CORPUS]):
        summary = summarize_graph(ingest_path(path).graph)
        assert rows[path.name] == [path.name, summary.jurisdiction, *summary.row()]


def test_stats_of_an_empty_store(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    MemoryStore.from_file(tmp_path / "graphs.db").close()  # an existing store file that holds nothing
    result = govgraph("stats")
    assert result.exit_code == 0
    assert "nodes: 0" in result.stdout and "0 documents in the memory store" in result.stdout


def test_delete_by_file_name_removes_the_document_and_persists(loaded) -> None:  # type: ignore[no-untyped-def]
    path = sorted(CORPUS.glob("*.txt"))[1]
    key = ingest_path(path).graph.document
    result = loaded("delete", path.name)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"deleted {key} (")
    listed = loaded("documents").stdout
    assert key not in listed and path.name not in listed
    again = loaded("delete", path.name)
    assert again.exit_code == 1
    assert again.stderr.strip() == (f"error: no document '{path.name}' in the memory store "
                                    "(`govgraph documents` lists them)")


def test_delete_by_key_and_by_path(loaded) -> None:  # type: ignore[no-untyped-def]
    first, second = sorted(CORPUS.glob("*.txt"))[:2]
    assert loaded("delete", ingest_path(first).graph.document).exit_code == 0
    assert loaded("delete", second).exit_code == 0  # a path: its file name is what counts
    listed = loaded("documents").stdout
    assert first.name not in listed and second.name not in listed
    assert f"{len(document_paths([CORPUS])) - 2} documents" in listed


def test_delete_of_an_unknown_document_exits_1_with_one_line(loaded) -> None:  # type: ignore[no-untyped-def]
    result = loaded("delete", "doc-0000000000000000")
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error: no document 'doc-0000000000000000'")
    assert result.stdout == ""
