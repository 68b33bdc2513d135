"""The training loop as a generator, driven by ``training.run.TrainingRun`` (for the CLI and the
GUI worker alike).

``Trainer.run()`` yields a ``BatchStats`` after every batch and an ``EpochStats`` after every
epoch, checks a stop flag between batches, and raises ``TrainingDiverged`` if the loss stops being a
finite number. Pausing needs nothing here: a consumer that stops pulling pauses the loop.
"""

from __future__ import annotations

import contextlib
import math
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from digitpad.data.augment import distort
from digitpad.data.mnist import Dataset
from digitpad.errors import TrainingDiverged
from digitpad.model.averaging import WeightAverage
from digitpad.model.losses import NO_DIGIT
from digitpad.model.network import MLP
from digitpad.model.optimizers import make_optimizer
from digitpad.model.schedules import learning_rate
from digitpad.reading.reader import Reader
from digitpad.shapes import CLASSES, PIXELS
from digitpad.training.config import TrainConfig
from digitpad.training.runtime import tune_allocator

WEIGHT_LIMIT = 1e6


@dataclass(frozen=True)
class BatchStats:
    epoch: int  # 1-based
    batch: int  # 1-based within the epoch
    batches: int
    loss: float
    samples_per_second: float
    elapsed: float  # training seconds so far in this run (pauses and evaluation excluded)


@dataclass(frozen=True)
class PrepareStats:
    """Progress of work outside the batches: ``stage`` is "pen" (drawing the pen digits before
    the first batch) or "calibration" (measuring confidence after the last epoch)."""

    stage: str
    done: int
    total: int


@dataclass(frozen=True)
class EpochStats:
    epoch: int
    epochs: int
    loss: float
    train_accuracy: float
    val_accuracy: float | None
    test_accuracy: float | None
    seconds: float  # training time of this epoch, evaluation excluded
    eval_seconds: float
    samples_per_second: float


def accuracy(model: Reader, data: Dataset) -> float:
    """Fraction of ``data`` the model reads right (as it reads drawings: ``predict_proba``, which
    reads in batches)."""
    if len(data) == 0:
        return float("nan")
    return int(np.count_nonzero(model.predict_proba(data.images).argmax(axis=1) == data.labels)) / len(
        data
    )


