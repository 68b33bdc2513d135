import csv
import io

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, Qt
from PySide6.QtGui import QImage, QMouseEvent
from PySide6.QtWidgets import QApplication

from digitpad.gui.plots import LinePlot, link_plots
from digitpad.gui.result_views import ConfusionMatrix, DigitStrip
from digitpad.gui.ticks import nice_step, nice_ticks, tick_label


@pytest.mark.parametrize(
    "lo, hi, ticks",
    [
        (0.0, 5.0, [0, 1, 2, 3, 4, 5]),
        (0.951, 0.974, [0.95, 0.955, 0.96, 0.965, 0.97, 0.975]),
        (0.02, 2.37, [0, 0.5, 1, 1.5, 2, 2.5]),
        (0.0, 40.0, [0, 10, 20, 30, 40]),
        (0.0, 0.3, [0, 0.1, 0.2, 0.3]),
    ],
)
def test_ticks_are_nice_1_2_5_steps_covering_the_data(lo, hi, ticks):
    start, end, got = nice_ticks(lo, hi, 5)
    assert got == pytest.approx(ticks) and start <= lo and end >= hi
    step = got[1] - got[0]
    mantissa = step / 10 ** np.floor(np.log10(step))
    assert round(mantissa, 6) in (1, 2, 5)


def test_tick_labels_have_the_decimals_the_step_needs():
    assert [tick_label(v, 0.005) for v in (0.95, 0.955)] == ["0.950", "0.955"]
    assert tick_label(2.0, 1.0) == "2" and tick_label(1.5, 0.5) == "1.5" and tick_label(20, 10) == "20"
    assert nice_step(7.3, 5) == 2 and nice_step(0.0, 5) == 1


def loss_plot(qtbot):
    plot = LinePlot("Training loss", "epoch", "loss")
    plot.add_series("per batch", "#1f77b4")
    plot.add_series("per epoch", "#ff7f0e")
    plot.extend("per batch", [(k / 10, 2.3 * np.exp(-k / 8)) for k in range(1, 51)])
    plot.extend("per epoch", [(e, 2.3 * np.exp(-e * 10 / 8)) for e in range(1, 6)])
    qtbot.addWidget(plot)
    plot.resize(420, 240)
    plot.show()
    qtbot.waitExposed(plot)
    return plot


def test_legend_sits_above_the_plot_area_not_on_the_curves(qtbot):
    plot = loss_plot(qtbot)
    image = plot.grab().toImage()
    area = plot._layout(plot.fontMetrics())
    legend_row = area.top() - plot.fontMetrics().height() / 2 - 4
    assert legend_row < area.top() - 2  # the legend row is outside the area
    # The start of the loss curve (top left of the area) is drawn in the series colour, uncovered.
    to_pixel, _ = plot._mapper(area)
    first = to_pixel(*plot.series["per batch"][0])
    around = [
        image.pixelColor(int(first.x()) + dx, int(first.y()) + dy)
        for dx in range(0, 4)
        for dy in range(-1, 4)
    ]
    assert any(c.blue() > c.red() + 80 for c in around)


def move_mouse(widget, x, y):
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        QPointF(x, y),
        widget.mapToGlobal(QPointF(x, y)),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def test_hover_reads_the_nearest_values(qtbot):
    plot = loss_plot(qtbot)
    area = plot._layout(plot.fontMetrics())
    to_pixel, _ = plot._mapper(area)
    x = to_pixel(3.0, 0).x()
    move_mouse(plot, x, area.center().y())
    assert plot.hover_x == pytest.approx(x)
    found = {name: (px, py) for name, px, py in plot.nearest(3.0)}
    assert found["per epoch"] == (3, pytest.approx(2.3 * np.exp(-30 / 8)))
    assert found["per batch"][0] == pytest.approx(3.0)
    before = plot.grab().toImage()
    QApplication.sendEvent(plot, QEvent(QEvent.Type.Leave))
    assert plot.hover_x is None and plot.grab().toImage() != before  # the read-out is painted


