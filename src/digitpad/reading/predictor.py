"""Recognising one image: preprocessing plus a forward pass, shared by the canvas, files and CLI."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from digitpad.reading.marks import marks_inside_ring
from digitpad.reading.preprocess import NO_INK, TOO_MUCH_INK, ink_input, to_ink
from digitpad.reading.reader import Reader
from digitpad.reading.reduced import reduced
from digitpad.reading.slash import without_crossing
from digitpad.shapes import CLASSES, PIXELS

# The network's answer is spread almost evenly over the ten digits (calibration.flatness).
SCRIBBLE = "this looks like a scribble, not a digit"
# Two or more separate marks inside a ring (digitpad.reading.marks): a face or a drawing.
MARKS = "marks inside a ring: a drawing, not a digit"
READ_NO_DIGIT = (SCRIBBLE, MARKS)  # the network read these, and they name no digit


@dataclass(frozen=True)
class Prediction:
    """``digit`` is None for "no digit", and ``reason`` says why: one of preprocess's (the
    network did not read it: ``probabilities`` (10,) and ``input`` (784,) are zero) or SCRIBBLE
    (the network's answer was too flat to name a digit). Probabilities are calibrated (the
    model's temperature applied); the answer is ``sure`` when the top one reaches the model's
    ``sure_threshold``. ``uncrossed``: read with a stroke that crossed a ring taken out (a
    crossed zero, digitpad.reading.slash)."""

    digit: int | None
    confidence: float
    probabilities: np.ndarray
    input: np.ndarray
    sure_threshold: float = 0.6
    reason: str | None = None
    uncrossed: bool = False

    @property
    def sure(self) -> bool:
        return self.digit is not None and self.confidence >= self.sure_threshold

    @property
    def read(self) -> bool:
        """The network read the drawing (a digit, or an answer that names none: too flat, or of
        a drawing with marks inside a ring)."""
        return self.digit is not None or self.reason in READ_NO_DIGIT

    @property
    def not_a_digit(self) -> bool:
        """The drawing is something other than a digit (a scribble, a blob, a face), not merely
        too little ink (yet): the "no digit?" state."""
        return self.reason in (*READ_NO_DIGIT, TOO_MUCH_INK)

    @property
    def runner_up(self) -> int | None:
        """The second most probable digit (None for "no digit")."""
        if self.digit is None:
            return None
        return int(np.argsort(self.probabilities)[-2])


def predict_input(model: Reader, x: np.ndarray | None, reason: str | None = None) -> Prediction:
    """Classify an already preprocessed input (784,); None means "no digit" for ``reason``
    (default: preprocess.NO_INK)."""
    threshold = model.calibration.sure_threshold
    if x is None:
        return Prediction(
            None,
            0.0,
            np.zeros(CLASSES, np.float32),
            np.zeros(PIXELS, np.float32),
            threshold,
            reason or NO_INK,
        )
    probs = model.probabilities(x[None, :])[0]
    confidence = float(probs.max())
    if model.no_digit(probs[None, :])[0]:
        return Prediction(None, confidence, probs, x, threshold, SCRIBBLE)
    return Prediction(int(probs.argmax()), confidence, probs, x, threshold)


def predict_image(model: Reader, image) -> Prediction:
    """Classify a PIL image or an array (any size, polarity or mode). A drawing read as another
    digit than 0, or too flat to name one, whose ring is crossed by a straight stroke is read
    again without that stroke, and taken as the 0 it then is only when that reading is sure. A
    drawing with two or more marks inside a ring is no digit (MARKS)."""
    ink = to_ink(image)
    first = predict_input(model, *ink_input(ink))
    drawing = reduced(ink) if first.read else None  # its shape, looked at by both checks below
    if drawing is None:
        return first
    if first.digit is not None and marks_inside_ring(drawing) >= 2:
        return replace(first, digit=None, reason=MARKS)
    if first.digit == 0:
        return first
    erased = without_crossing(drawing)  # a sure-looking 8 or a flat "no digit?" may be a 0
    if erased is None:
        return first
    second = predict_input(model, *ink_input(erased))
    return replace(second, uncrossed=True) if second.digit == 0 and second.sure else first
