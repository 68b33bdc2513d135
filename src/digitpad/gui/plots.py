"""Painted plots for the Train tab: line charts, the confusion matrix, a strip of digits.

Painted with QPainter rather than a chart library: two line charts and a 10x10 grid need only nice
tick values, a legend and a hover read-out, and the packaged app is a few MB under its 150 MB
budget, which a plotting library (and what it pulls in) would use up.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QFileDialog, QMenu, QSizePolicy, QToolButton, QToolTip, QWidget

from digitpad.gui.widgets import gray_image
from digitpad.shapes import SIDE

SERIES_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest step of the form 1, 2 or 5 times a power of ten that cuts ``span`` into at
    most ``max_ticks`` intervals."""
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(max_ticks, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def nice_ticks(lo: float, hi: float, max_ticks: int = 5) -> tuple[float, float, list[float]]:
    """An axis from ``lo`` to ``hi`` widened to whole 1-2-5 steps: ``(start, end, ticks)``."""
    if hi <= lo:
        hi = lo + 1.0
    step = nice_step(hi - lo, max_ticks)
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step
    count = int(round((end - start) / step))
    ticks = [_clean(start + k * step, step) for k in range(count + 1)]
    return ticks[0], ticks[-1], ticks


def _clean(value: float, step: float) -> float:
    """``value`` rounded to the step's decimals (no 0.30000000000000004 on an axis)."""
    return round(value, max(0, -math.floor(math.log10(step))) + 1)


def tick_label(value: float, step: float) -> str:
    """``value`` with as many decimals as the step needs: 0.25 -> "0.25", 2.0 -> "2"."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if abs(step / 10**-decimals - round(step / 10**-decimals)) > 1e-6:  # a 2.5-style step
        decimals += 1
    return f"{value:.{decimals}f}"


class LinePlot(QWidget):
    """Several named series of (x, y) points with labelled 1-2-5 axes, a legend above the plot
    area (never over the curves) and a read-out of the nearest values under the mouse."""

    exportRequested = Signal(str)  # "png" or "csv": the user asked to save the run (Save menu)

    def __init__(self, title: str, x_label: str, y_label: str, parent=None):
        super().__init__(parent)
        self.title, self.x_label, self.y_label = title, x_label, y_label
        self.series: dict[str, list[tuple[float, float]]] = {}
        self.colours: dict[str, QColor] = {}
        self.y_range: tuple[float, float] | None = None
        self.hover_x: float | None = None  # the mouse position, in widget pixels
        self.companions: list[LinePlot] = [self]  # the plots saved together with this one
        self.setMinimumSize(260, 170)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMouseTracking(True)
        self.save_button = QToolButton(self)
        self.save_button.setText(self.tr("Save"))
        self.save_button.setToolTip(
            self.tr("Save these plots as a PNG image, or the numbers behind them as CSV.")
        )
        self.save_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.save_button.setAutoRaise(True)
        self.save_button.setEnabled(False)  # nothing to save before a run
        menu = QMenu(self.save_button)
        menu.addAction(self.tr("Save plots as PNG…"), lambda: self.exportRequested.emit("png"))
        menu.addAction(self.tr("Save history as CSV…"), lambda: self.exportRequested.emit("csv"))
        self.save_button.setMenu(menu)
        self.exportRequested.connect(self.export_dialog)

    def sizeHint(self) -> QSize:
        return QSize(420, 220)

    def add_series(self, name: str, colour: str) -> None:
        self.series[name] = []
        self.colours[name] = QColor(colour)

    def extend(self, name: str, points) -> None:
        self.series[name].extend(points)
        self._data_changed()

    def clear(self) -> None:
        for pts in self.series.values():
            pts.clear()
        self._data_changed()

    def _data_changed(self) -> None:
        has_data = any(p.has_data() for p in self.companions)
        for plot in self.companions:
            plot.save_button.setEnabled(has_data)
        self.update()

    def has_data(self) -> bool:
        return any(self.series.values())

    # ----- geometry ---------------------------------------------------------------------
    def axes(self):
        """``(x_ticks, y_ticks)``: nice tick values covering every finite point."""
        pts = [p for s in self.series.values() for p in s if math.isfinite(p[1])]
        if not pts:
            return nice_ticks(0.0, 1.0)[2], nice_ticks(0.0, 1.0)[2]
        xs, ys = zip(*pts)
        y0, y1 = self.y_range or (min(ys), max(ys))
        if y1 - y0 < 1e-6:
            y0, y1 = y0 - 0.5e-3, y1 + 0.5e-3
        x_ticks = nice_ticks(min(xs), max(max(xs), min(xs) + 1), 6)[2]
        return x_ticks, nice_ticks(y0, y1, 5)[2]

    def _layout(self, fm) -> QRectF:
        """The plot area: room for the title and legend above, tick labels left and below."""
        _, y_ticks = self.axes()
        step = y_ticks[1] - y_ticks[0]
        widest = max(fm.horizontalAdvance(tick_label(v, step)) for v in y_ticks)
        left, right = widest + 12, 12
        top, bottom = 2 * fm.height() + 10, 2 * fm.height() + 8
        return QRectF(
            left, top, max(self.width() - left - right, 10), max(self.height() - top - bottom, 10)
        )

    def _mapper(self, area: QRectF):
        x_ticks, y_ticks = self.axes()
        x0, x1, y0, y1 = x_ticks[0], x_ticks[-1], y_ticks[0], y_ticks[-1]

        def to_pixel(px: float, py: float) -> QPointF:
            py = min(max(py, y0), y1)
            return QPointF(
                area.left() + (px - x0) / (x1 - x0) * area.width(),
                area.bottom() - (py - y0) / (y1 - y0) * area.height(),
            )

        return to_pixel, (x0, x1)

    def nearest(self, x_value: float) -> list[tuple[str, float, float]]:
        """For each series with points, its point nearest to ``x_value``: (name, x, y)."""
        found = []
        for name, pts in self.series.items():
            if not pts:
                continue
            xs = np.fromiter((p[0] for p in pts), float, len(pts))
            k = int(np.abs(xs - x_value).argmin())
            found.append((name, pts[k][0], pts[k][1]))
        return found

    # ----- painting ---------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        hint = self.save_button.sizeHint()
        self.save_button.setGeometry(self.width() - hint.width() - 2, 2, hint.width(), hint.height())
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        self.paint(painter)
        painter.end()

    def paint(self, painter: QPainter) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        painter.fillRect(self.rect(), pal.color(QPalette.ColorRole.Base))
        fm = painter.fontMetrics()
        area = self._layout(fm)
        painter.setPen(text)
        title_font = QFont(painter.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(0, 4, self.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, self.title
        )
        painter.setFont(QFont(self.font()))
        x_ticks, y_ticks = self.axes()
        to_pixel, _ = self._mapper(area)
        grid = QColor(text)
        grid.setAlpha(40)
        y_step, x_step = y_ticks[1] - y_ticks[0], x_ticks[1] - x_ticks[0]
        for value in y_ticks:
            y = to_pixel(x_ticks[0], value).y()
            painter.setPen(grid)
            painter.drawLine(QPointF(area.left(), y), QPointF(area.right(), y))
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y - fm.height() / 2, area.left() - 6, fm.height()),
                Qt.AlignmentFlag.AlignRight,
                tick_label(value, y_step),
            )
        for value in x_ticks:
            x = to_pixel(value, y_ticks[0]).x()
            painter.setPen(grid)
            painter.drawLine(QPointF(x, area.top()), QPointF(x, area.bottom()))
            painter.setPen(text)
            painter.drawText(
                QRectF(x - 40, area.bottom() + 2, 80, fm.height()),
                Qt.AlignmentFlag.AlignHCenter,
                tick_label(value, x_step),
            )
        painter.drawText(
            QRectF(area.left(), area.bottom() + fm.height() + 4, area.width(), fm.height()),
            Qt.AlignmentFlag.AlignHCenter,
            self.x_label,
        )
        painter.setPen(QPen(grid, 1))
        painter.drawRect(area)
        self._paint_series(painter, area, to_pixel)
        self._paint_legend(painter, area, fm, text)
        if not self.has_data():
            painter.setPen(pal.color(QPalette.ColorRole.PlaceholderText))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No training yet"))
        elif self.hover_x is not None and area.left() <= self.hover_x <= area.right():
            self._paint_readout(painter, area, fm, to_pixel)

    def _paint_series(self, painter, area, to_pixel) -> None:
        painter.save()
        painter.setClipRect(area.adjusted(-3, -3, 3, 3))
        for name, pts in self.series.items():
            painter.setPen(QPen(self.colours[name], 2))
            if len(pts) > 1:
                path = QPainterPath()
                for k, (px, py) in enumerate(_decimate(pts, int(area.width()))):
                    qp = to_pixel(px, py)
                    path.moveTo(qp) if k == 0 else path.lineTo(qp)
                painter.drawPath(path)
            elif pts:
                painter.drawEllipse(to_pixel(*pts[0]), 3, 3)
        painter.restore()

    def _paint_legend(self, painter, area, fm, text) -> None:
        """One row between the title and the plot area, so no curve is ever hidden."""
        y = area.top() - fm.height() / 2 - 4
        labels = [
            (name, f"{name} ({self.y_label})" if len(self.series) == 1 else name) for name in self.series
        ]
        width = sum(20 + fm.horizontalAdvance(label) + 14 for _, label in labels) - 14
        x = max(area.left(), area.center().x() - width / 2)
        for name, label in labels:
            painter.setPen(QPen(self.colours[name], 2))
            painter.drawLine(QPointF(x, y), QPointF(x + 16, y))
            painter.setPen(text)
            painter.drawText(QPointF(x + 20, y + fm.ascent() / 2 - 1), label)
            x += 20 + fm.horizontalAdvance(label) + 14

    def _paint_readout(self, painter, area, fm, to_pixel) -> None:
        """A guide line at the mouse and a box with each series' nearest value."""
        to_value = self._pixel_to_x(area)
        found = self.nearest(to_value(self.hover_x))
        if not found:
            return
        x_step = self.axes()[0][1] - self.axes()[0][0]
        guide = QColor(self.palette().color(QPalette.ColorRole.WindowText))
        guide.setAlpha(110)
        painter.setPen(QPen(guide, 1, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(self.hover_x, area.top()), QPointF(self.hover_x, area.bottom()))
        lines = [f"{self.x_label} {found[0][1]:.{_decimals_for(x_step)}f}"]
        for name, px, py in found:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colours[name])
            painter.drawEllipse(to_pixel(px, py), 3.5, 3.5)
            lines.append(f"{name}: {_readout(py)}")
        painter.setBrush(Qt.BrushStyle.NoBrush)
        box_w = max(fm.horizontalAdvance(line) for line in lines) + 12
        box_h = len(lines) * fm.height() + 8
        right_room = area.right() - self.hover_x
        bx = self.hover_x + 10 if right_room >= box_w + 10 else self.hover_x - 10 - box_w
        bx = max(2.0, min(bx, self.width() - box_w - 2))  # always whole inside the widget
        box = QRectF(bx, area.top() + 6, box_w, box_h)
        back = QColor(self.palette().color(QPalette.ColorRole.ToolTipBase))
        back.setAlpha(235)
        painter.fillRect(box, back)
        painter.setPen(guide)
        painter.drawRect(box)
        painter.setPen(self.palette().color(QPalette.ColorRole.ToolTipText))
        for k, line in enumerate(lines):
            painter.drawText(
                QRectF(box.left() + 6, box.top() + 4 + k * fm.height(), box_w - 8, fm.height()),
                Qt.AlignmentFlag.AlignLeft,
                line,
            )

    def _pixel_to_x(self, area: QRectF):
        x_ticks = self.axes()[0]
        x0, x1 = x_ticks[0], x_ticks[-1]
        return lambda px: x0 + (px - area.left()) / area.width() * (x1 - x0)

    def mouseMoveEvent(self, event) -> None:
        self.hover_x = event.position().x()
        self.update()

    def leaveEvent(self, event) -> None:
        self.hover_x = None
        self.update()
        super().leaveEvent(event)

    # ----- export -----------------------------------------------------------------------
    def render_image(self) -> QImage:
        """This plot and its companions side by side, as they look now (without the read-out)."""
        plots = self.companions
        width = sum(p.width() for p in plots)
        height = max(p.height() for p in plots)
        ratio = self.devicePixelRatioF()
        image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        x = 0
        for plot in plots:
            hover, plot.hover_x = plot.hover_x, None
            painter.save()
            painter.translate(x, 0)
            painter.setFont(plot.font())
            plot.paint(painter)
            painter.restore()
            plot.hover_x = hover
            x += plot.width()
        painter.end()
        return image

    def history_csv(self) -> str:
        """Every point of this plot and its companions: columns plot, series, epoch, value."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["plot", "series", "epoch", "value"])
        for plot in self.companions:
            for name, pts in plot.series.items():
                for px, py in pts:
                    writer.writerow([plot.title, name, f"{px:.6g}", f"{py:.6g}"])
        return out.getvalue()

    def save_png(self, path) -> bool:
        return self.render_image().save(str(path), "PNG")

    def save_csv(self, path) -> None:
        """Raises OSError if the file cannot be written."""
        Path(path).write_text(self.history_csv(), encoding="utf-8")

    def export_dialog(self, kind: str) -> None:
        if not any(p.has_data() for p in self.companions):
            return
        if kind == "png":
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save plots"), str(Path.home() / "training.png"), "PNG (*.png)"
            )
            ok = bool(name) and self.save_png(name)
        else:
            name, _ = QFileDialog.getSaveFileName(
                self, self.tr("Save history"), str(Path.home() / "training.csv"), "CSV (*.csv)"
            )
            try:
                ok = bool(name) and (self.save_csv(name) or True)
            except OSError:
                ok = False
        if name and not ok:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(
                self, self.tr("Cannot save"), self.tr("Cannot write %1").replace("%1", name)
            )


def link_plots(plots: list[LinePlot]) -> None:
    """Make ``plots`` one run: each one's Save menu saves all of them."""
    for plot in plots:
        plot.companions = list(plots)
    plots[0]._data_changed()


def _decimals_for(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9)) + 1


