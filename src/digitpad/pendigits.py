"""The UNIPEN pen-digit files (strokes as coordinates), for benchmarks and tests."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np


@dataclass
class PenDigits:
    points: np.ndarray  # (P, 2) float32, y down
    stroke_off: np.ndarray  # (S+1,)
    sample_off: np.ndarray  # (N+1,)
    labels: np.ndarray  # (N,)
    writers: np.ndarray  # (N,) str

    def __len__(self) -> int:
        return len(self.labels)

    def strokes(self, i: int) -> list[np.ndarray]:
        """Digit ``i`` as a list of (n_k, 2) point arrays, one per pen-down stroke."""
        first, last = self.sample_off[i], self.sample_off[i + 1]
        return [self.points[self.stroke_off[k] : self.stroke_off[k + 1]] for k in range(first, last)]


def load_pen_digits(path: Path) -> PenDigits:
    with np.load(path, allow_pickle=False) as npz:
        return PenDigits(
            npz["points"],
            npz["stroke_off"],
            npz["sample_off"],
            npz["labels"].astype(np.int64),
            npz["writer"],
        )


def writer_split(digits: PenDigits, test_fraction: float = 0.3, seed: int = 0):
    """Indices (train, held_out): whole writers go to one side only."""
    writers = np.unique(digits.writers)
    rng = np.random.default_rng(seed)
    held = set(rng.choice(writers, int(round(len(writers) * test_fraction)), replace=False))
    mask = np.array([w in held for w in digits.writers])
    return np.nonzero(~mask)[0], np.nonzero(mask)[0]
