"""Painted plots for the Train tab: line charts, the confusion matrix, a strip of digits."""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.gui.widgets import gray_image
from digitpad.shapes import SIDE

SERIES_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]


class LinePlot(QWidget):
    """Several named series of (x, y) points with labelled axes and a legend."""

    def __init__(self, title: str, x_label: str, y_label: str, parent=None):
        super().__init__(parent)
        self.title, self.x_label, self.y_label = title, x_label, y_label
        self.series: dict[str, list[tuple[float, float]]] = {}
        self.colours: dict[str, QColor] = {}
        self.y_range: tuple[float, float] | None = None
        self.setMinimumSize(260, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def add_series(self, name: str, colour: str) -> None:
        self.series[name] = []
        self.colours[name] = QColor(colour)

    def extend(self, name: str, points) -> None:
        self.series[name].extend(points)
        self.update()

    def clear(self) -> None:
        for pts in self.series.values():
            pts.clear()
        self.update()

    def _bounds(self):
        pts = [p for s in self.series.values() for p in s if math.isfinite(p[1])]
        if not pts:
            return 0.0, 1.0, 0.0, 1.0
        xs, ys = zip(*pts)
        x0, x1 = min(xs), max(xs)
        y0, y1 = self.y_range or (min(ys), max(ys))
        if x1 <= x0:
            x1 = x0 + 1
        if y1 <= y0:
            y1 = y0 + 1e-3
        return x0, x1, y0, y1

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = painter.fontMetrics()
        left, right = fm.horizontalAdvance("0.0000") + 14, 12
        top, bottom = fm.height() + 8, 2 * fm.height() + 8
        area = QRectF(left, top, self.width() - left - right, self.height() - top - bottom)
        painter.setPen(text)
        painter.drawText(
            QRectF(0, 2, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, self.title
        )
        x0, x1, y0, y1 = self._bounds()
        grid = QColor(text)
        grid.setAlpha(40)
        for i in range(5):
            frac = i / 4
            y = area.bottom() - frac * area.height()
            painter.setPen(grid)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            value = y0 + frac * (y1 - y0)
            painter.drawText(
                QRectF(0, y - fm.height() / 2, left - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                _fmt(value, y1 - y0),
            )
            x = area.left() + frac * area.width()
            painter.drawText(
                QRectF(x - 40, area.bottom() + 2, 80, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                _fmt(x0 + frac * (x1 - x0), x1 - x0),
            )
        painter.drawText(
            QRectF(area.left(), area.bottom() + fm.height() + 4, area.width(), fm.height()),
            Qt.AlignmentFlag.AlignHCenter,
            self.x_label,
        )
        painter.setPen(QPen(grid, 1))
        painter.drawRect(area)
        legend_x = area.left() + 8
        for name, pts in self.series.items():
            colour = self.colours[name]
            painter.setPen(QPen(colour, 2))
            if len(pts) > 1:
                path = QPainterPath()
                for k, (px, py) in enumerate(_decimate(pts, int(area.width()))):
                    qp = QPointF(
                        area.left() + (px - x0) / (x1 - x0) * area.width(),
                        area.bottom() - (min(max(py, y0), y1) - y0) / (y1 - y0) * area.height(),
                    )
                    path.moveTo(qp) if k == 0 else path.lineTo(qp)
                painter.drawPath(path)
            elif pts:
                px, py = pts[0]
                painter.drawEllipse(
                    QPointF(
                        area.left() + (px - x0) / (x1 - x0) * area.width(),
                        area.bottom() - (py - y0) / (y1 - y0) * area.height(),
                    ),
                    3,
                    3,
                )
            painter.drawLine(QPointF(legend_x, area.top() + 10), QPointF(legend_x + 16, area.top() + 10))
            painter.setPen(text)
            label = f"{name} ({self.y_label})" if len(self.series) == 1 else name
            painter.drawText(QPointF(legend_x + 20, area.top() + 10 + fm.ascent() / 2 - 1), label)
            legend_x += 20 + fm.horizontalAdvance(label) + 16
        if not any(self.series.values()):
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No training yet"))
        painter.end()


def _fmt(value: float, span: float) -> str:
    if span >= 10:
        return f"{value:.0f}"
    if span >= 1:
        return f"{value:.1f}"
    if span >= 0.1:
        return f"{value:.2f}"
    return f"{value:.3f}"


def _decimate(points, width: int):
    """At most about two points per pixel column, so long runs stay cheap to draw."""
    step = max(1, len(points) // max(2 * width, 1))
    return points[::step] + ([points[-1]] if step > 1 else [])


class ConfusionMatrix(QWidget):
    """A 10x10 grid: rows the true digit, columns the guess; off-diagonal errors highlighted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.counts: np.ndarray | None = None
        self.setMinimumSize(220, 220)
        self.setToolTip(
            self.tr(
                "Rows: the true digit. Columns: the network's guess. Off the diagonal are its mistakes."
            )
        )

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def set_counts(self, counts) -> None:
        self.counts = None if counts is None else np.asarray(counts)
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        fm = painter.fontMetrics()
        margin = fm.height() + 4
        side = min(self.width(), self.height()) - margin - 2
        cell = side / 10
        painter.setPen(text)
        if self.counts is None:
            painter.drawText(
                self.rect(),
                Qt.AlignmentFlag.AlignCenter,
                self.tr("The confusion matrix appears\nafter training."),
            )
            painter.end()
            return
        errors_max = max(int((self.counts - np.diag(np.diag(self.counts))).max()), 1)
        font = painter.font()
        font.setPointSizeF(max(font.pointSizeF() * min(cell / (2.6 * fm.height()), 1.0), 5))
        for d in range(10):
            painter.drawText(
                QRectF(margin + d * cell, 0, cell, margin), Qt.AlignmentFlag.AlignCenter, str(d)
            )
            painter.drawText(
                QRectF(0, margin + d * cell, margin, cell), Qt.AlignmentFlag.AlignCenter, str(d)
            )
        painter.setFont(font)
        for r in range(10):
            for c in range(10):
                n = int(self.counts[r, c])
                rect = QRectF(margin + c * cell, margin + r * cell, cell - 1, cell - 1)
                if r == c:
                    colour = QColor(60, 150, 80)
                else:
                    colour = QColor(214, 39, 40)
                    colour.setAlphaF(min(0.1 + 0.9 * n / errors_max, 1.0) if n else 0.05)
                painter.fillRect(rect, colour)
                painter.setPen(QColor(255, 255, 255) if r == c or n > errors_max / 2 else text)
                painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, str(n))
        painter.end()


class DigitStrip(QWidget):
    """A row of small digit images, each with a caption (e.g. 'guess 3 · was 5')."""

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
