import numpy as np
import pytest

from digitpad.activations import ACTIVATIONS
from digitpad.inspect_net import first_layer_images, input_gradient, logits
from digitpad.network import MLP


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_input_gradient_matches_finite_differences(activation):
    rng = np.random.default_rng(0)
    model = MLP.create([784, 20, 15, 10], activation, "ce", rng)
    for p in model.params[1::2]:
        p += rng.normal(0, 0.2, p.shape).astype(np.float32)
    x = rng.random(784)
    grad = input_gradient(model, x, 3)
    for i in rng.choice(784, 25, replace=False):
        up, down = x.copy(), x.copy()
        up[i] += 1e-5
        down[i] -= 1e-5
        numeric = (logits(model, up)[3] - logits(model, down)[3]) / 2e-5
        assert grad[i] == pytest.approx(numeric, rel=1e-3, abs=1e-5)


def test_first_layer_images_are_scaled_tiles():
    model = MLP.create([784, 50, 10], "relu", "ce", np.random.default_rng(0))
    tiles = first_layer_images(model, 16)
    assert tiles.shape == (16, 28, 28)
    assert np.allclose(np.abs(tiles).max(axis=(1, 2)), 1.0)
