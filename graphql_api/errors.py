"""Errors the API shows to its users, and the extension that masks every other error.

A ``UserError`` is meant for the person who sent the request (an unknown name, a bad
cursor, a missing token): its message passes through unchanged, with a stable ``code``
in the error's extensions. Anything else raised inside a resolver is an internal error:
the client sees a generic message, the server log keeps the traceback.
"""

from __future__ import annotations

from graphql.error import GraphQLError
from strawberry.extensions import MaskErrors

from stores.base import StoreUnavailable

INTERNAL_MESSAGE = "Internal error: the server could not answer this request."
UNAVAILABLE_MESSAGE = "The graph store is unavailable right now; try again later."


class UserError(Exception):
    """An error whose message is written for the API's user. ``status`` is the HTTP status it maps to."""

    code = "BAD_REQUEST"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, status: int | None = None) -> None:
        super().__init__(message)
        if code is not None:
            self.code = code
        if status is not None:
            self.status = status

    @property
    def extensions(self) -> dict[str, object]:
        # graphql-core copies an original error's ``extensions`` into the response.
        return {"code": self.code, "status": self.status}


class BadCursor(UserError):
    code = "BAD_CURSOR"


class BadArgument(UserError):
    code = "BAD_ARGUMENT"


class AuthError(UserError):
    """401: no credentials; 403: wrong credentials or mutations disabled."""

    code = "UNAUTHENTICATED"
    status = 401


def is_user_error(error: GraphQLError) -> bool:
    """Errors about the request (parse, validation, variable values: no field path) and
    UserErrors pass through unmasked; anything else raised while resolving a field is ours."""
    if error.path is None:
        return True
    return isinstance(error.original_error, UserError)


class MaskInternalErrors(MaskErrors):
    """MaskErrors that tells "the store is down" apart from "something broke"."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=lambda error: not is_user_error(error), error_message=INTERNAL_MESSAGE)

    def _process_result(self, result: object) -> None:
        # MaskErrors asks isinstance(result, <a runtime-checkable Protocol>), which walks the
        # protocol's members on every request; an answer without errors needs one attribute read.
        errors = getattr(result, "errors", None)
        if errors:
            result.errors = self._process_errors(errors)  # type: ignore[attr-defined]

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        unavailable = isinstance(error.original_error, StoreUnavailable)
        return GraphQLError(
            message=UNAVAILABLE_MESSAGE if unavailable else INTERNAL_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=None,
            extensions={"code": "STORE_UNAVAILABLE" if unavailable else "INTERNAL_ERROR"},
        )


def is_unicode_text(value: str) -> bool:
    """JSON can carry lone surrogates (\\ud800) that no encoding can store."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
