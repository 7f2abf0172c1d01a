"""The load generator's HTTP client: one keep-alive HTTP/1.1 connection that posts GraphQL.

Why not ``http.client``: its response object and ``email``-based header parsing cost the client
about 0.5 ms of CPU a request on this project's 2-core machine (measured: 600 µs user CPU for a
signatories answer of 4.3 KB, against 225 µs here; 237 against 50 µs for ``{ __typename }``).
At one client that is time added to every GraphQL latency and to none of the raw driver's; at
16 clients it is CPU taken from Neo4j, which shares the client's core. Load generators such as
wrk send a request built once and read the answer by its length; this one does that too, and
still decodes every answer and fails on a GraphQL error, so a benchmark of failing requests
measures nothing. The same client serves ours and the peer.
"""

from __future__ import annotations

import json
import socket
from typing import Any

from .latency import Call

#: what the server does to an idle keep-alive connection (uvicorn closes it after 5 s)
_CLOSED_BY_SERVER = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)
_CHUNK = 65536
_HEAD_END = b"\r\n\r\n"


class ClosedByServer(ConnectionError):
    """The server closed the connection before any byte of the answer."""


class GraphQLClient:
    """A keep-alive HTTP/1.1 connection to ``127.0.0.1:port`` that posts one GraphQL document;
    an HTTP status other than 200 or a GraphQL error raises ``RuntimeError``."""

    def __init__(self, port: int, path: str = "/graphql", timeout: float = 60.0) -> None:
        self._address = ("127.0.0.1", port)
        self._path = path
        self._timeout = timeout
        self._sock: socket.socket | None = None
        self._pending = b""  # bytes read past the previous answer (none from a well-behaved server)

    def request_bytes(self, query: str, variables: dict[str, Any]) -> bytes:
        body = json.dumps({"query": query, "variables": variables}).encode("utf-8")
        head = (f"POST {self._path} HTTP/1.1\r\nHost: {self._address[0]}:{self._address[1]}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
        return head.encode("ascii") + body

    def post(self, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return self.send(self.request_bytes(query, variables))

    def caller(self, query: str, variables: dict[str, Any]) -> Call:
        """One request, built once, sent on every call (as wrk does)."""
        request = self.request_bytes(query, variables)

        def call() -> None:
            self.send(request)

        return call

    def send(self, request: bytes) -> dict[str, Any]:
        try:
            status, payload = self._exchange(request)
        except (*_CLOSED_BY_SERVER, ClosedByServer):
            # The server closed an idle keep-alive connection: open a new one and send again,
            # as any HTTP client does; the queries only read.
            self.close()
            status, payload = self._exchange(request)
        if status != 200:
            raise RuntimeError(f"HTTP {status}: {payload[:500]!r}")
        result = json.loads(payload)
        if result.get("errors"):
            raise RuntimeError(f"GraphQL errors: {result['errors']}")
        return dict(result["data"])

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
        self._sock, self._pending = None, b""

    def _connected(self) -> socket.socket:
        if self._sock is None:
            sock = socket.create_connection(self._address, timeout=self._timeout)
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._sock = sock
        return self._sock

    def _exchange(self, request: bytes) -> tuple[int, bytes]:
        sock = self._connected()
        sock.sendall(request)
        buffer = self._pending
        while (end := buffer.find(_HEAD_END)) < 0:
            buffer += self._recv(sock, first=not buffer)
        head, rest = buffer[:end].decode("latin-1"), buffer[end + len(_HEAD_END):]
        status_line, *lines = head.split("\r\n")
        headers = {name.strip().lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
        status = int(status_line.split(" ", 2)[1])
        if "content-length" in headers:
            length = int(headers["content-length"])
            while len(rest) < length:
                rest += self._recv(sock)
            payload, self._pending = rest[:length], rest[length:]
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            payload, self._pending = self._chunked(sock, rest)
        else:
            raise RuntimeError(f"HTTP {status}: an answer with neither Content-Length nor chunked encoding")
        if headers.get("connection", "").lower() == "close":
            self.close()
        return status, payload

    def _chunked(self, sock: socket.socket, buffer: bytes) -> tuple[bytes, bytes]:
        """The body of a chunked answer and the bytes after it."""
        parts: list[bytes] = []
        while True:
            while (end := buffer.find(b"\r\n")) < 0:
                buffer += self._recv(sock)
            size = int(buffer[:end].split(b";", 1)[0], 16)
            buffer = buffer[end + 2:]
            while len(buffer) < size + 2:
                buffer += self._recv(sock)
            if size == 0:  # the last chunk: an empty line, or trailers and then one
                while not buffer.startswith(b"\r\n") and _HEAD_END not in buffer:
                    buffer += self._recv(sock)
                rest = buffer[2:] if buffer.startswith(b"\r\n") else buffer.split(_HEAD_END, 1)[1]
                return b"".join(parts), rest
            parts.append(buffer[:size])
            buffer = buffer[size + 2:]

    def _recv(self, sock: socket.socket, first: bool = False) -> bytes:
        data = sock.recv(_CHUNK)
        if not data:
            if first:
                raise ClosedByServer("the server closed the connection")
            raise ConnectionError("the server closed the connection in the middle of an answer")
        return data
