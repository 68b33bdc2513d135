"""How the app reads with a network: the network (digitpad.model.network, maths only) plus what
is stored with it about reading: the calibration (how sure it may say it is, when it is "sure" and
when an answer is "no digit?") and whether every digit is read nudged five ways.

A ``Reader`` is what a model file holds and what the app, the CLI and the benchmarks read with.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from digitpad.model.network import MLP
from digitpad.reading.calibration import Calibration
from digitpad.reading.nudge import NUDGES, nudged_average

READ_BATCH = 4096  # inputs per forward pass: big batches are fast, but memory grows with them


@dataclass
class Reader:
    """``network`` read as the app reads it: ``nudged`` averages the answers over the nudged
    copies of each input (digitpad.reading.nudge); ``calibration`` turns answers into honest
    probabilities and says which are "sure" or "no digit?"."""

    network: MLP
    calibration: Calibration = field(default_factory=Calibration)
    nudged: bool = False

    def copy(self) -> Reader:
        """An independent copy (the network's weights copied)."""
        return Reader(self.network.copy(), self.calibration, self.nudged)

    def predict_proba(self, x: np.ndarray, batch_size: int = READ_BATCH) -> np.ndarray:
        """The network's answers (N, k) for inputs ``x`` (N, n_in), read in large batches and,
        when ``nudged``, averaged over the nudged copies; before calibration."""
        x = np.asarray(x, self.network.dtype)
        if self.nudged:
            batch_size = max(1, batch_size // len(NUDGES))
        parts = [self._read(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]
        if not parts:
            return np.empty((0, self.network.layer_sizes[-1]), self.network.dtype)
        return np.concatenate(parts)

    def _read(self, x: np.ndarray) -> np.ndarray:
        return nudged_average(self.network.forward, x) if self.nudged else self.network.forward(x)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """Calibrated probabilities (N, 10) for preprocessed inputs ``x`` (N, 784): what the app
        shows for a drawing."""
        return self.calibration.probabilities(self.predict_proba(x))

    def sure(self, probabilities: np.ndarray) -> np.ndarray:
        """(N,) bool: which calibrated answers (N, 10) are confident enough to be called sure."""
        return probabilities.max(axis=-1) >= self.calibration.sure_threshold

    def no_digit(self, probabilities: np.ndarray) -> np.ndarray:
        """(N,) bool: which calibrated answers (N, 10) are too flat to name a digit."""
        return self.calibration.no_digit(probabilities)
