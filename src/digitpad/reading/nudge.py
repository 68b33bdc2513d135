"""Reading a digit five times: as it is, and nudged one pixel up, down, left and right.

An MLP has no built-in idea that a digit moved by one pixel is the same digit: each of its input
weights belongs to one pixel. Averaging its answers over five positions evens out that sensitivity.
On the MNIST training digits held out of six training runs (``benchmarks/nudge.py``; README,
"Nudged reading") it read 0.06 to 0.16 points more of them right, in every run. Training is
unchanged: only reading is.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from digitpad.shapes import SIDE

# (rows down, columns right) for each reading; the first is the digit as it is.
NUDGES = ((0, 0), (-1, 0), (1, 0), (0, -1), (0, 1))


def shifted(images: np.ndarray, dy: int, dx: int) -> np.ndarray:
    """``images`` (B, 28, 28) moved ``dy`` rows down and ``dx`` columns right: ink moved off the
    edge is dropped and the uncovered edge is blank."""
    out = np.zeros_like(images)
    out[:, max(dy, 0) : SIDE + min(dy, 0), max(dx, 0) : SIDE + min(dx, 0)] = images[
        :, max(-dy, 0) : SIDE + min(-dy, 0), max(-dx, 0) : SIDE + min(-dx, 0)
    ]
    return out


def nudged(x: np.ndarray) -> np.ndarray:
    """The copies of ``x`` (B, 784) that are read: (len(NUDGES), B, 784)."""
    images = x.reshape(len(x), SIDE, SIDE)
    return np.stack([shifted(images, dy, dx).reshape(len(x), -1) for dy, dx in NUDGES])


def nudged_back_mean(per_copy: np.ndarray) -> np.ndarray:
    """The mean (B, 784) of ``per_copy`` (len(NUDGES), B, 784), each copy moved back to where the
    drawing is: what a gradient taken on each nudged copy (B, 784) is with respect to the drawing
    itself, for the average of the readings (moving one way is the transpose of moving back)."""
    _, count, _ = per_copy.shape
    back = [
        shifted(copy.reshape(count, SIDE, SIDE), -dy, -dx).reshape(count, -1)
        for copy, (dy, dx) in zip(per_copy, NUDGES)
    ]
    return np.mean(back, axis=0)


def nudged_average(forward: Callable[[np.ndarray], np.ndarray], x: np.ndarray) -> np.ndarray:
    """The mean of ``forward``'s outputs (B, k) over the nudged copies of ``x`` (B, 784), read in
    one pass."""
    copies = nudged(x)
    out = forward(copies.reshape(-1, x.shape[1]))
    return out.reshape(len(NUDGES), len(x), -1).mean(axis=0)
