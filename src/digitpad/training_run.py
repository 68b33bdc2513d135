"""One complete training run: draw the pen digits, train, calibrate confidence on writers the
model never saw, save with metadata. Used by the CLI and the GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.calibration import calibrate
from digitpad.config import TrainConfig
from digitpad.data import Dataset
from digitpad.modelfile import save_model
from digitpad.network import MLP
from digitpad.pen_render import pen_inputs
from digitpad.pendigits import PenDigits, calibration_split, shipped_pen_digits
from digitpad.trainer import PrepareStats, Trainer

PEN_COPIES = 4  # renderings of every training pen digit, each with its own look and styles
CALIBRATION_LOOKS = 2  # renderings of every calibration digit
CHUNK = 256  # digits drawn between progress reports and stop checks
CALIBRATION_SEED = 20261130  # the calibration drawings are the same for every run
_calibration_sets: dict[int, tuple[PenDigits, Dataset]] = {}  # id(pen) -> (pen, its drawings)


@dataclass(frozen=True)
class RunResult:
    model: MLP
    path: Path | None
    test_accuracy: float | None
    train_seconds: float
    epochs_done: int
    stopped: bool


def run_metadata(trainer: Trainer, preset: str | None, pen_count: int = 0) -> dict:
    """What a model file records about how it was trained."""
    last = trainer.history[-1] if trainer.history else None
    data = f"MNIST train ({len(trainer.train_set)} images)"
    if pen_count:
        data += f" + {pen_count} UNIPEN pen digits x {PEN_COPIES} renderings"
    return {
        "preset": preset,
        "config": trainer.config.to_dict(),
        "epochs_trained": len(trainer.history),
        "train_seconds": round(sum(h.seconds for h in trainer.history), 3),
        "metrics": {
            "test_accuracy": last.test_accuracy if last else None,
            "train_accuracy": last.train_accuracy if last else None,
            "loss": last.loss if last else None,
        },
        "training_data": data,
    }


def draw_pen_digits(
    digits: PenDigits,
    indices: np.ndarray,
    copies: int,
    rng: np.random.Generator,
    styled: bool,
    report: Callable[[int, int], None],
    stop: threading.Event | None = None,
) -> Dataset | None:
    """Inputs for ``copies`` renderings of each digit in ``indices``, in chunks with progress
    ``report(done, total)``; None if ``stop`` was set meanwhile."""
    order = np.tile(np.asarray(indices), copies)
    images, labels = [], []
    for start in range(0, len(order), CHUNK):
        if stop is not None and stop.is_set():
            return None
        x, y = pen_inputs(digits.strokes, digits.labels, order[start : start + CHUNK], rng, styled)
        images.append(x)
        labels.append(y)
        report(min(start + CHUNK, len(order)), len(order))
    if not images:
        return Dataset(np.zeros((0, 784), np.float32), np.zeros(0, np.int64))
    return Dataset(np.concatenate(images), np.concatenate(labels))


def calibration_drawings(
    pen: PenDigits, indices: np.ndarray, report: Callable[[int, int], None]
) -> Dataset:
    """The drawings of the calibration writers' digits, made once per process for each pen set
    (they depend only on it)."""
    cached = _calibration_sets.get(id(pen))
    if cached is None or cached[0] is not pen:
        rng = np.random.default_rng(CALIBRATION_SEED)
        drawn = draw_pen_digits(pen, indices, CALIBRATION_LOOKS, rng, False, report)
        assert drawn is not None  # no stop flag given
        cached = _calibration_sets[id(pen)] = (pen, drawn)
    report(len(cached[1]), len(cached[1]))
    return cached[1]


def train_and_save(
    config: TrainConfig,
    train: Dataset,
    test: Dataset | None,
    out: Path | None,
    preset: str | None = None,
    on_stats: Callable | None = None,
    stop: threading.Event | None = None,
    pen: PenDigits | None = None,
) -> RunResult:
    """Train, calibrate, then save to ``out`` (unless None or stopped before any epoch
    finished). ``pen`` (default: the shipped pen digits) is split by writer: some writers'
    digits are mixed into training when ``config.pen_fraction`` > 0, the others calibrate the
    model's confidence. A divergence raises TrainingDiverged and writes nothing."""
    emit = on_stats or (lambda stats: None)
    rng = np.random.default_rng([config.seed, 7])  # apart from the trainer's own stream
    pen = pen if pen is not None else shipped_pen_digits()
    train_idx, calib_idx = calibration_split(pen)

    def progress(stage: str) -> Callable[[int, int], None]:
        return lambda done, total: emit(PrepareStats(stage, done, total))

    pool = None
    if config.pen_fraction > 0:
        pool = draw_pen_digits(pen, train_idx, PEN_COPIES, rng, True, progress("pen"), stop)
    trainer = Trainer(config, train, test, pen=pool)
    if pool is not None or config.pen_fraction == 0:
        for stats in trainer.run(stop):
            emit(stats)
    if trainer.history:
        held = calibration_drawings(pen, calib_idx, progress("calibration"))
        trainer.model.calibration = calibrate(trainer.model.predict_proba(held.images), held.labels)
    stopped = len(trainer.history) < config.epochs
    path = None
    if out is not None and trainer.history:
        pen_count = len(train_idx) if pool is not None else 0
        path = save_model(trainer.model, out, **run_metadata(trainer, preset, pen_count))
    last = trainer.history[-1] if trainer.history else None
    return RunResult(
        trainer.model,
        path,
        last.test_accuracy if last else None,
        sum(h.seconds for h in trainer.history),
        len(trainer.history),
        stopped,
    )
