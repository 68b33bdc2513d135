"""A running average of a network's weights during training (Polyak averaging with an
exponential window). The last steps of a run still move the weights around at random; their
average is a steadier network than any single step's, and it costs no extra training time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np


class WeightAverage:
    """Exponential moving average of ``params`` (the model's arrays, updated in place by the
    optimiser): after each step ``average += (1 - d) * (params - average)``.

    ``d`` is ``decay`` once warmed up; early on it is ``(1 + t) / (10 + t)`` after ``t`` updates,
    so the average starts from recent weights rather than the random initial ones.
    """

    def __init__(self, params: list[np.ndarray], decay: float):
        self.params = params
        self.decay = decay
        self.updates = 0
        self.average = [p.copy() for p in params]
        self._scratch = [np.empty_like(p) for p in params]

    def update(self) -> None:
        """Fold the current weights into the average (call after every optimiser step)."""
        self.updates += 1
        keep = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for p, avg, tmp in zip(self.params, self.average, self._scratch):
            np.subtract(p, avg, out=tmp)
            tmp *= 1.0 - keep
            avg += tmp

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """The model holds the averaged weights inside the block, its own ones again after."""
        own = [p.copy() for p in self.params]
        self.copy_to_params()
        try:
            yield
        finally:
            for p, saved in zip(self.params, own):
                p[...] = saved

    def copy_to_params(self) -> None:
        """Make the averaged weights the model's own for good."""
        for p, avg in zip(self.params, self.average):
            p[...] = avg
