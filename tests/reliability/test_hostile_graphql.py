"""Hostile GraphQL: generated and malicious requests never break the API or the graph.

- schemathesis (GraphQL mode) sends generated queries and mutations for every field:
  no 5xx, no internal (masked) error — an unknown name is a user error, not a fault;
- Cypher-injection strings in every string argument of every field change nothing in
  Neo4j (node and relationship counts before and after);
- depth, alias and token limits, the body size limit (413) and the bearer token on
  mutations (401 without, 403 wrong) answer with clear errors.
"""

from __future__ import annotations

import json
import os
import secrets
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
import schemathesis
from graphql import GraphQLNonNull, GraphQLObjectType, get_named_type
from hypothesis import HealthCheck, given, settings

from tests.asgi import AppClient

from .footprint import neo4j_totals
from .graphql_probe import HOSTILE_STRINGS, INTROSPECTION, client_schema, probes
from .processes import cli_env, serve

TOKEN = secrets.token_urlsafe(24)
#: generated examples per field (bounded: the whole module stays under a minute or two)
EXAMPLES = int(os.environ.get("GOVGRAPH_FUZZ_EXAMPLES", "25"))
#: codes of errors that are the server's fault, never the request's
FAULT_CODES = {"INTERNAL_ERROR", "STORE_UNAVAILABLE"}


def _faults(body: Any) -> list[dict]:
    """Errors the server must never answer with: masked internals, or an execution
    error with no code (an unmasked exception)."""
    if not isinstance(body, dict):
        return [{"message": f"not a GraphQL response: {body!r}"[:300]}]
    out = []
    for error in body.get("errors") or []:
        code = (error.get("extensions") or {}).get("code")
        if code in FAULT_CODES or (error.get("path") and not code):
            out.append(error)
    return out


def no_server_fault(ctx: Any, response: Any, case: Any) -> bool | None:
    """schemathesis check: no 5xx and no internal error in the body."""
    assert response.status_code < 500, f"{response.status_code}: {response.text[:500]}"
    faults = _faults(response.json())
    assert not faults, f"server fault for {case.body!r}: {faults}"
    return None


# ------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def memory_app(memory_store):  # type: ignore[no-untyped-def]
    from govgraph.app import create_app

    return create_app(memory_store, api_token=TOKEN)


@pytest.fixture(scope="module")
def memory_client(memory_app) -> AppClient:  # type: ignore[no-untyped-def]
    return AppClient(memory_app)


@pytest.fixture(scope="module")
def memory_schema(memory_app):  # type: ignore[no-untyped-def]
    return schemathesis.graphql.from_asgi("/graphql", memory_app)


@pytest.fixture(scope="module")
def neo4j_server(loaded_neo4j, tmp_path_factory) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    """The API served by uvicorn over the Neo4j test database (corpus loaded)."""
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = cli_env(GOVGRAPH_API_TOKEN=TOKEN)
    with serve(["--no-load", "--neo4j", loaded_neo4j.settings.uri], env=env, log=log) as server:
        yield server


@pytest.fixture(scope="module")
def neo4j_schema(neo4j_server):  # type: ignore[no-untyped-def]
    return schemathesis.graphql.from_url(f"{neo4j_server.url}/graphql")


def _defaults(post) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """Valid values for the arguments a probe does not attack, read from the API itself."""
    body = post({"query": "{ jurisdictions { name } }"}).json()
    place = body["data"]["jurisdictions"][0]["name"]
    return {"jurisdiction": place, "issuer": "区政府办公室", "text": "会议", "question": "Who signs?", "name": place}


# ----------------------------------------------------------------- generated requests


