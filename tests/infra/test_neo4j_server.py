"""The project's Neo4j server: Bolt with auth, and Neo4j Browser at /browser/."""

from __future__ import annotations

import httpx
import pytest

pytestmark = pytest.mark.neo4j


def test_browser_is_served(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    response = httpx.get("http://127.0.0.1:7474/browser/", timeout=10)
    assert response.status_code == 200
    assert "Neo4j Browser" in response.text


def test_wrong_password_is_a_clear_one_line_error(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    from stores.base import StoreUnavailable
    from stores.neo4j_store import Neo4jSettings, Neo4jStore

    bad = Neo4jSettings(uri=neo4j_store.settings.uri, password="not-the-password")
    with pytest.raises(StoreUnavailable, match="refused the credentials"):
        Neo4jStore(bad, connect_attempts=1)


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
