"""The "My handwriting" tab: the digits the user taught, and Personalise."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QThread, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitpad import personal
from digitpad.data import missing_files
from digitpad.errors import DigitpadError
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.widgets import gray_image
from digitpad.gui.worker import PersonaliseWorker, run_in_thread

MIN_SAMPLES = 3


class PersonalTab(QWidget):
    personalised = Signal()

    def __init__(self, holder: ModelHolder, data_dir_source, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.data_dir_source = data_dir_source  # callable giving the MNIST folder
        self.thread: QThread | None = None
        self.worker: PersonaliseWorker | None = None
        intro = QLabel(
            self.tr(
                "Teach digitpad your handwriting: after a guess in the Draw tab, press the digit you meant "
                "(the buttons under the guess, or the keys 0-9). Your samples are kept here. Personalise "
                "fine-tunes the current network on them, mixed with MNIST so it does not forget."
            ),
            wordWrap=True,
        )
        self.samples = QListWidget()
        self.samples.setViewMode(QListWidget.ViewMode.IconMode)
        self.samples.setIconSize(QSize(56, 56))
        self.samples.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.samples.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.samples.setUniformItemSizes(True)
        self.count_label = QLabel()
        self.delete_button = QPushButton(self.tr("Delete selected"))
        self.delete_button.setToolTip(self.tr("Remove the selected samples."))
        self.personalise_button = QPushButton(self.tr("Personalise"))
        self.personalise_button.setToolTip(
            self.tr(
                "Fine-tune the current network on your samples (a few seconds). The Draw tab then uses it."
            )
        )
        self.undo_button = QPushButton(self.tr("Undo personalisation"))
        self.undo_button.setToolTip(self.tr("Go back to the network you had before personalising."))
        self.progress = QProgressBar()
        self.status = QLabel(wordWrap=True)
        self.delete_button.clicked.connect(self.delete_selected)
        self.personalise_button.clicked.connect(self.start)
        self.undo_button.clicked.connect(self.undo)
        buttons = QHBoxLayout()
        for b in (self.delete_button, self.personalise_button, self.undo_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.count_label)
        layout.addWidget(self.samples, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        holder.changed.connect(self._update_buttons)
        self.refresh()

    def refresh(self) -> None:
        samples, skipped = personal.list_samples()
        self.samples.clear()
        for sample in reversed(samples):  # newest first
            icon = QIcon(QPixmap.fromImage(gray_image(sample.input.reshape(28, 28))))
            item = QListWidgetItem(icon, str(sample.label))
            item.setData(Qt.ItemDataRole.UserRole, sample.id)
            item.setToolTip(
                self.tr("A %1, taught %2")
                .replace("%1", str(sample.label))
                .replace("%2", sample.created[:16])
            )
            self.samples.addItem(item)
        counts = [sum(s.label == d for s in samples) for d in range(10)]
        text = self.tr("%1 samples: ").replace("%1", str(len(samples))) + "  ".join(
            f"{d}×{n}" for d, n in enumerate(counts) if n
        )
        if skipped:
            text += "  " + self.tr("(%1 unreadable files skipped)").replace("%1", str(skipped))
        self.count_label.setText(text)
        self._update_buttons()

    def _update_buttons(self) -> None:
        running = self.thread is not None
        self.personalise_button.setEnabled(not running and self.samples.count() >= MIN_SAMPLES)
        self.delete_button.setEnabled(not running)
        self.undo_button.setEnabled(not running and "personalised_from" in self.holder.metadata)

    def delete_selected(self) -> None:
        for item in self.samples.selectedItems():
            personal.delete_sample(item.data(Qt.ItemDataRole.UserRole))
        self.refresh()

    def start(self) -> bool:
        data_dir = self.data_dir_source()
        if missing_files(data_dir):
            self.status.setText(
                self.tr(
                    "Personalising mixes in MNIST so the network does not forget it, and MNIST is not in %1. "
                    "Download it from the Train tab first."
                ).replace("%1", str(data_dir))
            )
            return False
        if self.thread is not None or self.samples.count() < MIN_SAMPLES:
            return False
        self.worker = PersonaliseWorker(self.holder.model, data_dir)
        self.worker.progress.connect(self._on_progress)
        self.worker.finished.connect(self._on_finished)
        self.worker.failed.connect(self._on_failed)
        self.thread = run_in_thread(self, self.worker, self.worker.finished, self.worker.failed)
        self.thread.finished.connect(self._thread_done)
        self.status.setText(self.tr("Personalising…"))
        self._update_buttons()
        return True

    def _on_progress(self, step: int, steps: int) -> None:
        self.progress.setMaximum(steps)
        self.progress.setValue(step)

    def _on_finished(self, model, extra: dict) -> None:
        from digitpad.modelfile import user_metadata

        meta = user_metadata(self.holder.metadata)
        meta.update(extra)
        meta["personalised_from"] = "shipped" if self.holder.is_shipped else "user"
        meta.pop("personalised_from_id", None)
        if self.holder.entry_id and not self.holder.is_shipped:
            meta["personalised_from_id"] = self.holder.entry_id  # where Undo goes back to
        try:
            self.holder.use(model, meta)
        except OSError as exc:
            self.status.setText(self.tr("Could not keep the model: %1").replace("%1", str(exc)))
            return
        self.status.setText(self.tr("Done: the Draw tab now uses your personalised network."))
        self.personalised.emit()

    def _on_failed(self, text: str) -> None:
        self.status.setText(
            self.tr("Personalising failed: %1\nYour current model is unchanged.").replace("%1", text)
        )

    def _thread_done(self) -> None:
        self.thread.wait()  # "finished" comes just before the thread really ends
        self.thread.deleteLater()
        self.thread, self.worker = None, None  # the worker is deleted here, its thread gone
        self._update_buttons()

    def undo(self) -> None:
        try:
            undone = self.holder.undo_personalisation()
        except (DigitpadError, OSError) as exc:
            self.status.setText(self.tr("Could not undo: %1").replace("%1", str(exc)))
            return
        if undone:
            self.status.setText(self.tr("Back to the network you had before personalising."))

    def shutdown(self, timeout_ms: int = 10000) -> None:
        if self.thread is not None:
            self.worker.request_stop()
            self.thread.wait(timeout_ms)
