"""Top-level resolvers called directly answer as strawberry's resolvers do; fields with anything
for strawberry to do keep its resolver."""

from __future__ import annotations

import enum
from typing import Annotated, Any

import pytest
import strawberry
from strawberry.permission import BasePermission
from strawberry.types import Info

from graphql_api.direct_resolvers import direct_resolver
from graphql_api.execution import run_fields_off_loop
from graphql_api.schema import schema as api_schema


class Shade(enum.Enum):
    LIGHT = "light"
    DARK = "dark"


class Never(BasePermission):
    message = "not allowed"

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        return False


def _schema() -> strawberry.Schema:
    @strawberry.type
    class Query:
        @strawberry.field
        def span(self, info: Info, from_: Annotated[str, strawberry.argument(name="from")], to: str | None = None,
                 min_share: float | None = 0.5, first: int | None = None, strict: bool | None = None) -> str:
            return f"{from_}|{to}|{min_share}|{first}|{strict}|{type(info).__name__}|{info.field_name}"

        @strawberry.field
        def fails(self, text: str) -> str:
            raise ValueError(f"cannot read {text!r}")

        @strawberry.field
        def shaded(self, shade: Shade) -> str:
            return shade.value

        @strawberry.field(permission_classes=[Never])
        def guarded(self, text: str) -> str:
            return text

    return strawberry.Schema(query=Query)


# (query, what strawberry's own resolvers answer): the expectation keeps the comparison honest
QUERIES = [
    ('{ span(from: "a") }', {"span": "a|None|0.5|None|None|Info|span"}),
    ('{ span(from: "a", to: "b", minShare: 0.25, first: 3, strict: true) }', {"span": "a|b|0.25|3|True|Info|span"}),
    ('{ span(from: "a", to: null, minShare: null) }', {"span": "a|None|None|None|None|Info|span"}),
    ('query($f: String!, $m: Float) { span(from: $f, minShare: $m) }', {"span": "v|None|1.5|None|None|Info|span"}),
    ('{ fails(text: "x") }', None),
    ('{ shaded(shade: DARK) }', {"shaded": "dark"}),
    ('{ guarded(text: "x") }', None),
    ('{ a: span(from: "1") b: span(from: "2", first: 1) }',
     {"a": "1|None|0.5|None|None|Info|span", "b": "2|None|0.5|1|None|Info|span"}),
]


@pytest.mark.parametrize("query,answer", QUERIES)
def test_a_direct_call_answers_as_strawberry_does(query: str, answer: dict[str, str] | None) -> None:
    strawberrys, ours = _schema(), _schema()
    run_fields_off_loop(ours)
    variables = {"f": "v", "m": 1.5}
    expected, got = strawberrys.execute_sync(query, variables), ours.execute_sync(query, variables)
    assert expected.data == answer
    assert got.data == expected.data
    assert [(e.message, e.path) for e in got.errors or []] == [(e.message, e.path) for e in expected.errors or []]
    assert bool(got.errors) == (answer is None)


def _definition(schema: strawberry.Schema, root: str, name: str) -> Any:
    fields = (schema._schema.query_type if root == "query" else schema._schema.mutation_type).fields
    return fields[name].extensions["strawberry-definition"]


@pytest.mark.parametrize("name,direct", [("span", True), ("fails", True), ("shaded", False), ("guarded", False)])
def test_only_plain_fields_are_called_directly(name: str, direct: bool) -> None:
    schema = _schema()
    assert (direct_resolver(schema, _definition(schema, "query", name)) is not None) == direct


def test_the_api_calls_its_reads_directly_and_keeps_strawberry_for_the_rest() -> None:
    query = api_schema._schema.query_type.fields
    kept = {name for name in query if direct_resolver(api_schema, _definition(api_schema, "query", name)) is None}
    assert kept == {"obligations"}  # its modality is an enum
    mutation = api_schema._schema.mutation_type.fields
    assert all(direct_resolver(api_schema, _definition(api_schema, "mutation", name)) is None for name in mutation)
