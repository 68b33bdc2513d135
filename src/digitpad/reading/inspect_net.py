"""Looking inside a network: what first-layer neurons look for, how strongly each hidden neuron
fires for an input, and which input pixels push a class up or down."""

from __future__ import annotations

import numpy as np

from digitpad.model.network import MLP
from digitpad.reading.nudge import nudged, nudged_back_mean
from digitpad.reading.reader import Reader
from digitpad.shapes import SIDE


def first_layer_images(network: MLP, count: int = 64) -> np.ndarray:
    """The incoming weights (count, 28, 28) of the first-layer neurons with the strongest weights,
    each scaled to [-1, 1] (positive: ink there excites the neuron)."""
    w, _ = next(network.layers())  # (784, n)
    strongest = np.argsort(-np.linalg.norm(w, axis=0))[:count]
    tiles = w[:, strongest].T.reshape(-1, SIDE, SIDE)
    scale = np.abs(tiles).max(axis=(1, 2), keepdims=True)
    return tiles / np.maximum(scale, 1e-12)


def input_gradient(model: Reader, x: np.ndarray, target: int) -> np.ndarray:
    """d(score of ``target``) / d(input) for one input ``x`` (784,): a (784,) array, where the score
    is the output layer's before softmax (with nudged reading, the mean over the five readings, as
    the guess is).

    Positive pixels: more ink there would raise the target's score; negative: lower it.
    """
    if not model.nudged:
        return _logit_gradients(model.network, np.asarray(x)[None, :], target)[0]
    copies = nudged(np.asarray(x, np.float64)[None, :])  # (5, 1, 784)
    per_copy = _logit_gradients(model.network, copies[:, 0], target)  # (5, 784)
    return nudged_back_mean(per_copy[:, None, :])[0].astype(np.float32)


def _logit_gradients(network: MLP, xs: np.ndarray, target: int) -> np.ndarray:
    """d(logit of ``target``) / d(input) for each single-pass input of ``xs`` (B, 784): (B, 784)."""
    hidden = network.activations(xs, dtype=np.float64)[:-1]
    delta = np.zeros((len(xs), network.layer_sizes[-1]))
    delta[:, target] = 1.0
    for i, (w, _) in reversed(list(enumerate(network.layers()))):
        delta = delta @ w.astype(np.float64).T
        if i > 0:
            network.act_grad(hidden[i - 1], delta)
    return delta.astype(np.float32)
