import json

import pytest
from PySide6.QtCore import QCoreApplication, QSettings

from digitpad.store import paths


@pytest.fixture
def settings(tmp_path):
    QCoreApplication.setOrganizationName("digitpad-tests")
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_quit_question(monkeypatch):
    """Closing a window that still trains (pytest-qt closes every test's windows) answers "Stop and
    quit" instead of waiting for a modal dialog; tests of the question answer it themselves."""
    monkeypatch.setattr("digitpad.gui.quit_guard.ask", lambda parent: True)
    # Likewise a trained network nobody used is discarded when a test's window closes.
    monkeypatch.setattr("digitpad.gui.keep_result.ask_unkept", lambda parent, summary: "discard")
    # and "Use this model" uses a tiny test network although it reads worse than the shipped one.
    monkeypatch.setattr("digitpad.gui.keep_result.ask_use_worse", lambda parent, new, current: True)


@pytest.fixture
def window(qtbot, settings):
    from digitpad.gui.main_window import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.resize(1000, 650)
    win.show()
    qtbot.waitExposed(win)
    yield win
    win.train_tab.shutdown()
    win.personal_tab.shutdown()


@pytest.fixture(scope="session")
def selftest_digits():
    with open(paths.resources_dir() / "selftest" / "digits.json") as handle:
        return json.load(handle)["digits"]
