"""A request's document, parsed and validated once per query text, under the API's limits.

Work done once: a query's parse and validation are cached by its text (bounded LRU caches
shared by all requests). strawberry's ``ValidationCache`` keys on the parsed document, whose
hash walks every node of it on every request; the text stands for the document, because the
same text always parses to the same document (the parse options are fixed per schema). The
limits' validation rules are built once too: ``QueryDepthLimiter`` and ``MaxAliasesLimiter``
make a new rule class on each construction, which would make every request's rules differ
and the validation cache miss every time.

Two paths read these caches: the schema's own (``PreparedDocuments``, an extension) and the
plain JSON POST path (``graphql_api/plain_posts.py``); both see the same documents and errors.
"""

from __future__ import annotations

import functools
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLError, GraphQLSchema, specified_rules
from graphql.language import DocumentNode
from graphql.language.parser import parse
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.schema import validate_document

#: Distinct query texts whose parse and validation are kept (an LRU: a flood of unique
#: texts evicts, it cannot grow memory).
CACHED_DOCUMENTS = 512


@dataclass(frozen=True, slots=True)
class DocumentLimits:
    """The most tokens a query may have, and the validation rules that bound its depth and aliases."""

    max_tokens: int
    rules: tuple[Any, ...]

    @classmethod
    def of(cls, max_depth: int, max_tokens: int, max_aliases: int) -> DocumentLimits:
        return cls(max_tokens, (*QueryDepthLimiter(max_depth=max_depth).validation_rules,
                                *MaxAliasesLimiter(max_alias_count=max_aliases).validation_rules))

    def all_rules(self) -> tuple[Any, ...]:
        """graphql-core's rules and these: what strawberry validates a request's document with."""
        return (*specified_rules, *self.rules)


@functools.cache
def _parse_cache() -> Callable[..., DocumentNode]:
    return functools.lru_cache(maxsize=CACHED_DOCUMENTS)(parse)


def parsed(query: str, max_tokens: int) -> DocumentNode:
    """The query's document (a ``GraphQLError`` for a text that does not parse)."""
    return _parse_cache()(query, max_tokens=max_tokens)


class _ValidationCache:
    """Validation errors by (schema, query text, rules), least recently used evicted first."""

    def __init__(self) -> None:
        self._errors: OrderedDict[tuple[Any, ...], list[GraphQLError]] = OrderedDict()
        self._lock = threading.Lock()  # execute_sync may validate in several threads at once
        self.hits = self.misses = 0  # for the tests: a text validated once, then found

    def errors(self, schema: GraphQLSchema, query: str, document: DocumentNode,
               rules: tuple[Any, ...]) -> list[GraphQLError]:
        key = (id(schema), query, rules)
        with self._lock:
            errors = self._errors.get(key)
            if errors is not None:
                self._errors.move_to_end(key)
                self.hits += 1
                return list(errors)
        errors = validate_document(schema, document, rules)
        with self._lock:
            self.misses += 1
            self._errors[key] = errors
            while len(self._errors) > CACHED_DOCUMENTS:
                self._errors.popitem(last=False)
        return list(errors)


validations = _ValidationCache()


def prepared_extensions(limits: DocumentLimits, *after: Any) -> list[Any]:
    """The schema's extension factories: the document's limits and caches, then ``after``."""
    return [lambda: PreparedDocuments(limits), *after]


class PreparedDocuments(SchemaExtension):
    """A request's document: parsed and validated under the limits, both kept by its text.

    One extension where there were four (strawberry's ``MaxTokensLimiter``,
    ``AddValidationRules`` and ``ParserCache``, and our validation cache): strawberry makes every
    extension anew for each request and wraps each of its hooks in a context manager (sampled at 16
    clients with the four, the extension machinery took 21% of the server's Python time; with this
    one and the error mask, 7%). The limits come first (the token limit is part of the parse's
    key, the depth and alias rules part of the validation's)."""

    def __init__(self, limits: DocumentLimits) -> None:
        super().__init__()
        self.limits = limits

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = self.limits.max_tokens
        context.validation_rules = context.validation_rules + self.limits.rules
        yield

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        context.graphql_document = _parse_cache()(context.query, **context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        schema, document = context.schema._schema, context.graphql_document
        if document is None:  # nothing parsed, nothing to validate
            yield
            return
        if context.query is None:  # nothing to key on: validate as strawberry would
            context.pre_execution_errors = validate_document(schema, document, context.validation_rules)
        else:
            context.pre_execution_errors = validations.errors(schema, context.query, document,
                                                              context.validation_rules)
        yield
