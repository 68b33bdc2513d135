"""Output layers paired with their losses.

``ce``: softmax output with cross-entropy. ``mse``: sigmoid output with the quadratic cost
``0.5 * sum((a - y)**2)`` per sample (the original teaching recipe). Both are averaged over the batch.

A label ``NO_DIGIT`` marks a drawing that is not a digit: its target is the flat answer, 1/k for
every class with ``ce`` (the most unsure a softmax can be) and 0 for every class with ``mse``.
"""

from __future__ import annotations

import numpy as np

from digitpad.model.activations import sigmoid_

LOSSES = ("ce", "mse")
NO_DIGIT = -1


def softmax_(z: np.ndarray) -> np.ndarray:
    """In-place softmax over the last axis of logits ``z`` (B, k)."""
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def output_(loss: str, z: np.ndarray) -> np.ndarray:
    """Turn logits ``z`` (B, k) into output probabilities, in place."""
    return softmax_(z) if loss == "ce" else sigmoid_(z)


def _targets(loss: str, labels: np.ndarray, k: int) -> np.ndarray:
    """Target rows (B, k) float64: one-hot for digits, the flat answer for ``NO_DIGIT``."""
    targets = np.zeros((len(labels), k))
    digits = np.nonzero(labels != NO_DIGIT)[0]
    targets[digits, labels[digits]] = 1.0
    if loss == "ce":
        targets[labels == NO_DIGIT] = 1.0 / k
    return targets


def loss_value(loss: str, out: np.ndarray, labels: np.ndarray) -> float:
    """Mean loss of outputs ``out`` (B, k) against integer ``labels`` (B,) (``NO_DIGIT`` allowed)."""
    if loss == "ce":
        if not (labels == NO_DIGIT).any():  # the usual batch: only the picked outputs matter
            picked = out[np.arange(len(labels)), labels].astype(np.float64)
            return float(-np.log(np.maximum(picked, 1e-30)).mean())
        logs = np.log(np.maximum(out.astype(np.float64), 1e-30))
        return float(-(_targets(loss, labels, out.shape[1]) * logs).sum(axis=1).mean())
    diff = out.astype(np.float64) - _targets(loss, labels, out.shape[1])
    return float(0.5 * (diff * diff).sum(axis=1).mean())


def output_delta_(loss: str, out: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Gradient of the mean loss w.r.t. the logits, computed in place over ``out`` (B, k)."""
    digits = np.nonzero(labels != NO_DIGIT)[0]
    flat = labels == NO_DIGIT
    if loss == "ce":
        out[digits, labels[digits]] -= 1.0
        out[flat] -= 1.0 / out.shape[1]
    else:
        a_times_1_minus_a = out * (1.0 - out)
        out[digits, labels[digits]] -= 1.0
        out *= a_times_1_minus_a
    out /= len(labels)
    return out
