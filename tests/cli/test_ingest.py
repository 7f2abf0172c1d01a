"""`govgraph ingest`: a summary row per document, bad files refused with their reason, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from govgraph.summary import COLUMNS, summarize_graph
from ingest.pipeline import document_paths, ingest_path
from stores.memory import MemoryStore
from tests.conftest import CORPUS

HEADER = ["document", "jurisdiction", *COLUMNS, "warnings"]


def _rows(stdout: str) -> dict[str, list[str]]:
    """Table rows of rich's box drawing, by first cell."""
    rows = {}
    for line in stdout.splitlines():
        if line.startswith("│"):
            cells = [c.strip() for c in line.strip("│").split("│")]
            rows[cells[0]] = cells
    return rows


def test_corpus_loads_with_a_summary_row_per_document(govgraph) -> None:  # type: ignore[no-untyped-def]
    result = govgraph("ingest", CORPUS)
    assert result.exit_code == 0, result.output
    for name in HEADER:
        assert name in result.stdout
    rows = _rows(result.stdout)
    files = document_paths([CORPUS])
    assert set(rows) == {p.name for p in files}
    for path in files:
        summary = summarize_graph(ingest_path(path).graph)
        assert rows[path.name] == [path.name, summary.jurisdiction, *summary.row()]
        assert int(rows[path.name][2]) > 0  # articles
    assert f"{len(files)} of {len(files)} files loaded" in result.stdout
    # nothing refused; what the parser noticed is shown per file with its code
    expected = {f"warning {p}: {w.code}: {w.message}" for p in files for w in ingest_path(p).tree.warnings}
    assert set(result.stderr.splitlines()) == expected


