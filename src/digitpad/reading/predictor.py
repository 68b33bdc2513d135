"""Recognising one image: preprocessing plus a forward pass, shared by the canvas, files and CLI."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.model.network import MLP
from digitpad.reading.preprocess import mnist_input
from digitpad.shapes import CLASSES, PIXELS


@dataclass(frozen=True)
class Prediction:
    """``digit`` is None for "no digit"; ``probabilities`` (10,) and ``input`` (784,) then zero.
    Probabilities are calibrated (the model's temperature applied); the answer is ``sure`` when
    the top one reaches the model's ``sure_threshold``."""

    digit: int | None
    confidence: float
    probabilities: np.ndarray
    input: np.ndarray
    sure_threshold: float = 0.6

    @property
    def sure(self) -> bool:
        return self.digit is not None and self.confidence >= self.sure_threshold

    @property
    def runner_up(self) -> int | None:
        """The second most probable digit (None for "no digit")."""
        if self.digit is None:
            return None
        return int(np.argsort(self.probabilities)[-2])


def predict_input(model: MLP, x: np.ndarray | None) -> Prediction:
    """Classify an already preprocessed input (784,) (None means "no digit")."""
    threshold = model.calibration.sure_threshold
    if x is None:
        return Prediction(
            None, 0.0, np.zeros(CLASSES, np.float32), np.zeros(PIXELS, np.float32), threshold
        )
    probs = read_inputs(model, x[None, :])[0]
    digit = int(probs.argmax())
    return Prediction(digit, float(probs[digit]), probs, x, threshold)


def read_inputs(model: MLP, x: np.ndarray) -> np.ndarray:
    """Calibrated probabilities (N, 10) for preprocessed inputs ``x`` (N, 784), read the way the
    app reads a drawing (``MLP.predict_proba``: nudged when the model reads nudged)."""
    return model.calibration.probabilities(model.predict_proba(x))


def predict_image(model: MLP, image) -> Prediction:
    """Classify a PIL image or an array (any size, polarity or mode)."""
    return predict_input(model, mnist_input(image))
