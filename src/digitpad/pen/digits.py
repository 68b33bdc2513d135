"""Pen-drawn digits as strokes: the UNIPEN development set from ``../shared`` (benchmarks, tests)
and the compact copy shipped in ``resources/pen/`` (training with pen digits in the app).

The compact copy keeps every digit's strokes quantised to 8 bits inside the digit's own bounding
box (the longer side spans 0..255), with repeated points dropped: plenty for drawing a 28x28 input.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from digitpad.errors import DataError
from digitpad.store import paths

COMPACT_FORMAT = "digitpad-pen-digits-1"
MAX_POINTS = 5_000_000  # a sane cap on what a pen-digit file may declare


@dataclass
class PenDigits:
    points: np.ndarray  # (P, 2) float32, y down
    stroke_off: np.ndarray  # (S+1,)
    sample_off: np.ndarray  # (N+1,)
    labels: np.ndarray  # (N,) int64
    writers: np.ndarray  # (N,) str, "site/.../writer"

    def __len__(self) -> int:
        return len(self.labels)

    def strokes(self, i: int) -> list[np.ndarray]:
        """Digit ``i`` as a list of (n_k, 2) point arrays, one per pen-down stroke."""
        first, last = self.sample_off[i], self.sample_off[i + 1]
        return [self.points[self.stroke_off[k] : self.stroke_off[k + 1]] for k in range(first, last)]

    def subset(self, indices: np.ndarray) -> PenDigits:
        """The digits ``indices`` (in that order) as a PenDigits of their own."""
        strokes = [self.strokes(int(i)) for i in indices]
        flat = [s for digit in strokes for s in digit]
        lengths = [len(s) for s in flat]
        return PenDigits(
            np.concatenate(flat) if flat else np.zeros((0, 2), np.float32),
            np.concatenate([[0], np.cumsum(lengths, dtype=np.int64)]),
            np.concatenate([[0], np.cumsum([len(d) for d in strokes], dtype=np.int64)]),
            self.labels[indices],
            self.writers[indices],
        )

    @property
    def sites(self) -> np.ndarray:
        """(N,) str: the UNIPEN site (the first part of the writer's path) of every digit."""
        return np.array([w.split("/", 1)[0] for w in self.writers])


def _check_offsets(off: np.ndarray, end: int, what: str) -> None:
    if off.ndim != 1 or len(off) < 1 or off[0] != 0 or off[-1] != end or np.any(np.diff(off) < 1):
        raise DataError(f"pen digits: {what} offsets are inconsistent")


def _validated(points, stroke_off, sample_off, labels, writers) -> PenDigits:
    if points.ndim != 2 or points.shape[1] != 2 or not len(points) <= MAX_POINTS:
        raise DataError("pen digits: points must be (P, 2) and not too many")
    if not np.isfinite(points).all():
        raise DataError("pen digits: points are not all finite")
    _check_offsets(stroke_off, len(points), "stroke")
    _check_offsets(sample_off, len(stroke_off) - 1, "digit")
    n = len(sample_off) - 1
    if labels.shape != (n,) or writers.shape != (n,) or (n and (labels.min() < 0 or labels.max() > 9)):
        raise DataError("pen digits: labels and writers must be one digit 0-9 and one name per sample")
    return PenDigits(
        points.astype(np.float32, copy=False),
        stroke_off.astype(np.int64),
        sample_off.astype(np.int64),
        labels.astype(np.int64),
        writers.astype(str),
    )


def load_pen_digits(path: Path) -> PenDigits:
    """The UNIPEN npz (``points``, ``stroke_off``, ``sample_off``, ``labels``, ``writer``) or the
    compact copy (see ``write_compact``). Raises DataError on anything malformed."""
    try:
        with np.load(path, allow_pickle=False) as npz:
            if "format" in npz.files:
                return _from_compact({k: npz[k] for k in npz.files})
            return _validated(
                npz["points"], npz["stroke_off"], npz["sample_off"], npz["labels"], npz["writer"]
            )
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise DataError(f"{path}: not a readable pen-digit file ({exc})") from None


@functools.cache
def shipped_pen_digits() -> PenDigits:
    """The compact copy of the UNIPEN development set shipped with the app (read once)."""
    return load_pen_digits(paths.resources_dir() / "pen" / "unipen-1a.npz")


def write_compact(digits: PenDigits, path: Path) -> None:
    """Save ``digits`` in the compact form (quantised per digit, repeated points dropped)."""
    points, stroke_len, strokes_per_digit, aspect = [], [], [], []
    for i in range(len(digits)):
        strokes = digits.strokes(i)
        allpts = np.concatenate(strokes)
        lo, size = allpts.min(axis=0), np.maximum(np.ptp(allpts, axis=0), 1e-6)
        scale = 255.0 / size.max()
        aspect.append(size[0] / size[1])
        for s in strokes:
            q = np.rint((s - lo) * scale).astype(np.uint8)
            keep = np.ones(len(q), bool)
            keep[1:] = np.any(q[1:] != q[:-1], axis=1)
            points.append(q[keep])
            stroke_len.append(int(keep.sum()))
        strokes_per_digit.append(len(strokes))
    names, writer_index = np.unique(digits.writers, return_inverse=True)
    np.savez_compressed(
        path,
        format=np.array(COMPACT_FORMAT),
        points=np.concatenate(points),
        stroke_len=np.array(stroke_len, np.uint16),
        strokes_per_digit=np.array(strokes_per_digit, np.uint8),
        labels=digits.labels.astype(np.uint8),
        writer_names=names,
        writer_index=writer_index.astype(np.uint16),
    )


def _from_compact(npz: dict) -> PenDigits:
    if str(npz["format"]) != COMPACT_FORMAT:
        raise DataError(f"pen digits: unknown format {npz['format']!s:.40}")
    names, index = npz["writer_names"], npz["writer_index"].astype(np.int64)
    if index.size and index.max() >= len(names):
        raise DataError("pen digits: writer index out of range")
    stroke_off = np.concatenate([[0], np.cumsum(npz["stroke_len"], dtype=np.int64)])
    sample_off = np.concatenate([[0], np.cumsum(npz["strokes_per_digit"], dtype=np.int64)])
    return _validated(
        npz["points"].astype(np.float32), stroke_off, sample_off, npz["labels"], names[index]
    )


def calibration_split(digits: PenDigits, fraction: float = 0.15, seed: int = 0):
    """Indices (train, calibration): in every site with at least four writers, about
    ``fraction`` of its writers (at least one) are kept apart for calibrating confidence, so a
    model trained on the rest is calibrated on writers it never saw."""
    rng = np.random.default_rng(seed)
    held: set[str] = set()
    sites = digits.sites
    for site in np.unique(sites):
        writers = np.unique(digits.writers[sites == site])
        if len(writers) >= 4:
            count = max(1, int(round(len(writers) * fraction)))
            held.update(rng.choice(writers, count, replace=False).tolist())
    mask = np.isin(digits.writers, list(held))
    return np.nonzero(~mask)[0], np.nonzero(mask)[0]
