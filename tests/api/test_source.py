"""ingestDocument(jurisdiction, sourceUrl): a text that does not name its government is refused
unless the caller names it; the URL comes back on the document and on every citation (both stores)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.api.test_app import TOKEN, client, post

UNNAMED = (Path(__file__).resolve().parents[1] / "data" / "docs" / "identity" / "unnamed.txt").read_text(encoding="utf-8")
URL = "https://example.org/wiki/rules"
INGEST = """mutation($text: String!, $name: String!, $j: String, $url: String) {
  ingestDocument(text: $text, filename: $name, jurisdiction: $j, sourceUrl: $url) {
    document { key title sourceUrl } jurisdiction } }"""
DELETE = "mutation($id: String!) { deleteDocument(id: $id) { deleted } }"


def test_a_named_jurisdiction_and_url_come_back_with_citations(store) -> None:  # type: ignore[no-untyped-def]
    c = client(store, api_token=TOKEN)
    loaded = post(c, INGEST, token=TOKEN, text=UNNAMED, name="unnamed.txt", j="随州市", url=URL).json()
    result = loaded["data"]["ingestDocument"]
    key = result["document"]["key"]
    try:
        # the title the text lacks is the genre's title for the named government
        assert result == {"document": {"key": key, "title": "随州市人民政府工作规则", "sourceUrl": URL},
                          "jurisdiction": "随州市"}
        places = post(c, "{ jurisdictions { fullName level nameEn documents { key sourceUrl } } }").json()
        place = next(j for j in places["data"]["jurisdictions"] if j["fullName"] == "随州市")
        assert place == {"fullName": "随州市", "level": "city", "nameEn": "Suizhou",
                         "documents": [{"key": key, "sourceUrl": URL}]}
        cited = post(c, '{ search(text: "市长召集", jurisdiction: "随州市") { edges { node { document { key sourceUrl } } } } }')
        assert [e["node"]["document"] for e in cited.json()["data"]["search"]["edges"]] == [{"key": key, "sourceUrl": URL}]
    finally:
        assert post(c, DELETE, token=TOKEN, id=key).json()["data"]["deleteDocument"]["deleted"] is True


def test_a_text_that_names_no_government_is_refused_unless_named(memory_store) -> None:  # type: ignore[no-untyped-def]
    before = memory_store.counts()
    error = post(client(memory_store, api_token=TOKEN), INGEST, token=TOKEN, text=UNNAMED, name="u.txt").json()["errors"][0]
    assert error["extensions"]["reason"] == "E006-jurisdiction"
    assert "--jurisdiction" in error["message"] and "\n" not in error["message"]
    assert memory_store.counts() == before


@pytest.mark.parametrize(("variables", "says"), [
    ({"j": "随州"}, "cannot tell the level of government of '随州'"),
    ({"j": "随州市", "url": "ftp://example.org/x"}, "source URL must be one http(s) address"),
    ({"j": "随州市", "url": "https://example.org/a b"}, "source URL must be one http(s) address"),
])
def test_bad_arguments_are_one_line_and_write_nothing(memory_store, variables: dict[str, Any], says: str) -> None:  # type: ignore[no-untyped-def]
    before = memory_store.counts()
    error = post(client(memory_store, api_token=TOKEN), INGEST, token=TOKEN, text=UNNAMED, name="u.txt",
                 **variables).json()["errors"][0]
    assert error["extensions"]["code"] == "BAD_ARGUMENT" and says in error["message"]
    assert memory_store.counts() == before
