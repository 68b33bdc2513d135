"""One complete training run: draw the pen digits, train, calibrate confidence on writers the model
never saw, evaluate, save with metadata. The CLI and the GUI worker both drive a ``TrainingRun``;
neither re-implements any of it."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import threading
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from digitpad.data.mnist import Dataset
from digitpad.errors import DigitpadError
from digitpad.pen.digits import PenDigits, calibration_split, shipped_pen_digits
from digitpad.pen.non_digits import non_digit_inputs
from digitpad.pen.render import pen_inputs
from digitpad.reading.calibration import calibrate
from digitpad.reading.reader import Reader
from digitpad.shapes import PIXELS
from digitpad.store.model_info import Metrics, ModelInfo
from digitpad.store.modelfile import save_model
from digitpad.training.config import TrainConfig
from digitpad.training.evaluation import Evaluation, evaluate
from digitpad.training.trainer import BatchStats, EpochStats, PrepareStats, Trainer

PEN_COPIES = 8  # renderings of every training pen digit, each with its own look and styles
NON_DIGIT_POOL = 8000  # drawings, each seen again and again with random distortions
CALIBRATION_LOOKS = 2  # renderings of every calibration digit
CHUNK = 256  # digits drawn between progress reports and stop checks
CALIBRATION_SEED = 20261130  # the calibration drawings are the same for every run
_calibration_sets: dict[int, tuple[PenDigits, Dataset]] = {}  # id(pen) -> (pen, its drawings)

RunStats = PrepareStats | BatchStats | EpochStats


@dataclass(frozen=True)
class RunOutcome:
    """What a run leaves: the kept network, what its file records (``info``: the test figure
    is the kept network's own), the finished epochs, the test-set evaluation (None without a test
    set or a finished epoch), the most confident mistakes, and where it was saved."""

    model: Reader
    info: ModelInfo
    history: list[EpochStats]
    stopped: bool
    report: Evaluation | None
    mistakes: list  # [(image (784,), guess, truth)], most confident first
    # (batches done, batches per epoch) of the epoch a stop cut short: the kept network has had
    # those steps too. None when the run ended at an epoch's end (or kept nothing).
    partial: tuple[int, int] | None = None
    path: Path | None = None

    @property
    def epochs_trained(self) -> float:
        """Epochs the kept network was trained for, the cut-short one counted in part."""
        done = len(self.history)
        return done + self.partial[0] / self.partial[1] if self.partial else done

    @property
    def test_accuracy(self) -> float | None:
        return self.info.metrics.test_accuracy

    @property
    def train_seconds(self) -> float:
        return sum(h.seconds for h in self.history)


def draw_pen_digits(
    digits: PenDigits,
    indices: np.ndarray,
    copies: int,
    rng: np.random.Generator,
    styles: int,
    stage: str,
    stop: threading.Event | None = None,
) -> Generator[PrepareStats, None, Dataset | None]:
    """Inputs for ``copies`` renderings of each digit in ``indices`` with writing styles of the
    ``styles`` version (0: none), drawn in chunks; yields
    progress and returns the Dataset (None if ``stop`` was set meanwhile)."""
    order = np.tile(np.asarray(indices, np.int64), copies)
    images, labels = [np.zeros((0, PIXELS), np.float32)], [np.zeros(0, np.int64)]
    for start in range(0, len(order), CHUNK):
        if stop is not None and stop.is_set():
            return None
        x, y = pen_inputs(digits.strokes, digits.labels, order[start : start + CHUNK], rng, styles)
        images.append(x)
        labels.append(y)
        yield PrepareStats(stage, min(start + CHUNK, len(order)), len(order))
    return Dataset(np.concatenate(images), np.concatenate(labels))


def draw_non_digits(
    rng: np.random.Generator, stop: threading.Event | None = None
) -> Generator[PrepareStats, None, np.ndarray | None]:
    """Inputs (n, 784) of ``NON_DIGIT_POOL`` drawings that are not digits; yields progress while
    drawing; None if ``stop`` was set."""
    for done, images in non_digit_inputs(NON_DIGIT_POOL, rng, stop):
        yield PrepareStats("non-digits", done, NON_DIGIT_POOL)
        if images is not None:
            return images
    return None


def calibration_drawings(
    pen: PenDigits, indices: np.ndarray, stop: threading.Event | None = None
) -> Generator[PrepareStats, None, Dataset | None]:
    """The drawings of the calibration writers' digits, made once per process for each pen set
    (they depend only on it); yields progress while drawing; None if ``stop`` was set."""
    cached = _calibration_sets.get(id(pen))
    if cached is None or cached[0] is not pen:
        rng = np.random.default_rng(CALIBRATION_SEED)
        drawn = yield from draw_pen_digits(pen, indices, CALIBRATION_LOOKS, rng, 0, "calibration", stop)
        if drawn is None:
            return None
        _calibration_sets[id(pen)] = (pen, drawn)
        return drawn
    yield PrepareStats("calibration", len(cached[1]), len(cached[1]))  # drawn before: done at once
    return cached[1]


class TrainingRun:
    """A Trainer plus what a run needs around it: the pen digits drawn before the first batch,
    the calibration after the last epoch, its metadata, its evaluation, saving.

    ``pen`` (default: the pen digits shipped with the app) is split by writer: some writers'
    digits are mixed into training when ``config.pen_fraction`` > 0, the others calibrate the
    model's confidence, so it is calibrated on writers it never saw."""

    def __init__(
        self,
        config: TrainConfig,
        train: Dataset,
        test: Dataset | None,
        preset: str | None = None,
        pen: PenDigits | None = None,
    ):
        self.trainer = Trainer(config, train, test)
        self.test = test
        self.preset = preset
        self.pen = pen if pen is not None else shipped_pen_digits()
        self.pen_train, self.pen_calibration = calibration_split(self.pen)
        self.rng = np.random.default_rng([config.seed, 7])  # apart from the trainer's own stream

    @property
    def model(self) -> Reader:
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

    def stats(self, stop: threading.Event | None = None) -> Iterator[RunStats]:
        """Draw the pen digits (``PrepareStats`` "pen") and non-digits ("non-digits"), train (per-batch and per-epoch
        statistics, see ``Trainer.run``), then calibrate (``PrepareStats`` "calibration")."""
        if self.trainer.config.pen_fraction > 0:
            pool = yield from draw_pen_digits(
                self.pen, self.pen_train, PEN_COPIES, self.rng, self.trainer.config.styles, "pen", stop
            )
            if pool is None:
                return
            self.trainer.use_pen_digits(pool)
        if self.trainer.config.non_digit_fraction > 0:
            drawn = yield from draw_non_digits(self.rng, stop)
            if drawn is None:
                return
            self.trainer.use_non_digits(drawn)
        yield from self.trainer.run(stop)
        if self.history:
            # A run stopped meanwhile keeps the uncalibrated default rather than keep the user waiting.
            held = yield from calibration_drawings(self.pen, self.pen_calibration, stop)
            if held is not None:
                self.model.calibration = calibrate(self.model.predict_proba(held.images), held.labels)

    def info(self) -> ModelInfo:
        """What a model file records about how it was trained."""
        last = self.history[-1] if self.history else None
        data = f"MNIST train ({len(self.trainer.train_set)} images)"
        if self.trainer.pen_set is not None:
            data += f" + {len(self.pen_train)} UNIPEN pen digits x {PEN_COPIES} renderings"
        if self.trainer.non_digits is not None:
            data += f" + {len(self.trainer.non_digits)} drawings of no digit"
        return ModelInfo.of(
            self.model,
            origin="trained",
            preset=self.preset,
            config=self.trainer.config.to_dict(),
            epochs_trained=len(self.history),
            train_seconds=round(self.train_seconds, 3),
            metrics=Metrics(
                test_accuracy=last.test_accuracy if last else None,
                train_accuracy=last.train_accuracy if last else None,
                loss=last.loss if last else None,
            ),
            training_data=data,
        )

    def outcome(self, mistakes: int = 0) -> RunOutcome:
        """The run as it ended: evaluated on the test set (the kept network, also when a stop cut
        an epoch short), with up to ``mistakes`` of its most confident mistakes."""
        report = evaluate(self.model, self.test) if self.test is not None and self.history else None
        worst: list = []
        if report is not None and self.test is not None and mistakes > 0:
            index = report.misclassified[:mistakes]
            guesses = report.misclassified_guess[:mistakes]
            worst = list(zip(self.test.images[index], guesses, self.test.labels[index].tolist()))
        info, partial = self.info(), None
        cut = self.trainer.step - len(self.history) * self.trainer.batches_per_epoch
        if self.history and cut > 0:
            partial = (cut, self.trainer.batches_per_epoch)
            if report is not None:  # the last epoch's figure is not the kept network's
                info = info.replace(metrics=replace(info.metrics, test_accuracy=report.accuracy))
        return RunOutcome(self.model, info, list(self.history), self.stopped, report, worst, partial)


