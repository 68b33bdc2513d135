"""Hidden-layer activations, computed in place.

Each activation maps pre-activations ``z`` (B, n) to outputs ``a`` (B, n) in place, and gives its
derivative from the *output* ``a`` so that backward needs no copy of ``z``.
"""

from __future__ import annotations

import numpy as np

LEAKY_SLOPE = 0.01


def sigmoid_(z: np.ndarray) -> np.ndarray:
    """In-place logistic function; the tanh form never overflows."""
    z *= 0.5
    np.tanh(z, out=z)
    z += 1.0
    z *= 0.5
    return z


def tanh_(z: np.ndarray) -> np.ndarray:
    return np.tanh(z, out=z)


def relu_(z: np.ndarray) -> np.ndarray:
    return np.maximum(z, 0.0, out=z)


def leaky_relu_(z: np.ndarray) -> np.ndarray:
    # max(z, slope*z) equals z for z > 0 and slope*z otherwise.
    return np.maximum(z, z * LEAKY_SLOPE, out=z)


def sigmoid_grad_(a: np.ndarray, delta: np.ndarray) -> None:
    """``delta *= a * (1 - a)``, in place."""
    delta *= a
    delta *= 1.0 - a


def tanh_grad_(a: np.ndarray, delta: np.ndarray) -> None:
    delta *= 1.0 - a * a


def relu_grad_(a: np.ndarray, delta: np.ndarray) -> None:
    delta *= a > 0


def leaky_relu_grad_(a: np.ndarray, delta: np.ndarray) -> None:
    delta *= np.where(a > 0, 1.0, LEAKY_SLOPE).astype(delta.dtype, copy=False)


ACTIVATIONS = {
    "sigmoid": (sigmoid_, sigmoid_grad_),
    "tanh": (tanh_, tanh_grad_),
    "relu": (relu_, relu_grad_),
    "leaky_relu": (leaky_relu_, leaky_relu_grad_),
}
