"""`govgraph serve` end to end: a real uvicorn process answering over HTTP, both stores."""

from __future__ import annotations

from pathlib import Path

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


QUESTIONS = (
    office_question().query,
    '{ meetings(jurisdiction: "Dongcheng") { name kind members { name } articles { number } } }',
    '{ ask(question: "Who signs an office notice in Dongcheng?") { text understood } }',
    '{ jurisdictions { name nameEn documents { title } } }',
)


def _answers(port: int) -> list[dict]:
    return [httpx.post(f"http://127.0.0.1:{port}/graphql", json={"query": q}, timeout=30).json() for q in QUESTIONS]


def test_serve_answers_the_same_from_its_graph_cache(tmp_path: Path) -> None:
    """A first start reads the corpus and caches each graph (govgraph/graph_cache.py); a second
    start loads them from the cache (no entry is written again) and answers the same."""
    env = {"GOVGRAPH_CACHE_DIR": str(tmp_path)}
    answers = []
    entries: list[dict[Path, int]] = []
    for _ in range(2):
        proc, port = start([], env)
        try:
            assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"ready": True, "store": "memory"}
            answers.append(_answers(port))
        finally:
            stop(proc)
        entries.append({p: p.stat().st_mtime_ns for p in tmp_path.rglob("*") if p.is_file()})
    assert all("errors" not in a for a in answers[0]), answers[0]
    assert answers[1] == answers[0]
    _check_answer(answers[1][0])
    assert len(entries[0]) == 5 and entries[1] == entries[0]


@pytest.mark.neo4j
def test_serve_neo4j_answers_the_office_question(neo4j_store) -> None:  # type: ignore[no-untyped-def]
    proc, port = start(["--neo4j", neo4j_store.settings.uri])
    try:
        _check_answer(_ask(port))
        assert httpx.get(f"http://127.0.0.1:{port}/readyz").json() == {"ready": True, "store": "neo4j"}
    finally:
        stop(proc)
