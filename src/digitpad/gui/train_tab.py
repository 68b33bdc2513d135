"""The Train tab: settings, Start/Pause/Stop, live plots, and what to do with the result."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digitpad import paths
from digitpad.config import PRESETS, TrainConfig
from digitpad.data import missing_files
from digitpad.errors import ConfigError
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.plots import SERIES_COLOURS, ConfusionMatrix, DigitStrip, LinePlot
from digitpad.gui.worker import DownloadWorker, TrainingOutcome, TrainWorker, run_in_thread
from digitpad.modelfile import save_model, user_metadata
from digitpad.trainer import BatchStats, EpochStats

TIPS = {
    "preset": QT_TRANSLATE_NOOP(
        "TrainTab",
        "Ready-made recipes. 'seed' is the teaching post's original network; 'fast' reaches 98% in seconds; 'best' is how the shipped model was trained (minutes).",
    ),
    "hidden": QT_TRANSLATE_NOOP(
        "TrainTab",
        "Sizes of the hidden layers, comma separated. '100' is one layer of 100 neurons; '800,800' two layers. More neurons can learn more but train slower.",
    ),
    "activation": QT_TRANSLATE_NOOP(
        "TrainTab",
        "The function each hidden neuron applies to its input sum. ReLU trains fastest; sigmoid is the classic S-curve of the teaching post.",
    ),
    "loss": QT_TRANSLATE_NOOP(
        "TrainTab",
        "How wrongness is measured. Cross-entropy (with softmax) suits classification; MSE (squared error on sigmoid outputs) is the original recipe.",
    ),
    "optimizer": QT_TRANSLATE_NOOP(
        "TrainTab",
        "How the weights are moved downhill. SGD takes plain gradient steps; momentum keeps rolling; Adam adapts the step for every weight.",
    ),
    "lr": QT_TRANSLATE_NOOP(
        "TrainTab",
        "The learning rate: how big each step is. Too big and training blows up; too small and it crawls. Adam likes about 0.001, SGD 0.1 to 0.5.",
    ),
    "schedule": QT_TRANSLATE_NOOP(
        "TrainTab",
        "How the learning rate changes during training. Cosine and one-cycle lower it towards the end, which usually gains a little accuracy.",
    ),
    "batch": QT_TRANSLATE_NOOP(
        "TrainTab",
        "How many images are looked at before each weight update. Bigger batches are faster per image but take fewer steps.",
    ),
    "epochs": QT_TRANSLATE_NOOP(
        "TrainTab",
        "How many times to go through all 60,000 training images.",
    ),
    "dropout": QT_TRANSLATE_NOOP(
        "TrainTab",
        "The chance that a hidden neuron is switched off for one step. It stops the network from relying on single neurons and reduces overfitting.",
    ),
    "l2": QT_TRANSLATE_NOOP(
        "TrainTab",
        "Weight decay: gently pulls all weights towards zero each step, which keeps the network simple. 0 turns it off.",
    ),
    "augment": QT_TRANSLATE_NOOP(
        "TrainTab",
        "Show the network randomly rotated, scaled, shifted, warped and thickened digits, so it copes with how people really draw. Slower to learn, better on drawings.",
    ),
    "seed": QT_TRANSLATE_NOOP(
        "TrainTab",
        "The random seed. The same seed and settings give exactly the same network.",
    ),
    "follow": QT_TRANSLATE_NOOP(
        "TrainTab",
        "Let the Draw tab use the network being trained, updated after every epoch.",
    ),
}

PRESET_HELP = {
    "seed": QT_TRANSLATE_NOOP(
        "TrainTab",
        "The teaching post's recipe: 784-100-10 sigmoid, MSE, SGD lr 0.5, batch 50, 30 epochs.",
    ),
    "fast": QT_TRANSLATE_NOOP(
        "TrainTab", "One wide ReLU layer, Adam with a one-cycle schedule: about 98% in a few seconds."
    ),
    "best": QT_TRANSLATE_NOOP(
        "TrainTab", "Two wide ReLU layers, dropout, augmentation: the shipped model."
    ),
}


class TrainTab(QWidget):
    modelTrained = Signal(object)  # TrainingOutcome
    epochSnapshot = Signal(object, int)  # the network after an epoch, its epoch number

    def __init__(self, holder: ModelHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.thread: QThread | None = None
        self.worker: TrainWorker | None = None
        self.outcome: TrainingOutcome | None = None
        self.paused = False
        self._run_started = 0.0
        self._paused_at = 0.0
        self._ema: float | None = None
        self.data_dir = paths.default_data_dir()
        self._build()
        self.apply_preset("fast")

    # ----- layout ------------------------------------------------------------------------
    def _build(self) -> None:
        form = QFormLayout()
        self.preset = QComboBox()
        self.preset.addItems([*PRESETS, "custom"])
        self.preset.currentTextChanged.connect(self._preset_chosen)
        self.hidden = QLineEdit()
        self.activation = QComboBox()
        self.activation.addItems(["relu", "leaky_relu", "sigmoid", "tanh"])
        self.loss = QComboBox()
        self.loss.addItems(["ce", "mse"])
        self.optimizer = QComboBox()
        self.optimizer.addItems(["adam", "sgd", "momentum", "nesterov"])
        self.lr = QDoubleSpinBox(decimals=5, minimum=0.00001, maximum=10.0, singleStep=0.0005)
        self.schedule = QComboBox()
        self.schedule.addItems(["constant", "step", "cosine", "onecycle"])
        self.batch = QSpinBox(minimum=1, maximum=60000)
        self.epochs = QSpinBox(minimum=1, maximum=1000)
        self.dropout = QDoubleSpinBox(decimals=2, minimum=0.0, maximum=0.9, singleStep=0.05)
        self.l2 = QDoubleSpinBox(decimals=5, minimum=0.0, maximum=0.1, singleStep=0.0001)
        self.augment = QCheckBox(self.tr("Distort training digits"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.follow = QCheckBox(self.tr("Draw tab follows training"))
        rows = [
            (self.tr("Preset"), self.preset, "preset"),
            (self.tr("Hidden layers"), self.hidden, "hidden"),
            (self.tr("Activation"), self.activation, "activation"),
            (self.tr("Loss"), self.loss, "loss"),
            (self.tr("Optimiser"), self.optimizer, "optimizer"),
            (self.tr("Learning rate"), self.lr, "lr"),
            (self.tr("Schedule"), self.schedule, "schedule"),
            (self.tr("Batch size"), self.batch, "batch"),
            (self.tr("Epochs"), self.epochs, "epochs"),
            (self.tr("Dropout"), self.dropout, "dropout"),
            (self.tr("L2 weight decay"), self.l2, "l2"),
            (self.tr("Augmentation"), self.augment, "augment"),
            (self.tr("Seed"), self.seed, "seed"),
            ("", self.follow, "follow"),
        ]
        for label, widget, tip in rows:
            widget.setToolTip(self.tr(TIPS[tip]))
            form.addRow(label, widget)
        for widget in (self.hidden,):
            widget.textEdited.connect(self._mark_custom)
        for widget in (self.activation, self.loss, self.optimizer, self.schedule):
            widget.activated.connect(self._mark_custom)
        for widget in (self.lr, self.batch, self.epochs, self.dropout, self.l2, self.seed):
            widget.editingFinished.connect(self._mark_custom)
        self.augment.clicked.connect(self._mark_custom)
        self.preset_help = QLabel(wordWrap=True)

        self.data_label = QLabel(wordWrap=True)
        change_data = QPushButton(self.tr("Data folder…"))
        change_data.setToolTip(self.tr("Choose the folder that holds the four MNIST files."))
        change_data.clicked.connect(self.choose_data_folder)

        self.start_button = QPushButton(self.tr("Start"))
        self.pause_button = QPushButton(self.tr("Pause"))
        self.stop_button = QPushButton(self.tr("Stop"))
        self.start_button.setToolTip(self.tr("Train a new network with these settings."))
        self.pause_button.setToolTip(self.tr("Hold training; Resume continues where it stopped."))
        self.stop_button.setToolTip(
            self.tr("End training after the current batch; epochs done so far are kept.")
        )
        self.start_button.clicked.connect(self.start)
        self.pause_button.clicked.connect(self.toggle_pause)
        self.stop_button.clicked.connect(self.stop)
        buttons = QHBoxLayout()
        for b in (self.start_button, self.pause_button, self.stop_button):
            buttons.addWidget(b)
        self.progress = QProgressBar(textVisible=True)
        self.progress_label = QLabel(self.tr("Ready."), wordWrap=True)
        self.message = QLabel(wordWrap=True)
        self.message.setObjectName("trainMessage")

        settings_box = QWidget()
        left = QVBoxLayout(settings_box)
        left.addLayout(form)
        left.addWidget(self.preset_help)
        left.addWidget(self.data_label)
        left.addWidget(change_data)
        left.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(settings_box)
        scroll.setMinimumWidth(300)
        scroll.setMaximumWidth(380)
        left_col = QVBoxLayout()
        left_col.addWidget(scroll, 1)
        left_col.addLayout(buttons)
        left_col.addWidget(self.progress)
        left_col.addWidget(self.progress_label)
        left_col.addWidget(self.message)

        self.loss_plot = LinePlot(self.tr("Training loss"), self.tr("epoch"), self.tr("loss"))
        self.loss_plot.add_series(self.tr("per batch (smoothed)"), SERIES_COLOURS[0])
        self.loss_plot.add_series(self.tr("per epoch"), SERIES_COLOURS[1])
        self.acc_plot = LinePlot(self.tr("Accuracy"), self.tr("epoch"), self.tr("accuracy"))
        self.acc_plot.add_series(self.tr("train"), SERIES_COLOURS[0])
        self.acc_plot.add_series(self.tr("test"), SERIES_COLOURS[2])
        self.confusion = ConfusionMatrix()
        self.mistakes = DigitStrip()
        self.use_button = QPushButton(self.tr("Use this model"))
        self.use_button.setToolTip(
            self.tr("Recognise drawings with the new network from now on (kept after a restart).")
        )
        self.save_button = QPushButton(self.tr("Save as…"))
        self.load_button = QPushButton(self.tr("Load…"))
        self.revert_button = QPushButton(self.tr("Revert to shipped model"))
        self.use_button.clicked.connect(self.use_result)
        self.save_button.clicked.connect(self.save_result_dialog)
        self.load_button.clicked.connect(lambda: self.window().load_model_dialog())
        self.revert_button.clicked.connect(lambda: self.window().revert_model())
        result_buttons = QHBoxLayout()
        for b in (self.use_button, self.save_button, self.load_button, self.revert_button):
            result_buttons.addWidget(b)
        result_box = QGroupBox(self.tr("Result on the 10,000 test digits"))
        result_layout = QHBoxLayout(result_box)
        result_layout.addWidget(self.confusion, 0)
        mistakes_col = QVBoxLayout()
        self.result_label = QLabel(self.tr("Train a network to see how it does."), wordWrap=True)
        mistakes_col.addWidget(self.result_label)
        mistakes_col.addWidget(QLabel(self.tr("Its most confident mistakes:")))
        mistakes_col.addWidget(self.mistakes)
        mistakes_col.addLayout(result_buttons)
        mistakes_col.addStretch(1)
        result_layout.addLayout(mistakes_col, 1)

        right = QVBoxLayout()
        plots = QHBoxLayout()
        plots.addWidget(self.loss_plot)
        plots.addWidget(self.acc_plot)
        right.addLayout(plots, 1)
        right.addWidget(result_box, 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left_col, 0)
        layout.addLayout(right, 1)
        self._set_running(False)
        self._show_data_dir()

    # ----- settings ----------------------------------------------------------------------
    def _preset_chosen(self, name: str) -> None:
        if name in PRESETS:
            self.apply_preset(name)

    def apply_preset(self, name: str) -> None:
        cfg = PRESETS[name]
        self.preset.blockSignals(True)
        self.preset.setCurrentText(name)
        self.preset.blockSignals(False)
        self.hidden.setText(",".join(str(n) for n in cfg.hidden))
        self.activation.setCurrentText(cfg.activation)
        self.loss.setCurrentText(cfg.loss)
        self.optimizer.setCurrentText(cfg.optimizer)
        self.lr.setValue(cfg.lr)
        self.schedule.setCurrentText(cfg.schedule)
        self.batch.setValue(cfg.batch_size)
        self.epochs.setValue(cfg.epochs)
        self.dropout.setValue(cfg.dropout)
        self.l2.setValue(cfg.weight_decay)
        self.augment.setChecked(cfg.augment)
        self.seed.setValue(cfg.seed)
        self.preset_help.setText(self.tr(PRESET_HELP[name]))

    def _mark_custom(self, *args) -> None:
        name = self.preset.currentText()
        if name in PRESETS and self.config_or_error()[0] != PRESETS[name]:
            self.preset.blockSignals(True)
            self.preset.setCurrentText("custom")
            self.preset.blockSignals(False)
            self.preset_help.setText(self.tr("Your own settings."))

    def config_or_error(self) -> tuple[TrainConfig | None, str | None]:
        try:
            hidden = tuple(int(p) for p in self.hidden.text().replace(" ", "").split(",") if p)
        except ValueError:
            return None, self.tr(
                "Hidden layers must be whole numbers separated by commas, like 800,800."
            )
        name = self.preset.currentText()
        base = PRESETS.get(name, PRESETS["fast"])
        cfg = base.replace(
            hidden=hidden,
            activation=self.activation.currentText(),
            loss=self.loss.currentText(),
            optimizer=self.optimizer.currentText(),
            lr=self.lr.value(),
            schedule=self.schedule.currentText(),
            batch_size=self.batch.value(),
            epochs=self.epochs.value(),
            dropout=self.dropout.value(),
            weight_decay=self.l2.value(),
            augment=self.augment.isChecked(),
            seed=self.seed.value(),
        )
        try:
            return cfg.validate(), None
        except ConfigError as exc:
            return None, str(exc)

    # ----- data --------------------------------------------------------------------------
    def _show_data_dir(self) -> None:
        missing = missing_files(self.data_dir)
        state = self.tr("ready") if not missing else self.tr("MNIST not found")
        self.data_label.setText(
            self.tr("Data: %1 (%2)").replace("%1", str(self.data_dir)).replace("%2", state)
        )

    def choose_data_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(
            self, self.tr("Folder with the MNIST files"), str(self.data_dir)
        )
        if name:
            self.data_dir = Path(name)
            self._show_data_dir()

    def _ensure_data(self) -> bool:
        """True when MNIST is there; otherwise offers download or another folder."""
        if not missing_files(self.data_dir):
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("MNIST is needed"),
            self.tr(
                "Training needs the MNIST digits (about 11 MB), which are not in %1.\n\n"
                "Download them now, or choose a folder that already has them?"
            ).replace("%1", str(self.data_dir)),
            parent=self,
        )
        download = box.addButton(self.tr("Download"), QMessageBox.ButtonRole.AcceptRole)
        choose = box.addButton(self.tr("Choose folder…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("mnistMissingDialog")
        box.exec()
        if box.clickedButton() is choose:
            self.choose_data_folder()
            return not missing_files(self.data_dir)
        if box.clickedButton() is download:
            self.download_data()
        return False

    def download_data(self) -> None:
        dialog = QProgressDialog(self.tr("Downloading MNIST…"), self.tr("Cancel"), 0, 100, self)
        dialog.setWindowTitle(self.tr("Download"))
        dialog.setMinimumDuration(0)
        worker = DownloadWorker(self.data_dir)
        # Bound methods of this widget, so the worker's signals arrive queued in the GUI thread.
        worker.progress.connect(self._on_download_progress)
        worker.waiting.connect(self._on_download_waiting)
        worker.finished.connect(self._on_download_finished)
        worker.failed.connect(self._on_download_failed)
        # Direct: cancel() only sets a flag, and the worker's thread is busy downloading.
        dialog.canceled.connect(worker.cancel, Qt.ConnectionType.DirectConnection)
        self._download_dialog = dialog
        self._download = (run_in_thread(self, worker, worker.finished, worker.failed), worker)

    def _on_download_progress(self, name: str, done: int, total: int) -> None:
        self._download_dialog.setLabelText(self.tr("Downloading %1…").replace("%1", name))
        self._download_dialog.setValue(int(100 * done / total) if total else 0)

    def _on_download_waiting(self, name: str, silent: int, limit: int) -> None:
        self._download_dialog.setLabelText(
            self.tr("Downloading %1: no data for %2 s, giving up in %3 s…")
            .replace("%1", name)
            .replace("%2", str(silent))
            .replace("%3", str(max(0, limit - silent)))
        )

    def _on_download_finished(self, _folder: str) -> None:
        self._download_dialog.reset()
        self._show_data_dir()
        self.message.setText(self.tr("MNIST downloaded. Press Start to train."))

    def _on_download_failed(self, text: str) -> None:
        self._download_dialog.reset()
        self.message.setText(self.tr("Download failed: %1").replace("%1", text))

    # ----- running -----------------------------------------------------------------------
    def start(self) -> bool:
        if self.thread is not None:
            return False
        cfg, error = self.config_or_error()
        if error:
            self.message.setText(self.tr("Cannot start: %1").replace("%1", error))
            return False
        if not self._ensure_data():
            return False
        self.message.setText("")
        self.outcome = None
        self._ema = None
        self.loss_plot.clear()
        self.acc_plot.clear()
        self.confusion.set_counts(None)
        self.mistakes.set_digits([], [])
        self.result_label.setText(self.tr("Training…"))
        self.acc_plot.y_range = None
        self._config = cfg
        self._run_started = time.monotonic()
        preset = self.preset.currentText()
        self.worker = TrainWorker(cfg, self.data_dir, None if preset == "custom" else preset)
        self.worker.status.connect(self.progress_label.setText)
        self.worker.batches.connect(self._on_batches)
        self.worker.epoch.connect(self._on_epoch)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.paused = False
        self._set_running(True)
        self.thread = run_in_thread(self, self.worker, self.worker.finished, self.worker.failed)
        self.thread.finished.connect(self._thread_done)
        return True

    def toggle_pause(self) -> None:
        if self.worker is None:
            return
        self.paused = not self.paused
        if self.paused:
            self._paused_at = time.monotonic()
            self.worker.pause()
            self.pause_button.setText(self.tr("Resume"))
            self.progress_label.setText(self.tr("Paused."))
        else:
            self._run_started += time.monotonic() - self._paused_at  # pauses do not count
            self.worker.resume()
            self.pause_button.setText(self.tr("Pause"))

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.request_stop()
            self.progress_label.setText(self.tr("Stopping after this batch…"))

    def shutdown(self, timeout_ms: int = 10000) -> None:
        """Stop any run and wait for its thread (window closing). Nothing half-written remains:
        the trainer only saves when the user asks, and saves are atomic."""
        download = getattr(self, "_download", None)
        if download is not None and download[0].isRunning():
            download[1].cancel()
            download[0].wait(timeout_ms)
        if self.thread is not None:
            self.worker.request_stop()
            self.thread.wait(timeout_ms)

    def _set_running(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.pause_button.setEnabled(running)
        self.stop_button.setEnabled(running)
        self.pause_button.setText(self.tr("Pause"))
        has_result = self.outcome is not None and not running
        self.use_button.setEnabled(has_result)
        self.save_button.setEnabled(has_result)

    def _on_batches(self, losses: list, latest: BatchStats) -> None:
        smoothed = []
        for step, loss in losses:
            self._ema = loss if self._ema is None else 0.98 * self._ema + 0.02 * loss
            smoothed.append((step / latest.batches, self._ema))
        self.loss_plot.extend(self.tr("per batch (smoothed)"), smoothed)
        done = (latest.epoch - 1) * latest.batches + latest.batch
        total = self._config.epochs * latest.batches
        self.progress.setMaximum(total)
        self.progress.setValue(done)
        elapsed = time.monotonic() - self._run_started
        remaining = elapsed / max(done, 1) * (total - done)
        self.progress_label.setText(
            self.tr("Epoch %1/%2 · batch %3/%4 · %5 samples/s · %6 left")
            .replace("%1", str(latest.epoch))
            .replace("%2", str(self._config.epochs))
            .replace("%3", str(latest.batch))
            .replace("%4", str(latest.batches))
            .replace("%5", f"{latest.samples_per_second:,.0f}")
            .replace("%6", _duration(remaining))
        )

    def _on_epoch(self, stats: EpochStats, snapshot) -> None:
        self.epochSnapshot.emit(snapshot, stats.epoch)
        self.loss_plot.extend(self.tr("per epoch"), [(stats.epoch, stats.loss)])
        self.acc_plot.extend(self.tr("train"), [(stats.epoch, stats.train_accuracy)])
        if stats.test_accuracy is not None:
            self.acc_plot.extend(self.tr("test"), [(stats.epoch, stats.test_accuracy)])
        if self.follow.isChecked():
            self.holder.show(
                snapshot,
                {
                    "layer_sizes": snapshot.layer_sizes,
                    "activation": snapshot.activation,
                    "metrics": {"test_accuracy": stats.test_accuracy},
                    "created": f"training, epoch {stats.epoch}",
                },
            )

    def _on_finished(self, outcome: TrainingOutcome) -> None:
        self.outcome = outcome
        report = outcome.report
        if report is None:
            self.result_label.setText(self.tr("Stopped before the first epoch ended; nothing to keep."))
            self.outcome = None
        else:
            self.confusion.set_counts(report["confusion"])
            self.mistakes.set_digits(
                [image for image, _, _ in outcome.mistakes],
                [
                    self.tr("%1, was %2").replace("%1", str(g)).replace("%2", str(t))
                    for _, g, t in outcome.mistakes
                ],
            )
            seconds = sum(h.seconds for h in outcome.history)
            note = self.tr(" (stopped early)") if outcome.stopped else ""
            self.result_label.setText(
                self.tr(
                    "Test accuracy %1 after %2 epochs, %3 of training%4. "
                    "Use it, save it, or train again."
                )
                .replace("%1", f"{report['accuracy']:.2%}")
                .replace("%2", str(len(outcome.history)))
                .replace("%3", _duration(seconds))
                .replace("%4", note)
            )
            self.progress_label.setText(self.tr("Done."))
        if self.outcome is None:
            self._restore_draw_model()
        self.modelTrained.emit(outcome)

    def _on_failed(self, text: str) -> None:
        self.outcome = None
        self.message.setText(
            self.tr("Training failed: %1\nYour current model is unchanged.").replace("%1", text)
        )
        self.progress_label.setText(self.tr("Failed."))
        self.result_label.setText(self.tr("No result."))
        self._restore_draw_model()

    def _restore_draw_model(self) -> None:
        if self.follow.isChecked():
            self.holder.reload()

    def _thread_done(self) -> None:
        self.thread.wait()  # "finished" comes just before the thread really ends
        self.thread.deleteLater()
        self.thread, self.worker = None, None  # the worker is deleted here, its thread gone
        self._set_running(False)

    # ----- results -----------------------------------------------------------------------
    def use_result(self) -> bool:
        if self.outcome is None:
            return False
        try:
            self.holder.use(self.outcome.model, self.outcome.metadata)
        except OSError as exc:
            self.message.setText(self.tr("Could not keep the model: %1").replace("%1", str(exc)))
            return False
        self.message.setText(self.tr("The Draw tab now uses this model."))
        return True

    def save_result_dialog(self) -> None:
        if self.outcome is None:
            return
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save model as"),
            str(paths.user_dir() / "trained.npz"),
            "digitpad models (*.npz)",
        )
        if name:
            self.save_result(Path(name))

    def save_result(self, path: Path) -> bool:
        try:
            save_model(self.outcome.model, path, **user_metadata(self.outcome.metadata))
        except OSError as exc:
            self.message.setText(
                self.tr("Could not save: %1").replace("%1", f"{path}: {exc.strerror or exc}")
            )
            return False
        self.message.setText(self.tr("Saved %1").replace("%1", str(path)))
        return True


def _duration(seconds: float) -> str:
    seconds = max(0, int(round(seconds)))
    if seconds < 60:
        return f"{seconds} s"
    return f"{seconds // 60} min {seconds % 60:02d} s"
