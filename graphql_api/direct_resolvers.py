"""Top-level resolvers called directly, without strawberry's per-call wrapping, where that
wrapping has nothing to do.

For every call, strawberry's resolver converts each argument (its GraphQL name camel-cased again,
its value passed through ``convert_argument``), chains the field's extensions and looks for
exception handlers. For a field with none of those and only scalar arguments (``str``, ``int``,
``float``, ``bool``, optional or not), that work gives back what graphql-core passed in, under
the Python names: ``direct_resolver`` maps the names once, when the schema is built, and calls
the method with strawberry's own ``Info``. Measured on ``govgraph serve`` over Neo4j (ask at 16
clients, server pinned to one core, alternating runs of 4 s): server user CPU 1.03–1.11 →
0.98–1.00 ms a request, 790–869 → 872–909 req/s.

Any other field (a permission class or extension, an enum or input argument, a resolver asking
for ``root`` or ``parent``, a static or class method, an async resolver, exception handlers)
keeps strawberry's resolver.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import strawberry
from strawberry.types.base import StrawberryOptional
from strawberry.types.field import StrawberryField

#: argument types whose value strawberry passes on as graphql-core coerced it
SCALARS = (str, int, float, bool)


def direct_resolver(schema: strawberry.Schema, definition: StrawberryField | None) -> Callable[..., Any] | None:
    """The field's resolver as a direct call (see the module's doc), or None: keep strawberry's."""
    if definition is None or definition.is_async or definition.extensions or definition.permission_classes:
        return None
    resolver = definition.base_resolver
    if resolver is None or resolver.root_parameter is not None or resolver.parent_parameter is not None:
        return None
    if schema.schema_converter._get_field_exception_handlers(definition):
        return None
    for argument in definition.arguments:
        kind = argument.type.of_type if isinstance(argument.type, StrawberryOptional) else argument.type
        if kind not in SCALARS:
            return None
    # (GraphQL name, Python name): ``from`` -> ``from_``, ``minShare`` -> ``min_share``
    names = tuple((schema.config.name_converter.from_argument(a), a.python_name) for a in definition.arguments)
    info_class = schema.config.info_class
    info_name = resolver.info_parameter.name if resolver.info_parameter is not None else None
    method, takes_self = resolver.wrapped_func, resolver.self_parameter is not None
    if isinstance(method, (staticmethod, classmethod)):  # strawberry binds these itself
        return None

    def resolve(root: Any, info: Any, **kwargs: Any) -> Any:
        arguments = {python: kwargs[graphql] for graphql, python in names if graphql in kwargs}
        if info_name is not None:
            arguments[info_name] = info_class(_raw_info=info, _field=definition)
        return method(root, **arguments) if takes_self else method(**arguments)

    return resolve
