"""A named pipe that notices whoever opens it to read, instead of timing how long they took."""

import os
import threading
from contextlib import contextmanager


@contextmanager
def pipe_nobody_reads(path):
    """Make a named pipe at ``path``; the block must not open it for reading. A reader (which
    would wait for a writer forever) is recorded and given an empty pipe to end its wait, so a
    regression fails the test instead of hanging it."""
    os.mkfifo(path)
    readers: list[int] = []
    done = threading.Event()

    def release_readers():
        while not done.wait(0.01):
            try:  # opening to write without blocking succeeds only while someone reads
                os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
            except OSError:
                continue
            readers.append(1)

    watcher = threading.Thread(target=release_readers, daemon=True)
    watcher.start()
    try:
        yield
    finally:
        done.set()
        watcher.join()
    assert not readers, "the named pipe was opened to be read"
