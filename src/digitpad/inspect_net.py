"""Looking inside a network: what first-layer neurons look for, how strongly each hidden neuron
fires for an input, and which input pixels push a class up or down."""

from __future__ import annotations

import numpy as np

from digitpad.network import MLP


def first_layer_images(model: MLP, count: int = 64) -> np.ndarray:
    """The incoming weights (count, 28, 28) of the first-layer neurons with the strongest weights,
    each scaled to [-1, 1] (positive: ink there excites the neuron)."""
    w = model.params[0]  # (784, n)
    strongest = np.argsort(-np.linalg.norm(w, axis=0))[:count]
    tiles = w[:, strongest].T.reshape(-1, 28, 28)
    scale = np.abs(tiles).max(axis=(1, 2), keepdims=True)
    return tiles / np.maximum(scale, 1e-12)


def input_gradient(model: MLP, x: np.ndarray, target: int) -> np.ndarray:
    """d(logit of ``target``) / d(input) for one input ``x`` (784,): a (784,) array.

    Positive pixels: more ink there would raise the target's score; negative: lower it.
    """
    h = np.asarray(x, np.float64)[None, :]
    activations = []
    params = [p.astype(np.float64) for p in model.params]
    for i in range(model.n_layers - 1):
        h = h @ params[2 * i] + params[2 * i + 1]
        h = model._act(h)
        activations.append(h)
    delta = np.zeros((1, model.layer_sizes[-1]))
    delta[0, target] = 1.0
    for i in reversed(range(model.n_layers)):
        delta = delta @ params[2 * i].T
        if i > 0:
            model._act_grad(activations[i - 1], delta)
    return delta[0].astype(np.float32)


def logits(model: MLP, x: np.ndarray) -> np.ndarray:
    """Pre-softmax scores (k,) for one input (784,), in float64 (for checks)."""
    h = np.asarray(x, np.float64)[None, :]
    for i in range(model.n_layers):
        h = h @ model.params[2 * i].astype(np.float64) + model.params[2 * i + 1]
        if i < model.n_layers - 1:
            h = model._act(h)
    return h[0]
