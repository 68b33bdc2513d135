"""The canvas's stroke renderer (Qt): the canvas draws with it while you draw, and benchmarks and
the self-test replay strokes through it, so what they measure is what the app recognises. Training
draws pen digits with its NumPy twin, ``digitpad.pen.render``, which a test holds to this one."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen

PAPER = QColor(255, 255, 255)
INK = QColor(0, 0, 0)


@dataclass
class Stroke:
    """Points in board units (0..1 across the square board); ``width`` in board units too."""

    width: float
    erase: bool = False
    points: list[tuple[float, float]] = field(default_factory=list)


def pen_for(stroke: Stroke, side: float) -> QPen:
    pen = QPen(PAPER if stroke.erase else INK, max(stroke.width * side, 1.0))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


def draw_segment(image: QImage, stroke: Stroke, start: int) -> None:
    """Draw ``stroke`` from point ``start`` (0: the whole stroke) onto ``image`` (square)."""
    side = image.width()
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(pen_for(stroke, side))
    pts = [QPointF(x * side, y * side) for x, y in stroke.points[max(start - 1, 0) :]]
    if len(pts) == 1:
        painter.drawPoint(pts[0])  # a dot: a round cap of the brush
    else:
        painter.drawPolyline(pts)
    painter.end()


def blank_board(side: int) -> QImage:
    image = QImage(side, side, QImage.Format.Format_Grayscale8)
    image.fill(PAPER)
    return image


def render(strokes: list[Stroke], side: int, base: QImage | None = None) -> QImage:
    """A fresh ``side`` x ``side`` board with ``base`` (scaled to fit) and every stroke drawn."""
    image = blank_board(side)
    if base is not None:
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawImage(image.rect(), base)
        painter.end()
    for stroke in strokes:
        draw_segment(image, stroke, 0)
    return image


def to_array(image: QImage) -> np.ndarray:
    """Grayscale pixels (H, W) uint8 of ``image`` (copied, independent of the QImage)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    h, w, stride = gray.height(), gray.width(), gray.bytesPerLine()
    buffer = np.frombuffer(gray.constBits(), np.uint8, count=h * stride)
    return buffer.reshape(h, stride)[:, :w].copy()


def from_array(gray: np.ndarray) -> QImage:
    """A Grayscale8 QImage owning a copy of ``gray`` (H, W) uint8."""
    gray = np.ascontiguousarray(gray, np.uint8)
    h, w = gray.shape
    return QImage(gray.data, w, h, w, QImage.Format.Format_Grayscale8).copy()


def fit_strokes(
    raw: list[np.ndarray], height: float = 0.6, max_width: float = 0.8, centre=(0.5, 0.5)
) -> list[list[tuple[float, float]]]:
    """Scale strokes given in any units (y down) so the digit is ``height`` of the board tall
    (at most ``max_width`` wide), centred at ``centre``: how a person fills the pad."""
    allpts = np.concatenate(raw)
    lo, hi = allpts.min(axis=0), allpts.max(axis=0)
    size = np.maximum(hi - lo, 1e-9)
    scale = min(height / size[1], max_width / size[0])
    mid = (lo + hi) / 2
    return [
        [(centre[0] + (x - mid[0]) * scale, centre[1] + (y - mid[1]) * scale) for x, y in s] for s in raw
    ]
