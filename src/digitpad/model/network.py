"""A multilayer perceptron with whole-batch forward and backward passes.

Shapes: inputs ``x`` (B, 784), weights ``W[i]`` (n_in, n_out), biases ``b[i]`` (n_out,), outputs
(B, 10). Parameters are stored as one flat list ``params = [W0, b0, W1, b1, ...]`` so that an
optimiser can walk them beside the matching ``grads`` list. Gradients are computed here; updating
the parameters is the optimiser's job.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from digitpad.model.activations import ACTIVATIONS
from digitpad.model.calibration import Calibration
from digitpad.model.losses import LOSSES, loss_value, output_, output_delta_
from digitpad.model.nudge import NUDGES, nudged_average


def init_params(
    layer_sizes: list[int], init: str, rng: np.random.Generator, dtype=np.float32
) -> list[np.ndarray]:
    """Fresh parameters. ``init``: ``he`` (ReLU family), ``xavier`` (sigmoid/tanh) or
    ``normal:STD`` (N(0, STD^2) for weights and biases alike, the teaching recipe)."""
    params = []
    for n_in, n_out in zip(layer_sizes[:-1], layer_sizes[1:]):
        if init.startswith("normal:"):
            std = float(init.split(":", 1)[1])
            w = rng.normal(0.0, std, (n_in, n_out))
            b = rng.normal(0.0, std, n_out)
        elif init == "he":
            w = rng.normal(0.0, np.sqrt(2.0 / n_in), (n_in, n_out))
            b = np.zeros(n_out)
        elif init == "xavier":
            limit = np.sqrt(6.0 / (n_in + n_out))
            w = rng.uniform(-limit, limit, (n_in, n_out))
            b = np.zeros(n_out)
        else:
            raise ValueError(f"unknown initialisation {init!r}")
        params += [w.astype(dtype), b.astype(dtype)]
    return params


class MLP:
    """Fully connected network: hidden layers share one activation; the output layer and loss are
    ``ce`` (softmax + cross-entropy) or ``mse`` (sigmoid + quadratic cost)."""

    def __init__(self, layer_sizes: list[int], activation: str, loss: str, params: list[np.ndarray]):
        if activation not in ACTIVATIONS:
            raise ValueError(f"unknown activation {activation!r}")
        if loss not in LOSSES:
            raise ValueError(f"unknown loss {loss!r}")
        if len(layer_sizes) < 2 or len(params) != 2 * (len(layer_sizes) - 1):
            raise ValueError("parameter list does not match the layer sizes")
        self.layer_sizes = list(layer_sizes)
        self.activation = activation
        self.loss = loss
        self.params = params
        self._act, self._act_grad = ACTIVATIONS[activation]
        self._buffers: dict[tuple[str, int], list[np.ndarray]] = {}
        self._grads: list[np.ndarray] | None = None
        # How sure the model may say it is (temperature, "sure" threshold): stored with it.
        self.calibration = Calibration()
        # Read every digit also nudged one pixel each way and average (digitpad.model.nudge): stored too.
        self.nudged_reading = False

    @classmethod
    def create(cls, layer_sizes, activation, loss, rng, init="auto", dtype=np.float32) -> MLP:
        if init == "auto":
            init = "he" if activation in ("relu", "leaky_relu") else "xavier"
        return cls(layer_sizes, activation, loss, init_params(layer_sizes, init, rng, dtype))

    @property
    def dtype(self):
        return self.params[0].dtype

    @property
    def n_layers(self) -> int:
        return len(self.layer_sizes) - 1

    def copy(self) -> MLP:
        twin = MLP(self.layer_sizes, self.activation, self.loss, [p.copy() for p in self.params])
        twin.calibration = self.calibration
        twin.nudged_reading = self.nudged_reading
        return twin

    def _layer_buffers(self, batch: int, kind: str = "forward") -> list[np.ndarray]:
        """Preallocated arrays (batch, n) per layer for one batch size and use (``forward``
        activations or backward ``delta``s), reused across batches (fresh large arrays every
        batch cost page faults)."""
        bufs = self._buffers.get((kind, batch))
        if bufs is None:
            if len(self._buffers) > 8:  # odd last-batch sizes must not pile up
                self._buffers.clear()
            bufs = [np.empty((batch, n), self.dtype) for n in self.layer_sizes[1:]]
            self._buffers[(kind, batch)] = bufs
        return bufs

    def _grad_buffers(self) -> list[np.ndarray]:
        """One gradient array per parameter, reused by every step (no page faults per batch)."""
        if self._grads is None or self._grads[0].dtype != self.dtype:
            self._grads = [np.empty_like(p) for p in self.params]
        return self._grads

    def _transposed(self, index: int) -> np.ndarray:
        """A weight matrix transposed for backward. A narrow one (the output layer's) is copied
        contiguous: BLAS handles a (B, 10) x (10, n) product with a strided operand poorly."""
        w = self.params[index]
        return np.ascontiguousarray(w.T) if w.shape[1] < 64 else w.T

    def layers(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(W, b)`` per layer, input side first: W (n_in, n_out), b (n_out,)."""
        return zip(self.params[0::2], self.params[1::2])

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Output probabilities (B, k) for inputs ``x`` (B, n_in). Read-only on the parameters, so
        safe to call from another thread than the one training a *different* copy."""
        return self._pass(np.asarray(x, self.dtype))[3]

    def activations(self, x: np.ndarray, dtype=None, logits: bool = False) -> list[np.ndarray]:
        """Every layer's output for ``x`` (B, n_in): the hidden activations (B, n_i), then the
        output (B, k): probabilities, or with ``logits`` the scores before softmax/sigmoid.
        Computed in ``dtype`` (default the network's; float64 for inspection)."""
        _, hidden, _, out = self._pass(np.asarray(x, dtype or self.dtype), logits=logits)
        return [*hidden, out]

    def hidden_activations(self, x: np.ndarray) -> list[np.ndarray]:
        """Every hidden layer's outputs for ``x`` (B, n_in): a list of (B, n_i) arrays."""
        return self.activations(x)[:-1]

    def activation_backward(self, h: np.ndarray, delta: np.ndarray) -> None:
        """Multiply ``delta`` in place by the hidden activation's derivative at its outputs ``h``."""
        self._act_grad(h, delta)

    def predict_proba(self, x: np.ndarray, batch_size: int = 4096) -> np.ndarray:
        """How the model reads ``x`` (N, n_in): probabilities (N, k), evaluated in large batches;
        with ``nudged_reading`` the mean over the nudged copies (see digitpad.model.nudge)."""
        x = np.asarray(x, self.dtype)
        if self.nudged_reading:
            batch_size = max(1, batch_size // len(NUDGES))
        parts = [self._read(x[i : i + batch_size]) for i in range(0, len(x), batch_size)]
        return np.concatenate(parts) if parts else np.empty((0, self.layer_sizes[-1]), self.dtype)

    def _read(self, x: np.ndarray) -> np.ndarray:
        return nudged_average(self.forward, x) if self.nudged_reading else self.forward(x)

    def loss_and_gradients(
        self, x: np.ndarray, labels: np.ndarray, *, dropout: float = 0.0, rng=None, on_gradient=None
    ) -> tuple[float, int, list[np.ndarray]]:
        """Mean loss, number of correct argmax predictions, and the gradients of the mean loss
        (same shapes as ``params``) for one batch ``x`` (B, n_in) with integer ``labels`` (B,).
        The gradient arrays are reused by the next call: use (or copy) them before that.

        ``on_gradient(index, grad)``, when given, is called for each parameter as soon as its
        gradient is final and backward no longer reads that parameter, last layer first: the
        parameter may be updated right there, while the gradient is still in cache.

        With ``dropout`` > 0, hidden outputs are zeroed with that probability (masks drawn from
        ``rng``) and survivors scaled by 1/(1-p) (inverted dropout).
        """
        out = self._forward_train(x, dropout, rng)
        correct = int(np.count_nonzero(out.argmax(axis=1) == labels))
        loss = loss_value(self.loss, out, labels)
        if not np.isfinite(loss):
            on_gradient = None  # nothing sensible to update with; the caller sees the loss
        delta = output_delta_(self.loss, out, labels)
        grads = self._grad_buffers()
        deltas = self._layer_buffers(len(x), kind="delta")
        for i in reversed(range(self.n_layers)):
            np.matmul(self._layer_in[i].T, delta, out=grads[2 * i])
            np.sum(delta, axis=0, out=grads[2 * i + 1])
            if i > 0:
                delta = np.matmul(delta, self._transposed(2 * i), out=deltas[i - 1])
                if dropout > 0.0:
                    delta *= self._masks[i - 1]
                self.activation_backward(self._act_out[i - 1], delta)
            if on_gradient is not None:
                on_gradient(2 * i, grads[2 * i])
                on_gradient(2 * i + 1, grads[2 * i + 1])
        return loss, correct, grads

    def _forward_train(self, x, dropout, rng):
        """Forward pass that records each layer's input, each hidden activation (before dropout,
        for its derivative) and each dropout mask, in buffers reused across batches."""
        x = np.asarray(x, self.dtype)
        self._layer_in, self._act_out, self._masks, out = self._pass(
            x, self._layer_buffers(len(x)), dropout, rng
        )
        return out

    def _pass(self, x, buffers=None, dropout=0.0, rng=None, logits=False):
        """The one forward pass. Returns each layer's input, each hidden activation (before
        dropout), the dropout masks, and the output; ``x`` (B, n_in) sets the precision, and
        ``buffers`` (one (B, n) array per layer) receive the pre-activations when given."""
        inputs: list[np.ndarray] = [x]
        hidden: list[np.ndarray] = []
        masks: list[np.ndarray] = []
        h, last = x, self.n_layers - 1
        for i, (w, b) in enumerate(self.layers()):
            if w.dtype != x.dtype:
                w, b = w.astype(x.dtype), b.astype(x.dtype)
            z = h @ w if buffers is None else np.matmul(h, w, out=buffers[i])
            z += b
            if i == last:
                return inputs, hidden, masks, z if logits else output_(self.loss, z)
            h = self._act(z)
            hidden.append(h)
            if dropout > 0.0:
                mask = (rng.random(h.shape, dtype=self.dtype) >= dropout).astype(self.dtype)
                mask *= 1.0 / (1.0 - dropout)
                masks.append(mask)
                h = h * mask
            inputs.append(h)
        raise AssertionError("a network has at least one layer")
