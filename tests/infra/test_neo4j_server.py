"""The project's Neo4j server: Bolt with auth, and Neo4j Browser at /browser/."""

from __future__ import annotations

import os

import httpx
import pytest

pytestmark = pytest.mark.neo4j


def test_browser_is_served(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    port = os.environ.get("NEO4J_HTTP_PORT", "7474")  # the server the tests use (neo4jctl's env)
    response = httpx.get(f"http://127.0.0.1:{port}/browser/", timeout=10)
    assert response.status_code == 200
    assert "Neo4j Browser" in response.text


def test_wrong_password_is_a_clear_one_line_error(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    from stores.base import StoreUnavailable
    from stores.neo4j_store import Neo4jSettings, Neo4jStore

    bad = Neo4jSettings(uri=neo4j_store.settings.uri, password="not-the-password")
    with pytest.raises(StoreUnavailable, match="refused the credentials") as caught:
        Neo4jStore(bad, connect_attempts=1)
    assert "\n" not in str(caught.value)


def test_schema_has_constraints_and_cjk_fulltext(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    records, _, _ = neo4j_store._driver.execute_query("SHOW INDEXES YIELD name, type, options RETURN name, type, options")
    by_name = {r["name"]: r for r in records}
    assert by_name["article_text"]["type"] == "FULLTEXT"
    assert by_name["article_text"]["options"]["indexConfig"]["fulltext.analyzer"] == "cjk"
    records, _, _ = neo4j_store._driver.execute_query("SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names")
    assert {"article_key", "role_key", "ruledocument_key"} <= set(records[0]["names"])


def test_reloading_the_corpus_changes_no_count(loaded_neo4j, corpus_graphs) -> None:  # type: ignore[no-untyped-def]
    before = loaded_neo4j.counts()
    for graph in corpus_graphs:
        loaded_neo4j.load(graph)
    assert loaded_neo4j.counts() == before


def test_every_node_kind_has_a_key_constraint_and_the_schema_applies_twice(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    from schema.model import NODE_LABELS

    neo4j_store.apply_schema()  # IF NOT EXISTS: a second start-up changes nothing
    records, _, _ = neo4j_store._driver.execute_query(
        "SHOW CONSTRAINTS YIELD labelsOrTypes, properties, type RETURN labelsOrTypes, properties, type"
    )
    keyed = {r["labelsOrTypes"][0] for r in records if r["type"] == "UNIQUENESS" and r["properties"] == ["key"]}
    assert keyed == set(NODE_LABELS)
