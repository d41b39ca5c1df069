"""Threads that run blocking calls (Django, the outbox reads) for the event loop.

A call is a tuple on a queue and its result is set on an asyncio future from the thread, with one
`call_soon_threadsafe`: `concurrent.futures`' per-call lock, condition and callbacks showed in
every server process's profile.
"""

from __future__ import annotations

import asyncio
import contextlib
import queue
import threading
from collections.abc import Callable
from typing import Any


class BlockingCallThreads:
    """A fixed number of daemon threads, started at the first call, that run blocking calls for
    coroutines: each call's result or exception comes back on an asyncio future."""

    def __init__(self, threads: int, name: str) -> None:
        self._calls: queue.SimpleQueue[tuple[Any, ...] | None] = queue.SimpleQueue()
        self._threads = [
            # Daemons: a process that exits mid-call leaves no half-done work behind, as a
            # transaction not committed is rolled back by the database.
            threading.Thread(target=self._work, name=f"{name}-{number}", daemon=True)
            for number in range(threads)
        ]
        self._started = False
        self._lock = threading.Lock()

    def run(self, function: Callable[..., Any], *args: Any) -> asyncio.Future[Any]:
        """`function(*args)` in one of the threads; await the future for its result or exception."""
        if not self._started:
            self._start()
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._calls.put((loop, future, function, args))
        return future

    @property
    def started(self) -> bool:
        """Whether a call has started the threads (they start at the first)."""
        return self._started

    def shutdown(self) -> None:
        """Let the threads finish what they are running and stop (without waiting for them)."""
        for _thread in self._threads:
            self._calls.put(None)

    def _start(self) -> None:
        with self._lock:
            if not self._started:
                for thread in self._threads:
                    thread.start()
                self._started = True

    def _work(self) -> None:
        while (call := self._calls.get()) is not None:
            _call(*call)
            del call  # nothing of it kept alive while waiting for the next


def _call(
    loop: asyncio.AbstractEventLoop, future: asyncio.Future[Any], function: Callable[..., Any], args: Any
) -> None:
    try:
        result = function(*args)
    except BaseException as error:  # handed to the awaiting coroutine, as an executor does
        _hand_back(loop, _fail, future, error)
    else:
        _hand_back(loop, _succeed, future, result)


def _hand_back(loop: asyncio.AbstractEventLoop, setter: Callable[..., None], *args: Any) -> None:
    with contextlib.suppress(RuntimeError):  # the loop is closed: nobody waits for the answer
        loop.call_soon_threadsafe(setter, *args)


def _succeed(future: asyncio.Future[Any], result: Any) -> None:
    if not future.done():  # the awaiting task may have been cancelled (a client gone)
        future.set_result(result)


def _fail(future: asyncio.Future[Any], error: BaseException) -> None:
    if not future.done():
        future.set_exception(error)
