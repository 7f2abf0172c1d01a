"""`govgraph diff` and `govgraph check` on the embedded store; `ingest` of a newer version
says what changed."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import CORPUS, ROOT

DOCS = ROOT / "tests" / "data" / "docs"
SEED = next(CORPUS.glob("001_*.txt"))
REVISED = DOCS / "revised_dongcheng.txt"


def test_ingest_of_a_newer_version_prints_what_changed(loaded) -> None:  # type: ignore[no-untyped-def]
    result = loaded("ingest", REVISED)
    assert result.exit_code == 0, result.output
    assert "北京市东城区: 东政发〔2026〕9号 against 东政发〔2024〕2号: 2 changed, 1 added, 1 removed" in result.output
    assert "changed 以区政府办公室名义公文 · 签发: 区政府办公室主任 -> 区政府秘书长 (article 55 -> 56)" in result.output
    again = loaded("ingest", SEED)  # the older version again: it supersedes nothing, no summary
    assert again.exit_code == 0 and "against" not in again.output


def test_diff_of_two_files_and_of_stored_documents(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    files = loaded("diff", SEED, REVISED, "--json")
    assert files.exit_code == 0, files.output
    report = json.loads(files.output)
    assert sorted(c["change"] for c in report["changes"]) == ["added", "changed", "changed", "removed"]
    assert loaded("ingest", REVISED).exit_code == 0
    page = tmp_path / "diff.html"
    stored = loaded("diff", "东政发〔2024〕2号", "东政发〔2026〕9号", "--html", page)
    assert stored.exit_code == 0, stored.output
    assert "区政府秘书长" in stored.output and "五十六、" in stored.output
    assert "区政府秘书长" in page.read_text(encoding="utf-8")
    alone = loaded("diff", "东政发〔2026〕9号", "--json")  # against the version it revises
    both = loaded("diff", "东政发〔2024〕2号", "东政发〔2026〕9号", "--json")
    assert alone.exit_code == 0 and json.loads(alone.output) == json.loads(both.output)
    assert json.loads(alone.output)["old"]["doc_number"] == "东政发〔2024〕2号"
    first = loaded("diff", "东政发〔2024〕2号")
    assert first.exit_code == 1 and "revises no stored version" in first.output


def test_check_of_a_file_terminal_json_and_html(loaded, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    page = tmp_path / "check.html"
    shown = loaded("check", DOCS / "check_planted.txt", "--html", page)
    assert shown.exit_code == 0, shown.output
    for code in ("conflicting-default-signers", "reporting-cycle", "dangling-reference", "meeting-no-chair",
                 "meeting-no-frequency", "numbering-gap", "missing-provision"):
        assert code in shown.output and code in page.read_text(encoding="utf-8")
    assert "5 of 5 peer rules say who signs (签发) 以区政府名义发出的公文; this document does not" in shown.output
    report = json.loads(loaded("check", DOCS / "check_clean.txt", "--json").output)
    assert report["findings"] == [] and report["peer_findings"] == [] and len(report["peers"]) == 5


def test_unknown_document_is_one_line(loaded) -> None:  # type: ignore[no-untyped-def]
    result = loaded("check", "no-such-thing")
    assert result.exit_code == 1
    assert "neither a file nor a document in the memory store" in result.output
