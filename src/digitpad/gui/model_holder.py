"""The model the Draw tab recognises with, swapped atomically and announced by a signal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from digitpad import current_model, paths
from digitpad.model_info import ModelInfo
from digitpad.modelfile import load_model
from digitpad.network import MLP
from digitpad.predictor import load_default_model


class ModelHolder(QObject):
    """Holds ``(model, info, path)``; every change is one attribute swap then ``changed``."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        model, meta, path, notice = load_default_model()
        self._set(model, meta, path, announce=False)
        self.startup_notice = notice

    def _set(self, model: MLP, meta: dict | ModelInfo, path: Path | None, announce=True) -> None:
        info = meta if isinstance(meta, ModelInfo) else ModelInfo.from_dict(meta)
        if path is not None and path == paths.shipped_model_path():
            info = info.replace(origin="shipped")
        self._state = (model, info, path)
        if announce:
            self.changed.emit()

    @property
    def model(self) -> MLP:
        return self._state[0]

    @property
    def info(self) -> ModelInfo:
        return self._state[1]

    @property
    def metadata(self) -> dict:
        """The info as plain data (what a model file holds)."""
        return self.info.to_dict()

    @property
    def path(self) -> Path | None:
        return self._state[2]

    @property
    def is_shipped(self) -> bool:
        return self.path == paths.shipped_model_path()

    def show(self, model: MLP, info: ModelInfo) -> None:
        """Recognise with ``model`` now without saving it (following a training run)."""
        self._set(model, info, None)

    def load(self, path: Path) -> None:
        """Open a model file and make it current. Raises ModelFileError; nothing changes then."""
        model, meta = load_model(path)
        self.use(model, ModelInfo.from_dict(meta))

    def use(self, model: MLP, info: ModelInfo) -> None:
        """Make ``model`` the current model and persist it across restarts."""
        saved = current_model.make_current(model, info)
        if not info.created:  # the file was written now: the status bar shows its date
            info = info.replace(created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        self._set(model, info, saved)

    def reload(self) -> None:
        """Back to the saved current model (after following a run that produced nothing)."""
        model, meta, path, _ = load_default_model()
        self._set(model, meta, path)

    def undo_personalisation(self) -> bool:
        """Go back to the model that was personalised; False if the current one is not."""
        base = self.info.personalised_from
        if base is None:
            return False
        if base == "shipped" or not current_model.restore_previous():
            self.revert()
            return True
        self.reload()
        return True

    def revert(self) -> None:
        current_model.revert_to_shipped()
        model, meta = load_model(paths.shipped_model_path())
        self._set(model, meta, paths.shipped_model_path())

    def description(self) -> str:
        info = self.info
        if self.is_shipped:
            name = self.tr("shipped model")
        elif self.path is None:
            name = self.tr("following training")
        elif self.path == paths.user_model_path():
            name = self.tr("your model")
        else:
            name = self.path.name
        parts = [name, "-".join(str(n) for n in info.layer_sizes), info.activation]
        acc = info.metrics.test_accuracy
        if acc is not None:
            parts.append(self.tr("MNIST test %1").replace("%1", f"{acc:.2%}"))
        if info.training is not None:
            parts.append(
                self.tr("epoch %1 of %2")
                .replace("%1", str(info.training.epoch))
                .replace("%2", str(info.training.epochs))
            )
        elif info.created_date:
            parts.append(info.created_date)
        return "  ·  ".join(p for p in parts if p)
