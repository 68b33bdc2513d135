"""Another process holding the model history lock, as another digitpad changing the models."""

import subprocess
import sys
from contextlib import contextmanager

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
