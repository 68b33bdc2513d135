"""Where the read-only shared data sits beside the repository (as in CI)."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
MNIST_DIR = Path(os.environ.get("DIGITPAD_TEST_MNIST", SHARED / "mnist"))
PEN_DIGITS = SHARED / "pen-digits" / "unipen-1a-dev.npz"
