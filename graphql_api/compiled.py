"""Compiled completion: the answer below a field built by one plan per query, not field by field.

graphql-core completes a value by walking it field by field: for every object a field set
collected, for every field a ``ResolveInfo``, a resolver call, ``complete_value`` through
nullability, list and leaf checks. A ``compare`` answer has ~18,000 fields, and that walk
cost three times what reading and building the rows did.

Where a selection reads only plain fields — strawberry's default resolver (a ``getattr``, no
resolver, permission or field extension of its own), no arguments, object types without
``is_type_of``, no directive but ``@include``/``@skip`` — what the walk does is fixed by the
query: ``_Compiler`` turns it once into a plan, and ``_Source`` the plan into generated Python,
a function per object and list (read the attribute, complete the object's selections into a
dict in the order graphql-core collects them, map a list, check a leaf inline and pass it
through); ``Plans`` keeps them by the query's field nodes, the type and the values of the
variables its ``@include``/``@skip`` read.

A plan only handles the ordinary case. A null where the type says non-null, a value its type
will not coerce, an exception as a value, an attribute missing, a mapping or generator where
a list is expected: the plan gives up (``Unplanned``) and the executor completes the same
value the ordinary way, which re-reads the same attributes (plain reads, no side effects) and
reports exactly what graphql-core reports. So the answer, data and errors, is graphql-core's.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Any, cast

from graphql import (
    GraphQLBoolean,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLString,
    Undefined,
    is_leaf_type,
)
from graphql.execution.collect_fields import collect_subfields
from graphql.language import (
    BooleanValueNode,
    FieldNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionSetNode,
    VariableNode,
)

Completer = Callable[[Any], Any]
#: directives a plan applies through graphql-core's own field collection; any other: no plan
_PLANNED_DIRECTIVES = frozenset({"include", "skip"})
#: plans kept; past it the cache starts again (a flood of distinct queries cannot grow memory)
MAX_PLANS = 4096
_INT_MIN, _INT_MAX = -(2**31), 2**31 - 1
_MISSING = object()  # an attribute the value does not have


class Unplanned(Exception):  # a signal, not an error: complete the ordinary way
    """The plan met a value it does not handle."""


class _NoPlan(Exception):
    """The selection has something a plan does not handle."""


def _basic_attribute(field: Any) -> str:
    """The attribute a field reads, if it is a plain read of one (else ``_NoPlan``)."""
    if field.args or getattr(field.resolve, "__name__", "") != "_get_basic_result":
        raise _NoPlan
    definition = (field.extensions or {}).get("strawberry-definition")
    if definition is None or not definition.is_basic_field or definition.default_resolver is not getattr:
        raise _NoPlan
    return str(definition.python_name)


def _directive_variables(selection_set: SelectionSetNode | None, fragments: dict[str, Any],
                         seen: set[str], names: list[str]) -> None:
    """Variables the selection's ``@include``/``@skip`` read, into ``names``; ``_NoPlan`` for
    another directive or an argument on a nested field."""
    if selection_set is None:
        return
    for selection in selection_set.selections:
        for directive in selection.directives or ():
            if directive.name.value not in _PLANNED_DIRECTIVES:
                raise _NoPlan
            for argument in directive.arguments or ():
                if isinstance(argument.value, VariableNode):
                    names.append(argument.value.name.value)
                elif not isinstance(argument.value, BooleanValueNode):
                    raise _NoPlan
        if isinstance(selection, FieldNode):
            if selection.arguments:
                raise _NoPlan
            _directive_variables(selection.selection_set, fragments, seen, names)
        elif isinstance(selection, InlineFragmentNode):
            _directive_variables(selection.selection_set, fragments, seen, names)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in seen:
                continue
            seen.add(name)
            details = fragments.get(name)
            if details is None or details.definition.directives or getattr(details, "variable_signatures", None):
                raise _NoPlan
            _directive_variables(details.definition.selection_set, fragments, seen, names)


def _slow_leaf(leaf: GraphQLLeafType, nullable: bool) -> Completer:
    """A leaf value the generated code's inline check did not pass: coerced by its type, or ``Unplanned``."""
    coerce = leaf.coerce_output_value
    enum_names: dict[tuple[type, Any], Any] = {}

    def slow(value: Any) -> Any:
        if value is None and nullable:
            return None
        if value is None or value is _MISSING or value is Undefined or isinstance(value, BaseException):
            raise Unplanned
        memo_key = (type(value), value) if isinstance(value, Enum) else None
        if memo_key is not None and memo_key in enum_names:
            return enum_names[memo_key]
        try:
            coerced = coerce(value)
        except Exception as exc:  # the ordinary way reports it
            raise Unplanned from exc
        if coerced is None or coerced is Undefined:
            raise Unplanned
        if memo_key is not None:
            enum_names[memo_key] = coerced
        return coerced

    return slow