def train_and_save(
    config: TrainConfig,
    train: Dataset,
    test: Dataset | None,
    out: Path | Callable[[Reader, dict], Path] | None,
    preset: str | None = None,
    on_stats: Callable[[RunStats], None] | None = None,
    stop: threading.Event | None = None,
    pen: PenDigits | None = None,
) -> RunOutcome:
    """Train (with ``pen`` digits, see ``TrainingRun``), then save to ``out`` (a path, or a
    function saving ``(model, metadata)`` and returning the path) unless None or stopped before
    any epoch finished. A divergence raises TrainingDiverged and writes nothing; a failed save
    raises SaveFailed after keeping the model elsewhere if it can."""
    run = TrainingRun(config, train, test, preset, pen)
    for stats in run.stats(stop):
        if on_stats:
            on_stats(stats)
    outcome = run.outcome()
    if out is None or not run.history:
        return outcome
    save = out if callable(out) else lambda model, meta: save_model(model, out, **meta)
    return replace(outcome, path=save_or_rescue(run.model, outcome.info.to_metadata(), save))


class SaveFailed(DigitpadError):
    """The trained model could not be saved where asked (the message says where it went)."""


def rescue_path() -> Path:
    """Where a trained model goes when its own place cannot hold it (a full disk)."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    return Path(tempfile.gettempdir()) / f"digitpad-trained-{stamp}-{os.getpid()}.npz"


def save_or_rescue(model: Reader, meta: dict, save: Callable[[Reader, dict], Path]) -> Path:
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
