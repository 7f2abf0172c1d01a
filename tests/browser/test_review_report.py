"""The HTML pages of `govgraph check` and `govgraph diff`, opened from disk in a real browser:
self-contained (nothing fetched), every finding and change shown with its citation."""

from __future__ import annotations

from typing import Any

import pytest

from govgraph.review.check import check_view
from govgraph.review.diff import diff_documents
from govgraph.review.facts import read_document
from govgraph.review.html import check_html, diff_html
from govgraph.review.sources import open_source
from ingest.pipeline import ingest_path
from stores.memory import MemoryStore
from tests.conftest import CORPUS, ROOT

from .conftest import OUTPUT, screenshot

pytestmark = pytest.mark.browser
DOCS = ROOT / "tests" / "data" / "docs"


def _open(page: Any, html: str, name: str) -> list[str]:
    """Open the page from a file; return every URL the browser asked for besides the file."""
    OUTPUT.mkdir(exist_ok=True)
    path = OUTPUT / name
    path.write_text(html, encoding="utf-8")
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(path.as_uri())
    return [url for url in requested if url != path.as_uri()]


def test_check_report_of_a_planted_draft(page, memory_store) -> None:  # type: ignore[no-untyped-def]
    view = read_document(*open_source(str(DOCS / "check_planted.txt"), memory_store))
    assert _open(page, check_html(check_view(view, memory_store)), "check-report.html") == []
    page.get_by_text("Within the document").wait_for()
    rows = page.locator("section table").first.locator("tr")
    assert rows.count() == 1 + 6  # header and the six planted findings
    for code in ("conflicting-default-signers", "reporting-cycle", "dangling-reference", "meeting-no-chair",
                 "meeting-no-frequency", "numbering-gap"):
        assert page.locator("code", has_text=code).count() == 1
    peers = page.locator("section table").nth(1)
    assert peers.locator("tr").count() == 1 + 3
    assert peers.get_by_text("5 of 5 peer rules say who signs (签发) 以区政府名义发出的公文").is_visible()
    assert page.get_by_text("本规则第三十条", exact=False).first.is_visible()
    page.screenshot(path=str(OUTPUT / "check-report.png"), full_page=True)  # the whole report, for docs/
    assert (OUTPUT / "check-report.png").stat().st_size > 10_000


def test_diff_report_of_the_revised_seed(page) -> None:  # type: ignore[no-untyped-def]
    old, new = ingest_path(next(CORPUS.glob("001_*.txt"))), ingest_path(DOCS / "revised_dongcheng.txt")
    store = MemoryStore()
    store.load(old.graph)
    store.load(new.graph)
    report = diff_documents(store, old.graph.document, store, new.graph.document)
    assert _open(page, diff_html(report), "diff-report.html") == []
    table = page.locator("section table")
    table.wait_for()
    assert table.locator("tr").count() == 1 + 4
    for change in ("changed", "added", "removed"):
        assert page.locator(f".badge.{change}").count() == (2 if change == "changed" else 1)
    assert page.get_by_text("以区政府办公室名义制发的公文,由区政府秘书长签发", exact=False).first.is_visible()
    screenshot(page, "diff-report.png")