def fuzz(st_schema: Any, examples: int, after_each: Any = None) -> tuple[int, dict[str, str]]:
    """Generated requests for every query and mutation field (schemathesis strategies driven
    by Hypothesis here, not by its pytest plugin). (requests sent, failure per field)."""
    sent = 0
    failures: dict[str, str] = {}
    for result in st_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(case: Any) -> None:
            nonlocal sent
            sent += 1
            case.call_and_validate(checks=[no_server_fault])
            if after_each is not None:
                after_each(case)

        try:
            run()
        except Exception as exc:  # noqa: BLE001 - collected per field, reported together
            failures[operation.label] = str(exc)[:1500]
    return sent, failures


def test_generated_requests_never_fault_embedded(memory_schema) -> None:  # type: ignore[no-untyped-def]
    sent, failures = fuzz(memory_schema, EXAMPLES)
    print(f"embedded store: {sent} generated requests, {len(failures)} fields failing")
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
    assert sent >= 10 * EXAMPLES // 2


@pytest.mark.neo4j
def test_generated_requests_never_fault_neo4j(neo4j_schema, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    before = neo4j_totals(loaded_neo4j._driver), loaded_neo4j.counts()

    def unchanged(case: Any) -> None:
        now = neo4j_totals(loaded_neo4j._driver), loaded_neo4j.counts()
        assert now == before, f"{case.body!r} changed the graph: {before} -> {now}"

    sent, failures = fuzz(neo4j_schema, max(5, EXAMPLES // 3), after_each=unchanged)
    print(f"Neo4j store: {sent} generated requests, {len(failures)} fields failing, counts unchanged")
    assert not failures, "\n\n".join(f"{k}: {v}" for k, v in failures.items())
    assert sent >= 10 * max(5, EXAMPLES // 3) // 2


# ------------------------------------------------------------------ Cypher injection


@pytest.mark.neo4j
def test_serve_without_loading_says_what_the_database_holds(neo4j_server, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    held = len(loaded_neo4j.documents(None))
    assert held > 0
    assert f"serving {held} documents from the neo4j store" in neo4j_server.log.read_text(encoding="utf-8")


@pytest.mark.neo4j
def test_injection_strings_in_every_string_argument_change_nothing(neo4j_server, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    def post(body: dict, **headers: str) -> httpx.Response:
        # json.dumps escapes to ASCII, so a lone surrogate travels as \ud800 (httpx's json= cannot send it)
        return httpx.post(f"{neo4j_server.url}/graphql", content=json.dumps(body), timeout=60,
                          headers={"Content-Type": "application/json", **headers})

    schema = client_schema(post({"query": INTROSPECTION}).json()["data"])
    all_probes = list(probes(schema, _defaults(post)))
    assert {p.field for p in all_probes if p.operation == "query"} >= {"jurisdiction", "signatories"}
    driver = loaded_neo4j._driver
    before_totals, before_counts = neo4j_totals(driver), loaded_neo4j.counts()
    sent = 0
    faults: set[str] = set()
    for probe in all_probes:
        for value in HOSTILE_STRINGS:
            for how, body in (("variable", probe.body(value)), ("literal", probe.inline_body(value))):
                # Mutations are tried with a wrong token: hostile text must not get past it either.
                response = post(body, Authorization=f"Bearer {TOKEN}x")
                sent += 1
                if response.status_code >= 500 or _faults(response.json()):
                    faults.add(f"{probe.field}({probe.argument}: {value[:40]!r}) as a {how}: "
                               f"{response.status_code} {response.text[:160]}")
    assert neo4j_totals(driver) == before_totals
    assert loaded_neo4j.counts() == before_counts
    print(f"injection: {len(all_probes)} (field, argument) pairs x {len(HOSTILE_STRINGS)} strings x 2 = {sent} "
          f"requests, {len(faults)} faulted, counts unchanged {before_totals}")
    assert sent >= 2 * len(HOSTILE_STRINGS) * 5
    assert not faults, f"{len(faults)} of {sent} requests faulted:\n" + "\n".join(sorted(faults))


# ------------------------------------------------------------------------- limits


def _errors(response: httpx.Response) -> list[str]:
    return [e["message"] for e in response.json().get("errors") or []]


def _object_cycle(schema) -> list[str] | None:  # type: ignore[no-untyped-def]
    """A cycle of object types (A.b -> B ... -> A), the only way to nest without bound."""
    objects = {n: t for n, t in schema.type_map.items() if isinstance(t, GraphQLObjectType) and not n.startswith("__")}

    def children(name: str) -> list[tuple[str, str]]:
        return [(f, get_named_type(fd.type).name) for f, fd in objects[name].fields.items()
                if get_named_type(fd.type).name in objects
                and not any(isinstance(a.type, GraphQLNonNull) for a in fd.args.values())]

    for start in objects:
        stack = [(start, [])]
        seen = set()
        while stack:
            node, path = stack.pop()
            for field, child in children(node):
                if child == start:
                    return [*path, field]
                if child not in seen:
                    seen.add(child)
                    stack.append((child, [*path, field]))
    return None


def test_deep_nesting_is_rejected_with_a_clear_error(memory_client: AppClient) -> None:
    from graphql_api.schema import MAX_DEPTH, schema

    # Introspection nests without bound (type { ofType { ofType ... ): refused by depth.
    body = "name"
    for _ in range(MAX_DEPTH + 5):
        body = f"name fields {{ type {{ ofType {{ ofType {{ ofType {{ {body} }} }} }} }} }}"
    response = memory_client.post("/graphql", json={"query": "{ __schema { types { " + body + " } } }"})
    assert response.status_code in (200, 400)
    assert any("depth" in m.lower() for m in _errors(response)), response.text[:300]
    # Real fields: if the schema has a cycle, go round it past the limit.
    cycle = _object_cycle(schema._schema)
    if cycle is None:
        return  # no field path nests deeper than the schema itself (checked by the schemathesis run)
    query_type = schema._schema.query_type
    entry = next(f for f, fd in query_type.fields.items() if not fd.args)
    inner = "__typename"
    for i in range(MAX_DEPTH + 2):
        inner = f"{cycle[i % len(cycle)]} {{ {inner} }}"
    response = memory_client.post("/graphql", json={"query": f"{{ {entry} {{ {inner} }} }}"})
    assert any("depth" in m.lower() for m in _errors(response)), response.text[:300]


def test_many_aliases_are_rejected_with_a_clear_error(memory_client: AppClient) -> None:
    query = "{ " + " ".join(f"a{i}: jurisdictions {{ name }}" for i in range(200)) + " }"
    started = time.monotonic()
    response = memory_client.post("/graphql", json={"query": query})
    assert time.monotonic() - started < 5
    assert response.json().get("data") is None  # nothing executed
    assert any("alias" in m.lower() for m in _errors(response)), response.text[:300]


def test_huge_documents_are_rejected_by_the_token_limit(memory_client: AppClient) -> None:
    query = "{ jurisdictions { " + "name " * 20000 + "} }"
    response = memory_client.post("/graphql", json={"query": query})
    assert response.json().get("data") is None
    assert any("token" in m.lower() for m in _errors(response)), response.text[:300]


def test_ordinary_queries_pass_the_limits(memory_client: AppClient) -> None:
    introspection = memory_client.post("/graphql", json={"query": INTROSPECTION})
    assert introspection.status_code == 200 and not introspection.json().get("errors")
    deep = "{ jurisdictions { name documents { key title } } }"
    assert not memory_client.post("/graphql", json={"query": deep}).json().get("errors")


# ----------------------------------------------------------------- oversized bodies


@pytest.fixture(scope="module")
def embedded_server(tmp_path_factory) -> Iterator[Any]:  # type: ignore[no-untyped-def]
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    with serve([], env=cli_env(GOVGRAPH_API_TOKEN=TOKEN), log=log) as server:
        yield server


def _limit() -> int:
    from graphql_api.limits import configured_max_body

    return configured_max_body()


def test_oversized_body_is_refused_413(embedded_server) -> None:  # type: ignore[no-untyped-def]
    filler = "x" * (_limit() + 1)
    started = time.monotonic()
    response = httpx.post(f"{embedded_server.url}/graphql", json={"query": "{ jurisdictions { name } }", "f": filler},
                          timeout=60)
    assert response.status_code == 413, response.text[:300]
    assert time.monotonic() - started < 10
    assert "too large" in response.text.lower()


def test_oversized_chunked_body_is_refused_413(embedded_server) -> None:  # type: ignore[no-untyped-def]
    """No Content-Length: the server counts as the body streams and stops at the limit."""
    chunk = b"x" * 65536
    chunks = _limit() // len(chunk) + 2

    def stream() -> Iterator[bytes]:
        yield b'{"query": "{ jurisdictions { name } }", "f": "'
        for _ in range(chunks):
            yield chunk
        yield b'"}'

    response = httpx.post(f"{embedded_server.url}/graphql", content=stream(),
                          headers={"Content-Type": "application/json"}, timeout=60)
    assert response.status_code == 413, response.text[:300]


def test_server_still_answers_after_oversized_bodies(embedded_server) -> None:  # type: ignore[no-untyped-def]
    response = httpx.post(f"{embedded_server.url}/graphql", json={"query": "{ jurisdictions { name } }"}, timeout=30)
    assert response.status_code == 200 and response.json()["data"]["jurisdictions"]


# ---------------------------------------------------------------------- mutations

DELETE = 'mutation { deleteDocument(id: "doc-0000000000000000") { id deleted } }'
INGEST = "mutation($t: String!) { ingestDocument(text: $t, filename: \"rules.txt\") { nodes } }"


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Basic bmVvNGo6Z292Z3JhcGg="}, 401),
        ({"Authorization": "Bearer "}, 401),
        ({"Authorization": f"Bearer {TOKEN[:-1]}"}, 403),
        ({"Authorization": f"Bearer {TOKEN}x"}, 403),
        ({"Authorization": "Bearer ' OR 1=1 --"}, 403),
    ],
    ids=["none", "basic", "empty-bearer", "token-prefix", "token-plus-one", "injection"],
)
def test_mutations_need_the_bearer_token(memory_client: AppClient, memory_store, headers, status) -> None:  # type: ignore[no-untyped-def]
    from .documents import rules_document

    before = memory_store.counts()
    for body in ({"query": DELETE}, {"query": INGEST, "variables": {"t": rules_document("某县", articles=5)}}):
        response = memory_client.post("/graphql", json=body, headers=headers)
        assert response.status_code == status, response.text[:300]
        assert response.json().get("errors"), response.text[:300]
        assert (response.json().get("data") or {}).get("deleteDocument") is None
    assert memory_store.counts() == before


def test_the_right_token_is_accepted(memory_client: AppClient, memory_store) -> None:  # type: ignore[no-untyped-def]
    before = memory_store.counts()
    response = memory_client.post("/graphql", json={"query": DELETE}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200, response.text[:300]
    assert response.json()["data"]["deleteDocument"] == {"id": "doc-0000000000000000", "deleted": False}
    assert memory_store.counts() == before


def test_token_is_compared_in_constant_time(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The comparison goes through hmac.compare_digest (no early exit on the first wrong byte)."""
    import hmac

    from graphql_api import auth
    from graphql_api.errors import AuthError

    calls: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def spy(a: Any, b: Any) -> bool:
        calls.append((a, b))
        return real(a, b)

    monkeypatch.setattr(auth.hmac, "compare_digest", spy)
    with pytest.raises(AuthError):
        auth.check_bearer(TOKEN, f"Bearer {TOKEN}x")
    auth.check_bearer(TOKEN, f"Bearer {TOKEN}")
    assert len(calls) == 2


def test_mutations_over_get_are_refused(memory_client: AppClient) -> None:
    response = memory_client.get("/graphql", params={"query": DELETE}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code in (400, 405), response.text[:300]

