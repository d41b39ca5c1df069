"""Wake-ups between the processes of one machine that share a SQLite database: a datagram each.

Every server process's hub listens on a Unix datagram socket in a directory beside the database
(`<database>-wakeups/<pid>-<token>.sock`). A process that commits an event (a server, the
background worker, a management command) sends one byte to every socket there but its own. A
send never blocks and never fails the commit: a socket whose buffer is full belongs to a hub that
has wake-ups waiting already, and the socket of a process that died without removing it (nobody
listens on it any more) is deleted by the first sender to find it. The hubs' poll timer stays as
the safety net for anything this misses.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import logging
import os
import secrets
import socket
import threading
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.backends.sqlite3.base import DatabaseWrapper as SQLiteWrapper

logger = logging.getLogger(__name__)

SUFFIX = ".sock"
WAKEUP = b"!"
# A Unix socket's address holds at most 108 bytes with its terminating NUL (Linux).
MAX_ADDRESS_BYTES = 107
# Datagrams read per wake-up of the event loop: enough to empty the buffer in one go.
DRAIN_LIMIT = 256


def directory(using: str = DEFAULT_DB_ALIAS) -> Path | None:
    """Where the hubs of the processes sharing this database listen; None unless it is a SQLite file."""
    connection = connections[using]
    if not isinstance(connection, SQLiteWrapper) or connection.is_in_memory_db():
        return None
    return _directory_of(str(connection.settings_dict["NAME"]))


@functools.lru_cache(maxsize=8)
def _directory_of(database: str) -> Path:
    # Resolved: a server given the database through a link or a relative path is found all the same.
    return Path(f"{Path(database).resolve()}-wakeups")


def announce(using: str = DEFAULT_DB_ALIAS) -> int:
    """Wake every other process's hub on this database; how many sockets were sent one.

    Safe from any thread; never raises for a socket that cannot be reached.
    """
    folder = directory(using)
    if folder is None:
        return 0
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return 0  # no hub has listened here yet
    except OSError:
        return 0  # no hub can listen here either: each said so as it started, and polls instead
    own = f"{os.getpid()}-"
    sender = _sending_socket()
    sent = 0
    for entry in entries:
        if not entry.name.endswith(SUFFIX) or entry.name.startswith(own):
            continue
        try:
            sender.sendto(WAKEUP, entry.path)
            sent += 1
        except ConnectionRefusedError:
            # Nobody is bound to it: its process ended without removing it (killed, or crashed).
            with contextlib.suppress(FileNotFoundError):
                os.unlink(entry.path)
        except (BlockingIOError, FileNotFoundError):
            pass  # a full buffer: that hub has wake-ups to read already; or it has just stopped
        except OSError as error:
            logger.warning("could not send a wake-up to %s: %s", entry.path, error)
    return sent


_sender: tuple[int, socket.socket] | None = None
_sender_lock = threading.Lock()


def _sending_socket() -> socket.socket:
    """One unbound, non-blocking socket per process (a forked child makes its own)."""
    global _sender
    with _sender_lock:
        if _sender is None or _sender[0] != os.getpid():
            sender = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            sender.setblocking(False)
            _sender = (os.getpid(), sender)
        return _sender[1]


class Listener:
    """This process's socket in the wake-up directory; raises OSError if it cannot be made."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        # The pid lets a sender skip its own process; the token tells a new process with a reused
        # pid from the dead one whose socket may still lie there.
        self.path = folder / f"{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}"
        if len(os.fsencode(self.path)) > MAX_ADDRESS_BYTES:
            raise OSError(errno.ENAMETOOLONG, "too long for a Unix socket's address", str(self.path))
        self.socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        try:
            self.socket.setblocking(False)
            self.socket.bind(str(self.path))
        except OSError:
            self.socket.close()
            raise

    def fileno(self) -> int:
        return self.socket.fileno()

    def drain(self) -> int:
        """Read the wake-ups waiting (they all mean the same: read the outbox); how many there were."""
        count = 0
        while count < DRAIN_LIMIT:
            try:
                self.socket.recv(16)
            except (BlockingIOError, InterruptedError):
                break
            count += 1
        return count

    def close(self) -> None:
        """Stop listening and remove the socket, so that senders no longer try it."""
        self.socket.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.path)
