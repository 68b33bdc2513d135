"""File menu's model actions: load a model file, save the current one, revert to the shipped
model, pick one from the model history."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMenu, QWidget

from digitpad.errors import DigitpadError, os_reason
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.widgets import show_error
from digitpad.reading.reader import Reader
from digitpad.store import paths
from digitpad.store.model_info import ModelInfo
from digitpad.store.modelfile import save_model
from digitpad.training.config import fill

MODEL_FILTER = "digitpad models (*.npz);;All files (*)"


def ask_model_path(parent: QWidget, suggested: str) -> Path | None:
    """Where to save a model, asked in a file dialog (None if cancelled); ``.npz`` is added
    when the name has another suffix, so the file can be loaded again."""
    name, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ModelActions", "Save model as"),
        str(paths.user_dir() / suggested),
        MODEL_FILTER,
    )
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() == ".npz" else path.with_suffix(".npz")


def write_model(model: Reader, info: ModelInfo, path: Path) -> str | None:
    """Save ``model`` with its info to ``path``; the reason in words when that fails, else None."""
    try:
        save_model(model, path, **info.to_metadata())
    except OSError as exc:
        return f"{path}: {os_reason(exc)}"
    return None


class ModelActions(QObject):
    """The actions act on ``holder``; dialogs and status messages go to ``window``."""

    def __init__(self, holder: ModelHolder, window: QMainWindow):
        super().__init__(window)
        self.holder = holder
        self.window = window

    def add_to(self, menu: QMenu) -> list[QAction]:
        """Add the actions to ``menu``; returns Load and Revert, which the Train tab shows too."""
        specs = [
            (self.tr("&Load model…"), self.load_model_dialog, QKeySequence("Ctrl+L")),
            (self.tr("Save model &as…"), self.save_model_dialog, QKeySequence("Ctrl+Shift+S")),
            (self.tr("&Revert to the shipped model"), self.revert_model, None),
            (self.tr("Model &history…"), self.show_history, QKeySequence("Ctrl+H")),
        ]
        actions = []
        for text, slot, shortcut in specs:
            action = QAction(text, self.window)
            if shortcut is not None:
                action.setShortcut(shortcut)
            action.triggered.connect(slot)
            menu.addAction(action)
            actions.append(action)
        self.load_action, _, self.revert_action, _ = actions
        menu.setToolTipsVisible(True)  # the greyed-out Revert says why
        self.holder.changed.connect(self._update_revert)
        self._update_revert()
        return [self.load_action, self.revert_action]

    def _update_revert(self) -> None:
        """Revert works only when another model than the shipped one is in use."""
        shipped = self.holder.is_shipped
        self.revert_action.setEnabled(not shipped)
        self.revert_action.setToolTip(
            self.tr("The shipped model is already in use: there is nothing to revert.")
            if shipped
            else self.tr(
                "Recognise with the model digitpad came with again; the current one stays in File > Model history."
            )
        )

    def _say(self, text: str, ms: int = 5000) -> None:
        self.window.statusBar().showMessage(text, ms)

    def load_model_dialog(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self.window, self.tr("Load a model"), str(paths.user_dir()), MODEL_FILTER
        )
        if name:
            self.load_model_file(name)

    def load_model_file(self, name: str) -> bool:
        try:
            self.holder.load(Path(name))
        except (DigitpadError, OSError) as exc:
            show_error(
                self.window,
                self.tr("Cannot load model"),
                fill(self.tr("%1\n\nThe current model is unchanged."), str(exc)),
            )
            return False
        self._say(fill(self.tr("Now using %1"), Path(name).name))
        return True

    def save_model_dialog(self) -> None:
        path = ask_model_path(self.window, "my-model.npz")
        if path is not None:
            self.save_model_file(path)

    def save_model_file(self, path: Path) -> bool:
        problem = write_model(self.holder.model, self.holder.info, path)
        if problem:
            show_error(self.window, self.tr("Cannot save model"), problem)
            return False
        self._say(fill(self.tr("Saved %1"), str(path)))
        return True

    def revert_model(self) -> None:
        try:
            self.holder.revert()
        except (DigitpadError, OSError) as exc:
            show_error(self.window, self.tr("Cannot revert"), str(exc))
            return
        self._say(
            self.tr("Using the shipped model again (your model stays in File > Model history)."), 8000
        )

    def show_history(self):
        from digitpad.gui.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.holder, self.window)
        dialog.open()
        return dialog
