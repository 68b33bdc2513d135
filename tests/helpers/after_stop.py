"""What a worker still did once it was told to stop or pause, instead of how long it took."""

import threading

from digitpad.gui.worker import Worker


def steps_after_stop(monkeypatch) -> list:
    """Every step any Worker's ``drive`` passes on once its stop flag is set (a step the core was
    already making when the stop came counts too); the returned list fills as workers run."""
    late: list = []
    drive = Worker.drive

    def recording(self, steps):
        for step in drive(self, steps):
            if self.stop_event.is_set():
                late.append(step)
            yield step

    monkeypatch.setattr(Worker, "drive", recording)
    return late


class ParkingFlag(threading.Event):
    """A worker's run flag (``Worker._running``) that says when the worker parked: began waiting
    for it while it was cleared (paused). Swapped in while the flag is set."""

    def __init__(self) -> None:
        super().__init__()
        self.set()
        self.parked = threading.Event()

    def wait(self, timeout=None):
        if not self.is_set():
            self.parked.set()
        return super().wait(timeout)
