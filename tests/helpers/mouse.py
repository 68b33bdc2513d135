"""Real mouse events for widget tests."""

from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def send_mouse(widget, kind, pos, button=Qt.MouseButton.LeftButton):
    """Deliver a real QMouseEvent (press/move/release) with the button held during moves."""
    types = {
        "press": QEvent.Type.MouseButtonPress,
        "move": QEvent.Type.MouseMove,
        "release": QEvent.Type.MouseButtonRelease,
    }
    point = QPointF(*pos)
    buttons = Qt.MouseButton.NoButton if kind == "release" else button
    event = QMouseEvent(
        types[kind],
        point,
        widget.mapToGlobal(point),
        button if kind != "move" else Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def draw_with_mouse(canvas, board_points):
    """Draw one stroke through mouse events at board coordinates (0..1)."""
    rect = canvas.board_rect()
    pts = [(rect.x() + x * rect.width(), rect.y() + y * rect.height()) for x, y in board_points]
    send_mouse(canvas, "press", pts[0])
    for p in pts[1:]:
        send_mouse(canvas, "move", p)
    send_mouse(canvas, "release", pts[-1])
