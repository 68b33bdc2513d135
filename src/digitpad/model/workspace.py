"""Speed plumbing for training, kept out of the network's maths: arrays reused from batch to
batch (fresh large arrays every batch cost page faults) and what the forward pass records for
backward (the "tape")."""

from __future__ import annotations

import numpy as np

# Odd last-batch sizes must not pile up buffers: beyond this many, start again.
MAX_BUFFER_SETS = 8


class Workspace:
    """Buffers for a network with ``layer_sizes`` [n_in, n_1, ..., n_out] in ``dtype``.

    After a training forward pass, ``inputs[i]`` is layer i's input (B, n_i), ``hidden[i]``
    hidden layer i's activation before dropout (B, n_{i+1}) and ``masks[i]`` its dropout mask.
    """

    def __init__(self, layer_sizes: list[int]):
        self.layer_sizes = list(layer_sizes)
        self._buffers: dict[tuple[str, int, np.dtype], list[np.ndarray]] = {}
        self._grads: list[np.ndarray] | None = None
        self.inputs: list[np.ndarray] = []
        self.hidden: list[np.ndarray] = []
        self.masks: list[np.ndarray] = []

    def layer_buffers(self, batch: int, dtype, kind: str = "forward") -> list[np.ndarray]:
        """One (batch, n) array per layer for a use (``forward`` pre-activations or backward
        ``delta``s), the same arrays for every batch of that size."""
        key = (kind, batch, np.dtype(dtype))
        bufs = self._buffers.get(key)
        if bufs is None:
            if len(self._buffers) > MAX_BUFFER_SETS:
                self._buffers.clear()
            bufs = [np.empty((batch, n), dtype) for n in self.layer_sizes[1:]]
            self._buffers[key] = bufs
        return bufs

    def grad_buffers(self, params: list[np.ndarray]) -> list[np.ndarray]:
        """One gradient array per parameter (same shapes and dtype), reused by every step."""
        if self._grads is None or self._grads[0].dtype != params[0].dtype:
            self._grads = [np.empty_like(p) for p in params]
        return self._grads


def transposed(w: np.ndarray) -> np.ndarray:
    """``w.T`` for backward. A narrow matrix (the output layer's) is copied contiguous: BLAS
    handles a (B, 10) x (10, n) product with a strided operand poorly."""
    return np.ascontiguousarray(w.T) if w.shape[1] < 64 else w.T
