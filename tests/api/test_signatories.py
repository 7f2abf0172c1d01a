"""signatories through GraphQL, from both stores (the walking skeleton's question)."""

from __future__ import annotations

import pytest

from graphql_api.schema import schema

DONGCHENG_OFFICE = """
{ signatories(jurisdiction: "东城区", issuer: "区政府办公室") {
    role { key name nameEn } action condition
    article { number text document { title } } evidence { start end text } } }
"""


def run(store, query: str, **variables):  # type: ignore[no-untyped-def]
    result = schema.execute_sync(query, variable_values=variables, context_value={"store": store})
    return result


def test_dongcheng_office_documents_are_signed_by_the_office_director(store) -> None:  # type: ignore[no-untyped-def]
    result = run(store, DONGCHENG_OFFICE)
    assert result.errors is None
    steps = result.data["signatories"]
    default = [s for s in steps if s["condition"] is None]
    assert [(s["role"]["name"], s["action"]) for s in default] == [("区政府办公室主任", "SIGN")]
    assert default[0]["role"]["nameEn"] == "Director of the District Government Office"
    assert default[0]["article"]["number"] == 55
    assert default[0]["article"]["document"]["title"] == "北京市东城区人民政府工作规则"
    assert "由区政府办公室主任签发" in default[0]["evidence"]["text"]
    escalation = {(s["role"]["name"], s["action"]) for s in steps if s["condition"] == "涉及重大事项"}
    assert escalation == {("区政府办公室主任", "REVIEW"), ("分管副区长", "APPROVE")}


@pytest.mark.parametrize("name", ["东城区", "东城", "北京市东城区", "Dongcheng", "dongcheng district"])
def test_jurisdiction_names_people_type(store, name: str) -> None:  # type: ignore[no-untyped-def]
    query = '{ signatories(jurisdiction: "%s", issuer: "office") { role { name } } }' % name
    result = run(store, query)
    assert result.errors is None
    assert "区政府办公室主任" in {s["role"]["name"] for s in result.data["signatories"]}


def test_unknown_jurisdiction_is_an_error_with_close_matches(store) -> None:  # type: ignore[no-untyped-def]
    result = run(store, '{ signatories(jurisdiction: "东城县", issuer: "office") { action } }')
    assert result.errors is not None
    message = result.errors[0].message
    assert "unknown jurisdiction '东城县'" in message and "东城区" in message


def test_unknown_issuer_is_an_error_with_close_matches(store) -> None:  # type: ignore[no-untyped-def]
    result = run(store, '{ signatories(jurisdiction: "东城区", issuer: "区政府办公") { action } }')
    assert result.errors is not None
    assert "区政府办公室" in result.errors[0].message


def test_evidence_is_the_exact_source_span(store) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import CORPUS

    original = (CORPUS / "001_61fb93ccc4c48713.txt").read_text(encoding="utf-8")
    for step in run(store, DONGCHENG_OFFICE).data["signatories"]:
        ev = step["evidence"]
        assert original[ev["start"] : ev["end"]] == ev["text"]


@pytest.mark.neo4j
def test_both_stores_answer_identically(memory_store, loaded_neo4j) -> None:  # type: ignore[no-untyped-def]
    for jurisdiction in ("东城区", "通州区", "东昌区", "房山区", "北辰区"):
        for issuer in ("区政府", "区政府办公室", "区政府常务会议", "区政府各部门"):
            query = ('{ signatories(jurisdiction: "%s", issuer: "%s") { role { key name } action condition order '
                     'article { number } evidence { start end } } }' % (jurisdiction, issuer))
            assert run(memory_store, query).data == run(loaded_neo4j, query).data, (jurisdiction, issuer)
    query = "{ jurisdictions { key name fullName nameEn level documents { key title status current } } }"
    assert run(memory_store, query).data == run(loaded_neo4j, query).data
