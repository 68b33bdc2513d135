"""Running ``python -m digitpad`` as a real process, as a user's shell would."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
QUICK_CLI = [sys.executable, "-m", "tests.helpers.quick_cli"]  # digitpad, calibrating on fewer
TIMEOUT = 120  # a hang fails the test instead of stopping the suite


def digitpad(*args, home, timeout=TIMEOUT, preexec_fn=None, **env):
    """Run ``python -m digitpad ARGS`` with ``home`` as DIGITPAD_HOME and ``env`` added to the
    environment (``preexec_fn``: run in the child first, e.g. a memory limit); returns the
    finished run."""
    command = QUICK_CLI if "train" in args else [sys.executable, "-m", "digitpad"]
    return subprocess.run(
        [*command, *map(str, args)],
        env={**os.environ, "DIGITPAD_HOME": str(home), **env},
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=REPO,
        preexec_fn=preexec_fn,
    )
