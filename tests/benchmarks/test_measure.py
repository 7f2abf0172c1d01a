"""The benchmark's own arithmetic and file formats: percentiles, line fits, the import CSV."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from benchmarks.generate import generate
from benchmarks.ingest_bench import growth, ingest_documents, linear_fit
from benchmarks.latency import closed_loop, percentile
from benchmarks.loaders import combine
from stores.neo4j_bulk import ARRAY_DELIMITER, _csv_type, write_import_csv


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [([1.0], 50, 1.0), ([1.0, 2.0], 50, 1.0), ([1.0, 2.0, 3.0], 50, 2.0), ([float(i) for i in range(1, 101)], 99, 99.0),
     ([float(i) for i in range(1, 101)], 50, 50.0), ([float(i) for i in range(1, 11)], 100, 10.0)],
)
def test_percentile_is_nearest_rank(values: list[float], q: float, expected: float) -> None:
    assert percentile(values, q) == expected


def test_percentile_of_nothing_is_an_error() -> None:
    with pytest.raises(ValueError, match="no samples"):
        percentile([], 50)


def test_linear_fit_recovers_a_line() -> None:
    slope, intercept, r2 = linear_fit([1.0, 2.0, 3.0, 4.0], [3.0, 5.0, 7.0, 9.0])
    assert (round(slope, 9), round(intercept, 9), round(r2, 9)) == (2.0, 1.0, 1.0)


def test_linear_fit_of_a_curve_has_r2_below_one() -> None:
    assert linear_fit([1.0, 2.0, 3.0, 4.0], [1.0, 4.0, 9.0, 16.0])[2] < 0.99


def test_closed_loop_counts_every_request_and_raises_errors() -> None:
    calls: list[int] = []
    stats = closed_loop(lambda: lambda: calls.append(1), clients=2, seconds=0.05, warmup=1)
    assert stats.requests == len(calls) - 2 and stats.requests > 0 and stats.clients == 2
    assert 0 < stats.p50_ms <= stats.p99_ms

    def failing() -> None:
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError, match="boom"):
        closed_loop(lambda: failing, clients=1, seconds=0.05, warmup=0)


def test_closed_loop_warms_up_for_the_time_given_at_sixteen_clients() -> None:
    import time

    callers: list[int] = []
    calls: list[float] = []

    def make() -> object:
        callers.append(1)

        def call() -> None:
            calls.append(time.perf_counter())
        return call

    started = time.perf_counter()
    stats = closed_loop(make, clients=1, seconds=0.05, warmup=0, warmup_seconds=0.2)  # type: ignore[arg-type]
    assert time.perf_counter() - started >= 0.25
    assert len(callers) == 16 + 1 and stats.clients == 1  # the warm-up ran 16 loops; the timed run one
    assert stats.requests < len(calls)  # warm-up calls are not in the statistics


def test_the_benchmark_says_in_one_line_when_neo4j_is_unreachable(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:9", "PYTHONPATH": str(Path(__file__).parents[2])}
    done = subprocess.run([sys.executable, "-m", "benchmarks.run", "--smoke", "--out", str(tmp_path)],
                          capture_output=True, text=True, env=env, timeout=120, cwd=Path(__file__).parents[2])
    assert done.returncode == 1
    errors = [line for line in done.stderr.splitlines() if not line.startswith("[")]  # progress lines start with [
    assert len(errors) == 1 and "not reachable at bolt://127.0.0.1:9" in errors[0], done.stderr
    assert "Traceback" not in done.stderr


def test_growth_fits_cumulative_cost() -> None:
    run = ingest_documents(list(generate(4, seed=11)))
    fit = growth(run, points=4)
    assert fit["n"] == [1, 2, 3, 4]
    assert fit["cumulative_seconds"][-1] == pytest.approx(run.parse_extract_seconds, abs=1e-3)
    assert run.chars == sum(len(d.text) for d in generate(4, seed=11))


@pytest.mark.parametrize(
    ("values", "expected"),
    [([None], "string"), (["a", None], "string"), ([True, False], "boolean"), ([1, None, 3], "long"),
     ([1, 2.5], "double"), ([["a"], [], None], "string[]"), ([[1, 2]], "long[]"), (["a", 1], "string")],
)
def test_csv_column_types(values: list[object], expected: str) -> None:
    assert _csv_type(values) == expected


def test_import_csv_has_one_file_per_label_and_type_and_every_fact(tmp_path) -> None:  # type: ignore[no-untyped-def]
    graphs = [ingest_documents([doc]).graphs[0] for doc in generate(2, seed=12)]
    combined = combine(graphs)
    args = write_import_csv(combined, tmp_path)
    rows = 0
    for arg in args:
        path = arg.split("=", 2)[2]
        with open(path, encoding="utf-8", newline="") as handle:
            table = list(csv.reader(handle))
        header, body = table[0], table[1:]
        assert header[0] in ("key:ID", ":START_ID")
        assert all(len(row) == len(header) for row in body)
        rows += len(body)
    assert rows == combined.size
    assert not any(ARRAY_DELIMITER in str(v) for n in combined.nodes for v in n.props.values() if isinstance(v, str))


def test_benchmark_queries_answer_on_the_embedded_store() -> None:
    # The GraphQL documents the benchmark sends stay valid for the schema, and say something.
    from benchmarks.query_bench import FIELDS, Place, answer_fields
    from stores.memory import MemoryStore

    graphs = ingest_documents(list(generate(3, seed=0))).graphs
    store = MemoryStore()
    for graph in graphs:
        store.load(graph)
    first = next(n.key for n in graphs[0].nodes if n.label == "Jurisdiction")
    place = next(r.place for r in store.jurisdictions() if r.place.key == first)
    answered: list[str] = []
    answer_fields(store, Place(place.key, place.name, place.name_en), lambda field, data: answered.append(field))
    assert answered == list(FIELDS)


def test_graphql_client_reopens_a_connection_the_server_closed() -> None:
    # A server that answers once per connection and then closes it, as uvicorn does with an
    # idle keep-alive connection: the client opens a new connection and sends again.
    import socket
    import threading

    from benchmarks.graphql_client import GraphQLClient

    body = b'{"data": {"ok": true}}'
    answer = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    accepted: list[int] = []

    def serve() -> None:
        for _ in range(2):
            conn, _ = listener.accept()
            accepted.append(1)
            conn.recv(65536)
            conn.sendall(answer)
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    client = GraphQLClient(listener.getsockname()[1])
    try:
        assert client.post("{ ok }", {}) == {"ok": True}
        assert client.post("{ ok }", {}) == {"ok": True}
    finally:
        client.close()
        listener.close()
    thread.join(5)
    assert len(accepted) == 2


def test_a_sub_microsecond_p50_is_kept_as_a_time_not_rounded_to_zero() -> None:
    from benchmarks.latency import Stats

    kept = Stats(clients=1, requests=9, seconds=0.1, p50_ms=0.00042, p99_ms=0.0011, mean_ms=0.0005, rps=90.0).as_dict()
    assert (kept["p50_ms"], kept["p99_ms"], kept["rps"]) == (0.00042, 0.0011, 90.0)


def test_closed_loop_reports_the_cpu_its_callers_spent_per_request() -> None:
    import time

    from benchmarks.latency import closed_loop

    def busy() -> None:  # about 2 ms of CPU, no waiting
        end = time.process_time() + 0.002
        while time.process_time() < end:
            pass

    stats = closed_loop(lambda: busy, 1, 0.3)
    assert stats.requests > 10
    assert 1.5 <= stats.client_cpu_ms <= 4.0  # about the 2 ms each call burns; the loop's own cost is small
