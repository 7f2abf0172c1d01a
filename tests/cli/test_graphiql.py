"""GraphiQL served from the files shipped with govgraph: no CDN, the same bytes the page's SRI expects."""

from __future__ import annotations

import base64
import hashlib
import re

import pytest

from govgraph.graphiql import CDN_FILES, PREFIX, LocalGraphiQL, external_urls, local_page
from graphql_api.app import create_app
from stores.memory import MemoryStore
from tests.asgi import AppClient

_ASSET = re.compile(r'(?:src|href)="(' + re.escape(PREFIX) + r'[^"]+)"\s+integrity="(sha384-[^"]+)"')


@pytest.fixture(scope="module")
def client() -> AppClient:
    app = create_app(MemoryStore())
    app.add_middleware(LocalGraphiQL)
    return AppClient(app)


def test_the_page_loads_nothing_from_elsewhere() -> None:
    page = local_page()
    assert external_urls(page) == []
    assert len(_ASSET.findall(page)) == len(CDN_FILES)


def test_a_browser_gets_the_local_page(client) -> None:  # type: ignore[no-untyped-def]
    response = client.get("/graphql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert response.status_code == 200
    assert response.text == local_page()


def test_every_file_is_served_with_the_bytes_its_integrity_hash_names(client) -> None:  # type: ignore[no-untyped-def]
    for url, integrity in _ASSET.findall(local_page()):
        response = client.get(url)
        assert response.status_code == 200, url
        digest = "sha384-" + base64.b64encode(hashlib.sha384(response.content).digest()).decode()
        assert digest == integrity, url
        assert response.headers["content-type"].startswith(("text/javascript", "text/css"))


@pytest.mark.parametrize("path", ["nope.js", "../graphiql.py", "..%2Fgraphiql.py", "README.md"])
def test_only_the_listed_files_are_served(client, path: str) -> None:  # type: ignore[no-untyped-def]
    assert client.get(PREFIX + path).status_code == 404


def test_queries_still_reach_the_api(client) -> None:  # type: ignore[no-untyped-def]
    get = client.get("/graphql", params={"query": "{ __typename }"}, headers={"Accept": "application/json"})
    assert get.json() == {"data": {"__typename": "Query"}}
    post = client.post("/graphql", json={"query": "{ __typename }"}, headers={"Accept": "text/html, */*"})
    assert post.json() == {"data": {"__typename": "Query"}}
    assert client.get("/healthz").json() == {"status": "ok"}
