"""ingest.manifest: sources.yaml beside a folder's documents (file, url, jurisdiction)."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest.manifest import MANIFEST, ManifestError, Source, read_manifest, sources_for
from ingest.pipeline import document_paths, ingest_path

IDENTITY = Path(__file__).resolve().parents[1] / "data" / "docs" / "identity"


def test_entries_by_file_name() -> None:
    listed = read_manifest(IDENTITY)
    assert listed["unnamed.txt"] == Source("https://example.org/wiki/rules", "随州市")
    assert listed["prefecture_agency.txt"] == Source()
    assert read_manifest(IDENTITY.parent) == {}  # no manifest: nothing said


def test_the_manifest_is_not_a_document() -> None:
    assert MANIFEST not in {p.name for p in document_paths([IDENTITY])}


def test_the_command_line_wins_field_by_field() -> None:
    files = [IDENTITY / "unnamed.txt", IDENTITY / "zone.txt"]
    sources = sources_for(files, Source(url=None, jurisdiction="襄阳市"))
    assert sources[files[0]] == Source("https://example.org/wiki/rules", "襄阳市")
    assert sources[files[1]] == Source("https://example.org/zone/rules.html", "襄阳市")


def test_ingest_path_reads_the_manifest_beside_the_file() -> None:
    meta = ingest_path(IDENTITY / "unnamed.txt").tree.metadata
    assert (meta.jurisdiction, meta.identified_by, meta.source_url) == ("随州市", "named", "https://example.org/wiki/rules")


def test_an_entry_listed_twice_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / MANIFEST).write_text("- {file: a.txt}\n- {file: a.txt}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match=r"'a\.txt' is listed twice"):
        read_manifest(tmp_path)


def test_a_path_in_an_entry_is_refused(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("x", encoding="utf-8")
    (tmp_path / MANIFEST).write_text("- {file: sub/a.txt}\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="which is not a file in"):
        read_manifest(tmp_path)
