"""Small painted widgets: the probability bars and the 28x28 "what the network sees" view.

Painted with QPainter rather than a chart library: ten bars need no dependency, follow the palette
(light and dark themes) and stay crisp at any scaling.
"""

from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QMessageBox,
    QScrollArea,
    QSizePolicy,
    QWidget,
)


class ProbabilityBars(QWidget):
    """Ten horizontal bars, one per digit, the top guess (``top``; None for "no digit")
    highlighted."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.probabilities = np.zeros(10, np.float32)
        self.top: int | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setMinimumSize(180, 140)
        self.setToolTip(self.tr("How likely the network thinks each digit is (softmax output)."))

    def sizeHint(self) -> QSize:
        return QSize(260, 260)

    def set_probabilities(self, probabilities, top: int | None) -> None:
        self.probabilities = np.asarray(probabilities, np.float32)
        self.top = top
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pal = self.palette()
        text = pal.color(QPalette.ColorRole.WindowText)
        track = pal.color(QPalette.ColorRole.Mid)
        track.setAlpha(70)
        accent = pal.color(QPalette.ColorRole.Highlight)
        other = QColor(text)
        other.setAlpha(120)
        metrics = painter.fontMetrics()
        label_w = metrics.horizontalAdvance("9") + 10
        value_w = metrics.horizontalAdvance("100%") + 8
        row_h = self.height() / 10
        bar_h = max(row_h * 0.62, 4)
        for digit in range(10):
            y = digit * row_h
            p = float(self.probabilities[digit])  # all zero when nothing was read
            painter.setPen(text)
            painter.drawText(
                QRectF(0, y, label_w - 6, row_h),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                str(digit),
            )
            bar = QRectF(label_w, y + (row_h - bar_h) / 2, self.width() - label_w - value_w, bar_h)
            painter.fillRect(bar, track)
            filled = QRectF(bar.x(), bar.y(), bar.width() * p, bar.height())
            painter.fillRect(filled, accent if digit == self.top else other)
            if self.probabilities.any():
                painter.drawText(
                    QRectF(bar.right() + 4, y, value_w, row_h),
                    Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                    f"{p:.0%}",
                )
        painter.end()


def gray_image(values: np.ndarray, invert: bool = True) -> QImage:
    """A Grayscale8 image from ``values`` (H, W) in [0, 1]; ink (1) dark when ``invert``."""
    pixels = np.clip(values, 0.0, 1.0)
    pixels = (1.0 - pixels) if invert else pixels
    data = np.ascontiguousarray((pixels * 255).round().astype(np.uint8))
    h, w = data.shape
    return QImage(data.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


class PixelView(QWidget):
    """A small image shown enlarged with hard pixel edges and a faint grid."""

    def __init__(self, side: int = 28, parent=None):
        super().__init__(parent)
        self.side = side
        self.image: QImage | None = None
        self.setMinimumSize(112, 112)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:
        return QSize(168, 168)

    def set_pixels(self, values: np.ndarray | None) -> None:
        """``values`` (side*side,) in [0, 1], or None to show an empty field."""
        self.image = None if values is None else gray_image(values.reshape(self.side, self.side))
        self.update()

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        cell = int(min(self.width(), self.height()) // self.side) or 1
        extent = cell * self.side
        rect = QRectF((self.width() - extent) / 2, (self.height() - extent) / 2, extent, extent)
        painter.fillRect(rect, QColor(255, 255, 255))
        if self.image is not None:
            painter.drawImage(rect, self.image)  # no smoothing: each input pixel stays a square
        grid = QColor(0, 0, 0, 22)
        painter.setPen(grid)
        for i in range(self.side + 1):
            painter.drawLine(rect.left() + i * cell, rect.top(), rect.left() + i * cell, rect.bottom())
            painter.drawLine(rect.left(), rect.top() + i * cell, rect.right(), rect.top() + i * cell)
        painter.setPen(self.palette().color(QPalette.ColorRole.Mid))
        painter.drawRect(rect)
        painter.end()


def big_font(widget: QWidget, factor: float) -> QFont:
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * factor)
    font.setBold(True)
    return font


class ElidedLabel(QLabel):
    """One line of text that shrinks with an ellipsis instead of widening its window; the whole
    text is in the tooltip."""

    def __init__(self, text: str = "", parent=None):
        super().__init__(parent)
        self.full_text = ""
        self.setText(text)

    def setText(self, text: str) -> None:
        self.full_text = text
        self.setToolTip(text)
        self._elide()

    def text(self) -> str:
        return self.full_text

    def sizeHint(self) -> QSize:
        return QSize(
            self.fontMetrics().horizontalAdvance(self.full_text) + 4, super().sizeHint().height()
        )

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("…") * 4, super().minimumSizeHint().height())

    def resizeEvent(self, event) -> None:
        self._elide()
        super().resizeEvent(event)

    def _elide(self) -> None:
        shown = self.fontMetrics().elidedText(self.full_text, Qt.TextElideMode.ElideMiddle, self.width())
        super().setText(shown)


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area: it fills the tab while the window is wide enough and
    scrolls instead of setting the window's minimum width when it is not."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setWidget(page)
    return area


class WheelScrollsForm(QObject):
    """An event filter for the spin boxes and combo boxes in ``area``: the mouse wheel changes
    them only while they have the keyboard focus; otherwise it scrolls ``area``."""

    def __init__(self, area: QScrollArea):
        super().__init__(area)
        self.area = area

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Wheel and not watched.hasFocus():
            QCoreApplication.sendEvent(self.area.verticalScrollBar(), event)
            return True
        return False


def fixed_lines(label: QLabel, lines: int) -> QLabel:
    """Give ``label`` the height of ``lines`` lines whatever its text, and no width of its own."""
    label.setFixedHeight(lines * label.fontMetrics().lineSpacing() + 2)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
    return label


class EmptyHint(QLabel):
    """``title`` and ``text`` (what to do to add items) shown over ``view``'s empty area while the
    view has no items, in a column narrow enough to read; hidden as soon as it has one."""

    def __init__(self, view: QAbstractItemView, title: str, text: str):
        super().__init__(view.viewport(), wordWrap=True)
        self.view = view
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setText(f"<p><big><b>{html.escape(title)}</b></big></p><p>{html.escape(text)}</p>")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setContentsMargins(16, 16, 16, 16)
        self.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # clicks reach the view
        model = view.model()
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset):
            signal.connect(self._follow)
        view.viewport().installEventFilter(self)
        self._follow()

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self._place()
        return False

    def _place(self) -> None:
        """The viewport's height, at most about 60 characters wide, centred."""
        area = self.view.viewport().rect()
        width = min(area.width(), 60 * self.fontMetrics().averageCharWidth() + 32)
        self.setGeometry((area.width() - width) // 2, 0, width, area.height())

    def _follow(self, *changed) -> None:
        self._place()
        self.setVisible(self.view.model().rowCount() == 0)


def show_error(parent: QWidget, title: str, text: str) -> None:
    """A warning dialog over ``parent``, window-modal: it blocks neither the event loop nor tests."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorDialog")
    box.open()
