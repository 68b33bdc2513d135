"""The Train tab: the settings form, Start/Pause/Stop, live plots, and the results view."""

from __future__ import annotations

import math
import time

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui import keep_result
from digitpad.gui.mnist_source import MnistSource, MnistSourceView
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.plots import SERIES_COLOURS, LinePlot
from digitpad.gui.train_form import TrainForm
from digitpad.gui.train_results import ResultsView, duration, save_outcome, stopped_status
from digitpad.gui.widgets import ElidedLabel, WheelScrollsForm, fixed_lines
from digitpad.gui.worker import Job, TrainWorker, start_job
from digitpad.store.model_info import Accuracies, LiveTraining, Metrics, ModelInfo
from digitpad.training.config import fill
from digitpad.training.run import RunOutcome
from digitpad.training.trainer import BatchStats, EpochStats

MESSAGE_LINES = 3


class TrainTab(QWidget):
    modelTrained = Signal(object)  # RunOutcome
    epochSnapshot = Signal(object, int)  # the network after an epoch, its epoch number
    # True when a run starts; False once it is over, however it ended (its thread is gone).
    runningChanged = Signal(bool)

    def __init__(self, holder: ModelHolder, mnist: MnistSource, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.mnist = mnist
        self.job: Job | None = None
        self.outcome: RunOutcome | None = None
        self.paused = False
        self._kept = False  # the result was used or saved: dropping it loses nothing
        self._status = ""  # what the status says when not paused
        self._latest: BatchStats | None = None
        self._used_entry: str | None = None  # the history entry "Use this model" made current
        self._epochs = 0
        self._ema: float | None = None
        self._eval_seconds: list[float] = []  # evaluation time of each epoch so far
        self._prep_clock: tuple[str, float, int] | None = None  # stage, start, done at start
        self._build()
        mnist.message.connect(self.say)
        holder.changed.connect(self._say_which_model_is_used)
        holder.changed.connect(self._show_comparison)

    def heightForWidth(self, width: int) -> int:
        # The window's scroll area makes a page this tall: the least it needs, not its preferred
        # height, so the default window shows the whole tab with the plots a little smaller.
        return self.layout().totalMinimumHeightForWidth(width)

    def say(self, text: str) -> None:
        """Show ``text`` beside the status; its tooltip holds all of it should it not fit."""
        self.message.setText(text)
        self.message.setToolTip(text)

    def _build(self) -> None:
        self.form = TrainForm()
        self.follow = QCheckBox(self.tr("Draw tab follows training"))
        self.follow.setToolTip(
            self.tr("Let the Draw tab use the network being trained, updated after every epoch.")
        )
        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button.setToolTip(self.tr("Train a new network with these settings."))
        self.pause_button.setToolTip(self.tr("Hold training; Resume continues where it stopped."))
        self.stop_button.setToolTip(
            self.tr("End training after the current batch; the network trained so far is kept.")
        )
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)
        self.progress = QProgressBar(textVisible=True)
        self.progress_label = ElidedLabel(self.tr("Ready."))  # one line: elided, never wrapped
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.progress_label.setObjectName("trainStatus")
        self.message = fixed_lines(QLabel(wordWrap=True), MESSAGE_LINES)
        self.message.setObjectName("trainMessage")

        settings_box = QWidget()
        left = QVBoxLayout(settings_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.form)
        left.addWidget(self.follow)
        left.addWidget(MnistSourceView(self.mnist))
        left.addStretch(1)
        self.settings_scroll = scroll = QScrollArea(widgetResizable=True)
        wheel_filter = WheelScrollsForm(scroll)
        for box in settings_box.findChildren(QAbstractSpinBox) + settings_box.findChildren(QComboBox):
            box.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a wheel does not take the focus
            box.installEventFilter(wheel_filter)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(settings_box)
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        # Wide enough for every field even when a small window shows the scroll bar.
        scroll.setFixedWidth(max(300, settings_box.minimumSizeHint().width() + bar + 4))
        left_col = QVBoxLayout()
        left_col.addWidget(scroll, 1)
        left_col.addLayout(buttons)

        status = QHBoxLayout()
        status.addWidget(self.progress_label, 3)
        status.addWidget(self.message, 2)

        self.loss_plot = LinePlot(self.tr("Training loss"), self.tr("epoch"), self.tr("loss"))
        self.loss_plot.add_series(self.tr("per batch (smoothed)"), SERIES_COLOURS[0])
        self.loss_plot.add_series(self.tr("per epoch"), SERIES_COLOURS[1])
        self.acc_plot = LinePlot(self.tr("Accuracy"), self.tr("epoch"), self.tr("accuracy"))
        self.acc_plot.add_series(self.tr("train"), SERIES_COLOURS[0])
        self.acc_plot.add_series(self.tr("test"), SERIES_COLOURS[2])
        self.results = ResultsView()
        self.results.use_button.clicked.connect(self.use_result)
        self.results.save_button.clicked.connect(self.save_result_dialog)

        right = QVBoxLayout()
        right.addWidget(self.progress)
        right.addLayout(status)
        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        right.addLayout(plots, 1)
        right.addWidget(self.results, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left_col, 0)
        layout.addLayout(right, 1)
        self._set_running(False)

    # ----- running -----------------------------------------------------------------------
    def start(self) -> bool:
        if self.job is not None:
            return False
        cfg, error = self.form.config_or_error()
        if error:
            self.say(fill(self.tr("Cannot start: %1"), error))
            return False
        if not self.mnist.ensure(self) or not self.settle_result():
            return False
        self._used_entry = None
        self.say("")
        self.outcome = None
        self._ema = None
        self.loss_plot.clear()
        self.acc_plot.clear()
        self.acc_plot.y_range = None
        self.results.clear(self.tr("Training…"))
        self._epochs = cfg.epochs
        self._eval_seconds = []
        self._prep_clock = None
        self.progress.setFormat("%p%")
        self.progress.setRange(0, 1)
        self.progress.setValue(0)
        worker = TrainWorker(cfg, self.mnist.folder, self.form.preset_name)
        worker.status.connect(self._set_status)
        worker.preparing.connect(self._on_preparing)
        worker.batches.connect(self._on_batches)
        worker.epoch.connect(self._on_epoch)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        self.paused = False
        self._latest = None
        self.job = start_job(self, worker, self._job_released)
        self._set_running(True)
        return True

    def toggle_pause(self) -> None:
        if self.job is None or self.job.worker is None:
            return
        self.paused = not self.paused
        if self.paused:
            self.job.worker.pause()
            self.pause_button.setText(self.tr("Resume"))
        else:
            self._prep_clock = None  # time the drawing afresh: the pause is not its speed
            self.job.worker.resume()
            self.pause_button.setText(self.tr("Pause"))
        self._set_status(self._status)

    def stop(self) -> None:
        if self.job is not None:
            self.job.stop()  # a paused run stops too: the worker wakes to end
            self.paused = False
            self.pause_button.setText(self.tr("Pause"))
            self._set_status(self.tr("Stopping after this batch…"))

    def _set_status(self, text: str) -> None:
        """Show ``text``; while paused say so instead, with where the run stands (batches queued
        before the pause still arrive, and the time left does not run down while paused)."""
        self._status = text
        if not self.paused:
            self.progress_label.setText(text)
            return
        latest = self._latest
        where = (
            fill(
                self.tr("Paused at epoch %1/%2 · batch %3/%4. Resume continues."),
                str(latest.epoch),
                str(self._epochs),
                str(latest.batch),
                str(latest.batches),
            )
            if latest is not None
            else self.tr("Paused. Resume continues.")
        )
        self.progress_label.setText(where)

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Stop any run and wait for its thread (window closing). Nothing half-written remains:
        the trainer only saves when the user asks, and saves are atomic."""
        if self.job is not None:
            self.job.stop(wait_ms=timeout_ms)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.pause_button.setText(self.tr("Pause"))
        self.results.set_usable(self.outcome is not None and not running)
        self.runningChanged.emit(running)

    def _job_released(self) -> None:
        self.job = None
        self._set_running(False)

    def _on_preparing(self, stage: str, done: int, total: int) -> None:
        """Drawing the pen digits before the first batch (with its own time estimate, measured
        as it goes), or calibrating after the last epoch."""
        if stage in ("pen", "non-digits") and done >= total:
            self._set_status(self.tr("Training… (the time left shows after the first batches)"))
            return
        text = {
            "pen": self.tr("Drawing pen-written digits for training… %1%"),
            "non-digits": self.tr("Drawing scribbles that are no digit, for training… %1%"),
        }.get(stage, self.tr("Measuring how sure the network may be, on writers it never saw… %1%"))
        text = fill(text, str(100 * done // max(total, 1)))
        now = time.monotonic()
        if self._prep_clock is None or self._prep_clock[0] != stage:
            self._prep_clock = (stage, now, done)
        _, started, done_then = self._prep_clock
        if done > done_then and now > started:
            left = (total - done) * (now - started) / (done - done_then)
            text += " · " + fill(self.tr("%1 left for this step"), duration(left))
        self._set_status(text)

    def _on_batches(self, losses: list, latest: BatchStats) -> None:
        smoothed = []
        for step, loss in losses:
            self._ema = loss if self._ema is None else 0.98 * self._ema + 0.02 * loss
            smoothed.append((step / latest.batches, self._ema))
        self.loss_plot.extend(self.tr("per batch (smoothed)"), smoothed)
        done = (latest.epoch - 1) * latest.batches + latest.batch
        total = self._epochs * latest.batches
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        self._latest = latest
        self._set_status(
            fill(
                self.tr("Epoch %1/%2 · batch %3/%4 · %5 samples/s · %6 left"),
                str(latest.epoch),
                str(self._epochs),
                str(latest.batch),
                str(latest.batches),
                f"{latest.samples_per_second:,.0f}",
                duration(self.seconds_left(latest)),
            )
        )

    def seconds_left(self, latest: BatchStats) -> float:
        """The rest of the run at this machine's measured speed: the batches left (pauses do not
        count), plus each remaining epoch's evaluation as long as the ones so far took."""
        done = (latest.epoch - 1) * latest.batches + latest.batch
        total = self._epochs * latest.batches
        batches = latest.elapsed / max(done, 1) * (total - done)
        evaluations = self._epochs - len(self._eval_seconds)
        per_evaluation = sum(self._eval_seconds) / len(self._eval_seconds) if self._eval_seconds else 0.0
        return batches + evaluations * per_evaluation

    def _on_epoch(self, stats: EpochStats, snapshot) -> None:
        self._eval_seconds.append(stats.eval_seconds)
        self.loss_plot.extend(self.tr("per epoch"), [(stats.epoch, stats.loss)])
        self.acc_plot.extend(self.tr("train"), [(stats.epoch, stats.train_accuracy)])
        if stats.test_accuracy is not None:
            self.acc_plot.extend(self.tr("test"), [(stats.epoch, stats.test_accuracy)])
        if self.follow.isChecked():
            info = ModelInfo.of(
                snapshot,
                origin="trained",
                metrics=Metrics(test_accuracy=stats.test_accuracy),
                training=LiveTraining(stats.epoch, stats.epochs),
            )
            self.holder.show(snapshot, info)
        # After the Draw tab took it up: that puts the Inside tab back on the Draw tab's network,
        # which must not hide that this network is the run's, after this epoch.
        self.epochSnapshot.emit(snapshot, stats.epoch)

    def _follow_result(self, outcome: RunOutcome) -> None:
        """A Draw tab following the run reads with its result as "Use this model" would make it
        current: calibrated at the end of the run, as the epochs' snapshots are not."""
        if not self.follow.isChecked():
            return
        last = outcome.history[-1]
        training = LiveTraining(last.epoch, last.epochs)
        self.holder.show(outcome.model, outcome.info.replace(training=training))

    def _on_finished(self, outcome: RunOutcome) -> None:
        self.paused = False
        self.results.show_outcome(outcome)
        if outcome.report is None:
            self.outcome = None
            self._restore_draw_model()
        else:
            self.outcome = outcome
            self._kept = False
            self._follow_result(outcome)
            self._show_comparison()
        if outcome.stopped:
            self._show_stopped(outcome)
        else:
            self._set_status(self.tr("Done."))
            self.progress.setValue(self.progress.maximum())
        self.modelTrained.emit(outcome)

    def _show_stopped(self, outcome: RunOutcome) -> None:
        """Status and bar say how far the kept network was trained (an epoch cut short in part)."""
        self._set_status(stopped_status(outcome, self._epochs))
        done = math.floor(outcome.epochs_trained * 100) / 100 if outcome.history else 0
        self.progress.setRange(0, max(self._epochs, 1) * 100)
        self.progress.setValue(round(done * 100))
        of_epochs = self.tr("%1 of 1 epoch") if self._epochs == 1 else self.tr("%1 of %2 epochs")
        self.progress.setFormat(fill(of_epochs, f"{done:g}", str(self._epochs)))

    def _on_failed(self, text: str) -> None:
        self.outcome = None
        self.say(fill(self.tr("Training failed: %1\nYour current model is unchanged."), text))
        self._set_status(self.tr("Failed."))
        self.results.clear(self.tr("No result."))
        self._restore_draw_model()

    def _restore_draw_model(self) -> None:
        if self.follow.isChecked():
            self.holder.reload()

    # ----- results -----------------------------------------------------------------------
    def new_and_current_figures(self) -> tuple[Accuracies, Accuracies]:
        """The trained network's figures and those of the saved model in use (not a snapshot
        the Draw tab follows), as the model files record them: nothing is evaluated here."""
        assert self.outcome is not None
        return Accuracies.of_model(self.outcome.model, self.outcome.info), self.holder.saved_figures

    def _show_comparison(self) -> None:
        """The result's figures beside those of the model in use, whichever that is now."""
        if self.outcome is not None:
            self.results.show_comparison(self._figures_text())

    def _figures_text(self) -> str:
        new, current = self.new_and_current_figures()
        return keep_result.comparison_table(new, current)

    def has_unkept_result(self) -> bool:
        """A trained network is shown that was neither used nor saved."""
        return self.outcome is not None and not self._kept and self.job is None

    def settle_result(self) -> bool:
        """Before a result nobody used or saved is dropped (Start again, closing the window), ask
        whether to use, save or discard it. False: keep everything as it is (Cancel, or the use
        or save did not happen)."""
        if not self.has_unkept_result():
            return True
        choice = keep_result.ask_unkept(self, self._figures_text())
        if choice == keep_result.USE:
            return self.use_result()
        if choice == keep_result.SAVE:
            return self.save_result_dialog()
        return choice == keep_result.DISCARD

    def use_result(self) -> bool:
        if self.outcome is None:
            return False
        new, current = self.new_and_current_figures()
        if new.worse_than(current) and not keep_result.ask_use_worse(self, new, current):
            return False
        try:
            self.holder.use(self.outcome.model, self.outcome.info)
        except OSError as exc:
            self.say(fill(self.tr("Could not keep the model: %1"), str(exc)))
            return False
        self._used_entry = self.holder.entry_id
        self._kept = True
        self._say_which_model_is_used()
        self.results.use_button.setEnabled(False)  # a second click would only add a duplicate
        return True

    def _say_which_model_is_used(self) -> None:
        """After "Use this model"; the sentence goes once another model is used (Revert, the
        history, a loaded file, a new run followed)."""
        if self._used_entry is None:
            return
        if self.holder.entry_id == self._used_entry:
            self.say(self.tr("The Draw tab now uses this model."))
        else:
            self._used_entry = None
            self.say("")

    def save_result_dialog(self) -> bool:
        """True once the result is saved to a file the user chose."""
        said = save_outcome(self, self.outcome) if self.outcome is not None else None
        if said is None:
            return False
        saved, text = said
        self.say(text)
        self._kept = self._kept or saved
        return saved
