"""A running average of a network's weights during training (Polyak averaging with an
exponential window). The last steps of a run still move the weights around at random; their
average is a steadier network than any single step's, and it costs little extra training time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import numpy as np

CHUNK = 1 << 16  # elements worked on at a time: the passes over a chunk stay in cache


class WeightAverage:
    """Exponential moving average of ``params`` (the model's arrays, updated in place by the
    optimiser): after each step ``average += (1 - d) * (params - average)``.

    ``d`` is ``decay`` once warmed up; early on it is ``(1 + t) / (10 + t)`` after ``t`` updates,
    so the average starts from recent weights rather than the random initial ones.

    Besides the average itself (one copy of the weights) it only needs a buffer of ``CHUNK``
    elements: a network near the size limit (50 M parameters, 200 MB) must not need two more
    full copies for a scratch array and for measuring the average.
    """

    def __init__(self, params: list[np.ndarray], decay: float):
        self.params = params
        self.decay = decay
        self.updates = 0
        self.average = [p.copy() for p in params]
        self._scratch = np.empty(CHUNK, np.result_type(*params))

    def update(self) -> None:
        """Fold the current weights into the average (call after every optimiser step)."""
        self.updates += 1
        keep = min(self.decay, (1 + self.updates) / (10 + self.updates))
        for p, avg, tmp in self._chunks():
            np.subtract(p, avg, out=tmp)
            tmp *= 1.0 - keep
            avg += tmp

    @contextmanager
    def in_use(self) -> Iterator[None]:
        """The model holds the averaged weights inside the block, its own ones again after."""
        self._swap()
        try:
            yield
        finally:
            self._swap()

    def copy_to(self, params: list[np.ndarray]) -> None:
        """Write the averaged weights into ``params``: the model's own (for good) or a copy's."""
        for p, avg in zip(params, self.average):
            p[...] = avg

    def _swap(self) -> None:
        """Exchange the model's weights and the average, chunk by chunk."""
        for p, avg, tmp in self._chunks():
            tmp[...] = p
            p[...] = avg
            avg[...] = tmp

    def _chunks(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """``(param part, average part, scratch of that shape)``: slices of whole rows (views,
        whatever the arrays' memory layout), about ``CHUNK`` elements each."""
        for p, avg in zip(self.params, self.average):
            row = p[:1].size  # the parameters are (n_in, n_out) matrices and (n,) biases
            if row > CHUNK:  # a row longer than the buffer: the whole array at once
                yield p, avg, np.empty_like(p)
                continue
            rows = CHUNK // max(row, 1)
            for start in range(0, len(p), rows):
                part = p[start : start + rows]
                yield part, avg[start : start + rows], self._scratch[: part.size].reshape(part.shape)