@dataclass(frozen=True, slots=True)
class _LeafPlan:
    leaf: GraphQLLeafType
    nullable: bool


@dataclass(frozen=True, slots=True)
class _ListPlan:
    item: _Plan
    nullable: bool


@dataclass(frozen=True, slots=True)
class _ObjectPlan:
    fields: tuple[tuple[str, str, _Plan], ...]  # (response key, attribute, plan); attribute "" for __typename
    type_name: str
    nullable: bool


_Plan = _LeafPlan | _ListPlan | _ObjectPlan
#: leaf types whose good values are one Python type, checked inline (else the slow path)
_INLINE_TYPES: dict[int, str] = {id(GraphQLString): "str", id(GraphQLID): "str", id(GraphQLBoolean): "bool"}


class _Source:
    """Python source for one plan: a function per object and list, leaves checked inline.

    Generated code, not nested closures: a ``compare`` answer is ~18,000 fields, and a call per
    leaf (the closures' way) was most of completing it. Names and keys enter the source only
    through ``repr`` and checked identifiers."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.namespace: dict[str, Any] = {"Unplanned": Unplanned, "BaseException": BaseException}
        self.count = 0

    def _name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def _leaf(self, plan: _LeafPlan, value: str) -> str:
        """An expression: ``value`` itself when its type passes inline, else its slow completion."""
        slow = self._name("slow")
        self.namespace[slow] = _slow_leaf(plan.leaf, plan.nullable)
        null = f" or {value} is None" if plan.nullable else ""  # a null where one may be: itself
        inline = _INLINE_TYPES.get(id(plan.leaf))
        if inline is not None:
            return f"{value} if type({value}) is {inline}{null} else {slow}({value})"
        if plan.leaf is GraphQLInt:
            return f"{value} if type({value}) is int and {_INT_MIN} <= {value} <= {_INT_MAX}{null} else {slow}({value})"
        return f"{slow}({value})"

    def _absent(self, nullable: bool) -> str:
        return "return None" if nullable else "raise Unplanned"

    def function(self, plan: _Plan) -> str:
        """The name of a function completing a value by ``plan``."""
        name = self._name("complete")
        if isinstance(plan, _LeafPlan):
            body = [f"    return {self._leaf(plan, 'value')}"]
        elif isinstance(plan, _ListPlan):
            item = self._leaf(plan.item, "v") if isinstance(plan.item, _LeafPlan) else f"{self.function(plan.item)}(v)"
            body = ["    if type(value) is list or type(value) is tuple:", f"        return [{item} for v in value]"]
            body += ["    if value is None:", f"        {self._absent(plan.nullable)}", "    raise Unplanned"]
        else:
            body = ["    if value is None:", f"        {self._absent(plan.nullable)}",
                    "    if isinstance(value, BaseException):", "        raise Unplanned"]
            entries = []
            for index, (key, attribute, field) in enumerate(plan.fields):
                if not attribute:  # __typename: the object type's name
                    entries.append(f"{key!r}: {plan.type_name!r}")
                    continue
                if not attribute.isidentifier():
                    raise _NoPlan
                local = f"v{index}"
                body.append(f"    {local} = value.{attribute}")  # missing: AttributeError, the ordinary way's
                completed = self._leaf(field, local) if isinstance(field, _LeafPlan) else f"{self.function(field)}({local})"
                body.append(f"    {local} = {completed}")
                entries.append(f"{key!r}: {local}")
            body.append("    return {" + ", ".join(entries) + "}")
        self.lines += [f"def {name}(value):", *body, ""]
        return name

    def compile(self, plan: _Plan) -> Completer:
        top = self.function(plan)
        exec(compile("\n".join(self.lines), "<completion plan>", "exec"), self.namespace)
        return cast(Completer, self.namespace[top])


class _Compiler:
    """Plans for one execution's schema, fragments and variables."""

    def __init__(self, executor: Any) -> None:
        self.executor = executor

    def completer(self, type_: GraphQLOutputType, details: Any) -> Completer:
        return _Source().compile(self.plan(type_, details))

    def plan(self, type_: GraphQLOutputType, details: Any, nullable: bool = True) -> _Plan:
        if isinstance(type_, GraphQLNonNull):
            return self.plan(type_.of_type, details, nullable=False)
        if isinstance(type_, GraphQLList):
            return _ListPlan(self.plan(type_.of_type, details), nullable)
        if is_leaf_type(type_):
            return _LeafPlan(type_, nullable)
        if isinstance(type_, GraphQLObjectType) and type_.is_type_of is None:
            return _ObjectPlan(tuple(self.fields(type_, details)), type_.name, nullable)
        raise _NoPlan  # an interface or union: the runtime type is the ordinary way's to find

    def fields(self, parent: GraphQLObjectType, details: Any) -> list[tuple[str, str, _Plan]]:
        ex = self.executor
        grouped, defer_usages, *_ = collect_subfields(ex.schema, ex.fragments, ex.variable_values, ex.operation,
                                                      parent, details, ex.hide_suggestions)
        if defer_usages:
            raise _NoPlan
        planned: list[tuple[str, str, _Plan]] = []
        for key, sub in grouped.items():
            if any(d.fragment_variable_values is not None or d.defer_usage is not None for d in sub):
                raise _NoPlan
            name = sub[0].node.name.value
            if name == "__typename":
                planned.append((key, "", _LeafPlan(GraphQLString, False)))
                continue
            field = parent.fields.get(name)
            if field is None:
                raise _NoPlan
            planned.append((key, _basic_attribute(field), self.plan(field.type, sub)))
        return planned


