"""The Train tab's layout at the default window size: everything reachable without scrolling,
the wheel scrolls the form rather than changing unfocused fields, and nothing moves when the
status text is long."""

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QScrollArea

from digitpad.gui.mnist_source import MnistSourceView
from tests.helpers.chinese import chinese_window


def show_train_tab(window, qtbot, width=1024, height=640):
    window.resize(width, height)
    window.show_page(window.train_tab)
    qtbot.waitUntil(lambda: window.train_tab.isVisible())
    qtbot.wait(50)
    return window.train_tab


def inside(widget, viewport) -> bool:
    """``widget`` lies wholly within ``viewport`` (no edge clipped)."""
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    return viewport.rect().contains(top_left) and viewport.rect().contains(
        top_left + QPoint(widget.width() - 1, widget.height() - 1)
    )


def wheel(widget, steps: int) -> None:
    """Turn the mouse wheel ``steps`` notches (positive: away from the user) over ``widget``."""
    centre = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_every_setting_is_in_view_at_the_default_size(window, qtbot):
    tab = show_train_tab(window, qtbot)
    scroll = tab.settings_scroll
    viewport = scroll.viewport()
    assert not scroll.verticalScrollBar().isVisible()
    data = tab.findChild(MnistSourceView)
    folder_button = data.findChild(QPushButton)
    for widget in [*tab.form.widgets.values(), tab.form.preset, tab.follow, folder_button]:
        assert inside(widget, viewport), widget
    assert inside(tab.start_button, tab) and inside(tab.stop_button, tab)
    # The page itself needs no scrolling either.
    page = window.tabs.currentWidget()
    assert isinstance(page, QScrollArea)
    assert not page.verticalScrollBar().isVisible() and not page.horizontalScrollBar().isVisible()


def test_the_wheel_scrolls_the_form_unless_a_field_has_the_focus(window, qtbot):
    tab = show_train_tab(window, qtbot)
    tab.settings_scroll.setFixedHeight(250)  # short enough for the form to scroll
    scroll = tab.settings_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: scroll.maximum() > 0)
    epochs = tab.form.widgets["epochs"]
    optimiser = tab.form.widgets["optimizer"]
    tab.start_button.setFocus()
    before = epochs.value(), optimiser.currentText()
    wheel(epochs, -1)
    wheel(optimiser, -1)
    assert (epochs.value(), optimiser.currentText()) == before
    assert scroll.value() > 0, "the wheel over an unfocused field should scroll the form"
    window.activateWindow()
    epochs.setFocus()
    qtbot.waitUntil(epochs.hasFocus)
    position = scroll.value()
    wheel(epochs, 1)
    assert epochs.value() == before[0] + 1 and scroll.value() == position


def test_buttons_and_plots_stay_put_when_the_status_is_long(window, qtbot):
    tab = show_train_tab(window, qtbot)
    tab.progress_label.setText("Ready.")
    tab.message.setText("")
    qtbot.wait(50)
    before = [w.geometry() for w in (tab.start_button, tab.stop_button, tab.progress, tab.loss_plot)]
    tab.progress_label.setText(
        "Drawing pen-written digits for training… 40% · 1 min 20 s left for this step, "
        "and some more words so that this status needs two lines"
    )
    tab.message.setText("Training failed: a long reason\nYour current model is unchanged.")
    qtbot.wait(50)
    assert "…" in QLabel.text(tab.progress_label)  # one line, elided (the whole of it in the tooltip)
    after = [w.geometry() for w in (tab.start_button, tab.stop_button, tab.progress, tab.loss_plot)]
    assert after == before


def test_every_setting_is_in_view_in_chinese_too(qtbot, settings, monkeypatch):
    with chinese_window(qtbot, settings, monkeypatch) as win:
        win.show()
        tab = show_train_tab(win, qtbot)
        assert tab.start_button.text() == "开始"
        assert not tab.settings_scroll.verticalScrollBar().isVisible()
        assert inside(tab.follow, tab.settings_scroll.viewport())
        win.train_tab.shutdown()
