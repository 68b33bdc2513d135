"""Cold start to a shown window: runs the app with --startup-check (it quits as soon as its window
is shown) several times and prints the wall-clock times.

    python benchmarks/startup.py                     # the installed `digitpad` command
    python benchmarks/startup.py dist/digitpad/digitpad   # the packaged executable
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time

import numpy as np


def main() -> int:
    command = sys.argv[1:] or [shutil.which("digitpad") or "digitpad"]
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
    times = []
    for _ in range(7):
        home = tempfile.mkdtemp(prefix="digitpad-start-")
        start = time.perf_counter()
        done = subprocess.run(
            [*command, "--startup-check"],
            env=dict(env, DIGITPAD_HOME=home),
            capture_output=True,
            text=True,
        )
        times.append(time.perf_counter() - start)
        shutil.rmtree(home, ignore_errors=True)
        if done.returncode != 0:
            print(f"failed: {done.stderr.strip()}")
            return 1
    print(
        f"{' '.join(command)}: start to shown window (and exit), 7 runs: median {np.median(times):.2f} s, "
        f"min {min(times):.2f} s, max {max(times):.2f} s (first run {times[0]:.2f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
