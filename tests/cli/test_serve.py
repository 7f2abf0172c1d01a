"""`govgraph serve` end to end: a real uvicorn process answering over HTTP, both stores."""

from __future__ import annotations

import httpx
import pytest

from .serving import DIRECTOR, office_question, start, stop


def _ask(port: int) -> dict:
    response = httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": office_question().query}, timeout=30)
    assert response.status_code == 200
    return response.json()


def _check_answer(body: dict) -> None:
    steps = body["data"]["signatories"]
    default = [s for s in steps if s["condition"] is None]
    assert [(s["role"]["name"], s["action"], s["article"]["number"]) for s in default] == [
        (DIRECTOR, "SIGN", office_question().article)]


def test_serve_embedded_answers_the_office_question() -> None:
    proc, port = start([])
    try:
        _check_answer(_ask(port))
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"ready": True, "store": "memory"}
        page = httpx.get(f"http://127.0.0.1:{port}/graphql", headers={"Accept": "text/html"})
        assert page.status_code == 200 and "graphiql" in page.text.lower()
        assert "unpkg.com" not in page.text  # GraphiQL's files come from this install (tests/cli/test_graphiql.py)
    finally:
        stop(proc)


@pytest.mark.neo4j
def test_serve_neo4j_answers_the_office_question(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    proc, port = start(["--neo4j", neo4j_store.settings.uri])
    try:
        _check_answer(_ask(port))
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"ready": True, "store": "neo4j"}
    finally:
        stop(proc)
