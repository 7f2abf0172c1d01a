"""The token check is a strawberry permission on every mutation: the four cases (right token,
wrong token, no token, no token configured) over HTTP, on both mutations, and the rule that no
mutation is left without it."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry.permission import PermissionExtension

from govgraph.app import create_app
from graphql_api.auth import TOKEN_REQUIRED
from graphql_api.schema import schema
from stores.memory import MemoryStore
from tests.asgi import AppClient
from tests.stores.documents import rules_text

TOKEN = "permission-test-token"
DELETE = 'mutation { deleteDocument(id: "doc-none") { id deleted } }'
INGEST = 'mutation($text: String!) { ingestDocument(text: $text, filename: "rules.txt") { nodes } }'


def _post(store: MemoryStore, configured: str, query: str, authorization: str | None) -> Any:
    client = AppClient(create_app(store, api_token=configured))
    headers = {"Authorization": authorization} if authorization is not None else {}
    return client.post("/graphql", json={"query": query, "variables": {"text": rules_text(2030)}}, headers=headers)


CASES = [
    # (configured token, Authorization header, HTTP status, error code or None, message)
    pytest.param(TOKEN, f"Bearer {TOKEN}", 200, None, None, id="right-token"),
    pytest.param(TOKEN, f"Bearer {TOKEN}-x", 403, "FORBIDDEN", "invalid bearer token", id="wrong-token"),
    pytest.param(TOKEN, None, 401, "UNAUTHENTICATED",
                 "authentication required: send the header 'Authorization: Bearer <token>'", id="no-token"),
    pytest.param("", f"Bearer {TOKEN}", 403, "MUTATIONS_DISABLED",
                 "mutations are disabled on this server: set GOVGRAPH_API_TOKEN to enable them", id="none-configured"),
]


@pytest.mark.parametrize(("configured", "authorization", "status", "code", "message"), CASES)
@pytest.mark.parametrize("mutation", [DELETE, INGEST], ids=["delete", "ingest"])
def test_the_token_permission(mutation: str, configured: str, authorization: str | None, status: int,
                              code: str | None, message: str | None) -> None:
    store = MemoryStore()
    response = _post(store, configured, mutation, authorization)
    body = response.json()
    assert response.status_code == status, body
    if code is None:
        assert "errors" not in body, body
        loaded = mutation is INGEST
        assert bool(store.documents(None)) is loaded  # the mutation ran: ingest stored its document
        return
    [error] = body["errors"]
    assert error["message"] == message
    assert error["extensions"] == {"code": code, "status": status}
    assert body["data"] is None
    assert store.documents(None) == []  # refused: nothing written
    if status == 401:
        assert response.headers["WWW-Authenticate"] == 'Bearer realm="govgraph"'
    else:
        assert "WWW-Authenticate" not in response.headers


def test_every_mutation_requires_the_token() -> None:
    """A new mutation cannot forget the check: each field of Mutation carries the permissions."""
    mutation = schema.get_type_by_name("Mutation")
    assert mutation is not None and mutation.fields  # type: ignore[union-attr]
    for field in mutation.fields:  # type: ignore[union-attr]
        assert field.permission_classes == TOKEN_REQUIRED, field.python_name
        assert any(isinstance(e, PermissionExtension) for e in field.extensions), field.python_name
