"""The drawing board: strokes are kept as vectors (for undo/redo and replay) and drawn as they come
into an owned offscreen image; ``paintEvent`` only shows that image."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QPalette, QPen, QTabletEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from digitpad.gui.render import Stroke, draw_segment, render, to_array

BRUSH_SIZES = {"thin": 0.03, "medium": 0.06, "thick": 0.1}
DEFAULT_BRUSH = 0.06
KEPT_CLEARS = 20  # drawings that Clear (or opening an image) replaced and Undo can bring back
CLEARED = "cleared"  # on the redo stack: redo clears the board again


class Canvas(QWidget):
    """A square board centred in the widget. Coordinates in strokes are board units (0..1)."""

    changed = Signal()  # the drawing changed (many times per stroke)
    strokeFinished = Signal()  # pen up, undo, redo, clear, image loaded
    fileDropped = Signal(str)  # a file was dragged onto the board

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(200, 200)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.strokes: list[Stroke] = []
        self._redo: list[Stroke | QImage | str] = []
        self._cleared: list[tuple[list[Stroke], QImage | None]] = []  # oldest first
        self._current: Stroke | None = None
        self.base: QImage | None = None
        self.brush = DEFAULT_BRUSH
        self.eraser = False
        self._image = render([], 1)

    # ----- geometry -----------------------------------------------------------------------
    def sizeHint(self) -> QSize:
        return QSize(420, 420)

    def board_rect(self) -> QRectF:
        side = min(self.width(), self.height()) - 2
        return QRectF((self.width() - side) / 2, (self.height() - side) / 2, side, side)

    def _board_pixels(self) -> int:
        return max(int(round(self.board_rect().width() * self.devicePixelRatioF())), 28)

    def to_board(self, pos: QPointF) -> tuple[float, float]:
        rect = self.board_rect()
        return ((pos.x() - rect.x()) / rect.width(), (pos.y() - rect.y()) / rect.height())

    # ----- the drawing, in board units: mouse, tablet, tests and replays all come here -----
    def begin_stroke(self, x: float, y: float) -> None:
        if self.eraser and not self.has_ink():
            return  # erasing an empty board would change nothing, yet make an Undo step
        self._current = Stroke(self.brush, self.eraser, [(x, y)])
        self.strokes.append(self._current)
        self._redo.clear()
        self._draw_new_points(0)

    def extend_stroke(self, x: float, y: float) -> None:
        if self._current is None:
            return
        start = len(self._current.points)
        self._current.points.append((x, y))
        self._draw_new_points(start)

    def end_stroke(self) -> None:
        if self._current is not None:
            self._current = None
            self.strokeFinished.emit()

    def add_stroke(self, points, width: float | None = None, erase: bool = False) -> None:
        """Draw a whole stroke at once (replays)."""
        saved, self.eraser = self.eraser, erase
        self.begin_stroke(*points[0])
        self.eraser = saved
        if self._current is None:
            return
        self._current.width = self.brush if width is None else width
        for x, y in points[1:]:
            self.extend_stroke(x, y)
        self.end_stroke()

    def _draw_new_points(self, start: int) -> None:
        self._ensure_image()
        draw_segment(self._image, self._current, start)
        self.update()
        self.changed.emit()

    def undo(self) -> None:
        """Take back the last stroke, then the opened image, then the last Clear."""
        if self.strokes:
            self._redo.append(self.strokes.pop())
        elif self.base is not None:
            self._redo.append(self.base)
            self.base = None
        elif self._cleared:
            self.strokes, self.base = self._cleared.pop()
            self._redo.append(CLEARED)
        else:
            return
        self._rerender()

    def redo(self) -> None:
        if not self._redo:
            return
        item = self._redo.pop()
        if isinstance(item, QImage):
            self.base = item
        elif item == CLEARED:
            self._keep_for_undo()
        else:
            self.strokes.append(item)
        self._rerender()

    def clear(self) -> None:
        """Empty the board; Undo brings the drawing back."""
        if self.is_empty():
            return
        self._keep_for_undo()
        self._redo = []
        self._rerender()

    def _keep_for_undo(self) -> None:
        """Put the drawing aside (for Undo) and empty the board."""
        if not self.is_empty():
            self._cleared = [*self._cleared[-(KEPT_CLEARS - 1) :], (self.strokes, self.base)]
        self.strokes, self.base, self._current = [], None, None

    def set_base_image(self, image: QImage) -> None:
        """Show an opened image (already ink-normalised) as the drawing; strokes start afresh.
        Undo takes the image away and then brings back what was on the board before."""
        self._keep_for_undo()
        self._redo = []
        self.base = image
        self._rerender()

    def is_empty(self) -> bool:
        return not self.strokes and self.base is None

    def has_ink(self) -> bool:
        """Something that erasing could take away: a drawn stroke or an opened image."""
        return self.base is not None or any(not s.erase for s in self.strokes)

    def drawing_key(self) -> tuple:
        """Equal for the same drawing (as Undo brings it back), different once anything changed."""
        strokes = tuple((s.width, s.erase, tuple(s.points)) for s in self.strokes)
        return strokes, None if self.base is None else self.base.cacheKey()

    def stroke_in_progress(self) -> bool:
        return self._current is not None

    def can_undo(self) -> bool:
        return bool(self.strokes) or self.base is not None or bool(self._cleared)

    def can_redo(self) -> bool:
        return bool(self._redo)

    def image(self) -> QImage:
        """The board as drawn (grayscale, dark ink on white), at device resolution."""
        self._ensure_image()
        return self._image

    def pixels(self) -> np.ndarray:
        """The board's pixels (H, W) uint8, what recognition reads."""
        return to_array(self.image())

    def _ensure_image(self) -> None:
        if self._image.width() != self._board_pixels():
            self._image = render(self.strokes, self._board_pixels(), self.base)

    def _rerender(self) -> None:
        self._image = render(self.strokes, self._board_pixels(), self.base)
        self.update()
        self.changed.emit()
        self.strokeFinished.emit()

    # ----- Qt events ----------------------------------------------------------------------
    def resizeEvent(self, event) -> None:
        self._ensure_image()
        super().resizeEvent(event)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().color(QPalette.ColorRole.Window))
        rect = self.board_rect()
        painter.drawImage(rect, self._image)
        frame = QPen(self.palette().color(QPalette.ColorRole.Mid), 1)
        painter.setPen(frame)
        painter.drawRect(rect.adjusted(-0.5, -0.5, 0.5, 0.5))
        if self.is_empty():
            painter.setPen(QColor(150, 150, 150))
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.tr("Draw a digit here"))
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.begin_stroke(*self.to_board(event.position()))
        elif event.button() == Qt.MouseButton.RightButton:
            self.undo()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self.extend_stroke(*self.to_board(event.position()))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.end_stroke()

    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and event.mimeData().urls()[0].isLocalFile():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.fileDropped.emit(urls[0].toLocalFile())

    def tabletEvent(self, event: QTabletEvent) -> None:
        # A pen's eraser end erases; everything else draws. Qt would synthesise mouse events,
        # but handling the tablet directly keeps the pen's full-rate, sub-pixel positions.
        kind = event.type()
        pos = self.to_board(event.position())
        if kind == QTabletEvent.Type.TabletPress:
            eraser_end = event.pointerType() == event.pointerType().Eraser
            saved, self.eraser = self.eraser, self.eraser or eraser_end
            self.begin_stroke(*pos)
            self.eraser = saved
        elif kind == QTabletEvent.Type.TabletMove and self._current is not None:
            self.extend_stroke(*pos)
        elif kind == QTabletEvent.Type.TabletRelease:
            self.end_stroke()
        event.accept()
