"""One complete training run: train, check, save with metadata. Used by the CLI and the GUI."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digitpad.config import TrainConfig
from digitpad.data import Dataset
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
    out: Path | None,
    preset: str | None = None,
    on_stats: Callable | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """Train, then save to ``out`` (unless None or stopped before any epoch finished).
    A divergence raises TrainingDiverged and writes nothing."""
    trainer = Trainer(config, train, test)
    for stats in trainer.run(stop):
        if on_stats:
            on_stats(stats)
    stopped = len(trainer.history) < config.epochs
    path = None
    if out is not None and trainer.history:
        path = save_model(trainer.model, out, **run_metadata(trainer, preset))
    last = trainer.history[-1] if trainer.history else None
    return RunResult(
        trainer.model,
        path,
        last.test_accuracy if last else None,
        sum(h.seconds for h in trainer.history),
        len(trainer.history),
        stopped,
    )
