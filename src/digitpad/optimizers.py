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
    def __init__(self, params: list[np.ndarray], weight_decay: float = 0.0):
        self.params = params
        self.weight_decay = weight_decay

    def step(self, grads: list[np.ndarray], lr: float) -> None:
        raise NotImplementedError

    def _add_l2(self, p: np.ndarray, g: np.ndarray) -> None:
        if self.weight_decay and p.ndim == 2:
            g += self.weight_decay * p


class SGD(Optimizer):
    def step(self, grads, lr):
        for p, g in zip(self.params, grads):
            self._add_l2(p, g)
            g *= lr
            p -= g


class Momentum(Optimizer):
    """Heavy-ball momentum; ``nesterov=True`` looks ahead along the velocity."""

    def __init__(self, params, weight_decay=0.0, momentum=0.9, nesterov=False):
        super().__init__(params, weight_decay)
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = [np.zeros_like(p) for p in params]

    def step(self, grads, lr):
        mu = self.momentum
        for p, g, v in zip(self.params, grads, self.velocity):
            self._add_l2(p, g)
            v *= mu
            v += g
            if self.nesterov:
                g += mu * v
                g *= lr
                p -= g
            else:
                p -= lr * v


class Adam(Optimizer):
    """Adam with bias correction, updated in place.

    The dozen element-wise passes of the update are memory-bound, so the parameters are walked in
    cache-sized chunks (each chunk's passes then hit the cache) and the chunks are shared between
    the CPU cores (NumPy releases the GIL inside its loops).
    """

    CHUNK = 1 << 18

    def __init__(self, params, weight_decay=0.0, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, weight_decay)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        scratch = [np.empty_like(p) for p in params]
        self._state = [_chunks(arrays, self.CHUNK) for arrays in zip(params, self.m, self.v, scratch)]
        self._work_key: list[int] = []
        self._work: list[list] = []
        self.t = 0

    def _split_work(self, grads) -> list[list]:
        """Per worker, a list of (decays, p, m, v, scratch, g) chunks; rebuilt only when the
        gradient arrays change (the network reuses the same buffers every step)."""
        key = [id(g) for g in grads]
        if key != self._work_key:
            items = []
            for p, state, g in zip(self.params, self._state, grads):
                decays = bool(self.weight_decay) and p.ndim == 2
                for chunk, (gc,) in zip(state, _chunks((g,), self.CHUNK)):
                    items.append((decays, *chunk, gc))
            workers = min(len(items), _pool_size())
            self._work = [items[k::workers] for k in range(workers)]
            self._work_key = key
        return self._work

    def step(self, grads, lr):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # Fold both bias corrections into the step size and epsilon.
        c1, c2 = 1.0 - b1**self.t, 1.0 - b2**self.t
        consts = (b1, b2, lr * np.sqrt(c2) / c1, self.eps * np.sqrt(c2), 1.0 - lr * self.weight_decay)
        parts = self._split_work(grads)
        if len(parts) == 1:
            _adam_chunks(parts[0], *consts)
            return
        futures = [_pool().submit(_adam_chunks, part, *consts) for part in parts[1:]]
        _adam_chunks(parts[0], *consts)
        for future in futures:
            future.result()


def _adam_chunks(items, b1, b2, step_size, eps, decay) -> None:
    for decays, p, m, v, s, g in items:
        if decays:
            p *= decay
        np.multiply(g, g, out=s)  # v <- v + (1 - b2) (g^2 - v)
        s -= v
        s *= 1.0 - b2
        v += s
        m -= g  # m <- b1 (m - g) + g
        m *= b1
        m += g
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
        _POOL = ThreadPoolExecutor(_pool_size() - 1, thread_name_prefix="digitpad-adam")
    return _POOL


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