def test_export_saves_all_linked_plots_as_png_and_csv(qtbot, tmp_path):
    loss = loss_plot(qtbot)
    acc = LinePlot("Accuracy", "epoch", "accuracy")
    acc.add_series("test", "#2ca02c")
    acc.extend("test", [(1, 0.95), (2, 0.97)])
    qtbot.addWidget(acc)
    acc.resize(300, 240)
    link_plots([loss, acc])
    assert acc.save_button.isEnabled()  # saves the run, and the loss plot has data
    loss.clear()
    acc.clear()
    assert not loss.save_button.isEnabled() and not acc.save_button.isEnabled()
    loss.extend("per batch", [(k / 10, 2.3 * np.exp(-k / 8)) for k in range(1, 51)])
    assert acc.save_button.isEnabled()
    loss.extend("per epoch", [(e, 2.3 * np.exp(-e * 10 / 8)) for e in range(1, 6)])
    acc.extend("test", [(1, 0.95), (2, 0.97)])
    assert loss.save_png(tmp_path / "run.png")
    image = QImage(str(tmp_path / "run.png"))
    assert image.width() >= 720 * image.devicePixelRatio() - 1 and image.height() >= 240
    acc.save_csv(tmp_path / "run.csv")
    rows = list(csv.reader(io.StringIO((tmp_path / "run.csv").read_text())))
    assert rows[0] == ["plot", "series", "epoch", "value"]
    assert len(rows) == 1 + 50 + 5 + 2 and rows[-1] == ["Accuracy", "test", "2", "0.97"]
    assert [a.text() for a in loss.save_button.menu().actions()] == [
        "Save plots as PNG…",
        "Save history as CSV…",
    ]


def test_confusion_numbers_grow_with_the_widget_and_axes_are_named(qtbot):
    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    counts = np.full((10, 10), 3) + np.diag(np.full(10, 1100))
    counts[4, 4] = 1135
    matrix.set_counts(counts)
    matrix.resize(260, 260)
    small = matrix.geometry_for(matrix.fontMetrics())[3]
    matrix.resize(520, 520)
    big = matrix.geometry_for(matrix.fontMetrics())[3]
    assert small >= 9 and big > 1.8 * small  # readable, and scales with the cells
    assert matrix.sizeHint().width() == 520  # asks to stay square as it grows taller
    matrix.show()
    qtbot.waitExposed(matrix)
    matrix.grab()  # paints the titles without error
    assert matrix.cell_text(4, 4) == "98%" and matrix.cell_text(4, 9) == "3"
    left, top, cell, _ = matrix.geometry_for(matrix.fontMetrics())
    assert matrix.cell_at(left + 9.5 * cell, top + 4.5 * cell) == (4, 9)
    assert matrix.cell_at(1, 1) is None


def test_mistake_captions_say_what_was_read(qtbot):
    strip = DigitStrip()
    qtbot.addWidget(strip)
    strip.set_mistakes([(np.zeros(784, np.float32), 1, 6)])
    assert strip.captions == ["read 1, was 6"]


def test_the_read_out_stays_inside_the_widget(qtbot):
    plot = loss_plot(qtbot)
    plot.add_series("per batch (smoothed)", "#2ca02c")
    plot.extend("per batch (smoothed)", [(1.0, 1.0), (2.0, 0.5)])
    plot.resize(260, 200)
    area = plot._layout(plot.fontMetrics())
    for x in (area.left() + 1, area.center().x(), area.right() - 1):
        move_mouse(plot, x, area.center().y())
        image = plot.grab().toImage()
        # The box never covers the widget's outermost columns, which stay the plain background.
        base = plot.palette().color(plot.palette().ColorRole.Base).rgb()
        edges = [image.pixel(c, int(area.top()) + 10) for c in (0, image.width() - 1)]
        assert edges == [base, base], x


def test_confusion_tooltips_agree_with_the_count(qtbot):
    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    counts = np.diag(np.full(10, 97))
    counts[3, 5], counts[3, 8], counts[7, 7] = 1, 2, 1
    matrix.set_counts(counts)
    assert matrix.cell_tip(3, 5) == "1 of 100 test digits 3 was read as 5."
    assert matrix.cell_tip(3, 8) == "2 of 100 test digits 3 were read as 8."
    assert matrix.cell_tip(3, 3) == "97 of 100 test digits 3 were read correctly."
    assert matrix.cell_tip(7, 7) == "1 of 1 test digits 7 was read correctly."


