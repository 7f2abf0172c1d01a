"""Compiled completion (graphql_api/compiled.py) answers exactly what graphql-core answers.

Every query runs twice: through the schema's executor (plans, plain leaves read directly) and
through strawberry's own graphql-core executor; the JSON of data and errors must be the same
bytes. The cases: the benchmark documents, aliases, fragments, __typename, variables,
@include/@skip, nulls, connections, errors in nested fields, awaitable top-level fields, and
random selections (hypothesis).
"""

from __future__ import annotations

import asyncio
import json
from typing import Any, ClassVar

import pytest
import strawberry
import strawberry.extensions
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from graphql_api.plain_fields import PlainFieldExecutor, completers, executor_class
from graphql_api.schema import schema

from .conftest import BENCHMARK_QUERIES, BENCHMARK_VARIABLES, GOLD_PLACES

PLACE, PLACE_EN = GOLD_PLACES[0]

pytestmark = pytest.mark.skipif(executor_class() is None, reason="graphql-core is not 3.3: strawberry's executor")


def _json(result: Any) -> str:
    errors = [{"message": e.message, "path": e.path, "locations": [(loc.line, loc.column) for loc in e.locations or []]}
              for e in result.errors or []]
    return json.dumps({"data": result.data, "errors": errors}, ensure_ascii=False)


def _both(a_schema: strawberry.Schema, query: str, variables: dict[str, Any] | None = None,
          context: Any = None) -> tuple[str, str, int]:
    """(compiled answer, graphql-core answer, values the plans completed)."""
    before = completers.completed
    own = a_schema.execution_context_class
    fast = _json(a_schema.execute_sync(query, variable_values=variables, context_value=context))
    planned = completers.completed - before
    a_schema.execution_context_class = StrawberryGraphQLCoreExecutionContext
    try:
        ordinary = _json(a_schema.execute_sync(query, variable_values=variables, context_value=context))
    finally:
        a_schema.execution_context_class = own
    return fast, ordinary, planned


def _same(memory_store: Any, query: str, **variables: Any) -> tuple[str, int]:
    fast, ordinary, planned = _both(schema, query, variables or None, {"store": memory_store})
    assert fast == ordinary
    return fast, planned


@pytest.mark.parametrize("field", sorted(BENCHMARK_VARIABLES))
def test_benchmark_documents_complete_by_plan_with_graphql_cores_answer(memory_store, field: str) -> None:  # type: ignore[no-untyped-def]
    query = (BENCHMARK_QUERIES / f"{field}.graphql").read_text(encoding="utf-8")
    answer, planned = _same(memory_store, query, **BENCHMARK_VARIABLES[field])
    assert '"errors": []' in answer and planned >= 1  # answered, and by a plan


