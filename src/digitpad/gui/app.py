"""Starting the app, and the self-test the packaged executable runs too."""

from __future__ import annotations

import json
import os
import sys
import time

from digitpad import __version__, paths

# Qt messages that say nothing to a user: the offscreen platform (the self-test) cannot pass window
# size hints on, which is harmless there.
QUIET_QT_MESSAGES = ("propagateSizeHints",)


def _qt_message(mode, context, message: str) -> None:
    if not any(quiet in message for quiet in QUIET_QT_MESSAGES):
        print(message, file=sys.stderr, flush=True)


def _application():
    from PySide6.QtCore import QCoreApplication, QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    qInstallMessageHandler(_qt_message)

    QCoreApplication.setOrganizationName("digitpad")
    QCoreApplication.setApplicationName("digitpad")
    QCoreApplication.setApplicationVersion(__version__)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    # Settings live beside the user's models (and follow DIGITPAD_HOME in tests).
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.user_dir()))
    app = QApplication.instance() or QApplication(sys.argv[:1])
    return app


def run_app(self_test: bool = False, startup_check: bool = False) -> int:
    """Open the main window. ``startup_check`` quits as soon as the window has been shown
    (for measuring cold start)."""
    if self_test:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from digitpad.runtime import tune_allocator

    tune_allocator()
    app = _application()
    from PySide6.QtCore import QSettings

    from digitpad.gui.i18n import chosen_language, install_translators
    from digitpad.gui.main_window import MainWindow

    settings = QSettings()
    app.translators = install_translators(app, chosen_language(settings))
    window = MainWindow(settings)
    window.show()
    if self_test:
        return run_self_test(window)
    if startup_check:
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, window.close)
    return app.exec()


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
