"""Neo4j Browser of the test server, in a real browser: connect, load the style, run a saved
query, and see the nodes drawn in the style's colors."""

from __future__ import annotations

import os
from urllib.parse import urlparse

import pytest
from neo4j import GraphDatabase

from tests.conftest import ROOT

from .conftest import screenshot
from .test_style import grass_rules

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

BROWSER_DIR = ROOT / "cypher" / "browser"
HTTP_URL = os.environ.get("NEO4J_TEST_HTTP_URL", "http://127.0.0.1:7474")


def one_line(text: str) -> str:
    """The Browser's editor gets one line: comments dropped, whitespace collapsed."""
    return " ".join(" ".join(line for line in text.splitlines() if not line.strip().startswith("//")).split())


def label_colors() -> dict[str, str]:
    return {name: props["color"].upper() for (kind, name), props in grass_rules().items() if kind == "node" and name}


def _run(page, command: str, done=None) -> None:  # type: ignore[no-untyped-def]
    """Type a command into the editor and run it; wait for ``done`` (Browser commands run asynchronously)."""
    page.get_by_test_id("activeEditor").first.click()
    page.keyboard.insert_text(command)
    page.get_by_test_id("editor-Run").first.click()
    if done is not None:
        done.wait_for()


def test_saved_query_draws_styled_nodes(page, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    settings = loaded_neo4j.settings
    bolt = urlparse(settings.uri)
    place = loaded_neo4j.jurisdictions()[0].place.name_en
    query = (BROWSER_DIR / "who_signs_what.cypher").read_text(encoding="utf-8")
    with GraphDatabase.driver(settings.uri, auth=(settings.user, settings.password)) as driver:
        records = driver.execute_query(query, jurisdiction=place, database_=settings.database).records
    expected = {node.element_id: next(iter(node.labels))
                for record in records for path in record.values() if path is not None for node in path.nodes}
    assert expected, f"the saved query finds nothing for {place}"

    page.goto(f"{HTTP_URL}/browser/?dbms=bolt://{settings.user}@{bolt.hostname}:{bolt.port}")
    page.get_by_test_id("password").fill(settings.password)
    page.get_by_test_id("connect").click()
    page.get_by_text(f"You are connected as user {settings.user}").wait_for()
    _run(page, ":style " + one_line((BROWSER_DIR / "style.grass").read_text(encoding="utf-8")),
         done=page.get_by_test_id("styleResetButton"))
    _run(page, f":param jurisdiction => '{place}'", done=page.get_by_text("Successfully set your parameters."))
    _run(page, one_line(query))

    nodes = page.locator("svg g.node")
    nodes.first.wait_for()
    page.wait_for_function(f"document.querySelectorAll('svg g.node').length >= {len(expected)}")
    assert nodes.count() == len(expected)
    fills = set(page.eval_on_selector_all("svg g.node circle.b-outline", "els => els.map(e => e.getAttribute('fill'))"))
    colors = label_colors()
    assert {f.upper() for f in fills} == {colors[label] for label in expected.values()}
    frame = page.get_by_test_id("frame").filter(has=nodes.first)
    # The picture the README shows: the graph alone, large.
    frame.get_by_title("Fullscreen", exact=True).click()
    frame.get_by_label("Collapse the node properties display").click()
    page.wait_for_timeout(2000)  # the force layout settles
    frame.get_by_label("zoom-to-fit").click()
    page.wait_for_timeout(1000)
    screenshot(page, "neo4j-browser.png")