def test_the_embedded_store_keeps_what_was_loaded(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    first = sorted(CORPUS.glob("*.txt"))[0]
    assert govgraph("ingest", first).exit_code == 0
    saved = MemoryStore.from_file(tmp_path / "graphs.db")
    assert [g.document for g in saved.graphs()] == [ingest_path(first).graph.document]
    saved.close()
    listed = govgraph("documents")
    assert first.name in listed.stdout


def _bad_files(folder: Path) -> dict[str, str]:
    """file name -> the words its refusal reason must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x7fELF\x02\x01\x01" + bytes(range(256)) * 8)
    return {"empty.txt": "E001-empty", "binary.txt": "E002-binary"}


def test_bad_files_are_refused_with_their_reason_and_the_rest_loads(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "mixed"
    folder.mkdir()
    reasons = _bad_files(folder)
    good = sorted(CORPUS.glob("*.txt"))[0]
    (folder / good.name).write_bytes(good.read_bytes())
    result = govgraph("ingest", folder)
    assert result.exit_code == 2, result.output
    assert set(_rows(result.stdout)) == {good.name}
    refusals = [line for line in result.stderr.splitlines() if line.startswith("refused")]
    assert len(refusals) == len(reasons)
    for name, code in reasons.items():
        assert any(str(folder / name) in line and code in line for line in refusals), (name, refusals)
    assert "1 of 3 files loaded" in result.stdout
    assert "Traceback" not in result.output
    assert good.name in govgraph("documents").stdout


def test_a_missing_file_is_refused_and_the_others_still_load(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = sorted(CORPUS.glob("*.txt"))[-1]
    missing = tmp_path / "no-such-file.txt"
    result = govgraph("ingest", missing, good)
    assert result.exit_code == 2
    assert f"refused {missing}: No such file or directory" in result.stderr
    assert good.name in _rows(result.stdout)


def test_only_bad_files_load_nothing_and_exit_2(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _bad_files(tmp_path)
    result = govgraph("ingest", tmp_path / "empty.txt", tmp_path / "binary.txt")
    assert result.exit_code == 2
    assert "0 of 2 files loaded" in result.stdout
    assert "┃ document" not in result.stdout  # no empty table


def test_an_empty_folder_is_an_error(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    empty = tmp_path / "nothing-here"
    empty.mkdir()
    result = govgraph("ingest", empty)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: no documents under {empty}"


@pytest.mark.parametrize("args", [[], ["--neo4j"]])
def test_usage_errors_exit_2_without_a_traceback(govgraph, args: list[str]) -> None:  # type: ignore[no-untyped-def]
    result = govgraph("ingest", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_names_with_brackets_are_printed_as_they_are(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "[draft] rules.txt"
    good.write_bytes(sorted(CORPUS.glob("*.txt"))[0].read_bytes())
    bad = tmp_path / "[bold]empty.txt"
    bad.write_bytes(b"")
    result = govgraph("ingest", good, bad)
    assert result.exit_code == 2
    assert good.name in _rows(result.stdout)
    assert f"refused {bad}: the file is empty" in result.stderr
    assert good.name in govgraph("documents").stdout


# -- whose rules, and where they came from (--jurisdiction, --source-url, sources.yaml) ----------

IDENTITY = Path(__file__).resolve().parents[1] / "data" / "docs" / "identity"


def _copy(folder: Path, *names: str) -> None:
    folder.mkdir(exist_ok=True)
    for name in names:
        (folder / name).write_bytes((IDENTITY / name).read_bytes())


def test_a_text_that_names_no_government_is_refused_with_what_to_do(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _copy(tmp_path / "docs", "unnamed.txt")
    result = govgraph("ingest", tmp_path / "docs" / "unnamed.txt")
    assert result.exit_code == 2
    [refusal] = [line for line in result.stderr.splitlines() if line.startswith("refused")]
    assert "E006-jurisdiction" in refusal and "--jurisdiction" in refusal
    assert "未知" not in govgraph("documents").stdout


def test_jurisdiction_and_source_url_given_on_the_command_line(govgraph, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _copy(tmp_path / "docs", "unnamed.txt")
    url = "https://example.org/rules/1.html"
    result = govgraph("ingest", tmp_path / "docs" / "unnamed.txt", "--jurisdiction", "随州市", "--source-url", url)
    assert result.exit_code == 0, result.output
    assert _rows(result.stdout)["unnamed.txt"][1] == "随州市"
    from stores.memory import MemoryStore

    [place] = MemoryStore.from_file(tmp_path / "graphs.db").jurisdictions()
    assert (place.place.full_name, place.place.level, place.place.name_en) == ("随州市", "city", "Suizhou")
    [document] = place.documents
    assert (document.source_url, document.title) == (url, "随州市人民政府工作规则")


def test_a_folder_reads_the_sources_manifest_beside_its_documents(govgraph) -> None:  # type: ignore[no-untyped-def]
    result = govgraph("ingest", IDENTITY)
    assert result.exit_code == 0, result.output
    rows = _rows(result.stdout)
    assert set(rows) == {"county_first_article.txt", "prefecture_agency.txt", "zone.txt", "county_city.txt", "unnamed.txt"}
    assert rows["unnamed.txt"][1] == "随州市"  # named by sources.yaml
    assert rows["county_first_article.txt"][1] == "清河县"  # named by its first article
    assert "5 of 5 files loaded" in result.stdout


@pytest.mark.parametrize(("manifest", "says"), [
    ("- {file: missing.txt, url: 'https://example.org/x'}\n", "entry 1: names 'missing.txt', which is not a file in"),
    ("- {file: unnamed.txt, jurisdiction: 随州}\n", "entry 1 (unnamed.txt): cannot tell the level of government of '随州'"),
    ("- {file: unnamed.txt, adress: 'https://example.org/x'}\n", "entry 1: unknown key adress"),
    ("file: unnamed.txt\n", "expected a list of entries"),
    ("- {file: unnamed.txt\n", "not readable YAML"),
    ("- {file: unnamed.txt, url: 'example.org/x'}\n", "source URL must be one http(s) address"),
])
def test_a_broken_manifest_is_one_line_and_loads_nothing(govgraph, tmp_path: Path, manifest: str, says: str) -> None:  # type: ignore[no-untyped-def]
    folder = tmp_path / "docs"
    _copy(folder, "unnamed.txt", "zone.txt")
    (folder / "sources.yaml").write_text(manifest, encoding="utf-8")
    result = govgraph("ingest", folder)
    assert result.exit_code == 1
    assert len(result.stderr.strip().splitlines()) == 1 and says in result.stderr, result.stderr
    assert not (tmp_path / "graphs.db").exists() or "zone.txt" not in govgraph("documents").stdout


@pytest.mark.parametrize(("args", "says"), [
    (["--jurisdiction", "随州"], "cannot tell the level of government of '随州'"),
    (["--source-url", "https://example.org/x"], "--source-url names the page of one document; 5 documents were given"),
])
def test_bad_identity_arguments_are_one_line(govgraph, args: list[str], says: str) -> None:  # type: ignore[no-untyped-def]
    result = govgraph("ingest", IDENTITY, *args)
    assert result.exit_code == 1 and says in result.stderr and "Traceback" not in result.output
