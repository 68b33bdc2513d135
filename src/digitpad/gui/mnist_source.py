"""The MNIST folder that training and personalising read, and its download: one object shared by
the Train and My handwriting tabs, plus the small view that shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from digitpad import paths
from digitpad.data import missing_files
from digitpad.gui.worker import DownloadWorker, Job, start_job


class MnistSource(QObject):
    changed = Signal()  # another folder, or the files arrived
    message = Signal(str)  # how a download ended, for the user

    def __init__(self, parent=None):
        super().__init__(parent)
        self.folder: Path = paths.default_data_dir()
        self.job: Job | None = None
        self._dialog: QProgressDialog | None = None

    @property
    def ready(self) -> bool:
        return not missing_files(self.folder)

    def set_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.changed.emit()

    def choose_folder(self, parent: QWidget) -> None:
        name = QFileDialog.getExistingDirectory(
            parent, self.tr("Folder with the MNIST files"), str(self.folder)
        )
        if name:
            self.set_folder(Path(name))

    def ensure(self, parent: QWidget) -> bool:
        """True when MNIST is there; otherwise offers download or another folder."""
        if self.ready:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("MNIST is needed"),
            self.tr(
                "Training needs the MNIST digits (about 11 MB), which are not in %1.\n\n"
                "Download them now, or choose a folder that already has them?"
            ).replace("%1", str(self.folder)),
            parent=parent,
        )
        download = box.addButton(self.tr("Download"), QMessageBox.ButtonRole.AcceptRole)
        choose = box.addButton(self.tr("Choose folder…"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("mnistMissingDialog")
        box.exec()
        if box.clickedButton() is choose:
            self.choose_folder(parent)
            return self.ready
        if box.clickedButton() is download:
            self.download(parent)
        return False

    def download(self, parent: QWidget) -> None:
        if self.job is not None:
            return
        dialog = QProgressDialog(self.tr("Downloading MNIST…"), self.tr("Cancel"), 0, 100, parent)
        dialog.setWindowTitle(self.tr("Download"))
        dialog.setMinimumDuration(0)
        worker = DownloadWorker(self.folder)
        # Bound methods of this object, so the worker's signals arrive queued in the GUI thread.
        worker.progress.connect(self._on_progress)
        worker.waiting.connect(self._on_waiting)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        # Direct: request_stop() only sets a flag, and the worker's thread is busy downloading.
        dialog.canceled.connect(worker.request_stop, Qt.ConnectionType.DirectConnection)
        self._dialog = dialog
        self.job = start_job(self, worker, self._released)

    def _on_progress(self, name: str, done: int, total: int) -> None:
        self._dialog.setLabelText(self.tr("Downloading %1…").replace("%1", name))
        self._dialog.setValue(int(100 * done / total) if total else 0)

    def _on_waiting(self, name: str, silent: int, limit: int) -> None:
        self._dialog.setLabelText(
            self.tr("Downloading %1: no data for %2 s, giving up in %3 s…")
            .replace("%1", name)
            .replace("%2", str(silent))
            .replace("%3", str(max(0, limit - silent)))
        )

    def _on_finished(self, _folder: str) -> None:
        self._dialog.reset()
        self.changed.emit()
        self.message.emit(self.tr("MNIST downloaded. Press Start to train."))

    def _on_failed(self, text: str) -> None:
        self._dialog.reset()
        self.message.emit(self.tr("Download failed: %1").replace("%1", text))

    def _released(self) -> None:
        self.job = None

    def shutdown(self, timeout_ms: int = 10000) -> None:
        if self.job is not None:
            self.job.stop(wait_ms=timeout_ms)


class MnistSourceView(QWidget):
    """Where the digits come from, and a button to choose another folder."""

    def __init__(self, source: MnistSource, parent=None):
        super().__init__(parent)
        self.source = source
        self.label = QLabel(wordWrap=True)
        change = QPushButton(self.tr("Data folder…"))
        change.setToolTip(self.tr("Choose the folder that holds the four MNIST files."))
        change.clicked.connect(lambda: source.choose_folder(self))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label)
        layout.addWidget(change)
        source.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        state = self.tr("ready") if self.source.ready else self.tr("MNIST not found")
        self.label.setText(
            self.tr("Data: %1 (%2)").replace("%1", str(self.source.folder)).replace("%2", state)
        )
