"""Another process holding the model history lock, as another digitpad changing the models."""

import subprocess
import sys
from contextlib import contextmanager

from filelock import FileLock

from digitpad.store import model_history


@contextmanager
def lock_held_elsewhere():
    """Another process holds the model history lock until the block ends."""
    lock = model_history.models_dir() / ".lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    code = (
        "import sys\nfrom filelock import FileLock\n"
        f"lock = FileLock({str(lock)!r})\nlock.acquire()\n"
        "print('held', flush=True)\nsys.stdin.read()\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
        holder.stdout.close()


def lock_waits(monkeypatch, cap: float = model_history.QUICK_WAIT_S) -> list[float]:
    """Record how long each take of the model history lock was willing to wait (-1: forever),
    instead of timing the test: the returned list fills as the code runs. A wait longer than
    ``cap`` is recorded, then cut to ``cap``, so code that would freeze fails the test at once."""
    waits: list[float] = []
    real = FileLock.acquire

    def acquire(self, timeout=None, *args, **kwargs):
        asked = self.timeout if timeout is None else timeout
        waits.append(asked)
        return real(self, cap if asked < 0 or asked > cap else asked, *args, **kwargs)

    monkeypatch.setattr(FileLock, "acquire", acquire)
    return waits
