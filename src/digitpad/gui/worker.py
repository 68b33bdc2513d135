"""Background work on a QThread: one contract for every worker.

A ``Worker`` drives a core generator in its own thread and only re-emits what it yields as signals
carrying plain data; it never touches widgets. Whatever happens, it ends with exactly one of
``finished`` (the result) or ``failed`` (one line for the user). A ``Job`` owns the thread and the
worker and releases both in one place.
"""

from __future__ import annotations

import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TypeVar

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QThread, Signal, Slot

from digitpad.data.mnist import load_mnist
from digitpad.errors import DataError, DigitpadError, TrainingDiverged
from digitpad.reading.reader import Reader
from digitpad.training.config import TrainConfig
from digitpad.training.run import RunOutcome, TrainingRun
from digitpad.training.trainer import BatchStats, EpochStats

EMIT_SECONDS = 0.1  # progress reaches the GUI at most ten times a second
MISTAKES_SHOWN = 24

T = TypeVar("T")


class Throttle:
    """``due()`` is true at most once per ``seconds`` (and whenever ``force`` is set)."""

    def __init__(self, seconds: float = EMIT_SECONDS):
        self.seconds = seconds
        self._last = float("-inf")

    def due(self, force: bool = False) -> bool:
        now = time.monotonic()
        if force or now - self._last >= self.seconds:
            self._last = now
            return True
        return False


# The common failures, said in the interface's language (the core's sentences are English).
FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (
        MemoryError,
        QT_TRANSLATE_NOOP("Worker", "Not enough memory for this network; try fewer or smaller layers."),
    ),
    (
        TrainingDiverged,
        QT_TRANSLATE_NOOP(
            "Worker", "The loss stopped being a number: training diverged. Try a smaller learning rate."
        ),
    ),
    (
        DataError,
        QT_TRANSLATE_NOOP(
            "Worker",
            "The training data could not be read: a file is missing or damaged. Choose the data folder again or download MNIST again.",
        ),
    ),
)


def failure_text(exc: DigitpadError | MemoryError) -> str:
    """Why work failed: a translated sentence for the common failures, else the core's own."""
    for kind, text in FAILURES:
        if isinstance(exc, kind):
            return QCoreApplication.translate("Worker", text)
    return str(exc)


class Worker(QObject):
    """Subclasses implement ``work()``, which returns the result and iterates core generators
    through ``drive()`` (stop and pause points). Stop, pause and resume are thread-safe flags set
    from the GUI thread."""

    finished = Signal(object)  # what work() returned
    failed = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.stop_event = threading.Event()
        self._running = threading.Event()
        self._running.set()

    def request_stop(self) -> None:
        self.stop_event.set()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    def drive(self, steps: Iterable[T]) -> Iterator[T]:
        """``steps`` one by one; while paused the generator is simply not advanced."""
        for step in steps:
            yield step
            self._running.wait()

    def work(self) -> object:
        raise NotImplementedError

    @Slot()
    def run(self) -> None:
        try:
            result = self.work()
        except (DigitpadError, MemoryError) as exc:
            self.failed.emit(failure_text(exc))
        except Exception as exc:  # a bug: report it and end cleanly rather than hang the tab
            traceback.print_exc(file=sys.stderr)
            self.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.finished.emit(result)


class Job(QObject):
    """A worker on its own QThread, started at once; ``released`` fires (in the GUI thread) once
    the thread has ended and both are dropped.

    The quit connection is direct: quit() is thread-safe, and a queued quit would wait for a GUI
    thread that may be blocked in ``thread.wait()`` while the window closes. The worker stays owned
    by Python: its last reference is dropped in ``_release``, after ``thread.wait()``, so it is
    deleted in the GUI thread once its own thread has ended (a deleteLater in the ending thread
    raced with that and crashed).
    """

    released = Signal()

    def __init__(self, parent: QObject, worker: Worker):
        super().__init__(parent)
        self.worker: Worker | None = worker
        self.thread: QThread | None = QThread(parent)
        worker.moveToThread(self.thread)
        self.thread.started.connect(worker.run)
        for signal in (worker.finished, worker.failed):
            signal.connect(self.thread.quit, Qt.ConnectionType.DirectConnection)
        self.thread.finished.connect(self._release)  # queued: this object lives in the GUI thread
        self.thread.start()

    @property
    def active(self) -> bool:
        """Its thread runs and no stop was asked (one told to stop may not be released yet)."""
        thread, worker = self.thread, self.worker
        return thread is not None and thread.isRunning() and not worker.stop_event.is_set()

    def stop(self, wait_ms: int = 0) -> None:
        """Ask the worker to stop; with ``wait_ms`` also wait that long for its thread."""
        if self.thread is None or self.worker is None:
            return
        self.worker.request_stop()
        if wait_ms:
            self.thread.wait(wait_ms)

    def _release(self) -> None:
        if self.thread is None:
            return
        self.thread.wait()  # "finished" comes just before the thread really ends
        self.thread.deleteLater()
        self.thread, self.worker = None, None  # the worker is deleted here, its thread gone
        self.released.emit()


