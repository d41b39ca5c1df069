"""How much memory a piece of work needs at its peak, measured in a process forked to run it."""

from __future__ import annotations

import json
import os
import resource
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

MIB = 1024 * 1024


@dataclass(frozen=True)
class Peak:
    """How far the work raised the process's peak resident memory, and what it returned or raised."""

    grown_mib: float
    result: Any = None
    error: str = ""


def peak_of(work: Callable[[], Any]) -> Peak:
    """Run `work` in a forked copy of this process and return how far it raised that process's
    peak resident memory (`resource`'s ru_maxrss, which a fork starts at its current size, so what
    this process used before does not count). `work` returns something JSON can carry; what it
    raises comes back as text."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:  # the forked copy: report, and leave without running any of pytest's clean-up
        outcome: dict[str, Any] = {}
        try:
            before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            try:
                outcome["result"] = work()
            except Exception as error:
                outcome["error"] = f"{type(error).__name__}: {error}"
            grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
            outcome["grown_mib"] = grown_kib * 1024 / MIB
            with os.fdopen(writing, "w") as pipe:
                json.dump(outcome, pipe)
        finally:
            os._exit(0)
    os.close(writing)
    with os.fdopen(reading) as pipe:
        outcome = json.loads(pipe.read() or "{}")
    os.waitpid(child, 0)
    assert "grown_mib" in outcome, "the forked process died before it could report"
    return Peak(outcome["grown_mib"], outcome.get("result"), outcome.get("error", ""))
