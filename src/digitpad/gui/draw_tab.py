"""The Draw tab: the board, the live guess with its ten probabilities, and what the network sees."""

from __future__ import annotations

import time

import numpy as np
from PySide6.QtCore import QSignalBlocker, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QFontMetrics, QImage
from PySide6.QtWidgets import (
    QBoxLayout,
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
from digitpad.gui.teach_row import TeachRow
from digitpad.gui.widgets import PixelView, ProbabilityBars, big_font
from digitpad.reading.predictor import MARKS, SCRIBBLE, Prediction, predict_image, predict_input
from digitpad.reading.preprocess import LINE, TOO_MUCH_INK, to_ink
from digitpad.reading.segment import group_strokes, split_digits
from digitpad.training.config import fill

NARROW_MIN_WIDTH = 520  # the narrow arrangement fits in this
LIVE_INTERVAL_MS = 40  # at most 25 guesses a second while the pen moves
NARROW_BELOW = 860  # tab width (px) under which the guess panel moves below the board
NUMBER_BRUSH = BRUSH_SIZES["thin"]  # digits written side by side are small: thin ink keeps holes open


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
        self.guess_font = big_font(self, 4.0)
        self.guess.setFont(self.guess_font)
        # Fixed heights: whatever the guess and verdict say ("7", "1 or 7?", two lines of
        # number-mode detail), the bars below them never move.
        self.guess.setFixedHeight(self.guess.fontMetrics().height())
        self.guess.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.verdict = QLabel()
        self.verdict.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.verdict.setWordWrap(True)
        self.verdict.setFixedHeight(2 * self.verdict.fontMetrics().lineSpacing() + 4)
        self.verdict.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.narrow = False
        self._brush_before_number: float | None = None
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
            button.setToolTip(fill(self.tr("Brush width: %1"), labels[name].lower()))
            button.setChecked(width == self.canvas.brush)
            button.clicked.connect(lambda _=False, w=width: self.pick_brush(w))
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
        self.number_button.toggled.connect(self._number_mode_toggled)
        tools.addWidget(self.number_button)
        tools.addStretch(1)
        self.undo_button = QToolButton(text=self.tr("Undo"))
        self.redo_button = QToolButton(text=self.tr("Redo"))
        self.clear_button = QToolButton(text=self.tr("Clear"))
        self.undo_button.setToolTip(self.tr("Take back the last stroke (Ctrl+Z, right click)"))
        self.redo_button.setToolTip(self.tr("Put the stroke back (Ctrl+Shift+Z)"))
        self.clear_button.setToolTip(
            self.tr("Start again (Esc or Delete); Undo brings the drawing back")
        )
        self.undo_button.clicked.connect(self.canvas.undo)
        self.redo_button.clicked.connect(self.canvas.redo)
        self.clear_button.clicked.connect(self.clear)
        for button in (self.undo_button, self.redo_button, self.clear_button):
            tools.addWidget(button)

        left = QVBoxLayout()
        left.addWidget(self.canvas, 1)
        left.addLayout(tools)

        self.teach_row = TeachRow()
        self.teach_row.chosen.connect(self.teach)
        self.teach_buttons, self.teach_label = self.teach_row.buttons, self.teach_row.label
        self.seen_title = QLabel(self.tr("What the network sees"))
        self.seen_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.panel = QWidget()
        self.panel_grid = QGridLayout(self.panel)
        self.panel_grid.setContentsMargins(0, 0, 0, 0)
        self.panel.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)

        self.outer = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self.outer.addLayout(left, 3)
        self.outer.addWidget(self.panel, 2)
        self._arrange_panel()

    def _arrange_panel(self) -> None:
        """Wide: the panel is one column beside the board. Narrow: it sits below the board in two
        columns (guess, verdict, bars and teaching | what the network sees)."""
        grid = self.panel_grid
        for widget in (self.guess, self.verdict, self.bars, self.seen_title, self.seen, self.teach_row):
            grid.removeWidget(widget)
        for row in range(6):
            grid.setRowStretch(row, 0)
        grid.setColumnStretch(1, 0)
        if self.narrow:
            self.outer.setDirection(QBoxLayout.Direction.TopToBottom)
            self.outer.setStretch(0, 3)
            self.outer.setStretch(1, 2)
            self.panel.setMaximumWidth(16777215)
            for row, widget in enumerate((self.guess, self.verdict, self.bars, self.teach_row)):
                grid.addWidget(widget, row, 0)
            grid.addWidget(self.seen_title, 0, 1)
            grid.addWidget(self.seen, 1, 1, 3, 1)
            grid.setRowStretch(2, 1)
            grid.setColumnStretch(0, 3)
            grid.setColumnStretch(1, 2)
        else:
            self.outer.setDirection(QBoxLayout.Direction.LeftToRight)
            self.panel.setMaximumWidth(340)
            widgets = (self.guess, self.verdict, self.bars, self.seen_title, self.seen, self.teach_row)
            for row, widget in enumerate(widgets):
                grid.addWidget(widget, row, 0)
            grid.setRowStretch(2, 3)
            grid.setRowStretch(4, 2)

    def resizeEvent(self, event) -> None:
        narrow = event.size().width() < NARROW_BELOW
        if narrow != self.narrow:
            self.narrow = narrow
            self._arrange_panel()
        super().resizeEvent(event)

    def minimumSizeHint(self) -> QSize:
        """Narrow enough for the arrangement with the panel below the board (the layout switches
        to it before the side-by-side one would be squeezed)."""
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), NARROW_MIN_WIDTH), hint.height())

    def _number_mode_toggled(self, on: bool) -> None:
        """Number mode writes small digits, where a medium brush closes their holes: it switches
        to the thin brush and gives the old one back when it ends (unless the user chose another)."""
        if on and self.canvas.brush > NUMBER_BRUSH:
            self._brush_before_number = self.canvas.brush
            self.set_brush(NUMBER_BRUSH)
        elif not on and self._brush_before_number is not None:
            if self.canvas.brush == NUMBER_BRUSH:
                self.set_brush(self._brush_before_number)
            self._brush_before_number = None
        self.recognise()

    def pick_brush(self, width: float) -> None:
        """The user picked a brush: draw with it (ending the eraser)."""
        self.set_eraser(False)
        self.set_brush(width)

    def set_brush(self, width: float) -> None:
        for button, size in zip(self.brush_buttons.buttons(), BRUSH_SIZES.values()):
            if size == width:
                button.setChecked(True)
        self.canvas.brush = width

    # ----- recognition -------------------------------------------------------------------
    def _schedule(self) -> None:
        self._update_buttons(drawing=False)
        if not self._timer.isActive():
            self._timer.start()

    def recognise(self) -> Prediction:
        """Recognise the board now and show the result."""
        self._timer.stop()
        start = time.perf_counter()
        self.number = []
        if self.canvas.is_empty():
            pred = predict_input(self.holder.model, None)
        elif self.number_button.isChecked():
            self.number = (
                self._read_number() if self.canvas.base is None else self._read_number_in_image()
            )
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
            parts.append(predict_image(self.holder.model, to_array(render(strokes, side))))
        return [pred for pred in parts if _is_number_part(pred)]

    def _read_number_in_image(self) -> list[Prediction]:
        """One prediction per digit of an opened image (and any strokes over it), left to right:
        the ink split into runs of columns, as strokes are grouped."""
        parts = split_digits(to_ink(self.canvas.pixels()))
        preds = [predict_image(self.holder.model, part) for part in parts]
        return [pred for pred in preds if _is_number_part(pred)]

    def _show(self, pred: Prediction) -> None:
        self.guess.setFont(self.guess_font)  # a long number may have made it smaller
        self.bars.set_probabilities(pred.probabilities, pred.digit)
        self.seen.set_pixels(pred.input if pred.read else None)
        if len(self.number) > 1:
            self._show_number()
        elif self.canvas.is_empty():
            self.guess.setText("✎")
            self.verdict.setText(self.tr("Draw a digit on the board, 0 to 9."))
        elif pred.not_a_digit:
            self.guess.setText(self.tr("no digit?"))
            self.verdict.setText(self._why_no_digit(pred))
        elif pred.digit is None:
            self.guess.setText("·")
            self.verdict.setText(self._why_no_digit(pred))
        elif pred.sure:
            self.guess.setText(str(pred.digit))
            sure = (
                self.tr("%1% sure: a crossed zero, read without its line")
                if pred.uncrossed
                else self.tr("%1% sure")
            )
            self.verdict.setText(fill(sure, f"{pred.confidence * 100:.0f}"))
        else:
            runner_up = pred.runner_up
            self.guess.setText(fill(self.tr("%1 or %2?"), str(pred.digit), str(runner_up)))
            self.verdict.setText(
                fill(
                    self.tr("Not sure: %1 (%2%) or %3 (%4%)"),
                    str(pred.digit),
                    f"{pred.confidence * 100:.0f}",
                    str(runner_up),
                    f"{pred.probabilities[runner_up] * 100:.0f}",
                )
            )
        self.verdict.setToolTip(
            fill(
                self.tr(
                    "Below %1% digitpad does not claim a digit. The threshold was chosen on writers this "
                    "network never saw, so that answers shown as sure are right at least 99% of the time."
                ),
                f"{pred.sure_threshold * 100:.0f}",
            )
        )
        if len(self.number) > 1:  # each digit's confidence, which the two lines leave out
            each = "  ".join(self._number_part(p) for p in self.number)
            self.verdict.setToolTip(each + "\n" + self.verdict.toolTip())

    def _show_number(self) -> None:
        """The digits read (? where not sure, – where no digit) and two short lines that fit
        however many there are (a list of each digit's confidence did not: with six it was cut off)."""
        self._fit_guess("".join(_number_char(p) for p in self.number))
        blanks = sum(p.digit is None for p in self.number)
        unsure = sum(p.digit is not None and not p.sure for p in self.number)
        count = str(len(self.number))
        if blanks:
            summary = fill(self.tr("%1 of %2 places no digit? (shown as –)."), str(blanks), count)
        elif unsure:
            summary = fill(self.tr("%1 of %2 digits not sure (shown as ?)."), str(unsure), count)
        else:
            lowest = str(int(min(p.confidence for p in self.number) * 100))  # 99.6% is not "100%"
            summary = fill(self.tr("All %2 digits sure (lowest %1%)."), lowest, count)
        self.verdict.setText(summary + "\n" + self.tr("Bars and input: the last digit."))

    def _fit_guess(self, text: str) -> None:
        """``text`` in the guess's big font, made smaller when a long number would not fit."""
        font = QFont(self.guess_font)
        room = max(self.guess.width(), 1)
        # Text width is not quite proportional to the point size (hinting): shrink until it fits.
        while (wide := QFontMetrics(font).horizontalAdvance(text)) > room and font.pointSizeF() > 4:
            font.setPointSizeF(max(font.pointSizeF() * min(room / wide, 0.97), 4.0))
        self.guess.setFont(font)
        self.guess.setText(text)

    def _why_no_digit(self, pred: Prediction) -> str:
        """The reason a drawing holds no digit, as a sentence."""
        if pred.reason == SCRIBBLE:
            return self.tr("This looks like a scribble, not a digit: every digit about equally likely.")
        if pred.reason == MARKS:
            return self.tr("Marks inside a ring: a face or a drawing, not a digit.")
        if pred.reason == TOO_MUCH_INK:
            return self.tr("Too much ink to be a digit: a filled blob or a dense scribble.")
        if pred.reason == LINE:
            return self.tr("No digit yet: a line on its own is not a digit.")
        return self.tr("No digit yet: too little ink to read.")

    def _number_part(self, pred: Prediction) -> str:
        """One digit of a number in the verdict: "7 (98%)", or "no digit?"."""
        if pred.digit is None:
            return self.tr("no digit?")
        return f"{pred.digit} ({pred.confidence * 100:.0f}%)"

    def teach(self, digit: int) -> bool:
        """Announce that the current drawing is ``digit`` (stored by whoever listens, who then
        calls ``kept``). A drawing is kept once; not while a stroke is still being drawn."""
        if self.canvas.stroke_in_progress():
            return False
        if self._timer.isActive():  # the sample's input must be this drawing's, not an older one
            self.recognise()
        if not self._can_teach() or self.teach_row.kept_as is not None:
            return False
        self.labelled.emit(digit)
        return True

    def kept(self, digit: int) -> None:
        """The drawing was stored as ``digit``: start afresh. Should Undo bring it back, it
        shows as kept and is not stored twice; changed in any way, it is a new drawing."""
        self.teach_row.remember(self.canvas.drawing_key(), digit)
        self.canvas.clear()

    def _can_teach(self) -> bool:
        """A drawing the network read can be taught, also one it took for no digit."""
        pred = self.prediction
        return pred is not None and pred.read and not self.number

    def _update_buttons(self, drawing: bool = True) -> None:
        """``drawing``: the board holds a finished drawing, not one changing under the pen."""
        key = self.canvas.drawing_key() if drawing else None
        self.teach_row.show_drawing(key, self._can_teach())
        self.undo_button.setEnabled(self.canvas.can_undo())
        self.redo_button.setEnabled(self.canvas.can_redo())
        self.clear_button.setEnabled(not self.canvas.is_empty())

    # ----- images ------------------------------------------------------------------------
    def show_image(self, image) -> bool:
        """Put an opened image (PIL) on the board, ink-normalised; False if it holds no ink.
        A blank image empties the board too (Undo brings the drawing back): the old drawing and
        its guess must not look like the answer for the image just opened."""
        ink = to_ink(image)
        if ink.size == 0 or ink.max() <= 0:
            self.canvas.clear()
            return False
        h, w = ink.shape
        side = max(h, w)
        board = np.zeros((side, side), np.float32)
        top, left = (side - h) // 2, (side - w) // 2
        board[top : top + h, left : left + w] = ink
        self.canvas.set_base_image(from_array(((1.0 - board) * 255).round().astype(np.uint8)))
        return True

    def clear(self) -> None:
        """Start again (Undo brings the drawing back), drawing rather than erasing: on an empty
        board there is nothing to erase."""
        self.set_eraser(False)
        self.canvas.clear()

    def set_eraser(self, on: bool) -> None:
        with QSignalBlocker(self.eraser_button):
            self.eraser_button.setChecked(on)
        self.canvas.eraser = on

    def drawing_image(self) -> QImage:
        return self.canvas.image()


def _is_number_part(pred: Prediction) -> bool:
    """A place in a number: a digit, or a scribble or blob shown as "–"; a dot or a dash is none."""
    return pred.digit is not None or pred.not_a_digit


def _number_char(pred: Prediction) -> str:
    """One digit of a number in the big guess: the digit if sure, "?" if not, "–" for no digit."""
    if pred.digit is None:
        return "–"
    return str(pred.digit) if pred.sure else "?"
