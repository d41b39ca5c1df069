"""One processor core for a server process's Python threads.

Django runs in worker threads that hand each response back to the event loop's thread. Left to
the scheduler, the two run on different cores, and a request often starts on a core whose caches
hold none of the interpreter's hot data: on a 2-core machine an uncached page cost up to a fifth
more CPU that way, and a process serving 64 connections answered little more than half as many
(bench/README.md, "Uncached pages against Ghost"). Only one thread runs Python at a time in a
process anyway, so its threads share one core, each server process its own. The core is claimed
in the event loop's thread as the application starts; the threads started from it afterwards (the
Django threads, the hub's, granian's own runtime where it starts after the application, as 2.8.9
does) run there too.

A process claims a core by locking `<core>.lock` in a directory that every Dateline process of
the same user on the machine shares (`machine_directory`), whatever site it serves: the lock goes
with the process, so a restarted worker takes over the core of the one it replaces, and two sites
on one machine take different cores. Each process looks first at the core its process id points
to, so that processes which cannot see each other's locks (in containers of their own) spread
over the cores rather than all take the first. With every allowed core held (more processes than
cores), a process is not pinned.
"""

from __future__ import annotations

import fcntl
import logging
import os
from pathlib import Path

logger = logging.getLogger(__name__)

SHARED_MEMORY = Path("/dev/shm")  # noqa: S108  (Linux's, for lock files only)
# The open lock file of the core this process holds: closing it would let another process take it.
_held: list[int] = []


def claim_core(directory: Path) -> int | None:
    """Pin the calling thread, and the threads it starts from now on, to an allowed core that no
    other process holds a lock on in `directory`; the core, or None if none was free."""
    if _held:
        return None  # this process holds one already
    allowed = sorted(os.sched_getaffinity(0))
    if len(allowed) < 2:
        return None  # nothing to choose
    first = os.getpid() % len(allowed)
    for core in allowed[first:] + allowed[:first]:
        try:
            directory.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(directory / f"{core}.lock", os.O_RDWR | os.O_CREAT, 0o600)
        except OSError as error:  # a directory another user made, say: serve unpinned
            logger.warning("could not claim a core in %s (%s)", directory, error)
            return None
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            continue
        try:
            # Pid 0 is the calling thread alone; the threads it starts afterwards inherit the core.
            os.sched_setaffinity(0, {core})
        except OSError as error:  # a container's cpuset changed under us, say
            os.close(descriptor)
            logger.warning("could not keep the server's threads on core %s (%s)", core, error)
            return None
        _held.append(descriptor)
        return core
    return None


def machine_directory() -> Path:
    """Where this user's Dateline processes on this machine claim their cores: in shared memory,
    the same for every process whatever its TMPDIR (a server's TMPDIR holds request bodies)."""
    return SHARED_MEMORY / f"dateline-cores-{os.getuid()}"
