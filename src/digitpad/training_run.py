"""One complete training run: train, check, evaluate, save with metadata. The CLI and the GUI
worker both drive a ``TrainingRun``; neither re-implements any of it."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from digitpad.config import TrainConfig
from digitpad.data import Dataset
from digitpad.evaluation import Evaluation, evaluate
from digitpad.model_info import Metrics, ModelInfo
from digitpad.modelfile import save_model
from digitpad.network import MLP
from digitpad.trainer import BatchStats, EpochStats, Trainer


@dataclass(frozen=True)
class RunResult:
    model: MLP
    path: Path | None
    test_accuracy: float | None
    train_seconds: float
    epochs_done: int
    stopped: bool


class TrainingRun:
    """A Trainer plus what a finished run needs: its metadata, its evaluation, saving."""

    def __init__(
        self,
        config: TrainConfig,
        train: Dataset,
        test: Dataset | None,
        preset: str | None = None,
    ):
        self.trainer = Trainer(config, train, test)
        self.test = test
        self.preset = preset

    @property
    def model(self) -> MLP:
        return self.trainer.model

    @property
    def history(self) -> list[EpochStats]:
        return self.trainer.history

    @property
    def stopped(self) -> bool:
        return len(self.trainer.history) < self.trainer.config.epochs

    @property
    def train_seconds(self) -> float:
        return sum(h.seconds for h in self.trainer.history)

    def stats(self, stop: threading.Event | None = None) -> Iterator[BatchStats | EpochStats]:
        """Train; yields per-batch and per-epoch statistics (see ``Trainer.run``)."""
        return self.trainer.run(stop)

    def info(self) -> ModelInfo:
        """What a model file records about how it was trained."""
        last = self.history[-1] if self.history else None
        return ModelInfo.of(
            self.model,
            origin="trained",
            preset=self.preset,
            config=self.trainer.config,
            epochs_trained=len(self.history),
            train_seconds=round(self.train_seconds, 3),
            metrics=Metrics(
                test_accuracy=last.test_accuracy if last else None,
                train_accuracy=last.train_accuracy if last else None,
                loss=last.loss if last else None,
            ),
            training_data=f"MNIST train ({len(self.trainer.train_set)} images)",
        )

    def evaluate(self) -> Evaluation | None:
        """The trained model on the test set; None without a test set or a finished epoch."""
        if self.test is None or not self.history:
            return None
        return evaluate(self.model, self.test)

    def save(self, out: Path) -> Path | None:
        """Save the model with its metadata; None (nothing written) before the first epoch."""
        if not self.history:
            return None
        return save_model(self.model, out, **self.info().to_metadata())


def train_and_save(
    config: TrainConfig,
    train: Dataset,
    test: Dataset | None,
    out: Path | None,
    preset: str | None = None,
    on_stats: Callable[[BatchStats | EpochStats], None] | None = None,
    stop: threading.Event | None = None,
) -> RunResult:
    """Train, then save to ``out`` (unless None or stopped before any epoch finished).
    A divergence raises TrainingDiverged and writes nothing."""
    run = TrainingRun(config, train, test, preset)
    for stats in run.stats(stop):
        if on_stats:
            on_stats(stats)
    path = run.save(out) if out is not None else None
    last = run.history[-1] if run.history else None
    return RunResult(
        run.model,
        path,
        last.test_accuracy if last else None,
        run.train_seconds,
        len(run.history),
        run.stopped,
    )
