"""Shared fixtures. Every test runs with a private user directory and offscreen Qt."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.helpers.mnist_files import write_mnist_subset
from tests.helpers.shared import MNIST_DIR

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def few_non_digits(monkeypatch):
    """Runs of the best recipe draw 60 non-digits, not 8,000 (tens of seconds on a loaded CI)."""
    from digitpad.training import run as training_run

    monkeypatch.setattr(training_run, "NON_DIGIT_POOL", 60)


_FEWER_CALIBRATION_SETS: dict = {}  # drawn once per session, apart from the full sets' cache


@pytest.fixture(autouse=True)
def fewer_calibration_digits(request, monkeypatch):
    """Outside the slow tests, a training run calibrates on 200 held-out pen digits, not ~1,460
    (drawing those takes seconds, on the session's first run), as tests.helpers.quick_cli does
    for the command line. The slow tests keep the real split and the real cache."""
    if request.node.get_closest_marker("slow"):
        return
    from digitpad.training import run as training_run
    from tests.helpers.fewer_calibration import keeping_fewer

    monkeypatch.setattr(training_run, "calibration_split", keeping_fewer(training_run.calibration_split))
    monkeypatch.setattr(training_run, "_calibration_sets", _FEWER_CALIBRATION_SETS)


@pytest.fixture(autouse=True)
def private_user_dir(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("digitpad-home")
    monkeypatch.setenv("DIGITPAD_HOME", str(home))
    monkeypatch.delenv("DIGITPAD_DATA", raising=False)
    return home


@pytest.fixture
def tiny_mnist(tmp_path) -> Path:
    return write_mnist_subset(tmp_path / "mnist")


@pytest.fixture(scope="session")
def real_mnist() -> Path:
    from digitpad.data.mnist import missing_files

    if not MNIST_DIR.is_dir() or missing_files(MNIST_DIR):
        pytest.skip(f"full MNIST not available at {MNIST_DIR}")
    return MNIST_DIR


@pytest.fixture(scope="session")
def shipped_model_as_read():
    """The shipped model and its metadata, read once per session: tests must not change it."""
    from digitpad.store.modelfile import load_model
    from digitpad.store.paths import shipped_model_path

    return load_model(shipped_model_path())
