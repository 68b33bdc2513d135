"""The MNIST folder that training and personalising read, and its download: one object shared by
the Train and My handwriting tabs, plus the small view that shows it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from digitpad.data.mnist import missing_files
from digitpad.data.place import chosen_folder, mnist_folder, remember_folder
from digitpad.gui.worker import DownloadWorker, Job, start_job
from digitpad.training.config import fill

# One sentence per DownloadError.reason; the mirrors' own words go behind "Details".
FAILURES = {
    "offline": QT_TRANSLATE_NOOP(
        "MnistSource", "No internet connection — choose a folder that has the MNIST files."
    ),
    "unreachable": QT_TRANSLATE_NOOP(
        "MnistSource",
        "The download servers cannot be reached — try later, or choose a folder with the MNIST files.",
    ),
    "server": QT_TRANSLATE_NOOP(
        "MnistSource",
        "The download servers sent no usable MNIST files — try later, or choose a folder with them.",
    ),
    "stalled": QT_TRANSLATE_NOOP(
        "MnistSource",
        "The download stalled — try again, or choose a folder with the MNIST files.",
    ),
    "disk": QT_TRANSLATE_NOOP(
        "MnistSource", "The MNIST files cannot be saved there — choose another data folder."
    ),
    "cancelled": QT_TRANSLATE_NOOP("MnistSource", "Download cancelled."),
    "other": QT_TRANSLATE_NOOP(
        "MnistSource", "The download failed — choose a folder that has the MNIST files."
    ),
}


OLD_FOLDER_KEY = "data/mnist_folder"  # where versions before the shared file remembered it


def _move_setting_to_the_shared_file(settings) -> None:
    """A folder remembered in the Qt settings (older versions) moves to the file the commands
    read too; one already there wins."""
    old = settings.value(OLD_FOLDER_KEY) if settings is not None else None
    if old is None:
        return
    if isinstance(old, str) and old and chosen_folder() is None:
        try:
            remember_folder(Path(old))
        except OSError:
            return  # try again at the next start
    settings.remove(OLD_FOLDER_KEY)


class MnistSource(QObject):
    changed = Signal()  # another folder, the files arrived, or a download failed
    message = Signal(str)  # how a download ended well, for the user

    def __init__(self, parent=None, settings=None):
        super().__init__(parent)
        _move_setting_to_the_shared_file(settings)
        # The commands read MNIST from the same place (mnist_place): $DIGITPAD_DATA wins, and a
        # chosen folder that lost its files is passed over.
        self.folder: Path = mnist_folder()
        self.job: Job | None = None
        self._dialog: QProgressDialog | None = None
        self._reason = "other"
        self.failure: tuple[str, str] | None = None  # (one sentence, the details) of a failed download

    @property
    def ready(self) -> bool:
        return not missing_files(self.folder)

    def set_folder(self, folder: Path) -> None:
        self.folder = Path(folder)
        if self.ready:
            self.failure = None
            try:
                remember_folder(self.folder)
            except OSError as exc:
                self.message.emit(
                    fill(
                        self.tr("The folder cannot be remembered for next time: %1"),
                        exc.strerror or str(exc),
                    )
                )
        self.changed.emit()

    def choose_folder(self, parent: QWidget) -> None:
        name = QFileDialog.getExistingDirectory(
            parent, self.tr("Folder with the MNIST files"), str(self.folder)
        )
        if name:
            self.set_folder(Path(name))

    def ensure(self, parent: QWidget, question: str | None = None) -> bool:
        """True when MNIST is there; otherwise offers download or another folder. ``question``
        (translated, %1 for the folder) says who needs MNIST; by default, training."""
        if self.ready:
            return True
        if question is None:
            question = self.tr(
                "Training needs the MNIST digits (about 11 MB), which are not in this folder:\n%1\n\n"
                "Download them now, or choose a folder that already has them?"
            )
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("MNIST is needed"),
            fill(question, str(self.folder)),
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
        worker.problem.connect(self._on_problem)
        worker.finished.connect(self._on_finished)
        worker.failed.connect(self._on_failed)
        # Direct: request_stop() only sets a flag, and the worker's thread is busy downloading.
        dialog.canceled.connect(worker.request_stop, Qt.ConnectionType.DirectConnection)
        self._dialog = dialog
        self.job = start_job(self, worker, self._released)

    def _on_progress(self, name: str, done: int, total: int) -> None:
        self._dialog.setLabelText(fill(self.tr("Downloading %1…"), name))
        self._dialog.setValue(int(100 * done / total) if total else 0)

    def _on_waiting(self, name: str, silent: int, limit: int) -> None:
        self._dialog.setLabelText(
            fill(
                self.tr("Downloading %1: no data for %2 s, giving up in %3 s…"),
                name,
                str(silent),
                str(max(0, limit - silent)),
            )
        )

    def _on_finished(self, _folder: str) -> None:
        self._dialog.reset()
        self.failure = None
        self.changed.emit()
        self.message.emit(self.tr("MNIST downloaded. Press Start to train."))

    def _on_problem(self, reason: str) -> None:
        self._reason = reason if reason in FAILURES else "other"

    def _on_failed(self, text: str) -> None:
        self._dialog.reset()
        sentence = QCoreApplication.translate("MnistSource", FAILURES[self._reason])
        self.failure = (sentence, "" if self._reason == "cancelled" else text)
        self._reason = "other"
        self.changed.emit()

    def _released(self) -> None:
        self.job = None

    def shutdown(self, timeout_ms: int = 10000) -> None:
        if self.job is not None:
            self.job.stop(wait_ms=timeout_ms)


def wrappable_path(path: Path) -> str:
    """``path`` with zero-width spaces after its separators, so a narrow label can wrap it."""
    return str(path).replace("/", "/\u200b").replace("\\", "\\\u200b")


class MnistSourceView(QWidget):
    """Where the digits come from, a button to choose another folder, and why a download failed
    (one sentence; the mirrors' own words behind "Details")."""

    def __init__(self, source: MnistSource, parent=None):
        super().__init__(parent)
        self.source = source
        self.label = QLabel(wordWrap=True)
        # Wrapped labels must not ask for more width than the column has.
        self.label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.change_button = QPushButton(self.tr("Data folder…"))
        self.change_button.setToolTip(self.tr("Choose the folder that holds the four MNIST files."))
        self.change_button.clicked.connect(lambda: source.choose_folder(self))
        self.failure_label = QLabel(wordWrap=True)
        self.failure_label.setObjectName("downloadFailure")
        self.failure_label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.details_button = QPushButton(self.tr("Details"))
        self.details_button.setToolTip(self.tr("What each download server answered."))
        self.details_button.clicked.connect(self.show_details)
        top = QHBoxLayout()
        top.addWidget(self.label, 1)
        top.addWidget(self.change_button, 0, Qt.AlignmentFlag.AlignTop)
        failure = QHBoxLayout()
        failure.addWidget(self.failure_label, 1)
        failure.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(failure)
        source.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        state = self.tr("ready") if self.source.ready else self.tr("MNIST not found")
        self.label.setText(fill(self.tr("Data: %1 (%2)"), wrappable_path(self.source.folder), state))
        self.label.setToolTip(str(self.source.folder))
        sentence, details = self.source.failure or ("", "")
        self.failure_label.setText(sentence)
        self.failure_label.setToolTip(details)
        self.failure_label.setVisible(bool(sentence))
        self.details_button.setVisible(bool(details))

    def show_details(self) -> None:
        if self.source.failure is None:
            return
        sentence, details = self.source.failure
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Download failed"), sentence, parent=self)
        box.setInformativeText(details.replace("; ", "\n"))
        box.setObjectName("downloadDetails")
        box.open()
