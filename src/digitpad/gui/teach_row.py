"""The Draw tab's "It was: 0 … 9" row: the user says which digit the drawing really is, and it is
kept in their handwriting samples. The row remembers the drawings already kept, so that one Undo
brings back (after keeping cleared the board) is not kept twice."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QToolButton, QWidget

from digitpad.training.config import fill

KEPT_REMEMBERED = 50  # kept drawings recognised as kept when Undo brings them back


class TeachRow(QWidget):
    chosen = Signal(int)  # a digit button was pressed (or its key)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._kept: dict[tuple, int] = {}  # a drawing's key (Canvas.drawing_key) -> its digit
        self.kept_as: int | None = None  # the drawing shown is already kept, as this digit
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(2)
        self.label = QLabel()
        row.addWidget(self.label)
        self.buttons = []
        for digit in range(10):
            button = QToolButton(text=str(digit))
            button.setToolTip(
                fill(
                    self.tr("Keep this drawing as a %1 in your handwriting samples (key %1)."),
                    str(digit),
                )
            )
            button.clicked.connect(lambda _=False, d=digit: self.chosen.emit(d))
            button.setShortcut(QKeySequence(str(digit)))
            self.buttons.append(button)
            row.addWidget(button)
        self.show_drawing(None, False)

    def remember(self, key: tuple, digit: int) -> None:
        """The drawing ``key`` was kept as ``digit``."""
        self._kept[key] = digit
        while len(self._kept) > KEPT_REMEMBERED:
            del self._kept[next(iter(self._kept))]

    def show_drawing(self, key: tuple | None, readable: bool) -> None:
        """The board now holds the drawing ``key`` (None: one being drawn, new by definition);
        the buttons work if it is ``readable`` as a digit and not kept yet."""
        self.kept_as = None if key is None else self._kept.get(key)
        for button in self.buttons:
            button.setEnabled(readable and self.kept_as is None)
        if self.kept_as is None:
            self.label.setText(self.tr("It was:"))
            self.label.setToolTip("")
            return
        self.label.setText(fill(self.tr("Kept as a %1."), str(self.kept_as)))
        self.label.setToolTip(
            self.tr(
                "This drawing is already in your handwriting samples. Change it to keep it as a new sample."
            )
        )