def split_indices(n: int, fraction: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Indices (sorted) of the ``n`` training images kept for training and of the ``fraction``
    held out for validation; a run's split is ``rng = default_rng(config.seed)``'s first draw."""
    n_val = int(round(n * fraction))
    if n_val == 0:
        return np.arange(n), np.arange(0)
    order = rng.permutation(n)
    return np.sort(order[n_val:]), np.sort(order[:n_val])


class Trainer:
    """Trains ``model``'s network (or a fresh one built from ``config``, read nudged as
    ``config.nudge`` says) on ``train``.

    ``test`` is evaluated after every epoch when given. ``config.validation`` holds out that
    fraction of ``train`` (chosen with the seeded generator) and reports its accuracy.
    """

    def __init__(
        self,
        config: TrainConfig,
        train: Dataset,
        test: Dataset | None = None,
        model: Reader | None = None,
        rng: np.random.Generator | None = None,
        pen: Dataset | None = None,
    ):
        self.config = config.validate()
        tune_allocator()
        self.rng = rng if rng is not None else np.random.default_rng(config.seed)
        self.train_set, self.val_set = self._split(train)
        self.test_set = test
        self.pen_set: Dataset | None = None
        self.use_pen_digits(pen)
        self.non_digits: Dataset | None = None
        if model is None:
            sizes = [PIXELS, *config.hidden, CLASSES]
            network = MLP.create(sizes, config.activation, config.loss, self.rng, init=config.init)
            model = Reader(network, nudged=config.nudge)
        self.model = model
        self.optimizer = make_optimizer(
            config.optimizer, self.network.params, config.weight_decay, config.momentum
        )
        self.average = WeightAverage(self.network.params, config.average) if config.average > 0 else None
        self.history: list[EpochStats] = []
        self.step = 0

    @property
    def network(self) -> MLP:
        """The network being trained (the model's)."""
        return self.model.network

    def _split(self, train: Dataset) -> tuple[Dataset, Dataset | None]:
        kept, held = split_indices(len(train), self.config.validation, self.rng)
        return (train, None) if len(held) == 0 else (train.subset(kept), train.subset(held))

    @property
    def batches_per_epoch(self) -> int:
        return math.ceil(len(self.train_set) / self.config.batch_size)

    def run(self, stop: threading.Event | None = None) -> Iterator[BatchStats | EpochStats]:
        """Train for ``config.epochs`` epochs, yielding statistics; returns early when ``stop`` is
        set (between batches)."""
        try:
            yield from self._epochs(stop)
        finally:
            if self.average is not None:  # the averaged weights are the trained model
                self.average.copy_to(self.network.params)
                self.average = None

    def snapshot(self) -> Reader:
        """A copy of the network the run would keep if it ended now: with averaging, the averaged
        weights (the ones each epoch's accuracy is measured with), not the last step's."""
        twin = self.model.copy()
        if self.average is not None:
            self.average.copy_to(twin.network.params)
        return twin

    def _epochs(self, stop: threading.Event | None) -> Iterator[BatchStats | EpochStats]:
        total_steps = self.config.epochs * self.batches_per_epoch
        elapsed = 0.0
        for epoch in range(1, self.config.epochs + 1):
            epoch_seconds, loss_sum, hits, seen, digits_seen = 0.0, 0.0, 0, 0, 0
            t0 = time.perf_counter()
            images, labels = self._epoch_order()
            epoch_seconds += time.perf_counter() - t0
            for batch, start in enumerate(range(0, len(labels), self.config.batch_size), 1):
                if stop is not None and stop.is_set():
                    return
                t0 = time.perf_counter()
                loss, correct, n, digits = self._train_batch(images, labels, start, total_steps)
                dt = time.perf_counter() - t0
                epoch_seconds += dt
                elapsed += dt
                loss_sum += loss * n
                hits += correct
                seen += n
                digits_seen += digits
                yield BatchStats(
                    epoch,
                    batch,
                    self.batches_per_epoch,
                    loss,
                    n / dt if dt > 0 else float("inf"),
                    elapsed,
                )
            accuracy = hits / max(digits_seen, 1)
            yield self._end_epoch(epoch, loss_sum / seen, accuracy, epoch_seconds, seen)

    def _epoch_order(self) -> tuple[np.ndarray, np.ndarray]:
        """The epoch's data as one contiguous copy, shuffled if configured; batches are slices."""
        if not self.config.shuffle:
            return self.train_set.images, self.train_set.labels
        order = self.rng.permutation(len(self.train_set))
        return self.train_set.images[order], self.train_set.labels[order]

    def _train_batch(self, images, labels, start, total_steps):
        x = images[start : start + self.config.batch_size]
        y = labels[start : start + self.config.batch_size]
        x, y = self._with_non_digits(*self._with_pen_digits(x, y))
        if self.config.augment:
            x = distort(x, self.rng)
        cfg = self.config
        lr = learning_rate(cfg.schedule, cfg.lr, self.step, total_steps, warmup=cfg.warmup)
        self.optimizer.begin_step(lr)
        # Overflow is how a too-large learning rate shows itself; the checks below report it.
        # Each layer is updated as soon as backward has its gradient (see loss_and_gradients).
        with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
            loss, correct, _ = self.network.loss_and_gradients(
                x, y, dropout=cfg.dropout, rng=self.rng, on_gradient=self.optimizer.update
            )
        if not math.isfinite(loss):
            raise TrainingDiverged(
                f"training diverged (loss became {loss}) at step {self.step + 1}; "
                "try a smaller learning rate"
            )
        if self.average is not None:
            self.average.update()
        self.step += 1
        return loss, correct, len(y), int(np.count_nonzero(y != NO_DIGIT))

    def use_pen_digits(self, pen: Dataset | None) -> None:
        """Draw ``config.pen_fraction`` of every batch from ``pen`` (ignored when empty or when
        the share is 0)."""
        self.pen_set = pen if pen is not None and len(pen) and self.config.pen_fraction > 0 else None

    def _with_pen_digits(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The batch ``x`` (B, 784), ``y`` (B,) with k pen digits drawn at random added, so that
        they make ``pen_fraction`` of it: (B + k, 784), (B + k,). Every MNIST image is still seen
        once an epoch."""
        return self._mixed_in(x, y, self.pen_set, self.config.pen_fraction)

    def use_non_digits(self, images: np.ndarray | None) -> None:
        """Add ``config.non_digit_fraction`` of every batch from ``images`` (n, 784), drawings
        that are not digits, labelled NO_DIGIT (ignored when empty or when the share is 0)."""
        self.non_digits = None
        if images is not None and len(images) > 0 and self.config.non_digit_fraction > 0:
            self.non_digits = Dataset(images, np.full(len(images), NO_DIGIT))

    def _with_non_digits(self, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The batch ``x`` (B, 784), ``y`` (B,) with k non-digits added, so that they make
        ``non_digit_fraction`` of it: (B + k, 784), (B + k,)."""
        return self._mixed_in(x, y, self.non_digits, self.config.non_digit_fraction)

    def _mixed_in(self, x, y, pool: Dataset | None, share: float) -> tuple[np.ndarray, np.ndarray]:
        """``x`` (B, 784), ``y`` (B,) with k rows of ``pool`` drawn at random added, so that they
        make ``share`` of the result: (B + k, 784), (B + k,)."""
        k = int(round(len(y) * share / (1.0 - share)))
        if pool is None or k == 0:
            return x, y
        pick = self.rng.integers(0, len(pool), k)
        return np.concatenate([x, pool.images[pick]]), np.concatenate([y, pool.labels[pick]])

    def _end_epoch(self, epoch, loss, train_acc, seconds, seen) -> EpochStats:
        t0 = time.perf_counter()
        # Weights this large mean the run has blown up even if the loss is still a number.
        if not all(np.isfinite(p).all() and np.abs(p).max() < WEIGHT_LIMIT for p in self.network.params):
            raise TrainingDiverged(
                f"training diverged in epoch {epoch} (weights exploded); try a smaller learning rate"
            )
        with self.average.in_use() if self.average is not None else contextlib.nullcontext():
            val = accuracy(self.model, self.val_set) if self.val_set is not None else None
            test = accuracy(self.model, self.test_set) if self.test_set is not None else None
        stats = EpochStats(
            epoch,
            self.config.epochs,
            loss,
            train_acc,
            val,
            test,
            seconds,
            time.perf_counter() - t0,
            seen / seconds if seconds > 0 else 0.0,
        )
        self.history.append(stats)
        return stats
