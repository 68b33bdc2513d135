"""Writing a file so that readers see either the old file or the whole new one, never a part."""

from __future__ import annotations

import os
import re
import signal
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import BinaryIO

# What atomic_file names its temporary files: "<target>.<random>.tmp" (or .part).
TEMP_NAME = re.compile(r"^.+\.[A-Za-z0-9_]{8}\.(tmp|part)$")
STALE_AFTER_S = 600.0


@contextmanager
def atomic_file(target: Path, suffix: str = ".tmp", defer_interrupts: bool = True) -> Iterator[BinaryIO]:
    """A binary file to write ``target``'s new contents into.

    It is a temporary file in the same directory; when the block ends without an error it is
    flushed to disk, renamed over ``target`` and the directory is synced, so the rename itself
    survives a power cut. On any error it is removed and ``target`` is left as it was. Ctrl+C
    during the write is held back until the file is complete (or removed), so an interrupt never
    leaves half-closed archives behind (``defer_interrupts=False`` for a long write, such as a
    download, that Ctrl+C must stop at once).
    """
    target = Path(target)
    with interrupts_deferred() if defer_interrupts else nullcontext():
        fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=suffix, dir=target.parent)
        try:
            with os.fdopen(fd, "wb") as handle:
                yield handle
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        fsync_dir(target.parent)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened: Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def interrupts_deferred() -> Iterator[None]:
    """Hold back SIGINT (Ctrl+C) until the block ends, then raise KeyboardInterrupt.

    Only in the main thread, and only while Python's default handler is installed (the GUI
    installs its own, which closes the window).
    """
    if (
        threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGINT) is not signal.default_int_handler
    ):
        yield
        return
    caught = []
    signal.signal(signal.SIGINT, lambda *_: caught.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)
    if caught:
        raise KeyboardInterrupt


def remove_stale_temps(folder: Path, older_than_s: float = STALE_AFTER_S) -> int:
    """Delete temporary files that atomic_file left in ``folder`` (a killed process) and that are
    older than ``older_than_s`` (younger ones may belong to a save in progress). Returns how
    many were removed; unreadable folders are skipped."""
    removed = 0
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        if not TEMP_NAME.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat().st_mtime >= older_than_s:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            continue
    return removed
