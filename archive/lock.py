"""One writer per archive: an advisory lock file beside the database.

The lock is held with flock, so the kernel releases it when the holder
exits, however it exits (kill -9 included): a stale lock file never blocks
the next run.
"""
from __future__ import annotations

import fcntl
import os
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


class ArchiveBusy(Exception):
    """Another process is writing to this archive."""


@contextmanager
def writer_lock(db_path: str | Path) -> Iterator[int]:
    """Hold the archive's writer lock; yields its file descriptor (a child process given it holds the lock too)."""
    path = Path(f"{db_path}.lock")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            raise ArchiveBusy(f"another crawl ({holder}) is already writing to {db_path}; "
                              "try again when it has finished") from None
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield handle.fileno()
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)
