"""Background work on a QThread. Workers run core generators and only re-emit what they yield
as signals carrying plain data; they never touch widgets."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Qt, QThread, Signal, Slot

from digitpad.config import TrainConfig
from digitpad.data import load_mnist
from digitpad.errors import DigitpadError
from digitpad.evaluation import evaluate
from digitpad.network import MLP
from digitpad.trainer import BatchStats, EpochStats, Trainer
from digitpad.training_run import run_metadata

BATCH_EMIT_SECONDS = 0.1


def run_in_thread(parent: QObject, worker: QObject, *done_signals) -> QThread:
    """Start ``worker.run`` on a new QThread owned by ``parent``; the thread quits when any of
    ``done_signals`` fires. Connect the worker's signals first.

    The quit connection is direct: quit() is thread-safe, and a queued quit would wait for a GUI
    thread that may be blocked in ``thread.wait()`` while the window closes. The worker stays owned
    by Python: drop the last reference only after ``thread.wait()``, so it is deleted in the GUI
    thread once its own thread has ended (a deleteLater in the ending thread would race with that).
    """
    thread = QThread(parent)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    for signal in done_signals:
        signal.connect(thread.quit, Qt.ConnectionType.DirectConnection)
    thread.start()
    return thread  # batch statistics reach the GUI at most ten times a second


@dataclass(frozen=True)
class TrainingOutcome:
    model: MLP
    metadata: dict
    history: list
    stopped: bool
    report: dict | None  # evaluation on the test set
    mistakes: list  # [(image (784,), guess, truth)] for the most confident mistakes


class TrainWorker(QObject):
    status = Signal(str)
    batches = Signal(list, object)  # [(global step, loss), ...] since the last emit; latest BatchStats
    epoch = Signal(object, object)  # EpochStats, a snapshot of the model after that epoch
    finished = Signal(object)  # TrainingOutcome
    failed = Signal(str)

    def __init__(self, config: TrainConfig, data_dir, preset: str | None):
        super().__init__()
        self.config = config
        self.data_dir = data_dir
        self.preset = preset
        self._stop = threading.Event()
        self._running = threading.Event()
        self._running.set()

    # Called from the GUI thread; plain thread-safe flags.
    def request_stop(self) -> None:
        self._stop.set()
        self._running.set()

    def pause(self) -> None:
        self._running.clear()

    def resume(self) -> None:
        self._running.set()

    @Slot()
    def run(self) -> None:
        try:
            self._train()
        except DigitpadError as exc:
            self.failed.emit(str(exc))
        except MemoryError:
            self.failed.emit(self.tr("Not enough memory for this network; try fewer or smaller layers."))

    def _train(self) -> None:
        self.status.emit(self.tr("Loading MNIST…"))
        train, test = load_mnist(self.data_dir)
        trainer = Trainer(self.config, train, test)
        self.status.emit(self.tr("Training…"))
        pending: list[tuple[int, float]] = []
        last_emit = 0.0
        for stats in trainer.run(self._stop):
            if isinstance(stats, BatchStats):
                pending.append((trainer.step, stats.loss))
                now = time.monotonic()
                if now - last_emit >= BATCH_EMIT_SECONDS or stats.batch == stats.batches:
                    self.batches.emit(pending, stats)
                    pending, last_emit = [], now
            elif isinstance(stats, EpochStats):
                self.epoch.emit(stats, trainer.model.copy())
            self._running.wait()  # paused: the generator simply is not advanced
        stopped = self._stop.is_set()
        report, mistakes = None, []
        if trainer.history:
            self.status.emit(self.tr("Evaluating on the test set…"))
            report = evaluate(trainer.model, test)
            worst = report["misclassified"][:24]
            mistakes = list(
                zip(test.images[worst], report["misclassified_guess"][:24], test.labels[worst].tolist())
            )
        meta = run_metadata(trainer, self.preset)
        self.finished.emit(
            TrainingOutcome(trainer.model, meta, list(trainer.history), stopped, report, mistakes)
        )


class DownloadWorker(QObject):
    progress = Signal(str, int, int)  # file, bytes so far, total (0 if unknown)
    waiting = Signal(str, int, int)  # file, seconds without data, seconds before giving up
    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, data_dir):
        super().__init__()
        self.data_dir = data_dir
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    @Slot()
    def run(self) -> None:
        from digitpad.download import ensure_mnist

        try:
            ensure_mnist(
                self.data_dir,
                progress=lambda s, d, t: self.progress.emit(s, d, t or 0),
                cancel=self._cancel.is_set,
                waiting=lambda s, silent, limit: self.waiting.emit(s, int(silent), int(limit)),
            )
        except DigitpadError as exc:
            self.failed.emit(str(exc))
            return
        self.finished.emit(str(self.data_dir))


class PersonaliseWorker(QObject):
    progress = Signal(int, int)  # step, steps
    finished = Signal(object, dict)  # the personalised model, what to record in its metadata
    failed = Signal(str)

    def __init__(self, model: MLP, data_dir, config=None):
        super().__init__()
        self.model = model.copy()
        self.data_dir = data_dir
        self.config = config
        self._stop = threading.Event()

    def request_stop(self) -> None:
        self._stop.set()

    @Slot()
    def run(self) -> None:
        from digitpad.data import load_split
        from digitpad.personal import as_dataset, list_samples
        from digitpad.personalise import PersonaliseConfig, personalise

        try:
            samples, _ = list_samples()
            mnist = load_split(self.data_dir, "train")
            config = self.config or PersonaliseConfig()
            last = 0.0
            for step in personalise(self.model, as_dataset(samples), mnist, config, self._stop):
                if step.seconds - last > 0.1 or step.step == step.steps:
                    self.progress.emit(step.step, step.steps)
                    last = step.seconds
        except (DigitpadError, ValueError) as exc:
            self.failed.emit(str(exc))
            return
        if self._stop.is_set():
            self.failed.emit(self.tr("Personalising was stopped."))
            return
        self.finished.emit(
            self.model, {"personal_samples": len(samples), "personalise_steps": config.steps}
        )
