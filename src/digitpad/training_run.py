"""One complete training run: train, check, save with metadata. Used by the CLI and the GUI."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digitpad.config import TrainConfig
from digitpad.data import Dataset
from digitpad.errors import DigitpadError
from digitpad.modelfile import save_model
from digitpad.network import MLP
from digitpad.trainer import Trainer


@dataclass(frozen=True)
class RunResult:
    model: MLP
    path: Path | None
    test_accuracy: float | None
    train_seconds: float
    epochs_done: int
    stopped: bool


def run_metadata(trainer: Trainer, preset: str | None) -> dict:
    """What a model file records about how it was trained."""
    last = trainer.history[-1] if trainer.history else None
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
        "training_data": f"MNIST train ({len(trainer.train_set)} images)",
    }


def train_and_save(
    config: TrainConfig,
    train: Dataset,
    test: Dataset | None,
    out: Path | Callable[[MLP, dict], Path] | None,
    preset: str | None = None,
    on_stats: Callable | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """Train, then save to ``out`` (a path, or a function saving ``(model, metadata)`` and
    returning the path) unless None or stopped before any epoch finished. A divergence raises
    TrainingDiverged and writes nothing; a failed save raises SaveFailed after keeping the model
    elsewhere if it can."""
    trainer = Trainer(config, train, test)
    for stats in trainer.run(stop):
        if on_stats:
            on_stats(stats)
    stopped = len(trainer.history) < config.epochs
    path = None
    if out is not None and trainer.history:
        save = out if callable(out) else lambda model, meta: save_model(model, out, **meta)
        path = save_or_rescue(trainer.model, run_metadata(trainer, preset), save)
    last = trainer.history[-1] if trainer.history else None
    return RunResult(
        trainer.model,
        path,
        last.test_accuracy if last else None,
        sum(h.seconds for h in trainer.history),
        len(trainer.history),
        stopped,
    )


class SaveFailed(DigitpadError):
    """The trained model could not be saved where asked (the message says where it went)."""


def rescue_path() -> Path:
    """Where a trained model goes when its own place cannot hold it (a full disk)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.gettempdir()) / f"digitpad-trained-{stamp}-{os.getpid()}.npz"


def save_or_rescue(model: MLP, meta: dict, save: Callable[[MLP, dict], Path]) -> Path:
    """``save(model, meta)``; when that fails (full disk, ...) save to ``rescue_path()`` instead
    and raise SaveFailed naming both, so an hour of training is never thrown away silently."""
    try:
        return save(model, meta)
    except OSError as exc:
        reason = exc.strerror or str(exc)
    rescue = rescue_path()
    try:
        save_model(model, rescue, **meta)
    except OSError as exc:
        raise SaveFailed(
            f"the trained model could not be saved ({reason}), nor kept in {rescue.parent} "
            f"({exc.strerror or exc})"
        ) from None
    raise SaveFailed(f"the trained model could not be saved ({reason}); it was kept as {rescue}")
