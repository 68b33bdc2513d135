"""The model the Draw tab recognises with, swapped atomically and announced by a signal.

Every model that becomes current goes into the model history (``digitpad.store.model_history``); Undo
personalisation, Revert and picking an earlier model only move the history's pointer.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from digitpad.errors import ModelStoreError
from digitpad.reading.reader import Reader
from digitpad.startup import prepare_session
from digitpad.store import model_history, paths
from digitpad.store.model_info import Accuracies, ModelInfo
from digitpad.store.modelfile import load_model
from digitpad.training.config import fill


class ModelHolder(QObject):
    """Holds the current model as one ``model_history.Current`` record; every change is one
    attribute swap then ``changed``. ``saved_figures``: the accuracies of the last saved model
    made current, which a snapshot shown while following training does not replace."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._unused: tuple[Reader, Path] | None = None  # a model that could not be made current
        notices = prepare_session()
        self._set(model_history.load_current(), announce=False)
        notices += self.current.notices
        self.startup_notice = " ".join(notices) or None

    def _set(self, current: model_history.Current, announce: bool = True) -> None:
        self.current = current
        if current.path is not None:
            self.saved_figures = Accuracies.of_model(current.model, current.info)
        if announce:
            self.changed.emit()

    @property
    def model(self) -> Reader:
        return self.current.model

    @property
    def info(self) -> ModelInfo:
        return self.current.info

    @property
    def metadata(self) -> dict:
        return self.current.metadata

    @property
    def path(self) -> Path | None:
        return self.current.path

    @property
    def entry_id(self) -> str | None:
        return self.current.entry_id

    @property
    def is_shipped(self) -> bool:
        return self.entry_id == model_history.SHIPPED

    def show(self, model: Reader, info: ModelInfo) -> None:
        """Recognise with ``model`` now without saving it (following a training run)."""
        self._set(model_history.Current(model, info, None, None))

    def load(self, path: Path) -> None:
        """Open a model file and make it current. Raises ModelFileError; nothing changes then."""
        model, meta = load_model(path)
        self.use(model, ModelInfo.from_dict(meta))

    def use(self, model: Reader, info: ModelInfo) -> None:
        """Make ``model`` current: it is added to the history (kept across restarts). When that
        fails after the model was written (another digitpad at work), the file stays, joins the
        history at the next start, and the error says where; using the same model again moves
        that file in rather than writing another."""
        if self._unused is None or self._unused[0] is not model:
            self._unused = (model, model_history.staged_path(model_history.new_id()))
        kept = self._unused[1]
        try:
            # A short wait at most: another digitpad holding the lock must not freeze the window.
            saved = model_history.add(
                model, info.to_metadata(), model_history.QUICK_WAIT_S, keep_at=kept
            )
        except ModelStoreError as exc:
            if not kept.is_file():
                raise
            raise type(exc)(f"{exc} (meanwhile it is safe in {kept})") from None
        self._unused = None
        if not info.created:  # the file was written now: the status bar shows its date
            info = info.replace(created=dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"))
        self._set(model_history.Current(model, info, saved, saved.stem))

    def select(self, entry_id: str) -> None:
        """Go back to a model of the history (or SHIPPED). Raises ModelFileError / OSError."""
        if entry_id == model_history.SHIPPED:
            path = paths.shipped_model_path()
        else:
            path = model_history.entry_path(entry_id)
        model, meta = load_model(path)
        model_history.select(entry_id, wait=model_history.QUICK_WAIT_S)
        self._set(model_history.Current.of(model, meta, path, entry_id))

    def reload(self) -> None:
        """Back to the saved current model (after following a run that produced nothing)."""
        self._set(model_history.load_current())

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
        info = self.info
        if self.is_shipped:
            name = self.tr("shipped model")
        elif self.path is None:
            name = self.tr("following training")
        else:
            name = self.tr("your model")
        parts = [name, "-".join(str(n) for n in info.layer_sizes), info.activation]
        acc = info.metrics.test_accuracy
        if acc is not None:
            parts.append(fill(self.tr("MNIST test %1"), f"{acc:.2%}"))
        if info.training is not None:
            parts.append(
                fill(self.tr("epoch %1 of %2"), str(info.training.epoch), str(info.training.epochs))
            )
        elif info.created_date:
            parts.append(info.created_date)
        return "  ·  ".join(p for p in parts if p)
