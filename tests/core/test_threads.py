"""The threads that run blocking calls for the event loop hand back results and errors alike."""

from __future__ import annotations

import asyncio
import threading

import pytest

from dateline.core.threads import BlockingCallThreads


def test_a_call_runs_in_another_thread_and_its_result_or_error_comes_back() -> None:
    threads = BlockingCallThreads(2, "test")

    async def main() -> None:
        assert await threads.run(lambda a, b: a + b, 2, 3) == 5
        assert await threads.run(threading.get_ident) != threading.get_ident()
        with pytest.raises(ZeroDivisionError):
            await threads.run(lambda: 1 / 0)
        results = await asyncio.gather(*(threads.run(pow, n, 2) for n in range(50)))
        assert results == [n * n for n in range(50)]

    asyncio.run(main())
    threads.shutdown()


def test_a_caller_that_stops_waiting_does_not_break_the_threads() -> None:
    threads = BlockingCallThreads(1, "test")
    release = threading.Event()

    async def main() -> None:
        slow = threads.run(release.wait, 5)
        slow.cancel()  # a client gone while Django still works for it
        release.set()
        assert await threads.run(lambda: "next") == "next"

    asyncio.run(main())
    threads.shutdown()
