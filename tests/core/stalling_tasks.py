"""A task for the worker tests: it counts its runs in a file, and its first run waits until told to
finish (or until its worker is killed)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def count_runs_and_wait(marker: str, release: str) -> None:
    runs = int(Path(marker).read_text()) + 1 if Path(marker).exists() else 1
    # Written beside and renamed over: the test reads the count while the task writes it, and
    # write_text truncates first, so a reader could see an empty file.
    Path(f"{marker}.new").write_text(str(runs))
    os.replace(f"{marker}.new", marker)
    if runs == 1:
        deadline = time.monotonic() + 120
        while not Path(release).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
