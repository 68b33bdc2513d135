import numpy as np


def test_inside_tab_follows_the_drawing_and_the_model(window, selftest_digits):
    inside = window.inside_tab
    assert len(inside.weights.images) == 64
    assert inside.saliency.images == [] and "Draw a digit" in inside.caption.text()
    for stroke in selftest_digits[2]["strokes"]:
        window.draw_tab.canvas.add_stroke([tuple(p) for p in stroke])
    assert len(inside.saliency.images) == 1
    assert len(inside.activations.images) == len(window.holder.model.layer_sizes) - 2
    assert "Guess 2" in inside.caption.text()
    first = inside.weights.images[0]
    from digitpad.model_info import ModelInfo
    from digitpad.network import MLP

    model = MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0))
    window.holder.show(model, ModelInfo.of(model))
    assert len(inside.weights.images) == 16 and inside.weights.images[0] != first
    window.draw_tab.canvas.clear()
    assert inside.saliency.images == []


def test_inside_tab_says_which_network_it_shows(window):
    from digitpad.network import MLP

    inside = window.inside_tab
    training = MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(1))
    inside.show_training(training, 3)
    text = inside.weights_label.text()
    assert len(inside.weights.images) == 16 and "epoch 3" in text and "Draw tab uses" in text
    inside.training_ended()  # stopped, finished or failed: back to what the Draw tab uses
    assert len(inside.weights.images) == 64
    assert inside.weights_label.text() == "The network the Draw tab uses."
    inside.show_training(training, 4)
    inside.hide()
    inside.show()  # a run that failed without any signal: caught up when the tab is shown
    assert len(inside.weights.images) == 64
    assert "red" in inside.legend.text() and "blue" in inside.legend.text()
