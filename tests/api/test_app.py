"""Serving over HTTP: health, GraphiQL, the body size limit, bearer-protected mutations
(ingest and delete, on both stores), query limits and error masking."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from govgraph.app import create_app
from graphql_api.errors import INTERNAL_MESSAGE, UNAVAILABLE_MESSAGE
from graphql_api.schema import MAX_ALIASES, MAX_DEPTH
from stores.base import StoreUnavailable
from tests.asgi import AppClient
from tests.stores.documents import rules_text

from .conftest import GOLD_PLACES, execute

TOKEN = "test-token-5f0c"
INGEST = """mutation($text: String!, $name: String!) { ingestDocument(text: $text, filename: $name) {
  document { key title current } jurisdiction nodes relationships } }"""
DELETE = "mutation($id: String!) { deleteDocument(id: $id) { id deleted } }"


def client(store: Any, **options: Any) -> AppClient:
    return AppClient(create_app(store, **options))


def post(c: AppClient, query: str, token: str | None = None, **variables: Any) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return c.post("/graphql", json={"query": query, "variables": variables}, headers=headers)


# -- serving -----------------------------------------------------------------------------------


def test_health_readiness_and_graphiql(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = client(memory_store)
    assert c.get("/healthz").json() == {"status": "ok"}
    assert c.get("/readyz").json() == {"ready": True, "store": "memory"}
    page = c.get("/graphql", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()
    place = GOLD_PLACES[0][1]
    answer = post(c, '{ ask(question: "Who signs an office notice in %s?") { understood citations { number } } }' % place)
    assert answer.status_code == 200 and answer.json()["data"]["ask"]["understood"] is True
    assert answer.json()["data"]["ask"]["citations"]


def test_a_body_over_the_limit_is_refused_with_413(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = client(memory_store, max_body_bytes=2_000)
    big = post(c, "{ jurisdictions { name } }", pad="x" * 5_000)
    assert big.status_code == 413
    assert big.json()["errors"][0]["extensions"]["code"] == "PAYLOAD_TOO_LARGE"
    small = post(c, "{ jurisdictions { name } }")
    assert small.status_code == 200


def test_a_streamed_body_without_length_is_counted(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = client(memory_store, max_body_bytes=2_000)

    async def chunks():  # type: ignore[no-untyped-def]
        yield b'{"query": "{ jurisdictions { name } }", "variables": {"pad": "'
        for _ in range(10):
            yield b"x" * 500
        yield b'"}}'

    response = c.post("/graphql", content=chunks(), headers={"Content-Type": "application/json"})
    assert response.status_code == 413


# -- mutations ---------------------------------------------------------------------------------


def test_mutations_are_disabled_without_a_configured_token(memory_store) -> None:  # type: ignore[no-untyped-def]
    response = post(client(memory_store, api_token=""), DELETE, token="anything", id="doc-x")
    assert response.status_code == 403
    error = response.json()["errors"][0]
    assert "mutations are disabled" in error["message"] and "GOVGRAPH_API_TOKEN" in error["message"]
    assert error["extensions"]["code"] == "MUTATIONS_DISABLED"


def test_a_missing_token_is_401_and_a_wrong_one_403(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = client(memory_store, api_token=TOKEN)
    missing = post(c, DELETE, id="doc-x")
    assert missing.status_code == 401 and missing.headers["WWW-Authenticate"].startswith("Bearer")
    assert missing.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    wrong = post(c, DELETE, token=TOKEN + "x", id="doc-x")
    assert wrong.status_code == 403 and wrong.json()["errors"][0]["message"] == "invalid bearer token"
    not_bearer = c.post("/graphql", json={"query": DELETE, "variables": {"id": "doc-x"}},
                        headers={"Authorization": f"Basic {TOKEN}"})
    assert not_bearer.status_code == 401
    assert post(c, "{ jurisdictions { name } }").status_code == 200  # reads stay public


def test_a_mutation_over_get_is_refused(memory_store) -> None:  # type: ignore[no-untyped-def]
    c = client(memory_store, api_token=TOKEN)
    response = c.get("/graphql", params={"query": 'mutation { deleteDocument(id: "doc-x") { deleted } }'},
                     headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 400 and "mutations are not allowed" in response.text.lower()


def test_ingest_then_delete_a_document(store) -> None:  # type: ignore[no-untyped-def]
    c = client(store, api_token=TOKEN)
    before = post(c, "{ documents { key } }").json()["data"]["documents"]
    loaded = post(c, INGEST, token=TOKEN, text=rules_text(2031), name="chaoyang-2031.txt")
    assert loaded.status_code == 200, loaded.text
    result = loaded.json()["data"]["ingestDocument"]
    key = result["document"]["key"]
    try:
        assert result["jurisdiction"] == "北京市朝阳区" and result["document"]["current"] is True
        assert result["nodes"] > 0 and result["relationships"] > 0
        answer = post(c, '{ ask(question: "Who chairs the executive meeting in Chaoyang?") { understood text } }')
        assert answer.json()["data"]["ask"]["understood"] is True
        assert "区长" in answer.json()["data"]["ask"]["text"]
    finally:
        deleted = post(c, DELETE, token=TOKEN, id=key).json()["data"]["deleteDocument"]
    assert deleted == {"id": key, "deleted": True}
    assert post(c, DELETE, token=TOKEN, id=key).json()["data"]["deleteDocument"]["deleted"] is False
    assert post(c, "{ documents { key } }").json()["data"]["documents"] == before
    gone = post(c, '{ meetings(jurisdiction: "Chaoyang") { name } }').json()
    assert "unknown jurisdiction 'Chaoyang'" in gone["errors"][0]["message"]


@pytest.mark.parametrize("text,name,reason", [
    ("", "empty.txt", "E001-empty"),
    ("今天天气很好，我们去公园散步。明天也许会下雨。", "diary.txt", "E005-genre"),
])
def test_refused_input_writes_nothing(store, text: str, name: str, reason: str) -> None:  # type: ignore[no-untyped-def]
    c = client(store, api_token=TOKEN)
    before = store.counts()
    response = post(c, INGEST, token=TOKEN, text=text, name=name).json()
    error = response["errors"][0]
    assert error["message"].startswith("document refused:") and error["extensions"]["reason"] == reason
    assert error["extensions"]["code"] == "DOCUMENT_REFUSED"
    assert store.counts() == before


def test_a_filename_with_a_path_is_refused(memory_store) -> None:  # type: ignore[no-untyped-def]
    response = post(client(memory_store, api_token=TOKEN), INGEST, token=TOKEN, text=rules_text(2031), name="../x.txt")
    assert "filename must be a plain file name" in response.json()["errors"][0]["message"]


# -- query limits and masking ------------------------------------------------------------------


def _deepest(type_: object, seen: tuple[str, ...] = ()) -> int:
    """Depth of the deepest selection the schema allows below ``type_`` (0 for a leaf)."""
    from graphql import GraphQLObjectType, get_named_type

    named = get_named_type(type_)  # type: ignore[arg-type]
    if not isinstance(named, GraphQLObjectType):
        return 0
    if named.name in seen:
        raise AssertionError(f"the schema is recursive through {named.name}: the depth limit would matter")
    return 1 + max(_deepest(f.type, (*seen, named.name)) for f in named.fields.values())


def test_the_depth_limit_admits_every_query_the_schema_allows() -> None:
    from graphql_api.schema import schema

    # The schema has no cycles, so the limit only refuses what no legitimate query needs
    # (strawberry counts depth from 0 at the top-level field).
    assert _deepest(schema._schema.query_type) - 1 <= MAX_DEPTH
    assert _deepest(schema._schema.mutation_type) - 1 <= MAX_DEPTH


def test_the_deepest_kind_of_query_runs(memory_store) -> None:  # type: ignore[no-untyped-def]
    deep = """{ meetings(jurisdiction: "%s") { minutesSigners { article { document { title } } } }
              compare(issuer: "office") { jurisdiction { documents { key } } steps { article { document { title } } } } }
           """ % GOLD_PLACES[0][1]
    assert execute(memory_store, deep).errors is None


def test_too_many_aliases_are_refused(memory_store) -> None:  # type: ignore[no-untyped-def]
    aliases = " ".join(f"a{i}: jurisdictions {{ key }}" for i in range(MAX_ALIASES + 1))
    result = execute(memory_store, "{ %s }" % aliases)
    assert result.errors and "aliases found" in result.errors[0].message


def test_too_many_tokens_are_refused(memory_store) -> None:  # type: ignore[no-untyped-def]
    result = execute(memory_store, "{ jurisdictions { %s } }" % " ".join(["key"] * 3000))
    assert result.errors and "token" in result.errors[0].message.lower()


def test_internal_errors_are_masked_user_errors_are_not(memory_store) -> None:  # type: ignore[no-untyped-def]
    from graphql_api.schema import schema

    broken = schema.execute_sync("{ jurisdictions { name } }", context_value={})  # no store: a server bug
    assert broken.errors[0].message == INTERNAL_MESSAGE
    assert broken.errors[0].extensions == {"code": "INTERNAL_ERROR"}
    unknown = execute(memory_store, '{ meetings(jurisdiction: "Atlantis") { name } }')
    assert unknown.errors[0].message.startswith("unknown jurisdiction 'Atlantis'")


@pytest.mark.parametrize("variables,message", [
    ({"f": 99999999999}, "Int cannot represent non 32-bit signed integer value"),
    ({"m": "NOPE"}, "Value 'NOPE' does not exist in 'Modality' enum"),
])
def test_errors_about_the_request_are_not_masked(memory_store, variables: dict, message: str) -> None:  # type: ignore[no-untyped-def]
    query = """query($f: Int, $m: Modality) { obligations(jurisdiction: "x", first: $f, modality: $m) { totalCount } }"""
    result = execute(memory_store, query, **variables)
    assert result.errors and message in result.errors[0].message


class _ServerDown:
    """A store whose server cannot be reached, as Neo4jStore reports it."""

    name = "neo4j"

    def ready(self) -> bool:
        return False

    def jurisdictions(self) -> list[dict]:
        raise StoreUnavailable("Neo4j at bolt://10.9.8.7:7687 is unavailable: connection refused")


def test_an_unreachable_store_is_a_clear_message_without_internals() -> None:
    c = client(_ServerDown())
    assert c.get("/readyz").status_code == 503
    body = post(c, "{ jurisdictions { name } }").json()
    assert body["errors"][0]["message"] == UNAVAILABLE_MESSAGE
    assert "10.9.8.7" not in str(body)
