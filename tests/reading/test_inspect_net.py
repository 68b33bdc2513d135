import numpy as np
import pytest

from digitpad.model.activations import ACTIVATIONS
from digitpad.model.network import MLP
from digitpad.reading.inspect_net import first_layer_images, input_gradient
from digitpad.reading.nudge import nudged
from digitpad.reading.reader import Reader


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_input_gradient_matches_finite_differences(activation):
    check_input_gradient(activation, nudged=False)


def test_a_nudging_models_gradient_is_of_the_score_its_guess_averages():
    """The Inside tab's "pixels for and against the guess" for the guess the Draw tab shows."""
    check_input_gradient("tanh", nudged=True)


def check_input_gradient(activation: str, nudged: bool) -> None:
    rng = np.random.default_rng(0)
    model = Reader(MLP.create([784, 20, 15, 10], activation, "ce", rng), nudged=nudged)
    for p in model.network.params[1::2]:
        p += rng.normal(0, 0.2, p.shape).astype(np.float32)
    x = rng.random(784)
    grad = input_gradient(model, x, 3)
    for i in rng.choice(784, 25, replace=False):
        up, down = x.copy(), x.copy()
        up[i] += 1e-5
        down[i] -= 1e-5
        numeric = (score(model, up) - score(model, down)) / 2e-5
        assert grad[i] == pytest.approx(numeric, rel=1e-3, abs=1e-5)


def score(model: Reader, x: np.ndarray, target: int = 3) -> float:
    """The target's logit as the model reads ``x`` (784,): with nudged reading, the mean of the
    five readings' logits (worked out here, not with inspect_net)."""
    xs = nudged(x[None, :])[:, 0] if model.nudged else x[None, :]
    return float(model.network.activations(xs, np.float64, logits=True)[-1][:, target].mean())


def test_first_layer_images_are_scaled_tiles():
    model = Reader(MLP.create([784, 50, 10], "relu", "ce", np.random.default_rng(0)))
    tiles = first_layer_images(model.network, 16)
    assert tiles.shape == (16, 28, 28)
    assert np.allclose(np.abs(tiles).max(axis=(1, 2)), 1.0)