class TrainWorker(Worker):
    status = Signal(str)
    preparing = Signal(
        str, int, int
    )  # PrepareStats: stage ("pen", "non-digits" or "calibration"), done, total
    batches = Signal(list, object)  # [(global step, loss), ...] since the last emit; latest BatchStats
    epoch = Signal(object, object)  # EpochStats, a snapshot of the model after that epoch

    def __init__(self, config: TrainConfig, data_dir, preset: str | None):
        super().__init__()
        self.config = config
        self.data_dir = data_dir
        self.preset = preset

    def work(self) -> RunOutcome:
        self.status.emit(self.tr("Loading MNIST…"))
        train, test = load_mnist(self.data_dir)
        run = TrainingRun(self.config, train, test, self.preset)
        if self.config.pen_fraction == 0:
            self.status.emit(self.tr("Training…"))
        pending: list[tuple[int, float]] = []
        throttle = Throttle()
        for stats in self.drive(run.stats(self.stop_event)):
            if isinstance(stats, BatchStats):
                pending.append((run.trainer.step, stats.loss))
                if throttle.due(force=stats.batch == stats.batches):
                    self.batches.emit(pending, stats)
                    pending = []
            elif isinstance(stats, EpochStats):
                self.epoch.emit(stats, run.trainer.snapshot())
            elif throttle.due(force=stats.done == stats.total):
                self.preparing.emit(stats.stage, stats.done, stats.total)
        if run.history:
            self.status.emit(self.tr("Evaluating on the test set…"))
        return run.outcome(MISTAKES_SHOWN)


class DownloadWorker(Worker):
    progress = Signal(str, int, int)  # file, bytes so far, total (0 if unknown)
    waiting = Signal(str, int, int)  # file, seconds without data, seconds before giving up
    problem = Signal(str)  # DownloadError.reason, just before ``failed`` carries the details

    def __init__(self, data_dir):
        super().__init__()
        self.data_dir = data_dir

    def work(self) -> str:
        from digitpad.data.download import ensure_mnist
        from digitpad.errors import DownloadError

        try:
            ensure_mnist(
                self.data_dir,
                progress=lambda s, d, t: self.progress.emit(s, d, t or 0),
                cancel=self.stop_event.is_set,
                waiting=lambda s, silent, limit: self.waiting.emit(s, int(silent), int(limit)),
            )
        except DownloadError as exc:
            self.problem.emit(exc.reason)
            raise
        return str(self.data_dir)


@dataclass(frozen=True)
class PersonalisedModel:
    model: Reader
    samples: int
    steps: int
    test_accuracy: float  # MNIST test accuracy re-measured after personalising


class PersonaliseWorker(Worker):
    progress = Signal(int, int)  # step, steps

    def __init__(self, model: Reader, data_dir, config=None):
        super().__init__()
        self.model = model.copy()
        self.data_dir = data_dir
        self.config = config

    def work(self) -> PersonalisedModel:
        from digitpad.training.personalise import (
            PersonaliseConfig,
            Personalised,
            personal_training_set,
            personalise,
        )

        try:
            samples, _ = personal_training_set()
            mnist, test = load_mnist(self.data_dir)
            config = self.config or PersonaliseConfig()
            throttle = Throttle()
            measured = None
            steps = personalise(self.model, samples, mnist, config, self.stop_event, test)
            for step in steps:
                if isinstance(step, Personalised):
                    measured = step.test_accuracy
                elif throttle.due(force=step.step == step.steps):
                    self.progress.emit(step.step, step.steps)
        except ValueError as exc:  # samples that do not make a training set
            raise DigitpadError(str(exc)) from None
        if self.stop_event.is_set() or measured is None:
            raise DigitpadError(self.tr("Personalising was stopped."))
        return PersonalisedModel(self.model, len(samples), config.steps, measured)


def start_job(parent: QObject, worker: Worker, on_released: Callable[[], None]) -> Job:
    """Start ``worker`` (its signals already connected) on a new thread owned by ``parent``."""
    job = Job(parent, worker)
    job.released.connect(on_released)
    return job
