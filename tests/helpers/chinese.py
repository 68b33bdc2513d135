"""A main window speaking Simplified Chinese, for tests of the translated interface."""

from contextlib import contextmanager


@contextmanager
def chinese_window(qtbot, settings, monkeypatch):
    """Yield a MainWindow built with the zh_CN translators installed; removes them afterwards."""
    from PySide6.QtCore import QCoreApplication

    from digitpad.gui.i18n import chosen_language, install_translators
    from digitpad.gui.main_window import MainWindow

    monkeypatch.setenv("DIGITPAD_LANG", "zh_CN")
    app = QCoreApplication.instance()
    translators = install_translators(app, chosen_language(settings))
    try:
        win = MainWindow(settings)
        qtbot.addWidget(win)
        yield win
    finally:
        for t in translators:
            app.removeTranslator(t)
