"""Output layers paired with their losses.

``ce``: softmax output with cross-entropy. ``mse``: sigmoid output with the quadratic cost
``0.5 * sum((a - y)**2)`` per sample (the original teaching recipe). Both are averaged over the batch.
"""

from __future__ import annotations

import numpy as np

from digitpad.activations import sigmoid_

LOSSES = ("ce", "mse")


def softmax_(z: np.ndarray) -> np.ndarray:
    """In-place softmax over the last axis of logits ``z`` (B, k)."""
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def output_(loss: str, z: np.ndarray) -> np.ndarray:
    """Turn logits ``z`` (B, k) into output probabilities, in place."""
    return softmax_(z) if loss == "ce" else sigmoid_(z)


def loss_value(loss: str, out: np.ndarray, labels: np.ndarray) -> float:
    """Mean loss of outputs ``out`` (B, k) against integer ``labels`` (B,)."""
    rows = np.arange(len(labels))
    if loss == "ce":
        picked = out[rows, labels].astype(np.float64)
        return float(-np.log(np.maximum(picked, 1e-30)).mean())
    diff = out.astype(np.float64)
    diff[rows, labels] -= 1.0
    return float(0.5 * (diff * diff).sum(axis=1).mean())


def output_delta_(loss: str, out: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Gradient of the mean loss w.r.t. the logits, computed in place over ``out`` (B, k)."""
    rows = np.arange(len(labels))
    if loss == "ce":
        out[rows, labels] -= 1.0
    else:
        a_times_1_minus_a = out * (1.0 - out)
        out[rows, labels] -= 1.0
        out *= a_times_1_minus_a
    out /= len(labels)
    return out