QUERIES = {
    "aliases, __typename and a field asked twice": """
        query($j: String!) { a: meetings(jurisdiction: $j) { __typename k: key key name n: name
            chairs { __typename who: name name } frequency { __typename text } } }""",
    "named and inline fragments": """
        query($j: String!) { meetings(jurisdiction: $j) { ...m chairs { ... on Participant { key } ...p } } }
        fragment m on Meeting { key kind members { ...p } ... { name } }
        fragment p on Participant { name label mandatory article { number } }""",
    "nulls: optional objects and leaves": """
        query($j: String!) { meetings(jurisdiction: $j) { nameEn quorum quorumSource { article { key } evidence { text } }
            frequency { period times timesMax } attendees { condition evidence { start } } } }""",
    "a nested field with a resolver of its own (basis): graphql-core completes that selection": """
        { jurisdictions { key name documents { key title basis { title written } } } }""",
    "pagination connections": """
        query($j: String!) { obligations(jurisdiction: $j, first: 3) { totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node { key modality trigger action bearer { key name } deadline { amount unit }
                article { number } evidence { text } } } } }""",
    "search connection with scores": """
        { search(text: "会议", first: 2) { totalCount edges { cursor score node { key number label } } } }""",
    "an unknown name: an error, no data": """{ meetings(jurisdiction: "没有这个地方") { key } }""",
    "compare and signatories together": """
        { compare(issuer: "office") { jurisdiction { key } signers { key } }
          signatories(jurisdiction: "%s", issuer: "office") { action role { key } documentType { key genres } } }""" % PLACE,
    "ask": """{ ask(question: "Who signs an office notice in %s?") { text intent understood language
        jurisdictions { key } citations { key document { key } } suggestions } }""" % PLACE_EN,
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_varied_queries_answer_as_graphql_core_does(memory_store, name: str) -> None:  # type: ignore[no-untyped-def]
    _same(memory_store, QUERIES[name], **({"j": PLACE} if "$j" in QUERIES[name] else {}))


@pytest.mark.parametrize(("include", "skip"), [(True, False), (False, False), (True, True), (False, True)])
def test_include_and_skip_by_variables_each_get_their_own_plan(memory_store, include: bool, skip: bool) -> None:  # type: ignore[no-untyped-def]
    query = """query($j: String!, $i: Boolean!, $s: Boolean!) { meetings(jurisdiction: $j) {
        key name @include(if: $i) kind @skip(if: $s) chairs @include(if: $i) { key @skip(if: $s) name }
        ... on Meeting @skip(if: $s) { quorum } ...f @include(if: $i) } }
        fragment f on Meeting { nameEn frequency @skip(if: false) { text } }"""
    answer, planned = _same(memory_store, query, j=PLACE, i=include, s=skip)
    assert planned >= 1
    meeting = json.loads(answer)["data"]["meetings"][0]
    assert ("name" in meeting) is include and ("kind" in meeting) is not skip and ("nameEn" in meeting) is include


# -- odd values: the plan gives up, graphql-core reports --------------------------------------


@strawberry.type
class _Leaf:
    text: str
    note: str | None = None
    count: int = 0


@strawberry.type
class _Node:
    name: str
    leaf: _Leaf | None
    leaves: list[_Leaf]
    required: _Leaf
    tags: list[str | None]

    @strawberry.field
    def shout(self) -> str:  # a resolver of its own: the plan hands the selection to graphql-core
        return self.name.upper()

    @strawberry.field
    def fails(self) -> str | None:
        raise ValueError("nested failure")

    @strawberry.field
    def greet(self, name: str = "you") -> str:  # arguments on a nested field: no plan for its selection
        return f"{self.name} greets {name}"


def _node(i: int, **changes: Any) -> _Node:
    values: dict[str, Any] = {"name": f"n{i}", "leaf": _Leaf(text=f"t{i}"), "leaves": [_Leaf(text="a", count=i)],
                              "required": _Leaf(text="r"), "tags": ["x", None]}
    values.update(changes)
    return _Node(**values)


@strawberry.type
class _Query:
    @strawberry.field
    def nodes(self) -> list[_Node | None]:  # a failed node nulls itself, not the answer
        return [_node(1), _node(2, leaf=None, tags=[]),
                _node(3, required=None), _node(4, leaves=[_Leaf(text=None)]),  # type: ignore[arg-type]
                _node(5, leaves=(_Leaf(text="tuple"),)), _node(6, tags=iter(["gen"])),
                _node(7, leaf=ValueError("an exception as a value")), _node(8, leaves=[_Leaf(text="b", count=2**40)])]

    @strawberry.field
    def good(self) -> list[_Node]:
        return [_node(1), _node(2, leaf=None)]

    @strawberry.field
    async def later(self) -> list[_Node]:  # an awaitable top-level field (an async store read)
        await asyncio.sleep(0)
        return [_node(1), _node(2, required=None)]  # type: ignore[arg-type]

    @strawberry.field
    async def later_good(self) -> _Node | None:
        await asyncio.sleep(0)
        return _node(3)


ODD = strawberry.Schema(query=_Query, execution_context_class=PlainFieldExecutor)


@pytest.mark.parametrize(("query", "errors"), [
    ("{ nodes { name leaf { text note } leaves { text count } required { text } tags } }", 4),
    ("{ nodes { name tags } good { name leaf { note } } }", 0),  # a generator and a tuple as lists
    ("{ nodes { name shout fails } }", 8),
    ("{ good { __typename name leaf { __typename text } leaves { count } } }", 0),
    ('{ good { name greet(name: "甲") other: greet leaves { text } } }', 0),
])
def test_odd_values_and_nested_errors_answer_as_graphql_core_does(query: str, errors: int) -> None:
    fast, ordinary, _ = _both(ODD, query)
    assert fast == ordinary and len(json.loads(fast)["errors"]) == errors


def test_a_plan_completes_good_values_and_gives_up_on_odd_ones() -> None:
    _, _, planned = _both(ODD, "{ good { name leaf { text } leaves { count } } }")
    assert planned == 1
    gave_up = completers.gave_up
    fast, ordinary, _ = _both(ODD, "{ nodes { name required { text } } }")
    assert fast == ordinary and completers.gave_up > gave_up and "Cannot return null" in fast


def test_awaitable_top_level_fields_complete_by_plan_too() -> None:
    query = "{ later { name required { text } } laterGood { name leaves { text count } tags } }"

    async def both() -> tuple[str, str]:
        fast = _json(await ODD.execute(query))
        ODD.execution_context_class = StrawberryGraphQLCoreExecutionContext
        try:
            return fast, _json(await ODD.execute(query))
        finally:
            ODD.execution_context_class = PlainFieldExecutor

    before = completers.completed
    fast, ordinary = asyncio.run(both())
    assert fast == ordinary and "Cannot return null" in fast and completers.completed > before


# -- random selections --------------------------------------------------------------------------

#: the meetings selection a query is drawn from: field -> its own selection (None: a leaf)
MEETING_FIELDS: dict[str, Any] = {
    "key": None, "kind": None, "name": None, "nameEn": None, "quorum": None,
    "frequency": {"text": None, "period": None, "times": None, "timesMax": None},
    "members": {"key": None, "name": None, "label": None, "mandatory": None, "role": {"key": None, "name": None}},
    "chairs": {"key": None, "delegated": None, "condition": None, "article": {"number": None, "text": None},
               "evidence": {"start": None, "end": None, "text": None}},
    "minutesSigners": {"action": None, "condition": None, "role": {"key": None},
                       "documentType": {"key": None, "genres": None}},
    "articles": {"key": None, "number": None, "document": {"key": None, "status": None}},
    "evidence": {"start": None, "text": None},
}


@st.composite
def selections(draw: st.DrawFn, fields: dict[str, Any], depth: int = 0) -> str:
    names = draw(st.lists(st.sampled_from(sorted(fields)), min_size=1, max_size=5))
    parts = []
    if draw(st.booleans()):
        parts.append("__typename")
    for name in names:
        alias = draw(st.sampled_from(["", "x: ", "y: "]))
        directive = draw(st.sampled_from(["", " @include(if: $on)", " @skip(if: $on)", " @skip(if: false)"]))
        sub = fields[name]
        inner = "" if sub is None else " { %s }" % draw(selections(sub, depth + 1))
        field = f"{alias}{name}{directive}{inner}"
        if draw(st.integers(0, 4)) == 0:
            field = "... { %s }" % field
        parts.append(field)
    return " ".join(parts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(selection=selections(MEETING_FIELDS), on=st.booleans())
def test_random_selections_answer_as_graphql_core_does(memory_store, selection: str, on: bool) -> None:  # type: ignore[no-untyped-def]
    query = "query($j: String!, $on: Boolean!) { meetings(jurisdiction: $j) { %s } }" % selection
    fast, ordinary, _ = _both(schema, query, {"j": PLACE, "on": on}, {"store": memory_store})
    assert fast == ordinary


class _SeesEveryField(strawberry.extensions.SchemaExtension):
    """Schema middleware (a ``resolve`` hook): every field must reach it, plan or not."""

    seen: ClassVar[list[str]] = []

    def resolve(self, _next: Any, root: Any, info: Any, *args: Any, **kwargs: Any) -> Any:
        _SeesEveryField.seen.append(info.field_name)
        return _next(root, info, *args, **kwargs)


def test_schema_middleware_sees_every_field_as_with_graphql_core() -> None:
    watched = strawberry.Schema(query=_Query, extensions=[_SeesEveryField], execution_context_class=PlainFieldExecutor)
    query = "{ good { name leaf { text } leaves { count } } }"
    seen = []
    for executor in (PlainFieldExecutor, StrawberryGraphQLCoreExecutionContext):
        watched.execution_context_class = executor
        _SeesEveryField.seen = []
        assert watched.execute_sync(query).errors is None
        seen.append(list(_SeesEveryField.seen))
    assert seen[0] == seen[1] and seen[0].count("text") == 1 and len(seen[0]) == 10  # good, 5 + 4 node fields
