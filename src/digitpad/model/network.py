"""A multilayer perceptron with whole-batch forward and backward passes.

Shapes: inputs ``x`` (B, n_in), weights ``W[i]`` (n_in, n_out), biases ``b[i]`` (n_out,),
outputs (B, k). Parameters are one flat list ``params = [W0, b0, W1, b1, ...]`` so that an
optimiser can walk them beside the matching ``grads`` list. Gradients are computed here; updating
the parameters is the optimiser's job. How the app reads a drawing with a network (calibration,
nudged copies, "sure") is ``digitpad.reading.reader``'s.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np

from digitpad.model.activations import ACTIVATIONS
from digitpad.model.losses import LOSSES, loss_value, output_, output_delta_
from digitpad.model.workspace import Workspace, transposed


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
        self.act, self.act_grad = ACTIVATIONS[activation]
        self.workspace = Workspace(layer_sizes)

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
        return MLP(self.layer_sizes, self.activation, self.loss, [p.copy() for p in self.params])

    def layers(self) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """``(W, b)`` per layer, input side first: W (n_in, n_out), b (n_out,)."""
        return zip(self.params[0::2], self.params[1::2])

    def forward(self, x: np.ndarray) -> np.ndarray:
        """Output probabilities (B, k) for inputs ``x`` (B, n_in). Read-only on the parameters, so
        safe to call from another thread than the one training a *different* copy."""
        return self.activations(x)[-1]

    def activations(self, x: np.ndarray, dtype=None, logits: bool = False) -> list[np.ndarray]:
        """Every layer's output for ``x`` (B, n_in): the hidden activations (B, n_i), then the
        output (B, k): probabilities, or with ``logits`` the scores before softmax/sigmoid.
        Computed in ``dtype`` (default the network's; float64 for inspection)."""
        h = np.asarray(x, dtype or self.dtype)
        outputs = []
        for i, (w, b) in enumerate(self.layers()):
            z = h @ w.astype(h.dtype, copy=False)
            z += b.astype(h.dtype, copy=False)
            last = i == self.n_layers - 1
            h = (z if logits else output_(self.loss, z)) if last else self.act(z)
            outputs.append(h)
        return outputs

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
        out = self._forward_recorded(np.asarray(x, self.dtype), dropout, rng)
        correct = int(np.count_nonzero(out.argmax(axis=1) == labels))
        loss = loss_value(self.loss, out, labels)
        if not np.isfinite(loss):
            on_gradient = None  # nothing sensible to update with; the caller sees the loss
        delta = output_delta_(self.loss, out, labels)
        work = self.workspace
        grads = work.grad_buffers(self.params)
        deltas = work.layer_buffers(len(x), self.dtype, kind="delta")
        for i in reversed(range(self.n_layers)):
            np.matmul(work.inputs[i].T, delta, out=grads[2 * i])  # dL/dW = input^T delta
            np.sum(delta, axis=0, out=grads[2 * i + 1])  # dL/db = delta summed over the batch
            if i > 0:  # delta of the layer below: back through W, the mask and the activation
                delta = np.matmul(delta, transposed(self.params[2 * i]), out=deltas[i - 1])
                if dropout > 0.0:
                    delta *= work.masks[i - 1]
                self.act_grad(work.hidden[i - 1], delta)
            if on_gradient is not None:
                on_gradient(2 * i, grads[2 * i])
                on_gradient(2 * i + 1, grads[2 * i + 1])
        return loss, correct, grads

    def _forward_recorded(self, x: np.ndarray, dropout: float, rng) -> np.ndarray:
        """The forward pass of ``activations``, recording in the workspace what backward needs:
        each layer's input, each hidden activation (before dropout, for its derivative) and each
        dropout mask. Pre-activations go into reused buffers. Returns the output (B, k)."""
        work = self.workspace
        work.inputs, work.hidden, work.masks = [x], [], []
        buffers = work.layer_buffers(len(x), self.dtype)
        h = x
        for i, (w, b) in enumerate(self.layers()):
            z = np.matmul(h, w, out=buffers[i])
            z += b
            if i == self.n_layers - 1:
                return output_(self.loss, z)
            h = self.act(z)
            work.hidden.append(h)
            if dropout > 0.0:
                mask = (rng.random(h.shape, dtype=self.dtype) >= dropout).astype(self.dtype)
                mask *= 1.0 / (1.0 - dropout)
                work.masks.append(mask)
                h = h * mask
            work.inputs.append(h)
        raise AssertionError("a network has at least one layer")
