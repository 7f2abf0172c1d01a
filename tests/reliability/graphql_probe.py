"""Queries built from the served schema itself, so every field and argument is covered
as the API grows: one call per (field, string argument) with a hostile value there
and valid values elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    build_client_schema,
    get_introspection_query,
    get_named_type,
)

#: Cypher-injection and hostile strings: closing a map/string and deleting, boolean
#: tautologies, quoting identifiers, a NUL, Cypher comments, a parameter sigil.
HOSTILE_STRINGS = (
    '"}) DETACH DELETE n //',
    "'}) DETACH DELETE n //",
    "' OR 1=1 //",
    '" OR 1=1 //',
    "`Jurisdiction`) DETACH DELETE n //",
    "``) MATCH (n) DETACH DELETE n //",
    "\u0000",
    "区\u0000政府",
    "\ud800",  # a lone surrogate: valid in JSON, not encodable as UTF-8
    "*/ MATCH (n) DETACH DELETE n /*",
    "$doc",
    "\\\"}) RETURN 1 //",
    "东" * 5000,
)

INTROSPECTION = get_introspection_query(descriptions=False)


def client_schema(introspection_result: dict[str, Any]) -> GraphQLSchema:
    return build_client_schema(introspection_result)


@dataclass(frozen=True, slots=True)
class Probe:
    operation: str  # "query" | "mutation"
    field: str
    argument: str
    document: str  # the GraphQL document; the hostile value is the variable $v
    variable: str  # the variable's declaration, e.g. "($v: String!)"

    def body(self, value: str) -> dict[str, Any]:
        return {"query": self.document, "variables": {"v": value}}

    def inline_body(self, value: str) -> dict[str, Any]:
        """The same call with the value written into the document as a string literal."""
        literal = json.dumps(value)  # GraphQL string escapes are JSON's
        return {"query": self.document.replace(self.variable, "").replace("$v", literal)}


def _string_type(type_: Any) -> str | None:
    """'String' or 'ID' for an argument that takes one string; None otherwise."""
    inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
    if isinstance(inner, GraphQLScalarType) and inner.name in ("String", "ID"):
        return inner.name
    return None


def _default_literal(name: str, type_: Any, defaults: dict[str, str]) -> str | None:
    """A valid literal for a required argument, or None when it may be left out."""
    if not isinstance(type_, GraphQLNonNull):
        return None
    inner = type_.of_type
    if isinstance(inner, GraphQLList):
        item = _default_literal(name, GraphQLNonNull(get_named_type(inner)), defaults)
        return f"[{item}]"
    if isinstance(inner, GraphQLEnumType):
        return next(iter(inner.values))
    if isinstance(inner, GraphQLInputObjectType):
        parts = [
            f"{k}: {v}" for k, f in inner.fields.items()
            if (v := _default_literal(k, f.type, defaults)) is not None
        ]
        return "{" + ", ".join(parts) + "}"
    scalar = inner.name
    if scalar in ("String", "ID"):
        return json.dumps(defaults.get(name, "x"))
    if scalar == "Int":
        return "5"
    if scalar == "Float":
        return "1.5"
    if scalar == "Boolean":
        return "true"
    return json.dumps("x")


def _selection(type_: Any, depth: int = 0) -> str:
    """Every scalar leaf down to a small depth, so resolvers of nested fields run too."""
    named = get_named_type(type_)
    if not isinstance(named, GraphQLObjectType):
        return ""
    leaves = []
    for name, field in named.fields.items():
        if any(isinstance(a.type, GraphQLNonNull) for a in field.args.values()):
            continue
        inner = get_named_type(field.type)
        if isinstance(inner, GraphQLObjectType):
            if depth < 2:
                leaves.append(f"{name} {_selection(inner, depth + 1)}")
        else:
            leaves.append(name)
    return "{ " + " ".join(leaves or ["__typename"]) + " }"


def probes(schema: GraphQLSchema, defaults: dict[str, str]) -> Iterator[Probe]:
    """One probe per string argument of every query and mutation field."""
    for operation, root in (("query", schema.query_type), ("mutation", schema.mutation_type)):
        if root is None:
            continue
        for field_name, field in root.fields.items():
            yield from _field_probes(operation, field_name, field, defaults)


def _field_probes(operation: str, field_name: str, field: GraphQLField, defaults: dict[str, str]) -> Iterator[Probe]:
    for arg_name, arg in field.args.items():
        scalar = _string_type(arg.type)
        if scalar is None:
            continue
        args = [f"{arg_name}: $v"]
        for other, other_arg in field.args.items():
            if other == arg_name:
                continue
            literal = _default_literal(other, other_arg.type, defaults)
            if literal is not None:
                args.append(f"{other}: {literal}")
        variable = f"($v: {scalar}!)"
        document = f"{operation} Probe{variable} {{ {field_name}({', '.join(args)}) {_selection(field.type)} }}"
        yield Probe(operation, field_name, arg_name, document, variable)
