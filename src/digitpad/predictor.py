"""Recognising one image: preprocessing plus a forward pass, shared by the canvas, files and CLI."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.network import MLP
from digitpad.preprocess import mnist_input

# Below this top probability the app says "not sure" rather than claiming a digit.
NOT_SURE_BELOW = 0.6


@dataclass(frozen=True)
class Prediction:
    """``digit`` is None for "no digit"; ``probabilities`` (10,) and ``input`` (784,) then zero."""

    digit: int | None
    confidence: float
    probabilities: np.ndarray
    input: np.ndarray

    @property
    def sure(self) -> bool:
        return self.digit is not None and self.confidence >= NOT_SURE_BELOW


def predict_input(model: MLP, x: np.ndarray | None) -> Prediction:
    """Classify an already preprocessed input (784,) (None means "no digit")."""
    if x is None:
        return Prediction(None, 0.0, np.zeros(10, np.float32), np.zeros(784, np.float32))
    probs = model.forward(x[None, :])[0]
    digit = int(probs.argmax())
    return Prediction(digit, float(probs[digit]), probs, x)


def predict_image(model: MLP, image) -> Prediction:
    """Classify a PIL image or an array (any size, polarity or mode)."""
    return predict_input(model, mnist_input(image))


def load_default_model() -> tuple[MLP, dict, Path, str | None]:
    """The current model from the model history, falling back (previous, then shipped) when the
    user's file is unreadable; bad files are moved to quarantine/.

    Returns ``(model, metadata, path, notice)``; ``notice`` explains a fallback, else None.
    """
    from digitpad.model_history import load_current

    current = load_current()
    notice = " ".join(current.notices) or None
    return current.model, current.metadata, current.path, notice
