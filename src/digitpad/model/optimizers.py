"""Optimisers: each updates a list of parameter arrays in place from a matching list of gradients.

Weight decay applies to weight matrices only (2-D arrays), never to biases. SGD and momentum add it
to the gradient (classic L2); Adam decays the weights directly (decoupled, as in AdamW), which keeps
the decay strength independent of Adam's per-parameter scaling.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


class Optimizer:
    """Updates ``params`` in place. ``step(grads, lr)`` updates them all; a trainer that gets the
    gradients one by one (as backward finishes each layer) calls ``begin_step(lr)`` and then
    ``update(index, grad)`` for every parameter instead, while that gradient is still in cache."""

    def __init__(self, params: list[np.ndarray], weight_decay: float = 0.0):
        self.params = params
        self.weight_decay = weight_decay
        self.lr = 0.0

    def step(self, grads: list[np.ndarray], lr: float) -> None:
        self.begin_step(lr)
        for index, grad in enumerate(grads):
            self.update(index, grad)

    def begin_step(self, lr: float) -> None:
        self.lr = lr

    def update(self, index: int, grad: np.ndarray) -> None:
        raise NotImplementedError

    def _add_l2(self, p: np.ndarray, g: np.ndarray) -> None:
        if self.weight_decay and p.ndim == 2:
            g += self.weight_decay * p


class SGD(Optimizer):
    def update(self, index, grad):
        p = self.params[index]
        self._add_l2(p, grad)
        grad *= self.lr
        p -= grad


class Momentum(Optimizer):
    """Heavy-ball momentum; ``nesterov=True`` looks ahead along the velocity."""

    def __init__(self, params, weight_decay=0.0, momentum=0.9, nesterov=False):
        super().__init__(params, weight_decay)
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = [np.zeros_like(p) for p in params]

    def update(self, index, grad):
        p, v, mu = self.params[index], self.velocity[index], self.momentum
        self._add_l2(p, grad)
        v *= mu
        v += grad
        if self.nesterov:
            grad += mu * v
            grad *= self.lr
            p -= grad
        else:
            p -= self.lr * v


class Adam(Optimizer):
    """Adam with bias correction, updated in place.

    The moments are stored without their (1 - beta) factors: ``m <- beta1 m + g`` and
    ``v <- beta2 v + g^2`` are the textbook moments divided by (1 - beta1) and (1 - beta2); those
    constants and both bias corrections are folded into the step size and epsilon. That leaves ten
    element-wise passes, which are memory-bound: each parameter is walked in chunks small enough
    that all ten passes over a chunk stay in cache, and a large parameter is cut into one
    contiguous span per CPU core, updated side by side (NumPy releases the GIL inside its loops).
    The trainer calls ``update`` for each layer as soon as backward has its gradient, while that
    gradient is still in cache.
    """

    CHUNK = 1 << 17
    PARALLEL_FROM = 1 << 17  # smaller parameters are not worth a thread hand-off

    def __init__(self, params, weight_decay=0.0, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, weight_decay)
        if not all(p.flags.c_contiguous for p in params):
            raise ValueError("Adam updates parameters through flat views: they must be C-contiguous")
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.t = 0
        self._consts = (0.0, 0.0)
        self._views: dict[int, tuple[np.ndarray, list[list[tuple]]]] = {}
        self._scratch: dict[tuple[int, np.dtype], np.ndarray] = {}

    def begin_step(self, lr):
        super().begin_step(lr)
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        root = np.sqrt((1.0 - b2) / (1.0 - b2**self.t))
        self._consts = (lr * (1.0 - b1) / (1.0 - b1**self.t) / root, self.eps / root)

    def update(self, index, grad):
        p = self.params[index]
        if self.weight_decay and p.ndim == 2:
            p *= 1.0 - self.lr * self.weight_decay
        parts = self._parts(index, grad)
        futures = [_pool().submit(self._run, k, part) for k, part in enumerate(parts[1:], 1)]
        self._run(0, parts[0])
        for future in futures:
            future.result()

    def _parts(self, index, grad) -> list[list[tuple]]:
        """Per worker, its (p, m, v, g) chunks of parameter ``index``; cached, since the network
        hands over the same gradient arrays every step."""
        cached = self._views.get(index)
        if cached is not None and cached[0] is grad:
            return cached[1]
        # A strided gradient is only read, so a contiguous copy serves (and is not cached).
        arrays = (self.params[index], self.m[index], self.v[index], np.ascontiguousarray(grad))
        workers = _pool_size() if grad.size >= self.PARALLEL_FROM else 1
        parts = [_chunks(span, self.CHUNK) for span in _spans(arrays, workers)]
        if arrays[3] is grad:
            self._views[index] = (grad, parts)
        return parts

    def _run(self, worker: int, chunks: list[tuple]) -> None:
        dtype = chunks[0][0].dtype
        scratch = self._scratch.get((worker, dtype))
        if scratch is None:
            scratch = self._scratch.setdefault((worker, dtype), np.empty(self.CHUNK, dtype))
        step_size, eps = self._consts
        b1, b2 = self.beta1, self.beta2
        for p, m, v, g in chunks:
            s = scratch[: p.size]
            m *= b1
            m += g
            np.multiply(g, g, out=s)
            v *= b2
            v += s
            np.sqrt(v, out=s)
            s += eps
            np.divide(m, s, out=s)
            s *= step_size
            p -= s


_POOL: ThreadPoolExecutor | None = None


def _pool_size() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def _pool() -> ThreadPoolExecutor:
    global _POOL
    if _POOL is None:
        _POOL = ThreadPoolExecutor(max(1, _pool_size() - 1), thread_name_prefix="digitpad-adam")
    return _POOL


def _spans(arrays, n: int) -> list[tuple[np.ndarray, ...]]:
    """``arrays`` (equally shaped) cut into ``n`` near-equal contiguous flat pieces."""
    flat = [a.reshape(-1) for a in arrays]
    edges = np.linspace(0, flat[0].size, n + 1).astype(int)
    return [tuple(f[a:b] for f in flat) for a, b in zip(edges[:-1], edges[1:])]


def _chunks(arrays, size: int) -> list[tuple[np.ndarray, ...]]:
    """Matching flat views of equally shaped ``arrays``, ``size`` elements at a time."""
    flat = [a.reshape(-1) for a in arrays]
    return [tuple(f[i : i + size] for f in flat) for i in range(0, flat[0].size, size)]


def make_optimizer(name: str, params: list[np.ndarray], weight_decay: float = 0.0, momentum=0.9):
    if name == "sgd":
        return SGD(params, weight_decay)
    if name in ("momentum", "nesterov"):
        return Momentum(params, weight_decay, momentum, nesterov=name == "nesterov")
    if name == "adam":
        return Adam(params, weight_decay)
    raise ValueError(f"unknown optimiser {name!r}")
