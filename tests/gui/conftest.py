import copy
import json
from pathlib import Path

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


@pytest.fixture(autouse=True)
def shipped_model_read_once(monkeypatch, shipped_model_as_read):
    """Every window reads and checks the shipped model (a tenth of a second, more on a busy
    machine, in most GUI tests): it is read once per session and each read gets its own copy.
    Any other file is read as ever, and tests of reading files run without this."""
    from digitpad.gui import model_holder
    from digitpad.store import model_history

    shipped = paths.shipped_model_path()

    def load_model(path):
        if Path(path) != shipped:
            return real(path)
        model, meta = shipped_model_as_read
        return model.copy(), copy.deepcopy(meta)

    real = model_history.load_model
    for module in (model_history, model_holder):
        monkeypatch.setattr(module, "load_model", load_model)


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