def _readout(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 100:
        return f"{value:.1f}"
    return f"{value:.4f}"


def _decimate(points, width: int):
    """At most about two points per pixel column, so long runs stay cheap to draw."""
    step = max(1, len(points) // max(2 * width, 1))
    return points[::step] + ([points[-1]] if step > 1 else [])


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
        n = int(self.counts[row, col])
        if row != col:
            return str(n)
        total = int(self.counts[row].sum())
        return f"{100 * n / total:.0f}%" if total else "–"

    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        left, top, cell, _ = self.geometry_for(self.fontMetrics())
        row, col = int((y - top) // cell), int((x - left) // cell)
        return (row, col) if 0 <= row < 10 and 0 <= col < 10 else None

    def event(self, event) -> bool:
        if event.type() == QEvent.Type.ToolTip and self.counts is not None:
            hit = self.cell_at(event.pos().x(), event.pos().y())
            if hit is not None:
                row, col = hit
                n, total = int(self.counts[row, col]), int(self.counts[row].sum())
                text = (
                    self.tr("%1 of %2 test digits %3 were read correctly.")
                    if row == col
                    else self.tr("%1 of %2 test digits %3 were read as %4.")
                )
                QToolTip.showText(
                    event.globalPos(),
                    text.replace("%1", str(n))
                    .replace("%2", str(total))
                    .replace("%3", str(row))
                    .replace("%4", str(col)),
                    self,
                )
                return True
        return super().event(event)

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
                    colour = QColor(60, 150, 80)
                else:
                    colour = QColor(214, 39, 40)
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
            [mistake_caption(self, guess, truth) for _, guess, truth in mistakes],
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


def mistake_caption(strip: DigitStrip, guess: int, truth: int) -> str:
    return strip.tr("read %1, was %2").replace("%1", str(guess)).replace("%2", str(truth))
