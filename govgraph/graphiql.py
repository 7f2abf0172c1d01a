"""GraphiQL from files shipped with govgraph instead of a CDN.

strawberry's GraphiQL page loads React and GraphiQL from unpkg.com; where that host is
unreachable the page stays blank. ``LocalGraphiQL`` wraps the API app: a browser's
``GET /graphql`` gets the same page with those URLs pointing at ``/graphiql-assets/``,
which serves the files of ``static/graphiql/`` (see its README). Everything else goes
to the app unchanged.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import parse_qs

from starlette.responses import FileResponse, HTMLResponse
from starlette.types import ASGIApp, Receive, Scope, Send
from strawberry.http.ides import get_graphql_ide_html

ASSETS = Path(__file__).parent / "static" / "graphiql"
PREFIX = "/graphiql-assets/"

#: URL in strawberry's page -> the file shipped here (byte-identical: the page's SRI hash checks it)
CDN_FILES: dict[str, str] = {
    "https://unpkg.com/react@18.2.0/umd/react.production.min.js": "react.production.min.js",
    "https://unpkg.com/react-dom@18.2.0/umd/react-dom.production.min.js": "react-dom.production.min.js",
    "https://unpkg.com/js-cookie@3.0.5/dist/js.cookie.min.js": "js.cookie.min.js",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.css": "graphiql.min.css",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/style.css": "plugin-explorer.css",
    "https://unpkg.com/graphiql@3.8.3/graphiql.min.js": "graphiql.min.js",
    "https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js": "plugin-explorer.umd.js",
}
_MEDIA_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
_EXTERNAL = re.compile(r'(?:src|href)="(https?://[^"]+)"')


def local_page() -> str:
    """strawberry's GraphiQL page, loading its scripts and styles from ``PREFIX``."""
    html = get_graphql_ide_html("graphiql")
    for url, name in CDN_FILES.items():
        html = html.replace(url, PREFIX + name)
    return html


def external_urls(html: str) -> list[str]:
    """Scripts and styles the page would still fetch from elsewhere (none, while CDN_FILES is current)."""
    return _EXTERNAL.findall(html)


def _wants_ide(scope: Scope, path: str) -> bool:
    """The request strawberry answers with the IDE page: a browser's GET without a query."""
    if scope["method"] != "GET" or scope["path"] != path:
        return False
    if "query" in parse_qs(scope.get("query_string", b"").decode("latin-1")):
        return False
    accept = dict(scope["headers"]).get(b"accept", b"").decode("latin-1")
    return "text/html" in accept or "*/*" in accept


class LocalGraphiQL:
    """ASGI middleware serving GraphiQL's page and files locally, in front of the API app."""

    def __init__(self, app: ASGIApp, path: str = "/graphql") -> None:
        self.app = app
        self.path = path
        self.page = local_page()
        self.files = {name: ASSETS / name for name in CDN_FILES.values()}
        missing = [str(p) for p in self.files.values() if not p.is_file()]
        if missing:
            raise FileNotFoundError(f"GraphiQL files missing from the install: {', '.join(missing)}")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            if scope["path"].startswith(PREFIX):
                file = self.files.get(scope["path"][len(PREFIX):])
                response = (FileResponse(file, media_type=_MEDIA_TYPES[file.suffix],
                                         headers={"Cache-Control": "public, max-age=86400"})
                            if file is not None else HTMLResponse("not found", status_code=404))
                await response(scope, receive, send)
                return
            if _wants_ide(scope, self.path):
                await HTMLResponse(self.page)(scope, receive, send)
                return
        await self.app(scope, receive, send)
