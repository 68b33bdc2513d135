"""The model the Draw tab recognises with, swapped atomically and announced by a signal.

Every model that becomes current goes into the model history (``digitpad.model_history``); Undo
personalisation, Revert and picking an earlier model only move the history's pointer.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from digitpad import model_history, paths
from digitpad.modelfile import load_model
from digitpad.network import MLP
from digitpad.startup import prepare_session


class ModelHolder(QObject):
    """Holds ``(model, metadata, path, entry_id)``; every change is one attribute swap then
    ``changed``. ``entry_id`` is the model's history id, SHIPPED, or None (not saved)."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        notices = prepare_session()
        current = model_history.load_current()
        self._state = (current.model, current.metadata, current.path, current.entry_id)
        notices += current.notices
        self.startup_notice = " ".join(notices) or None

    @property
    def model(self) -> MLP:
        return self._state[0]

    @property
    def metadata(self) -> dict:
        return self._state[1]

    @property
    def path(self) -> Path | None:
        return self._state[2]

    @property
    def entry_id(self) -> str | None:
        return self._state[3]

    @property
    def is_shipped(self) -> bool:
        return self.entry_id == model_history.SHIPPED

    def show(self, model: MLP, metadata: dict) -> None:
        """Recognise with ``model`` now without saving it (following a training run)."""
        self._state = (model, metadata, None, None)
        self.changed.emit()

    def load(self, path: Path) -> None:
        """Open a model file and make it current. Raises ModelFileError; nothing changes then."""
        model, meta = load_model(path)
        self.use(model, meta)

    def use(self, model: MLP, metadata: dict) -> None:
        """Make ``model`` current: it is added to the history (kept across restarts)."""
        saved = model_history.add(model, metadata)
        self._state = (model, metadata, saved, saved.stem)
        self.changed.emit()

    def select(self, entry_id: str) -> None:
        """Go back to a model of the history (or SHIPPED). Raises ModelFileError / OSError."""
        if entry_id == model_history.SHIPPED:
            path = paths.shipped_model_path()
        else:
            path = model_history.entry_path(entry_id)
        model, meta = load_model(path)
        model_history.select(entry_id)
        self._state = (model, meta, path, entry_id)
        self.changed.emit()

    def reload(self) -> None:
        """Back to the saved current model (after following a run that produced nothing)."""
        current = model_history.load_current()
        self._state = (current.model, current.metadata, current.path, current.entry_id)
        self.changed.emit()

    def undo_personalisation(self) -> bool:
        """Go back to the model that was personalised; False if the current one is not."""
        target = model_history.undo_target(self.metadata)
        if target is None:
            return False
        self.select(target)
        return True

    def revert(self) -> None:
        self.select(model_history.SHIPPED)

    def description(self) -> str:
        meta = self.metadata
        name = (
            self.tr("shipped model")
            if self.is_shipped
            else (self.tr("your model") if self.path else self.tr("training"))
        )
        acc = (meta.get("metrics") or {}).get("test_accuracy")
        sizes = "-".join(str(n) for n in meta.get("layer_sizes", []))
        date = str(meta.get("created", ""))[:10]
        parts = [name, sizes, meta.get("activation", "")]
        if acc is not None:
            parts.append(self.tr("MNIST test %1").replace("%1", f"{acc:.2%}"))
        if date:
            parts.append(date)
        return "  ·  ".join(p for p in parts if p)
