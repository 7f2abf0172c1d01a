"""A thread pool that hands each task to the worker that went idle last.

``concurrent.futures.ThreadPoolExecutor`` keeps its idle workers waiting on one queue, and the
queue wakes them in turn: after a burst of 16 clients has started 16 workers, a lone client's
requests visit all 16, one after the other, and each visit wakes a thread that has slept
through the 15 before it (measured on ``govgraph serve`` over Neo4j, signatories at 1 client
after a 16-client burst: every worker woke for every other request, 2.2 ms of CPU per request
across the workers). Here each idle worker waits on a lock of its own, and ``submit`` wakes
the one on top of the idle stack: the fewer the concurrent tasks, the fewer the threads that
ever run, and the warmer each one is. Workers start on demand up to ``max_workers``; beyond
that, tasks wait in order of arrival.

``run_for(loop, fn)`` is ``loop.run_in_executor(pool, fn)`` without the ``concurrent.futures.Future``
in between: the worker settles the loop's own future with one ``call_soon_threadsafe``, where
``run_in_executor`` makes a second future (with its condition variable) and chains the two with
callbacks on both sides.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")


class _Task:
    """A call to make, and where its outcome goes: a ``concurrent.futures.Future`` or a loop's future."""

    __slots__ = ("args", "fn", "future", "kwargs", "loop", "loop_future")

    def __init__(self, fn: Callable[..., Any], args: tuple[Any, ...], kwargs: dict[str, Any],
                 future: Future[Any] | None = None, loop: asyncio.AbstractEventLoop | None = None,
                 loop_future: asyncio.Future[Any] | None = None) -> None:
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.future, self.loop, self.loop_future = future, loop, loop_future

    def start(self) -> bool:
        """False: cancelled before it ran (a loop's future is read from this thread: at worst it runs anyway)."""
        if self.future is not None:
            return self.future.set_running_or_notify_cancel()
        return self.loop_future is not None and not self.loop_future.cancelled()

    def settle(self, ok: bool, value: Any) -> None:
        if self.future is not None:
            if ok:
                self.future.set_result(value)
            else:
                self.future.set_exception(value)
        elif self.loop is not None and self.loop_future is not None:
            # a loop closed while the call ran has no one awaiting it: the worker lives on
            with contextlib.suppress(RuntimeError):
                self.loop.call_soon_threadsafe(_settle, self.loop_future, ok, value)

    def cancel(self) -> None:
        if self.future is not None:
            self.future.cancel()
        elif self.loop is not None and self.loop_future is not None:
            with contextlib.suppress(RuntimeError):  # a closed loop: nothing left to cancel for
                self.loop.call_soon_threadsafe(self.loop_future.cancel)


def _settle(future: asyncio.Future[Any], ok: bool, value: Any) -> None:
    if future.cancelled():  # its awaiter gave up while the call ran
        return
    if ok:
        future.set_result(value)
    else:
        future.set_exception(value)


class _Worker:
    __slots__ = ("task", "wake")

    def __init__(self, task: _Task | None) -> None:
        self.task = task
        self.wake = threading.Lock()  # held while idle; released to hand over a task (None: stop)
        self.wake.acquire()


class WarmFirstPool(Executor):
    """An ``Executor`` whose most recently idled worker takes the next task (module doc)."""

    def __init__(self, max_workers: int, thread_name_prefix: str = "warm-pool") -> None:
        if max_workers <= 0:
            raise ValueError("max_workers must be positive")
        self._max = max_workers
        self._prefix = thread_name_prefix
        self._lock = threading.Lock()
        self._idle: list[_Worker] = []  # a stack: the last to go idle is on top
        self._waiting: deque[_Task] = deque()  # tasks that found every worker busy
        self._threads: list[threading.Thread] = []
        self._shutdown = False

    @property
    def started_workers(self) -> int:
        """Threads started so far (they stay until shutdown)."""
        return len(self._threads)

    def submit(self, fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> Future[T]:
        future: Future[T] = Future()
        self._put(_Task(fn, args, kwargs, future=future))
        return future

    def run_for(self, loop: asyncio.AbstractEventLoop, fn: Callable[[], T]) -> asyncio.Future[T]:
        """``fn()`` in a worker, its outcome on a future of ``loop`` (call it on the loop's thread)."""
        future: asyncio.Future[T] = loop.create_future()
        self._put(_Task(fn, (), {}, loop=loop, loop_future=future))
        return future

    def _put(self, task: _Task) -> None:
        with self._lock:
            if self._shutdown:
                raise RuntimeError("cannot schedule new tasks after shutdown")
            if self._idle:
                worker = self._idle.pop()
                worker.task = task
                worker.wake.release()
            elif len(self._threads) < self._max:
                self._start(_Worker(task))
            else:
                self._waiting.append(task)

    def _start(self, worker: _Worker) -> None:
        thread = threading.Thread(target=self._work, args=(worker,), daemon=True,
                                  name=f"{self._prefix}_{len(self._threads)}")
        self._threads.append(thread)
        thread.start()

    def _work(self, worker: _Worker) -> None:
        task = worker.task
        while task is not None:
            current, task = task, None  # the task's references go with ``current`` below
            outcome: tuple[bool, Any] | None = None
            if current.start():
                try:
                    outcome = (True, current.fn(*current.args, **current.kwargs))
                except BaseException as exc:  # noqa: BLE001 - handed to whoever awaits the future
                    outcome = (False, exc)
            # Idle (or given the next waiting task) before the result is out: a caller that
            # submits again as soon as it has it finds this thread on top of the stack.
            with self._lock:
                if self._waiting:
                    task = self._waiting.popleft()
                elif not self._shutdown:
                    worker.task = None
                    self._idle.append(worker)
                stopping = task is None and self._shutdown
            if outcome is not None:
                current.settle(*outcome)
            del current, outcome  # drop the references before sleeping
            if stopping:
                return
            if task is None:
                worker.wake.acquire()  # until submit (a task) or shutdown (None) releases it
                task = worker.task

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._shutdown = True
            if cancel_futures:
                while self._waiting:
                    self._waiting.popleft().cancel()
            idle, self._idle = self._idle, []
            threads = list(self._threads)
        for worker in idle:
            worker.task = None
            worker.wake.release()
        if wait:
            for thread in threads:
                if thread is not threading.current_thread():
                    thread.join()
