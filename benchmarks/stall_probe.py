"""Measuring how long the GUI event loop is kept from running (for benchmarks/gui.py)."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, QTimer


class StallProbe(QObject):
    """A timer that should fire every ``interval_ms``; ``gaps`` records the milliseconds that
    really passed between firings. Gaps well above the interval mean the loop was blocked."""

    def __init__(self, interval_ms: int = 10, parent=None):
        super().__init__(parent)
        self.gaps: list[int] = []
        self._clock = QElapsedTimer()
        self._last = 0
        self._timer = QTimer(self, interval=interval_ms)
        self._timer.timeout.connect(self._tick)

    def start(self) -> None:
        self.gaps.clear()
        self._clock.start()
        self._last = 0
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        now = self._clock.elapsed()
        self.gaps.append(now - self._last)
        self._last = now
