import numpy as np

from tests.helpers.train_form import configure


def test_inside_tab_follows_the_drawing_and_the_model(window, selftest_digits):
    inside = window.inside_tab
    assert len(inside.weights.images) == 64
    assert inside.saliency.images == [] and "Draw a digit" in inside.caption.text()
    for stroke in selftest_digits[2]["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert len(inside.saliency.images) == 1
    assert len(inside.activations.images) == len(window.holder.model.layer_sizes) - 2
    assert "Guess 2" in inside.caption.text()
    assert window.holder.model.nudged_reading and "five times" in inside.caption.text()
    first = inside.weights.images[0]
    from digitpad.model.calibration import Calibration
    from digitpad.model.network import MLP
    from digitpad.training.model_info import ModelInfo

    model = MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0))
    # An untrained network's answer is nearly flat ("no digit?"): only an exactly flat one is here.
    model.calibration = Calibration(no_digit_level=1.0)
    window.holder.show(model, ModelInfo.of(model))
    assert len(inside.weights.images) == 16 and inside.weights.images[0] != first
    assert "Guess" in inside.caption.text() and "five times" not in inside.caption.text()
    window.draw_tab.canvas.clear()
    assert inside.saliency.images == []


def test_inside_tab_says_which_network_it_shows(window):
    from digitpad.model.network import MLP

    inside = window.inside_tab
    training = MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(1))
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
    inside.show_training(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(1)), 1)
    qtbot.waitUntil(lambda: tab.job is None, timeout=10000)
    assert inside.isVisible() and "failed" in tab.message.text() and seen == [True, False]
    assert len(inside.weights.images) == 64
    assert inside.weights_label.text() == "The network the Draw tab uses."