class _Entry:
    __slots__ = ("by_values", "held", "variables")

    def __init__(self, held: tuple[Any, ...], variables: tuple[str, ...] | None) -> None:
        self.held = held  # the type and nodes keyed by id: alive, so their ids stay theirs
        self.variables = variables  # None: the selection has something no plan handles
        self.by_values: dict[tuple[Any, ...], Completer | None] = {}


class Plans:
    """Completers by (type, field nodes, values of the @include/@skip variables); None: no plan."""

    def __init__(self, size: int = MAX_PLANS) -> None:
        self.size = size
        self.completed = self.gave_up = 0  # values completed by a plan, and handed back (for the tests)
        self._entries: dict[tuple[int, ...], _Entry] = {}
        self._lock = threading.Lock()

    def find(self, executor: Any, return_type: GraphQLOutputType, details: Any) -> Completer | None:
        key = (id(return_type), *[id(d.node) for d in details])
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entry(executor, return_type, details)
            with self._lock:
                if len(self._entries) >= self.size:
                    self._entries.clear()
                self._entries[key] = entry
        if entry.variables is None:
            return None
        coerced = executor.variable_values.coerced
        values = tuple(coerced.get(name) for name in entry.variables)
        try:
            return entry.by_values[values]
        except KeyError:
            pass
        try:
            plan: Completer | None = _Compiler(executor).completer(return_type, details)
        except _NoPlan:
            plan = None
        if len(entry.by_values) < self.size:
            entry.by_values[values] = plan
        return plan

    @staticmethod
    def _entry(executor: Any, return_type: GraphQLOutputType, details: Any) -> _Entry:
        held = (return_type, *[d.node for d in details])
        names: list[str] = []
        try:
            for d in details:
                if d.fragment_variable_values is not None or d.defer_usage is not None:
                    raise _NoPlan
                _directive_variables(d.node.selection_set, executor.fragments, set(), names)
        except _NoPlan:
            return _Entry(held, None)
        return _Entry(held, tuple(dict.fromkeys(names)))
