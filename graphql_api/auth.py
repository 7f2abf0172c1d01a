"""Bearer-token check for mutations, as strawberry permissions. Read queries stay public.

The token comes from the environment (``GOVGRAPH_API_TOKEN``) when the app is made (the request
context's ``api_token``); with none configured, every mutation is refused. Tokens are compared in
constant time.

A mutation that writes declares ``permission_classes=TOKEN_REQUIRED``. Strawberry checks the
classes in order and the first that refuses answers, with its ``message``: there is one class per
refusal (mutations disabled, no bearer token, a wrong one) because a permission instance is shared
by every request, so its message cannot depend on the request. A refusal is an ``AuthError``
(``code`` and ``status`` in the error's extensions, as every ``UserError``) and sets the HTTP status
of the response: 401 with ``WWW-Authenticate`` when no token was sent, 403 otherwise.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

from strawberry.permission import BasePermission
from strawberry.types import Info

from .errors import AuthError

TOKEN_ENV = "GOVGRAPH_API_TOKEN"


def configured_token() -> str | None:
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None


def _bearer(authorization: str | None) -> str:
    """The token of ``Bearer <token>``; empty for any other header (or none)."""
    scheme, _, token = (authorization or "").strip().partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


@dataclass(frozen=True, slots=True)
class TokenRule:
    """One condition a mutation's request must meet, and the refusal when it does not."""

    message: str
    code: str
    status: int
    holds: Callable[[str | None, str | None], bool]  # (configured token, Authorization header)

    def refusal(self) -> AuthError:
        return AuthError(self.message, code=self.code, status=self.status)


ENABLED = TokenRule(f"mutations are disabled on this server: set {TOKEN_ENV} to enable them",
                    "MUTATIONS_DISABLED", 403, lambda configured, _: bool(configured))
SENT = TokenRule("authentication required: send the header 'Authorization: Bearer <token>'",
                 "UNAUTHENTICATED", 401, lambda _, authorization: bool(_bearer(authorization)))
MATCHES = TokenRule("invalid bearer token", "FORBIDDEN", 403, lambda configured, authorization: hmac.compare_digest(
    _bearer(authorization).encode("utf-8"), (configured or "").encode("utf-8")))
#: in the order they are checked: the first that fails is the answer
RULES = (ENABLED, SENT, MATCHES)


def check_bearer(configured: str | None, authorization: str | None) -> None:
    """Raise AuthError unless ``authorization`` is ``Bearer <configured token>``."""
    for rule in RULES:
        if not rule.holds(configured, authorization):
            raise rule.refusal()


class TokenPermission(BasePermission):
    """A strawberry permission that holds when its ``rule`` does for the request."""

    rule: ClassVar[TokenRule]

    def has_permission(self, source: Any, info: Info, **kwargs: Any) -> bool:
        context = info.context
        request = context.get("request")
        authorization = request.headers.get("authorization") if request is not None else None
        if self.rule.holds(context.get("api_token"), authorization):
            return True
        response = context.get("response")
        if response is not None:  # over HTTP: the status says it too
            response.status_code = self.rule.status
            if self.rule.status == 401:
                response.headers["WWW-Authenticate"] = 'Bearer realm="govgraph"'
        return False

    def on_unauthorized(self) -> None:
        # strawberry's documented hook: a UserError, so its message and code pass the error mask
        raise self.rule.refusal()


class MutationsEnabled(TokenPermission):
    rule = ENABLED
    message = ENABLED.message


class BearerTokenSent(TokenPermission):
    rule = SENT
    message = SENT.message


class BearerTokenValid(TokenPermission):
    rule = MATCHES
    message = MATCHES.message


#: ``permission_classes`` of every mutation that writes
TOKEN_REQUIRED: list[type[BasePermission]] = [MutationsEnabled, BearerTokenSent, BearerTokenValid]
