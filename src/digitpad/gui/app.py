"""Starting the app, and the self-test the packaged executable runs too."""

from __future__ import annotations

import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

from digitpad import __version__
from digitpad.store import paths

# Qt messages that say nothing to a user: the offscreen platform (the self-test) cannot pass window
# size hints on, which is harmless there.
QUIET_QT_MESSAGES = ("propagateSizeHints",)


def _qt_message(mode, context, message: str) -> None:
    if not any(quiet in message for quiet in QUIET_QT_MESSAGES):
        print(message, file=sys.stderr, flush=True)


def _close_on_ctrl_c() -> list:
    """From now on Ctrl+C in the terminal only records the press (instead of raising
    KeyboardInterrupt inside whatever Qt or start-up code runs: a traceback, or a start that
    carries on regardless); ``_close_when_pressed`` then closes the window normally. The handler
    calls no Qt itself: it may run in the middle of a Qt call."""
    pressed: list = []
    signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    return pressed


def _close_when_pressed(app, pressed: list) -> None:
    """Every 250 ms (which also lets Python run its signal handlers while Qt waits for events):
    after a Ctrl+C, close the windows (stopping workers, saving settings) and so quit."""
    from PySide6.QtCore import QTimer

    def check():
        if pressed:
            app.closeAllWindows()

    app._sigint_timer = QTimer(interval=250)
    app._sigint_timer.timeout.connect(check)
    app._sigint_timer.start()


def _application():
    from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_qt_message)

    QCoreApplication.setOrganizationName("digitpad")
    QCoreApplication.setApplicationName("digitpad")
    QCoreApplication.setApplicationVersion(__version__)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # Settings live beside the user's models (and follow DIGITPAD_HOME in tests).
    from digitpad.startup import prepare_session

    prepare_session()  # a usable data folder (or a notice and a session folder) before settings
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.user_dir()))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return app


def run_app(self_test: bool = False, startup_check: bool = False) -> int:
    """Open the main window. ``startup_check`` exits 0 as soon as the window system shows the
    window (for measuring cold start and for checking a build on a real display)."""
    interrupted = _close_on_ctrl_c()
    if self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from digitpad.errors import DigitpadError
    from digitpad.gui.xcb_check import xcb_problem

    problem = xcb_problem()
    if problem:
        raise DigitpadError(problem)
    from digitpad.training.runtime import tune_allocator

    tune_allocator()
    app = _application()
    from PySide6.QtCore import QSettings

    from digitpad.gui.i18n import chosen_language, install_translators
    from digitpad.gui.main_window import MainWindow

    if self_test:  # the offscreen window must not become the user's saved window
        with tempfile.TemporaryDirectory(prefix="digitpad-self-test-") as scratch:
            settings = QSettings(str(Path(scratch) / "settings.ini"), QSettings.Format.IniFormat)
            window = MainWindow(settings)
            window.show()
            return run_self_test(window)
    settings = QSettings()
    app.translators = install_translators(app, chosen_language(settings))
    _close_when_pressed(app, interrupted)
    window = MainWindow(settings)
    window.show()
    if startup_check:
        _close_when_shown(app, window)
    return app.exec()


def _close_when_shown(app, window, timeout_ms: int = 15000) -> None:
    """Close the window (exit status 0) once the window system has really shown it (exposed it),
    or exit 1 with one line on stderr if that does not happen within ``timeout_ms``."""
    from PySide6.QtCore import QElapsedTimer, QTimer

    clock = QElapsedTimer()
    clock.start()

    def poll():
        handle = window.windowHandle()
        if handle is not None and handle.isExposed():
            window.close()
        elif clock.elapsed() > timeout_ms:
            print(
                f"digitpad: error: the window was not shown within {timeout_ms / 1000:.0f} s",
                file=sys.stderr,
            )
            app.exit(1)
        else:
            QTimer.singleShot(5, poll)

    QTimer.singleShot(0, poll)


def self_test_digits() -> dict:
    with open(paths.resources_dir() / "selftest" / "digits.json", encoding="utf-8") as handle:
        return json.load(handle)


def run_self_test(window) -> int:
    """Replay the shipped strokes on the real canvas; print one line; 0 if every digit is right."""
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    spec = self_test_digits()
    canvas = window.draw_tab.canvas
    canvas.brush = spec["brush"]
    wrong = []
    for item in spec["digits"]:
        canvas.clear()
        for stroke in item["strokes"]:
            canvas.add_stroke([tuple(p) for p in stroke])
        QApplication.processEvents()
        pred = window.draw_tab.recognise()
        if pred.digit != item["digit"]:
            wrong.append(f"{item['digit']}->{pred.digit}")
    canvas.clear()
    total = len(spec["digits"])
    status = "ok" if not wrong else "FAILED"
    detail = f" wrong: {', '.join(wrong)}" if wrong else ""
    print(
        f"digitpad self-test {status}: {total - len(wrong)}/{total} digits recognised "
        f"({window.holder.description()}; {time.perf_counter() - start:.2f} s){detail}",
        flush=True,
    )
    window.close()
    return 0 if not wrong else 1
