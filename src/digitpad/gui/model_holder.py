"""The model the Draw tab recognises with, swapped atomically and announced by a signal."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from digitpad import current_model, paths
from digitpad.modelfile import load_model, metadata_for, user_metadata
from digitpad.network import MLP
from digitpad.predictor import load_default_model


class ModelHolder(QObject):
    """Holds ``(model, metadata, path)``; every change is one attribute swap then ``changed``."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        model, meta, path, notice = load_default_model()
        self._state = (model, meta, path)
        self.startup_notice = notice

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
    def is_shipped(self) -> bool:
        return self.path == paths.shipped_model_path()

    def show(self, model: MLP, metadata: dict) -> None:
        """Recognise with ``model`` now without saving it (following a training run)."""
        self._state = (model, metadata, None)
        self.changed.emit()

    def load(self, path: Path) -> None:
        """Open a model file and make it current. Raises ModelFileError; nothing changes then."""
        model, meta = load_model(path)
        self.use(model, meta)

    def use(self, model: MLP, metadata: dict) -> None:
        """Make ``model`` the current model and persist it across restarts."""
        saved = current_model.make_current(model, metadata)
        # What was saved describes itself (layer sizes, date): keep that, not the bare training
        # metadata, so the status bar still shows the architecture and date.
        self._state = (model, metadata_for(model, **user_metadata(metadata)), saved)
        self.changed.emit()

    def reload(self) -> None:
        """Back to the saved current model (after following a run that produced nothing)."""
        model, meta, path, _ = load_default_model()
        self._state = (model, meta, path)
        self.changed.emit()

    def undo_personalisation(self) -> bool:
        """Go back to the model that was personalised; False if the current one is not."""
        base = self.metadata.get("personalised_from")
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
        self._state = (model, meta, paths.shipped_model_path())
        self.changed.emit()

    def description(self) -> str:
        meta = self.metadata
        if self.is_shipped:
            name = self.tr("shipped model")
        elif self.path is None:
            name = self.tr("following training")
        elif self.path == paths.user_model_path():
            name = self.tr("your model")
        else:
            name = self.path.name
        acc = (meta.get("metrics") or {}).get("test_accuracy")
        sizes = "-".join(str(n) for n in meta.get("layer_sizes", self.model.layer_sizes))
        created = str(meta.get("created", ""))
        date = created[:10] if created[:4].isdigit() else created  # ISO date, or "training, epoch 3"
        parts = [name, sizes, meta.get("activation", "")]
        if acc is not None:
            parts.append(self.tr("MNIST test %1").replace("%1", f"{acc:.2%}"))
        if date:
            parts.append(date)
        return "  ·  ".join(p for p in parts if p)
