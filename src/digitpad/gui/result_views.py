"""What a finished run shows beside its curves: the confusion matrix and a strip of digit images
(its most confident mistakes), painted with QPainter."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from digitpad.gui.widgets import gray_image
from digitpad.shapes import SIDE
from digitpad.training.config import fill

RIGHT, WRONG = (60, 150, 80), (214, 39, 40)


def share_colour(share: float | None) -> QColor:
    """A diagonal cell's colour: green when its digit is always read right, red when it is read
    right half the time or less, the mix in between; grey without test digits."""
    if share is None:
        return QColor(150, 150, 150)
    t = min(max((share - 0.5) / 0.5, 0.0), 1.0)
    return QColor(*(round(w + t * (r - w)) for r, w in zip(RIGHT, WRONG)))


class ConfusionMatrix(QWidget):
    """A 10x10 grid: rows the true digit, columns the guess; off-diagonal errors highlighted.
    The diagonal shows each digit's accuracy in percent (two or three characters instead of a
    four-digit count), so the numbers can be large; they scale with the cells, and the widget
    asks to be as wide as it is tall, so it grows with the window. Hovering a cell gives its
    exact count."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: np.ndarray | None = None
        self.setMinimumSize(220, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setToolTip(
            self.tr(
                "Rows: the true digit. Columns: the network's guess. Off the diagonal are its mistakes."
            )
        )

    def sizeHint(self) -> QSize:
        side = max(260, self.height())
        return QSize(side, 260)

    def resizeEvent(self, event) -> None:
        if event.size().height() != event.oldSize().height():
            self.updateGeometry()  # a square: the width it asks for follows the height it has
        super().resizeEvent(event)

    def set_counts(self, counts) -> None:
        self.counts = None if counts is None else np.asarray(counts)
        self.update()

    def cell_text(self, row: int, col: int) -> str:
        """What a cell shows: the count off the diagonal, the digit's accuracy on it."""
        if self.counts is None:
            return ""
        if row != col:
            return str(int(self.counts[row, col]))
        share = self.share_right(row)
        return "–" if share is None else f"{100 * share:.0f}%"

    def share_right(self, digit: int) -> float | None:
        """The share of test ``digit``s read correctly; None when there were none."""
        total = int(self.counts[digit].sum()) if self.counts is not None else 0
        return int(self.counts[digit, digit]) / total if total else None

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top, cell, _ = self.geometry_for(self.fontMetrics())
        row, col = int((y - top) // cell), int((x - left) // cell)
        return (row, col) if 0 <= row < 10 and 0 <= col < 10 else None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.counts is not None:
            hit = self.cell_at(event.pos().x(), event.pos().y())
            if hit is not None:
                QToolTip.showText(event.globalPos(), self.cell_tip(*hit), self)
                return True
        return super().event(event)

    def cell_tip(self, row: int, col: int) -> str:
        """What the cell of true digit ``row`` read as ``col`` counts, in a sentence."""
        assert self.counts is not None
        n, total = int(self.counts[row, col]), int(self.counts[row].sum())
        if row == col:
            text = (
                self.tr("%1 of %2 test digits %3 was read correctly.")
                if n == 1
                else self.tr("%1 of %2 test digits %3 were read correctly.")
            )
        else:
            text = (
                self.tr("%1 of %2 test digits %3 was read as %4.")
                if n == 1
                else self.tr("%1 of %2 test digits %3 were read as %4.")
            )
        return fill(text, str(n), str(total), str(row), str(col))

    def geometry_for(self, fm) -> tuple[float, float, float, float]:
        """``(left, top, cell, number_font_px)``: the grid's top-left corner, cell side, and the
        pixel size of the numbers (as large as the widest count allows)."""
        margin = fm.height() + 4  # digit labels
        title = fm.height() + 2  # "predicted" above, "true" on the left
        side = min(self.width() - margin - title, self.height() - margin - title) - 2
        cell = max(side / 10, 4.0)
        widest = max((self.cell_text(r, c) for r in range(10) for c in range(10)), key=len)
        widest = "8" * len(widest) if self.counts is not None else "88%"
        probe = QFont(self.font())
        probe.setPixelSize(100)
        from PySide6.QtGui import QFontMetricsF

        per_px = QFontMetricsF(probe).horizontalAdvance(widest) / 100
        size = max(min(0.92 * (cell - 1) / per_px, 0.5 * cell), 6.0)
        return title + margin, title + margin, cell, size

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = painter.fontMetrics()
        painter.setPen(text)
        if self.counts is None:
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("The confusion matrix appears\nafter training."),
            )
            painter.end()
            return
        left, top, cell, number_px = self.geometry_for(fm)
        grid_side = 10 * cell
        title_h = fm.height() + 2
        painter.drawText(
            QRectF(left, 0, grid_side, title_h), Qt.AlignmentFlag.AlignCenter, self.tr("predicted")
        )
        painter.save()
        painter.translate(0, top + grid_side / 2)
        painter.rotate(-90)
        painter.drawText(
            QRectF(-grid_side / 2, 0, grid_side, title_h), Qt.AlignmentFlag.AlignCenter, self.tr("true")
        )
        painter.restore()
        for d in range(10):
            painter.drawText(
                QRectF(left + d * cell, title_h, cell, top - title_h),
                Qt.AlignmentFlag.AlignCenter,
                str(d),
            )
            painter.drawText(
                QRectF(title_h, top + d * cell, left - title_h - 2, cell),
                Qt.AlignmentFlag.AlignCenter,
                str(d),
            )
        errors_max = max(int((self.counts - np.diag(np.diag(self.counts))).max()), 1)
        font = QFont(self.font())
        font.setPixelSize(int(number_px))
        painter.setFont(font)
        for r in range(10):
            for c in range(10):
                n = int(self.counts[r, c])
                rect = QRectF(left + c * cell, top + r * cell, cell - 1, cell - 1)
                if r == c:
                    colour = share_colour(self.share_right(r))
                else:
                    colour = QColor(*WRONG)
                    colour.setAlphaF(min(0.1 + 0.9 * n / errors_max, 1.0) if n else 0.05)
                painter.fillRect(rect, colour)
                painter.setPen(QColor(255, 255, 255) if r == c or n > errors_max / 2 else text)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.cell_text(r, c))
        painter.end()


