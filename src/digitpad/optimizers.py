"""Optimisers: each updates a list of parameter arrays in place from a matching list of gradients.

Weight decay applies to weight matrices only (2-D arrays), never to biases. SGD and momentum add it
to the gradient (classic L2); Adam decays the weights directly (decoupled, as in AdamW), which keeps
the decay strength independent of Adam's per-parameter scaling.
"""

from __future__ import annotations

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
    """Adam with bias correction, updated in place with one scratch buffer per parameter."""

    def __init__(self, params, weight_decay=0.0, beta1=0.9, beta2=0.999, eps=1e-8):
        super().__init__(params, weight_decay)
        self.beta1, self.beta2, self.eps = beta1, beta2, eps
        self.m = [np.zeros_like(p) for p in params]
        self.v = [np.zeros_like(p) for p in params]
        self.scratch = [np.empty_like(p) for p in params]
        self.t = 0

    def step(self, grads, lr):
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        # Fold both bias corrections into the step size and epsilon.
        c1, c2 = 1.0 - b1**self.t, 1.0 - b2**self.t
        step_size = lr * np.sqrt(c2) / c1
        eps = self.eps * np.sqrt(c2)
        for p, g, m, v, s in zip(self.params, grads, self.m, self.v, self.scratch):
            if self.weight_decay and p.ndim == 2:
                p *= 1.0 - lr * self.weight_decay
            m *= b1
            m += (1.0 - b1) * g
            np.multiply(g, g, out=s)
            s *= 1.0 - b2
            v *= b2
            v += s
            np.sqrt(v, out=s)
            s += eps
            np.divide(m, s, out=s)
            s *= step_size
            p -= s


def make_optimizer(name: str, params: list[np.ndarray], weight_decay: float = 0.0, momentum=0.9):
    if name == "sgd":
        return SGD(params, weight_decay)
    if name in ("momentum", "nesterov"):
        return Momentum(params, weight_decay, momentum, nesterov=name == "nesterov")
    if name == "adam":
        return Adam(params, weight_decay)
    raise ValueError(f"unknown optimiser {name!r}")
