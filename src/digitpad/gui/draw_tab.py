"""The Draw tab: the board, the live guess with its ten probabilities, and what the network sees."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import QImage, QKeySequence
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from digitpad.gui.canvas import BRUSH_SIZES, Canvas
from digitpad.gui.model_holder import ModelHolder
from digitpad.gui.render import from_array, render, to_array
from digitpad.gui.widgets import PixelView, ProbabilityBars, big_font
from digitpad.predictor import Prediction, predict_image, predict_input
from digitpad.preprocess import to_ink
from digitpad.segment import group_strokes

LIVE_INTERVAL_MS = 40  # at most 25 guesses a second while the pen moves


class DrawTab(QWidget):
    predicted = Signal(object)  # a Prediction, after every recognition
    labelled = Signal(int)  # the user said which digit the drawing really is

    def __init__(self, holder: ModelHolder, parent=None):
        super().__init__(parent)
        self.holder = holder
        self.prediction: Prediction | None = None
        self.number: list[Prediction] = []  # one prediction per digit in number mode
        self.last_latency_ms = 0.0
        self.canvas = Canvas()
        self.bars = ProbabilityBars()
        self.seen = PixelView()
        self.seen.setToolTip(
            self.tr(
                "The 28x28 image the network actually receives: your drawing cropped, scaled to 20 "
                "pixels and centred by its centre of mass, the way MNIST digits were made."
            )
        )
        self.guess = QLabel()
        self.guess.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.guess.setFont(big_font(self, 4.0))
        self.guess.setMinimumHeight(self.guess.fontMetrics().height())
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self._build_layout()
        self._timer = QTimer(self, singleShot=True, interval=LIVE_INTERVAL_MS)
        self._timer.timeout.connect(self.recognise)
        self.canvas.changed.connect(self._schedule)
        self.canvas.strokeFinished.connect(self.recognise)
        holder.changed.connect(self.recognise)
        self.recognise()

    def _build_layout(self) -> None:
        tools = QHBoxLayout()
        self.brush_buttons = QButtonGroup(self)
        labels = {"thin": self.tr("Thin"), "medium": self.tr("Medium"), "thick": self.tr("Thick")}
        for name, width in BRUSH_SIZES.items():
            button = QToolButton(text=labels[name], checkable=True)
            button.setToolTip(self.tr("Brush width: %1").replace("%1", labels[name].lower()))
            button.setChecked(width == self.canvas.brush)
            button.toggled.connect(lambda on, w=width: on and setattr(self.canvas, "brush", w))
            self.brush_buttons.addButton(button)
            tools.addWidget(button)
        tools.addSpacing(12)
        self.eraser_button = QToolButton(text=self.tr("Eraser"), checkable=True)
        self.eraser_button.setToolTip(self.tr("Erase instead of drawing (E)"))
        self.eraser_button.toggled.connect(lambda on: setattr(self.canvas, "eraser", on))
        tools.addWidget(self.eraser_button)
        self.number_button = QToolButton(text=self.tr("Number"), checkable=True)
        self.number_button.setToolTip(
            self.tr(
                "Read several digits written side by side (a year, a phone number). Leave a little space "
                "between digits; each one is split off and recognised on its own (N)."
            )
        )
        self.number_button.toggled.connect(lambda _: self.recognise())
        tools.addWidget(self.number_button)
        tools.addStretch(1)
        self.undo_button = QToolButton(text=self.tr("Undo"))
        self.redo_button = QToolButton(text=self.tr("Redo"))
        self.clear_button = QToolButton(text=self.tr("Clear"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke (Ctrl+Z, right click)"))
        self.redo_button.setToolTip(self.tr("Put the stroke back (Ctrl+Shift+Z)"))
        self.clear_button.setToolTip(self.tr("Start again (Esc or Delete)"))
        self.undo_button.clicked.connect(self.canvas.undo)
        self.redo_button.clicked.connect(self.canvas.redo)
        self.clear_button.clicked.connect(self.canvas.clear)
        for button in (self.undo_button, self.redo_button, self.clear_button):
            tools.addWidget(button)

        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)

        right = QGridLayout()
        right.addWidget(self.guess, 0, 0)
        right.addWidget(self.verdict, 1, 0)
        teach = QHBoxLayout()
        teach.setSpacing(2)
        self.teach_label = QLabel(self.tr("It was:"))
        teach.addWidget(self.teach_label)
        self.teach_buttons = []
        for digit in range(10):
            button = QToolButton(text=str(digit))
            button.setToolTip(
                self.tr("Keep this drawing as a %1 in your handwriting samples (key %1).").replace(
                    "%1", str(digit)
                )
            )
            button.clicked.connect(lambda _=False, d=digit: self.teach(d))
            button.setShortcut(QKeySequence(str(digit)))
            self.teach_buttons.append(button)
            teach.addWidget(button)
        right.addLayout(teach, 5, 0)
        right.addWidget(self.bars, 2, 0)
        seen_title = QLabel(self.tr("What the network sees"))
        seen_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        right.addWidget(seen_title, 3, 0)
        right.addWidget(self.seen, 4, 0)
        right.setRowStretch(2, 3)
        right.setRowStretch(4, 2)
        panel = QWidget()
        panel.setLayout(right)
        panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        panel.setMaximumWidth(340)

        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addWidget(panel, 2)

    # ----- recognition -------------------------------------------------------------------
    def _schedule(self) -> None:
        self._update_buttons()
        if not self._timer.isActive():
            self._timer.start()

    def recognise(self) -> Prediction:
        """Recognise the board now and show the result."""
        self._timer.stop()
        self._update_buttons()
        start = time.perf_counter()
        self.number = []
        if self.canvas.is_empty():
            pred = predict_input(self.holder.model, None)
        elif self.number_button.isChecked() and self.canvas.base is None:
            self.number = self._read_number()
            pred = self.number[-1] if self.number else predict_input(self.holder.model, None)
        else:
            pred = predict_image(self.holder.model, self.canvas.pixels())
        self.last_latency_ms = (time.perf_counter() - start) * 1e3
        self.prediction = pred
        self._update_buttons()
        self._show(pred)
        self.predicted.emit(pred)
        return pred

    def _read_number(self) -> list[Prediction]:
        """One prediction per digit, left to right: strokes grouped by horizontal overlap, each
        group drawn alone on a board (erasing strokes apply to every group)."""
        ink = [s for s in self.canvas.strokes if not s.erase]
        erasers = [s for s in self.canvas.strokes if s.erase]
        side = self.canvas.pixels().shape[0]
        parts = []
        for group in group_strokes([s.points for s in ink]):
            members = set(group)
            strokes = [
                s for s in self.canvas.strokes if s in erasers or any(s is ink[k] for k in members)
            ]
            pred = predict_image(self.holder.model, to_array(render(strokes, side)))
            if pred.digit is not None:
                parts.append(pred)
        return parts

    def _show(self, pred: Prediction) -> None:
        self.bars.set_probabilities(pred.probabilities, pred.digit)
        self.seen.set_pixels(None if pred.digit is None else pred.input)
        if len(self.number) > 1:
            self.guess.setText("".join(str(p.digit) if p.sure else "?" for p in self.number))
            self.verdict.setText(
                "  ".join(f"{p.digit} ({p.confidence * 100:.0f}%)" for p in self.number)
                + "\n"
                + self.tr("Bars and input: the last digit.")
            )
        elif self.canvas.is_empty():
            self.guess.setText("✎")
            self.verdict.setText(self.tr("Draw a digit on the board, 0 to 9."))
        elif pred.digit is None:
            self.guess.setText("·")
            self.verdict.setText(self.tr("No digit yet: too little ink to read."))
        elif pred.sure:
            self.guess.setText(str(pred.digit))
            self.verdict.setText(self.tr("%1% sure").replace("%1", f"{pred.confidence * 100:.0f}"))
        else:
            runner_up = int(np.argsort(pred.probabilities)[-2])
            self.guess.setText(f"{pred.digit}?")
            self.verdict.setText(
                self.tr("Not sure: %1 (%2%) or %3? Below %4% the app does not claim a digit.")
                .replace("%1", str(pred.digit))
                .replace("%2", f"{pred.confidence * 100:.0f}")
                .replace("%3", str(runner_up))
                .replace("%4", f"{pred.sure_threshold * 100:.0f}")
            )

    def teach(self, digit: int) -> bool:
        """Announce that the current drawing is ``digit`` (stored by whoever listens)."""
        if self.prediction is None or self.prediction.digit is None or self.number:
            return False
        self.labelled.emit(digit)
        return True

    def _update_buttons(self) -> None:
        can_teach = self.prediction is not None and self.prediction.digit is not None and not self.number
        for button in self.teach_buttons:
            button.setEnabled(can_teach)
        self.undo_button.setEnabled(self.canvas.can_undo())
        self.redo_button.setEnabled(self.canvas.can_redo())
        self.clear_button.setEnabled(not self.canvas.is_empty())

    # ----- images ------------------------------------------------------------------------
    def show_image(self, image) -> bool:
        """Put an opened image (PIL) on the board, ink-normalised; False if it holds no ink."""
        ink = to_ink(image)
        if ink.size == 0 or ink.max() <= 0:
            return False
        h, w = ink.shape
        side = max(h, w)
        board = np.zeros((side, side), np.float32)
        top, left = (side - h) // 2, (side - w) // 2
        board[top : top + h, left : left + w] = ink
        self.canvas.set_base_image(from_array(((1.0 - board) * 255).round().astype(np.uint8)))
        return True

    def set_eraser(self, on: bool) -> None:
        with QSignalBlocker(self.eraser_button):
            self.eraser_button.setChecked(on)
        self.canvas.eraser = on

    def drawing_image(self) -> QImage:
        return self.canvas.image()
