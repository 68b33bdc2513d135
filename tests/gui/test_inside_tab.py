import numpy as np

from tests.helpers.train_form import configure


def test_inside_tab_follows_the_drawing_and_the_model(window, selftest_digits):
    inside = window.inside_tab
    window.tabs.setCurrentWidget(inside)
    assert len(inside.weights.images) == 64
    assert inside.saliency.images == [] and "Draw a digit" in inside.caption.text()
    for stroke in selftest_digits[2]["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert len(inside.saliency.images) == 1
    assert len(inside.activations.images) == len(window.holder.model.network.layer_sizes) - 2
    assert "Guess 2" in inside.caption.text()
    assert window.holder.model.nudged and "five times" in inside.caption.text()
    first = inside.weights.images[0]
    from digitpad.model.network import MLP
    from digitpad.reading.calibration import Calibration
    from digitpad.reading.reader import Reader
    from digitpad.store.model_info import ModelInfo

    model = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0)))
    # An untrained network's answer is nearly flat ("no digit?"): only an exactly flat one is here.
    model.calibration = Calibration(no_digit_level=1.0)
    window.holder.show(model, ModelInfo.of(model))
    assert len(inside.weights.images) == 16 and inside.weights.images[0] != first
    assert "Guess" in inside.caption.text() and "five times" not in inside.caption.text()
    window.draw_tab.canvas.clear()
    assert inside.saliency.images == []


def test_inside_tab_says_which_network_it_shows(window):
    from digitpad.model.network import MLP
    from digitpad.reading.reader import Reader

    inside = window.inside_tab
    training = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(1)))
    inside.show_training(training, 3)
    text = inside.weights_label.text()
    assert len(inside.weights.images) == 16 and "epoch 3" in text and "Draw tab uses" in text
    inside.training_running_changed(True)  # a run going on: keep showing it
    assert len(inside.weights.images) == 16
    inside.training_running_changed(False)  # stopped, finished or failed: back to the Draw tab's
    assert len(inside.weights.images) == 64
    assert inside.weights_label.text() == "The network the Draw tab uses."
    assert "red" in inside.legend.text() and "blue" in inside.legend.text()


def test_the_inside_tab_in_view_lets_go_of_a_run_that_failed(window, qtbot, tiny_mnist, monkeypatch):
    """Bug: a failed run sends no model, so the Inside tab, when looked at during the run, kept
    showing the dead run's network until it was hidden and shown again."""
    import digitpad.training.run
    from digitpad.model.network import MLP
    from digitpad.reading.reader import Reader

    def broken(*args, **kwargs):
        raise RuntimeError("something nobody expected")

    monkeypatch.setattr(digitpad.training.run.Trainer, "run", broken)
    inside, tab = window.inside_tab, window.train_tab
    window.tabs.setCurrentWidget(inside)
    configure(tab, tiny_mnist)
    seen = []
    tab.runningChanged.connect(seen.append)
    assert tab.start()
    # As if an epoch had ended before the failure.
    inside.show_training(Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(1))), 1)
    qtbot.waitUntil(lambda: tab.job is None, timeout=10000)
    assert inside.isVisible() and "failed" in tab.message.text() and seen == [True, False]
    assert len(inside.weights.images) == 64
    assert inside.weights_label.text() == "The network the Draw tab uses."


