"""Painted line plots for the Train tab (loss, accuracy), with a legend, hover read-out and export.

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
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPainterPath, QPalette, QPen
from PySide6.QtWidgets import QFileDialog, QMenu, QSizePolicy, QToolButton, QWidget

from digitpad.gui.ticks import decimals_for, decimate, epoch_ticks, nice_ticks, readout, tick_label
from digitpad.training.config import fill

SERIES_COLOURS = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"]
EXPORT_SIZE = QSize(480, 300)  # the least each plot gets in a saved PNG (logical pixels)


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
            plot.update()  # the companions share this plot's x range

    def has_data(self) -> bool:
        return any(self.series.values())

    # ----- geometry ---------------------------------------------------------------------
    def axes(self):
        """``(x_ticks, y_ticks)``: nice tick values covering every finite point; the x range also
        covers the companions' points, so the plots of one run share it while it trains."""
        pts = self.finite_points()
        run_xs = [x for plot in self.companions for x, _ in plot.finite_points()]
        x_ticks = epoch_ticks([x for x, _ in pts], run_xs) if run_xs else nice_ticks(0.0, 1.0)[2]
        ys = [y for _, y in pts] or [0.0, 1.0]
        y0, y1 = (pts and self.y_range) or (min(ys), max(ys))
        if y1 - y0 < 1e-6:
            y0, y1 = y0 - 0.5e-3, y1 + 0.5e-3
        return x_ticks, nice_ticks(y0, y1, 5)[2]

    def finite_points(self) -> list[tuple[float, float]]:
        return [p for s in self.series.values() for p in s if math.isfinite(p[1])]

    def _layout(self, fm, size: QSize | None = None) -> QRectF:
        """The plot area: room for the title and legend above, tick labels left and below, and
        right for half the last epoch's label (the last points sit on that edge)."""
        size = size or self.size()
        x_ticks, y_ticks = self.axes()
        step = y_ticks[1] - y_ticks[0]
        widest = max(fm.horizontalAdvance(tick_label(v, step)) for v in y_ticks)
        last_x = fm.horizontalAdvance(tick_label(x_ticks[-1], x_ticks[1] - x_ticks[0]))
        left, right = widest + 12, max(12, last_x / 2 + 6)
        top, bottom = 2 * fm.height() + 10, 2 * fm.height() + 8
        return QRectF(
            left, top, max(size.width() - left - right, 10), max(size.height() - top - bottom, 10)
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

    def paint(self, painter: QPainter, size: QSize | None = None) -> None:
        """Draw the plot into ``size`` (default: the widget's own)."""
        size = size or self.size()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        painter.fillRect(QRectF(0, 0, size.width(), size.height()), pal.color(QPalette.ColorRole.Base))
        fm = painter.fontMetrics()
        area = self._layout(fm, size)
        painter.setPen(text)
        title_font = QFont(painter.font())
        title_font.setBold(True)
        painter.setFont(title_font)
        painter.drawText(
            QRectF(0, 4, size.width(), fm.height()), Qt.AlignmentFlag.AlignHCenter, self.title
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
                for k, (px, py) in enumerate(decimate(pts, int(area.width()))):
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
        lines = [f"{self.x_label} {found[0][1]:.{decimals_for(x_step)}f}"]
        for name, px, py in found:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self.colours[name])
            painter.drawEllipse(to_pixel(px, py), 3.5, 3.5)
            lines.append(f"{name}: {readout(py)}")
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
        """This plot and its companions side by side, without the read-out, each at least
        EXPORT_SIZE and at twice the pixels: a small window's plots are too small to read."""
        plots = self.companions
        sizes = [p.size().expandedTo(EXPORT_SIZE) for p in plots]
        width = sum(s.width() for s in sizes)
        height = max(s.height() for s in sizes)
        ratio = max(2.0, self.devicePixelRatioF())
        image = QImage(int(width * ratio), int(height * ratio), QImage.Format.Format_RGB32)
        image.setDevicePixelRatio(ratio)
        image.fill(self.palette().color(QPalette.ColorRole.Base))
        painter = QPainter(image)
        x = 0
        for plot, size in zip(plots, sizes):
            hover, plot.hover_x = plot.hover_x, None
            painter.save()
            painter.translate(x, 0)
            painter.setFont(plot.font())
            plot.paint(painter, QSize(size.width(), height))
            painter.restore()
            plot.hover_x = hover
            x += size.width()
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

            QMessageBox.warning(self, self.tr("Cannot save"), fill(self.tr("Cannot write %1"), name))


def link_plots(plots: list[LinePlot]) -> None:
    """Make ``plots`` one run: each one's Save menu saves all of them."""
    for plot in plots:
        plot.companions = list(plots)
    plots[0]._data_changed()
