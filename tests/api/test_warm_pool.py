"""The field workers' pool: the warmest idle thread takes the next task, up to a bound."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from graphql_api.warm_pool import WarmFirstPool


def _thread() -> int:
    return threading.get_ident()


def _burst(pool: WarmFirstPool, size: int) -> list[int]:
    """``size`` tasks that all run at once (each waits for the others): the threads they ran on."""
    barrier = threading.Barrier(size, timeout=10)

    def task() -> int:
        barrier.wait()
        return _thread()

    return [f.result(timeout=10) for f in [pool.submit(task) for _ in range(size)]]


def _holder() -> tuple[threading.Event, threading.Event, Callable[[], str]]:
    """A task that runs until released: (started, release, the task)."""
    started, release = threading.Event(), threading.Event()

    def hold() -> str:
        started.set()
        release.wait(10)
        return "held"

    return started, release, hold


def test_one_client_after_another_is_served_by_one_thread() -> None:
    pool = WarmFirstPool(8)
    try:
        threads = {pool.submit(_thread).result(timeout=10) for _ in range(50)}
        assert len(threads) == 1 and pool.started_workers == 1
    finally:
        pool.shutdown()


def test_after_a_burst_the_thread_that_went_idle_last_takes_every_next_task() -> None:
    pool = WarmFirstPool(8)
    try:
        assert len(set(_burst(pool, 6))) == 6
        first = pool.submit(_thread).result(timeout=10)
        # A ThreadPoolExecutor would hand these to its six idle threads in turn.
        assert {pool.submit(_thread).result(timeout=10) for _ in range(30)} == {first}
        assert pool.started_workers == 6
    finally:
        pool.shutdown()


def test_no_more_than_max_workers_run_and_waiting_tasks_run_in_arrival_order() -> None:
    pool = WarmFirstPool(2)
    release, order, running, peak = threading.Event(), [], [0], [0]
    lock = threading.Lock()

    def task(number: int) -> int:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
            order.append(number)
        release.wait(10)
        with lock:
            running[0] -= 1
        return number

    try:
        futures = [pool.submit(task, n) for n in range(7)]
        time.sleep(0.05)
        assert running[0] == 2  # two started; five wait
        release.set()
        assert [f.result(timeout=10) for f in futures] == list(range(7))
        assert peak[0] == 2 and pool.started_workers == 2
        assert sorted(order[:2]) == [0, 1] and order[2:] == [2, 3, 4, 5, 6]  # started in turn
    finally:
        pool.shutdown()


def test_an_exception_reaches_whoever_waits_for_the_task() -> None:
    pool = WarmFirstPool(2)

    def fail() -> None:
        raise LookupError("no such place")

    try:
        with pytest.raises(LookupError, match="no such place"):
            pool.submit(fail).result(timeout=10)
        assert pool.submit(_thread).result(timeout=10)  # the worker survives its task's failure
    finally:
        pool.shutdown()


def test_shutdown_joins_the_workers_and_refuses_new_tasks() -> None:
    pool = WarmFirstPool(3)
    _burst(pool, 3)
    pool.shutdown(wait=True)
    assert not any(t.is_alive() for t in pool._threads)
    with pytest.raises(RuntimeError, match="after shutdown"):
        pool.submit(_thread)


def test_shutdown_can_cancel_the_tasks_still_waiting() -> None:
    pool = WarmFirstPool(1)
    started, release, hold = _holder()

    running = pool.submit(hold)
    started.wait(10)
    waiting = pool.submit(_thread)
    threading.Timer(0.05, release.set).start()
    pool.shutdown(wait=True, cancel_futures=True)
    assert running.result(timeout=1) == "held" and waiting.cancelled()


def test_an_event_loop_awaits_its_tasks() -> None:
    pool = WarmFirstPool(4)

    async def main() -> list[int]:
        loop = asyncio.get_running_loop()
        return list(await asyncio.gather(*(loop.run_in_executor(pool, pow, n, 2) for n in range(10))))

    try:
        assert asyncio.run(main()) == [n * n for n in range(10)]
    finally:
        pool.shutdown()


def test_run_for_settles_the_loops_own_future_with_a_result_or_an_exception() -> None:
    pool = WarmFirstPool(4)

    def fail() -> None:
        raise LookupError("no such place (test)")

    async def main() -> tuple[list[int], BaseException | None, bool]:
        loop = asyncio.get_running_loop()
        futures = [pool.run_for(loop, lambda n=n: n * n) for n in range(10)]
        assert all(isinstance(f, asyncio.Future) and f.get_loop() is loop for f in futures)
        results = list(await asyncio.gather(*futures))
        failed = pool.run_for(loop, fail)
        error = None
        try:
            await failed
        except LookupError as exc:
            error = exc
        return results, error, threading.get_ident() in {await pool.run_for(loop, _thread)}

    try:
        results, error, on_loop_thread = asyncio.run(main())
        assert results == [n * n for n in range(10)]
        assert isinstance(error, LookupError) and str(error) == "no such place (test)"
        assert not on_loop_thread  # the call ran in a worker
    finally:
        pool.shutdown()


def test_run_for_a_future_cancelled_while_it_runs_or_waits() -> None:
    pool = WarmFirstPool(1)
    started, release, held = _holder()
    ran: list[str] = []

    def hold() -> str:
        ran.append(held())
        return ran[-1]

    async def main() -> tuple[bool, bool]:
        loop = asyncio.get_running_loop()
        running = pool.run_for(loop, hold)
        await loop.run_in_executor(None, started.wait, 10)
        waiting = pool.run_for(loop, lambda: ran.append("waited"))
        running.cancel()  # its awaiter gives up: the call still finishes, its outcome is dropped
        waiting.cancel()  # not started yet: it never runs
        release.set()
        await pool.run_for(loop, lambda: None)  # after both, in order of arrival
        return running.cancelled(), waiting.cancelled()

    try:
        assert asyncio.run(main()) == (True, True)
        assert ran == ["held"]
    finally:
        pool.shutdown()


def test_shutdown_cancels_a_loops_waiting_future() -> None:
    pool = WarmFirstPool(1)
    started, release, hold = _holder()

    async def main() -> tuple[str, bool]:
        loop = asyncio.get_running_loop()
        running = pool.run_for(loop, hold)
        await loop.run_in_executor(None, started.wait, 10)
        waiting = pool.run_for(loop, _thread)
        threading.Timer(0.05, release.set).start()
        await loop.run_in_executor(None, lambda: pool.shutdown(wait=True, cancel_futures=True))
        await asyncio.sleep(0)  # the cancellation is delivered through the loop
        return await running, waiting.cancelled()

    assert asyncio.run(main()) == ("held", True)


def test_a_worker_outlives_a_loop_that_closed_while_its_call_ran() -> None:
    pool = WarmFirstPool(1)
    started, release, hold = _holder()
    loop = asyncio.new_event_loop()
    try:
        orphan = pool.run_for(loop, hold)
        started.wait(10)
        loop.close()  # the server shut down while the call ran
        release.set()
        assert pool.submit(_thread).result(timeout=10) != threading.get_ident()  # the same worker, still serving
        assert pool.started_workers == 1 and not orphan.done()
    finally:
        pool.shutdown()


@settings(max_examples=25, deadline=None)
@given(bursts=st.lists(st.integers(min_value=1, max_value=6), min_size=1, max_size=5),
       bound=st.integers(min_value=1, max_value=4))
def test_every_task_runs_once_and_never_more_than_the_bound_at_once(bursts: list[int], bound: int) -> None:
    pool = WarmFirstPool(bound)
    lock, running, peak, done = threading.Lock(), [0], [0], []

    def task(tag: tuple[int, int]) -> tuple[int, int]:
        with lock:
            running[0] += 1
            peak[0] = max(peak[0], running[0])
        time.sleep(0.001)
        with lock:
            running[0] -= 1
            done.append(tag)
        return tag

    try:
        for b, size in enumerate(bursts):
            tags = [(b, i) for i in range(size)]
            assert [f.result(timeout=10) for f in [pool.submit(task, t) for t in tags]] == tags
        assert sorted(done) == [(b, i) for b, size in enumerate(bursts) for i in range(size)]
        assert peak[0] <= bound and pool.started_workers <= bound
    finally:
        pool.shutdown()
