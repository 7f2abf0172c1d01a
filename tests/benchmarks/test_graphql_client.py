"""The load generator's HTTP client against a socket server that answers as told."""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections.abc import Iterator

import pytest

from benchmarks.graphql_client import GraphQLClient

DATA = {"data": {"ok": True, "name": "贾汪区"}}
BODY = json.dumps(DATA, ensure_ascii=False).encode("utf-8")


def _answer(body: bytes = BODY, status: str = "200 OK", extra: str = "") -> bytes:
    return (f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n{extra}"
            f"Content-Length: {len(body)}\r\n\r\n").encode() + body


class Scripted:
    """Accepts connections and answers each request read with the next scripted reply, which is
    a list of byte pieces sent one by one (an answer split across TCP writes)."""

    def __init__(self, replies: list[list[bytes]], close_after_each: bool = False) -> None:
        self.listener = socket.socket()
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen()
        self.port = self.listener.getsockname()[1]
        self.requests: list[bytes] = []
        self.connections = 0
        self._replies, self._close = replies, close_after_each
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        replies = iter(self._replies)
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            self.connections += 1
            with conn:
                for reply in replies:
                    self.requests.append(_read_request(conn))
                    for piece in reply:
                        conn.sendall(piece)
                        time.sleep(0.005 if len(reply) > 1 else 0)  # so the pieces arrive apart
                    if self._close:
                        break
                else:
                    return

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.listener.shutdown(socket.SHUT_RDWR)  # wakes a thread waiting in accept()
        self.listener.close()
        self._thread.join(5)


def _read_request(conn: socket.socket) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    length = int(next(line.split(b":")[1] for line in head.split(b"\r\n") if line.lower().startswith(b"content-length")))
    while len(body) < length:
        body += conn.recv(65536)
    return head + b"\r\n\r\n" + body


@pytest.fixture
def served() -> Iterator[list[Scripted]]:
    made: list[Scripted] = []
    yield made
    for server in made:
        server.close()


def _client(served: list[Scripted], replies: list[list[bytes]], **kw: bool) -> tuple[Scripted, GraphQLClient]:
    server = Scripted(replies, **kw)
    served.append(server)
    return server, GraphQLClient(server.port)


def test_posts_the_document_and_variables_as_json_and_returns_data(served: list[Scripted]) -> None:
    server, client = _client(served, [[_answer()]])
    assert client.post("query Q($n: String!) { ok }", {"n": "贾汪区"}) == DATA["data"]
    head, _, body = server.requests[0].partition(b"\r\n\r\n")
    assert head.startswith(b"POST /graphql HTTP/1.1\r\n")
    assert json.loads(body) == {"query": "query Q($n: String!) { ok }", "variables": {"n": "贾汪区"}}


def test_one_connection_carries_many_requests_and_an_answer_split_across_writes(served: list[Scripted]) -> None:
    whole = _answer()
    split = [whole[:7], whole[7:40], whole[40:-3], whole[-3:]]
    server, client = _client(served, [[whole], split, [whole]])
    call = client.caller("{ ok }", {})
    for _ in range(3):
        call()
    assert server.connections == 1 and len(server.requests) == 3
    assert len(set(server.requests)) == 1  # the request is built once and sent as is


def test_a_chunked_answer_is_read_whole_and_the_connection_kept(served: list[Scripted]) -> None:
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (BODY[:5], BODY[5:])) + b"0\r\n\r\n"
    server, client = _client(served, [[head, chunks[:9], chunks[9:]], [_answer()]])
    assert client.post("{ ok }", {}) == DATA["data"]
    assert client.post("{ ok }", {}) == DATA["data"]
    assert server.connections == 1


def test_an_http_error_and_a_graphql_error_raise(served: list[Scripted]) -> None:
    errors = json.dumps({"errors": [{"message": "no such field"}], "data": None}).encode()
    _, client = _client(served, [[_answer(b"busy", status="503 Service Unavailable")], [_answer(errors)]])
    with pytest.raises(RuntimeError, match="HTTP 503"):
        client.post("{ ok }", {})
    with pytest.raises(RuntimeError, match="no such field"):
        client.post("{ ok }", {})


def test_a_connection_the_server_said_it_closes_is_opened_again(served: list[Scripted]) -> None:
    server, client = _client(served, [[_answer(extra="Connection: close\r\n")]] * 2, close_after_each=True)
    assert client.post("{ ok }", {}) == DATA["data"]
    assert client.post("{ ok }", {}) == DATA["data"]
    assert server.connections == 2


def test_an_answer_cut_short_is_an_error_not_a_retry(served: list[Scripted]) -> None:
    whole = _answer()
    server, client = _client(served, [[whole[:-5]]], close_after_each=True)
    with pytest.raises(ConnectionError, match="middle of an answer"):
        client.post("{ ok }", {})
    assert len(server.requests) == 1
