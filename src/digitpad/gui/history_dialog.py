"""File > Model history: every model that was current (newest first) and the shipped one; the
user picks any of them back."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QVBoxLayout,
)

from digitpad.errors import DigitpadError, ModelFileError
from digitpad.gui.keep_result import percent
from digitpad.gui.model_holder import ModelHolder
from digitpad.store import model_history, paths
from digitpad.store.model_info import Accuracies
from digitpad.store.modelfile import read_model_metadata
from digitpad.training.config import fill


class HistoryDialog(QDialog):
    def __init__(self, holder: ModelHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.setObjectName("historyDialog")
        self.setWindowTitle(self.tr("Model history"))
        self.resize(560, 380)
        intro = QLabel(
            fill(
                self.tr("Every model you used is kept here (the last %1). Pick one to use it again."),
                str(model_history.KEEP),
            ),
            wordWrap=True,
        )
        self.list = QListWidget()
        self.message = QLabel(wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.use_button = buttons.addButton(
            self.tr("Use this model"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.use_button.clicked.connect(self.use_selected)
        buttons.rejected.connect(self.reject)
        self.list.itemDoubleClicked.connect(lambda _item: self.use_selected())
        self.list.currentRowChanged.connect(self._row_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        self.list.clear()
        current = self.holder.entry_id
        for entry in model_history.entries():
            self._add(
                entry.id, self._describe(entry.made, entry.metadata), entry.metadata is not None, current
            )
        self._add(model_history.SHIPPED, self._describe_shipped(), True, current)
        self._fit_entries()
        self._update_button()

    def _fit_entries(self) -> None:
        """Wide enough for the longest entry (Chinese ones are wider than English), as far as the
        screen allows: an entry cut off at the edge hid its accuracy and "(in use)"."""
        bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        needed = self.list.sizeHintForColumn(0) + 2 * self.list.frameWidth() + bar + 8
        screen = self.screen().availableGeometry().width() if self.screen() else needed
        self.list.setMinimumWidth(min(needed, screen - 80))

    def _add(self, entry_id: str, text: str, readable: bool, current: str | None) -> None:
        if entry_id == current:
            text = fill(self.tr("%1  (in use)"), text)
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, entry_id)
        if not readable:
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.list.addItem(item)
        if entry_id == current:
            self.list.setCurrentItem(item)

    def _describe_shipped(self) -> str:
        try:
            meta = read_model_metadata(paths.shipped_model_path())
        except ModelFileError:
            meta = None
        return self._describe(self.tr("The shipped model"), meta)

    def _describe(self, name: str, meta: dict | None) -> str:
        """Name, size, accuracies (as the file recorded them) and how it was made."""
        if meta is None:
            return fill(self.tr("%1  ·  unreadable"), name)
        parts = [name, "-".join(str(n) for n in meta["layer_sizes"]), meta["activation"]]
        figures = Accuracies.of_metadata(meta)
        parts.append(fill(self.tr("MNIST test %1"), percent(figures.mnist_test)))
        if figures.pen_unseen_writers is not None:
            parts.append(fill(self.tr("pen, unseen writers %1"), percent(figures.pen_unseen_writers)))
        if meta.get("personalised_from"):
            parts.append(self.tr("personalised"))
        elif meta.get("preset"):
            parts.append(str(meta["preset"]))
        return "  ·  ".join(parts)

    def selected_id(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)

    def _row_changed(self) -> None:
        self.message.clear()  # "now uses this model" spoke of the row picked before
        self._update_button()

    def _update_button(self) -> None:
        chosen = self.selected_id()
        self.use_button.setEnabled(chosen is not None and chosen != self.holder.entry_id)

    def use_selected(self) -> bool:
        chosen = self.selected_id()
        if chosen is None or chosen == self.holder.entry_id:
            return False
        try:
            self.holder.select(chosen)
        except (DigitpadError, OSError) as exc:
            self.refresh()
            self.message.setText(fill(self.tr("Cannot use this model: %1"), str(exc)))
            return False
        self.refresh()  # after it, the message: a new row clears it
        self.message.setText(self.tr("The Draw tab now uses this model."))
        return True