@pytest.mark.parametrize(
    "epochs, ticks", [(1, [0, 1]), (2, [0, 1, 2]), (5, [0, 1, 2, 3, 4, 5]), (36, [0, 10, 20, 30, 40])]
)
def test_the_epoch_axis_starts_at_0_with_whole_ticks_for_whole_epochs(qtbot, epochs, ticks):
    """Bug: one epoch put the accuracy at the left edge of an axis ticked 1.0, 1.2, ... 2.0."""
    acc = LinePlot("Accuracy", "epoch", "accuracy")
    qtbot.addWidget(acc)
    acc.add_series("test", "#2ca02c")
    acc.extend("test", [(e, 0.9 + e / 1000) for e in range(1, epochs + 1)])
    assert acc.axes()[0] == ticks
    loss = LinePlot("Training loss", "epoch", "loss")
    qtbot.addWidget(loss)
    loss.add_series("per batch", "#1f77b4")
    loss.extend("per batch", [(b / 10, 1.0) for b in range(1, 10 * epochs + 1)])
    assert loss.axes()[0][0] == 0 and loss.axes()[0][-1] == ticks[-1]


def test_a_digit_never_read_right_is_not_green_on_the_diagonal(qtbot):
    """Bug: every diagonal cell was green, even that of a digit read right 0% of the time."""
    matrix = ConfusionMatrix()
    qtbot.addWidget(matrix)
    matrix.resize(300, 300)
    counts = np.diag(np.full(10, 100))
    counts[3, 3], counts[3, 5] = 0, 100  # every 3 read as 5
    counts[8, 8], counts[8, 0] = 75, 25
    matrix.set_counts(counts)
    image = matrix.grab().toImage()
    left, top, cell, _ = matrix.geometry_for(matrix.fontMetrics())

    def colour(digit):  # near a diagonal cell's corner, clear of its text
        return image.pixelColor(int(left + digit * cell + 2), int(top + digit * cell + 2))

    right, never, half_way = colour(1), colour(3), colour(8)
    assert right.green() > right.red() and never.red() > never.green()
    assert never.red() > half_way.red() > right.red()
    assert matrix.cell_text(3, 3) == "0%"


def test_saved_plots_are_readable_and_hold_the_last_points_from_a_small_window(qtbot, tmp_path):
    """Bug: the saved PNG was the widgets' size at the default window (690x170) and the last
    epoch's points and label sat cut at the right edge."""
    from PySide6.QtCore import QSize
    from PySide6.QtGui import QColor, QFontMetricsF

    from digitpad.gui.plots import EXPORT_SIZE

    loss = loss_plot(qtbot)
    acc = LinePlot("Accuracy", "epoch", "accuracy")
    acc.add_series("test", "#2ca02c")
    acc.extend("test", [(1, 0.95), (2, 0.96), (3, 0.97), (4, 0.975), (5, 0.99)])
    qtbot.addWidget(acc)
    link_plots([loss, acc])
    for plot in (loss, acc):
        plot.resize(345, 170)
    assert loss.save_png(tmp_path / "run.png")
    image = QImage(str(tmp_path / "run.png"))
    assert image.width() >= 2 * 2 * EXPORT_SIZE.width() and image.height() >= 2 * EXPORT_SIZE.height()
    # The last test point (epoch 5) is drawn, whole, in the series' colour.
    size = QSize(EXPORT_SIZE.width(), EXPORT_SIZE.height())
    area = acc._layout(QFontMetricsF(acc.font()), size)
    to_pixel, _ = acc._mapper(area)
    last = to_pixel(5, 0.99)
    x, y = 2 * (EXPORT_SIZE.width() + last.x() - 1), 2 * last.y()
    shown, drawn = image.pixelColor(int(x), int(y)), QColor("#2ca02c")
    assert max(abs(a - b) for a, b in zip(shown.getRgb(), drawn.getRgb())) < 12
