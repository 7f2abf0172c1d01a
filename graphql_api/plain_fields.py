"""An executor that reads plain scalar fields straight off their objects.

Most of an answer is leaves: ``name``, ``key``, ``start`` … of the objects ``builders.py``
made. graphql-core executes each one as a field — a ``ResolveInfo`` built, strawberry's
default resolver called through ``get_result``, the value completed through the generic
``complete_value`` — and that, not the store, is where most of a request's CPU went
(a signatories answer: 141 fields, 112 of them leaves).

``PlainFieldExecutor`` gives a leaf field with strawberry's default resolver (no resolver of
its own, no permission or field extension), no arguments and no schema middleware the short
way: the attribute, coerced by the field's own scalar or enum type. Anything else — another
field, a null where a value is required, a value the type will not coerce, an exception —
goes the ordinary way, which re-reads the attribute (a plain read) and reports exactly what
graphql-core would. So the answer and its errors are the same; only the work differs.

A whole selection of such fields (objects and lists of them too) goes further: ``complete_value``
completes it through a plan compiled once per query (``graphql_api/compiled.py``), and hands
it back to graphql-core, whole, on the first value the plan does not handle.
"""

from __future__ import annotations

from typing import Any

from graphql import GraphQLField, GraphQLLeafType, GraphQLNonNull, GraphQLObjectType, Undefined, is_leaf_type
from graphql import version_info as graphql_core_version
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from .compiled import Plans

#: (attribute name, leaf type, nullable): how a plain leaf field is read; None: not plain
_Plan = tuple[str, GraphQLLeafType, bool] | None
#: by the field's id (fields are not hashable); the field is held so that its id stays its own
_plans: dict[int, tuple[GraphQLField, _Plan]] = {}
#: compiled completers of whole selections (graphql_api/compiled.py), shared by requests
completers = Plans()


def _plan(field: GraphQLField) -> _Plan:
    if not getattr(field.resolve, "_is_default", False):  # strawberry marks its default resolver
        return None
    definition = (field.extensions or {}).get("strawberry-definition")
    # is_basic_field: no resolver and no field extension (a permission class is one, and
    # strawberry still marks such a field's resolver as its default one)
    if definition is None or not definition.is_basic_field or definition.default_resolver is not getattr or field.args:
        return None
    nullable = not isinstance(field.type, GraphQLNonNull)
    leaf = field.type.of_type if isinstance(field.type, GraphQLNonNull) else field.type
    if not is_leaf_type(leaf):
        return None
    return str(definition.python_name), leaf, nullable


class PlainFieldExecutor(StrawberryGraphQLCoreExecutionContext):
    """strawberry's executor, with plain leaf fields read directly (see the module's doc)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        # schema middleware (an extension's ``resolve`` hook) must see every field
        self._plain_reads = not (manager is not None and manager.middlewares)
        self._completing_the_ordinary_way = False

    def complete_value(  # graphql-core 3.3's signature
        self, return_type: Any, field_details_list: Any, info: Any, path: Any, result: Any,
        position_context: Any,
    ) -> Any:
        # A selection of plain fields completes through its compiled plan; where the plan gives
        # up (a null in a non-null field, an error …), the ordinary way completes it all again
        # and reports what graphql-core reports. Inside that, no plan is tried again.
        if self._plain_reads and not self._completing_the_ordinary_way and not self.is_awaitable(result):
            complete = completers.find(self, return_type, field_details_list)
            if complete is not None:
                try:
                    completed = complete(result)
                except Exception:  # noqa: BLE001  # Unplanned, or a property that raised: the ordinary way reports it
                    completers.gave_up += 1
                else:
                    completers.completed += 1
                    return completed
                self._completing_the_ordinary_way = True
                try:
                    return super().complete_value(return_type, field_details_list, info, path, result, position_context)
                finally:
                    self._completing_the_ordinary_way = False
        return super().complete_value(return_type, field_details_list, info, path, result, position_context)

    def execute_field(  # graphql-core 3.3's signature
        self, parent_type: GraphQLObjectType, source: Any, field_details_list: Any, path: Any,
        position_context: Any,
    ) -> Any:
        node = field_details_list[0].node
        field = parent_type.fields.get(node.name.value)
        if field is not None and not node.arguments and self._plain_reads:
            known = _plans.get(id(field))
            if known is None:
                known = _plans[id(field)] = (field, _plan(field))
            plan = known[1]
            if plan is not None:
                name, leaf, nullable = plan
                value = getattr(source, name, Undefined)
                if value is None and nullable:
                    return None
                if value is not None and value is not Undefined and not isinstance(value, Exception):
                    try:
                        coerced = leaf.coerce_output_value(value)
                    except Exception:  # noqa: BLE001  # the ordinary way reports it
                        coerced = None
                    if coerced is not None and coerced is not Undefined:
                        return coerced
        return super().execute_field(parent_type, source, field_details_list, path, position_context)


def executor_class() -> type[StrawberryGraphQLCoreExecutionContext] | None:
    """``PlainFieldExecutor`` on the graphql-core it was written for (3.3: ``execute_field``
    with field details); on another, None: strawberry's own executor."""
    return PlainFieldExecutor if tuple(graphql_core_version)[:2] == (3, 3) else None
