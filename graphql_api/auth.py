"""Bearer-token check for mutations. Read queries stay public.

The token comes from the environment (``GOVGRAPH_API_TOKEN``) when the app is made;
with none configured, every mutation is refused. Tokens are compared in constant time.
"""

from __future__ import annotations

import hmac
import os

from .errors import AuthError

TOKEN_ENV = "GOVGRAPH_API_TOKEN"


def configured_token() -> str | None:
    token = os.environ.get(TOKEN_ENV, "").strip()
    return token or None


def check_bearer(configured: str | None, authorization: str | None) -> None:
    """Raise AuthError unless ``authorization`` is ``Bearer <configured token>``."""
    if not configured:
        raise AuthError(
            f"mutations are disabled on this server: set {TOKEN_ENV} to enable them",
            code="MUTATIONS_DISABLED", status=403,
        )
    scheme, _, token = (authorization or "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise AuthError("authentication required: send the header 'Authorization: Bearer <token>'")
    if not hmac.compare_digest(token.strip().encode("utf-8"), configured.encode("utf-8")):
        raise AuthError("invalid bearer token", code="FORBIDDEN", status=403)