class DigitStrip(QWidget):
    """A row of small digit images, each with a caption (e.g. 'read 3, was 5')."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.images: list = []
        self.captions: list[str] = []
        self.setMinimumHeight(72)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_digits(self, images, captions) -> None:
        self.images = [gray_image(np.asarray(im).reshape(SIDE, SIDE)) for im in images]
        self.captions = list(captions)
        self.update()

    def set_mistakes(self, mistakes) -> None:
        """``mistakes``: (image (784,), guess, true digit) triples, captioned 'read 1, was 6'."""
        mistakes = list(mistakes)
        self.set_digits(
            [image for image, _, _ in mistakes],
            [mistake_caption(guess, truth) for _, guess, truth in mistakes],
        )

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        fm = painter.fontMetrics()
        size = self.height() - fm.height() - 4
        x = 0.0
        painter.setPen(self.palette().color(QPalette.ColorRole.WindowText))
        if not self.images:
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("Misclassified test digits appear here after training."),
            )
        for image, caption in zip(self.images, self.captions):
            width = max(size, fm.horizontalAdvance(caption) + 6)
            if x + width > self.width():
                break
            painter.drawImage(QRectF(x + (width - size) / 2, 0, size, size), image)
            painter.drawText(
                QRectF(x, size + 2, width, fm.height()), Qt.AlignmentFlag.AlignCenter, caption
            )
            x += width + 6
        painter.end()


def mistake_caption(guess: int, truth: int) -> str:
    # Named context: outside a class, lupdate would file the string under a variable's name.
    text = QCoreApplication.translate("DigitStrip", "read %1, was %2")
    return fill(text, str(guess), str(truth))