def test_the_pixels_for_and_against_show_the_outline_of_the_drawing(window, selftest_digits):
    from digitpad.gui.inside_tab import OUTLINE_RGB, OUTLINE_SCALE, ink_outline

    inside = window.inside_tab
    window.tabs.setCurrentWidget(inside)
    for stroke in next(d for d in selftest_digits if d["digit"] == 4)["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    ink = window.draw_tab.prediction.input.reshape(28, 28)
    image = inside.saliency.images[0]
    assert image.width() == 28 * OUTLINE_SCALE
    rgb = image.convertToFormat(image.Format.Format_RGB888)
    pixels = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    pixels = pixels[:, : 3 * rgb.width()].reshape(rgb.height(), rgb.width(), 3)
    dark = (pixels == OUTLINE_RGB).all(axis=2)
    assert dark.sum() > 100 and (dark == ink_outline(ink)).all()
    # The outline follows the ink: it lies on inked pixels or right beside them, never far away.
    inked = np.pad(ink > 0.05, 1)
    beside = inked[1:-1, 1:-1] | inked[:-2, 1:-1] | inked[2:, 1:-1] | inked[1:-1, :-2] | inked[1:-1, 2:]
    assert np.kron(beside, np.ones((OUTLINE_SCALE, OUTLINE_SCALE), bool))[dark].all()
    assert not dark[: 2 * OUTLINE_SCALE].any()  # nothing in the empty margin at the top
    assert "outline of your drawing" in inside.saliency_legend.text()
    assert "red" in inside.saliency_legend.text() and "blue" in inside.saliency_legend.text()


def test_the_inside_tab_speaks_chinese_in_its_counts(qtbot, settings, monkeypatch, selftest_digits):
    from tests.helpers.chinese import chinese_window

    with chinese_window(qtbot, settings, monkeypatch) as win:
        win.show()
        win.tabs.setCurrentWidget(win.inside_tab)  # a hidden Inside tab works nothing out
        for stroke in selftest_digits[2]["strokes"]:
            win.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
        caption = win.inside_tab.caption.text()
        assert " of " not in caption and "个中的" in caption, caption
        from digitpad.gui.train_results import duration

        assert duration(999) == "16 分 39 秒" and duration(5) == "5 秒"


def test_a_hidden_inside_tab_works_nothing_out_until_it_is_looked_at(
    window, selftest_digits, monkeypatch
):
    """The pixels for and against cost more than the reading itself: while the Draw tab is in
    front, drawing must not pay for them; the Inside tab catches up when it is shown."""
    import digitpad.gui.inside_tab as inside_module

    worked_out = []
    real = inside_module.input_gradient
    monkeypatch.setattr(inside_module, "input_gradient", lambda *a: worked_out.append(1) or real(*a))
    inside = window.inside_tab
    assert window.tabs.currentWidget() is window.draw_tab
    for stroke in selftest_digits[2]["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert window.draw_tab.prediction.digit == 2 and worked_out == []
    window.tabs.setCurrentWidget(inside)
    assert worked_out == [1] and len(inside.saliency.images) == 1 and "Guess 2" in inside.caption.text()
    window.tabs.setCurrentWidget(window.draw_tab)
    window.draw_tab.canvas.clear()
    window.tabs.setCurrentWidget(inside)
    assert worked_out == [1] and inside.saliency.images == [] and "Draw a digit" in inside.caption.text()


def test_the_inside_tab_in_view_says_it_shows_the_run_the_draw_tab_follows(window):
    """Bug: after each epoch the Draw tab took up the snapshot only after the Inside tab had been
    told of it, and taking it up put the Inside tab back to "The network the Draw tab uses.":
    the epoch of the network shown was never said while the Draw tab followed the run."""
    from digitpad.model.network import MLP
    from digitpad.reading.reader import Reader
    from digitpad.training.trainer import EpochStats

    inside, tab = window.inside_tab, window.train_tab
    window.tabs.setCurrentWidget(inside)
    tab.follow.setChecked(True)
    snapshot = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(2)))
    tab._on_epoch(EpochStats(1, 2, 0.5, 0.9, None, 0.9, 1.0, 0.1, 1e3), snapshot)
    assert window.holder.model is snapshot and len(inside.weights.images) == 16
    text = inside.weights_label.text()
    assert "epoch 1" in text and "the Draw tab uses it too" in text, text
    inside.training_running_changed(False)  # the run is over
    assert inside.weights_label.text() == "The network the Draw tab uses."


def test_a_scribble_is_said_to_name_no_digit_not_to_be_missing(window):
    from tests.gui.test_draw_tab import zigzag

    """Bug: a drawing read as "no digit?" was met with "Draw a digit", as if the board were empty."""
    inside = window.inside_tab
    window.tabs.setCurrentWidget(inside)
    window.draw_tab.canvas.add_stroke(zigzag())  # a dense scribble
    assert window.draw_tab.prediction.not_a_digit
    assert "names no digit" in inside.caption.text() and inside.saliency.images == []
    window.draw_tab.canvas.clear()
    assert "Draw a digit in the Draw tab to look inside" in inside.caption.text()


def test_a_crossed_zero_is_said_to_be_shown_without_its_line(window, selftest_digits):
    inside = window.inside_tab
    window.tabs.setCurrentWidget(inside)
    crossed = next(d for d in selftest_digits if d.get("style") == "zero with a long shallow slash")
    for stroke in crossed["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert window.draw_tab.prediction.uncrossed
    assert "Guess 0" in inside.caption.text() and "without the line" in inside.caption.text()
    window.draw_tab.canvas.clear()
    window.draw_tab.canvas.add_stroke([tuple(p) for p in crossed["strokes"][0]])  # the ring alone
    assert "without the line" not in inside.caption.text()
