"""The Qt-free stroke renderer used for training draws what the canvas draws: the network gets
the same input from both."""

import numpy as np
import pytest

from digitpad.gui.render import Stroke, fit_strokes, render, to_array
from digitpad.pen.digits import shipped_pen_digits
from digitpad.pen.render import Look, pen_input
from digitpad.reading.preprocess import mnist_input


def shift_tolerant_difference(a: np.ndarray, b: np.ndarray) -> float:
    """Mean absolute difference of two inputs (784,), the better of b and b moved by a pixel
    (centring by mass rounds to whole pixels, so a hair's difference can move a digit by one)."""
    a, b = a.reshape(28, 28), b.reshape(28, 28)
    return min(
        float(np.abs(a - np.roll(b, (dy, dx), axis=(0, 1))).mean())
        for dy in (-1, 0, 1)
        for dx in (-1, 0, 1)
    )


@pytest.mark.parametrize("side, height, brush", [(280, 0.6, 0.06), (586, 0.4, 0.03), (400, 0.8, 0.1)])
def test_training_renderer_matches_the_canvas(qapp, side, height, brush, shipped_model_as_read):
    digits = shipped_pen_digits()
    model = shipped_model_as_read[0]
    # Digits no wider than tall, so that both scale them by their height and all fit the board.
    upright = [
        i for i in range(len(digits)) if np.ptp(np.concatenate(digits.strokes(i)), 0) @ [1, -1] <= 0
    ]
    picks = np.random.default_rng(side).choice(upright, 40, replace=False)
    diffs, both = [], []
    for i in picks:
        raw = digits.strokes(int(i))
        canvas = [Stroke(brush, False, pts) for pts in fit_strokes(raw, height, max_width=height)]
        from_canvas = mnist_input(to_array(render(canvas, side)))
        from_core = pen_input(raw, Look(height_px=height * side, brush=brush / height))
        diffs.append(shift_tolerant_difference(from_canvas, from_core))
        both += [from_canvas, from_core]
    guesses = model.network.forward(np.stack(both)).argmax(axis=1)  # one pass for all of them
    agree = int((guesses[0::2] == guesses[1::2]).sum())
    assert np.mean(diffs) < 0.025 and max(diffs) < 0.08
    assert agree >= 39
