"""Random distortions of 28x28 digits, whole-batch in NumPy.

Each image gets a random affine map (rotation, scale, shear, shift) plus a smooth elastic warp, both
applied by one bilinear resampling, and some images get thicker strokes. Drawn digits vary in exactly
these ways, which MNIST's tidy scans do not show the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.shapes import SIDE

CENTRE = 13.5
GRID = 4  # elastic control points per side


@dataclass(frozen=True)
class Distortion:
    rotate_deg: float = 12.0
    scale: float = 0.12
    shear: float = 0.15
    shift_px: float = 2.0
    elastic_px: float = 1.0
    thicken_prob: float = 0.25


def _upsample_matrix(n_out: int, n_in: int) -> np.ndarray:
    """Linear interpolation matrix (n_out, n_in) from a coarse grid to ``n_out`` points."""
    pos = np.linspace(0, n_in - 1, n_out)
    lo = np.minimum(np.floor(pos).astype(int), n_in - 2)
    frac = pos - lo
    mat = np.zeros((n_out, n_in), np.float32)
    mat[np.arange(n_out), lo] = 1 - frac
    mat[np.arange(n_out), lo + 1] = frac
    return mat


_UP = _upsample_matrix(SIDE, GRID)
_YS, _XS = (g.astype(np.float32).reshape(-1) - CENTRE for g in np.mgrid[0:SIDE, 0:SIDE])
# Sampling coordinates are linear in per-image coefficients: (y, x, 1) for the affine part and
# the GRID x GRID elastic control offsets, spread over the pixels by bilinear upsampling
# (kron(UP, UP)[pixel, control] = UP[i, a] * UP[j, c]). One matrix product then gives every
# image's source coordinates: coefficients (2B, 3 + GRID^2) @ _BASIS (3 + GRID^2, 784).
_BASIS = np.vstack([_YS, _XS, np.ones(SIDE * SIDE, np.float32), np.kron(_UP, _UP).T])


def distort(images: np.ndarray, rng: np.random.Generator, d: Distortion = Distortion()) -> np.ndarray:
    """Distorted copies of ``images`` (B, 784) float32; returns a new (B, 784) array."""
    b = len(images)
    f32 = np.float32
    angle = np.deg2rad(rng.uniform(-d.rotate_deg, d.rotate_deg, b)).astype(f32)
    sy = np.exp(rng.uniform(-d.scale, d.scale, b)).astype(f32)
    sx = sy * np.exp(rng.uniform(-d.scale / 2, d.scale / 2, b)).astype(f32)
    shear = rng.uniform(-d.shear, d.shear, b).astype(f32)
    cos, sin = np.cos(angle), np.sin(angle)
    # Inverse map: for each output pixel, where to sample in the source. Row 0: y, row 1: x.
    coef = np.zeros((2, b, _BASIS.shape[0]), f32)
    coef[0, :, 0], coef[0, :, 1] = cos / sy, (sin + shear * cos) / sy
    coef[1, :, 0], coef[1, :, 1] = -sin / sx, (cos - shear * sin) / sx
    coef[:, :, 2] = rng.uniform(-d.shift_px, d.shift_px, (2, b)).astype(f32) + CENTRE
    if d.elastic_px > 0:
        coef[:, :, 3:] = rng.normal(0.0, d.elastic_px, (2, b, GRID * GRID))
    src_y, src_x = (coef.reshape(2 * b, -1) @ _BASIS).reshape(2, b, -1)
    out = _bilinear(images.reshape(b, SIDE, SIDE), src_y, src_x)
    if d.thicken_prob > 0:
        _thicken_some(out.reshape(b, SIDE, SIDE), rng.random(b) < d.thicken_prob)
    return out


def _bilinear(images: np.ndarray, src_y: np.ndarray, src_x: np.ndarray) -> np.ndarray:
    """Sample ``images`` (B, 28, 28) at float coordinates (B, 784) with zeros outside.
    ``src_y`` and ``src_x`` are overwritten."""
    b, row = len(images), SIDE + 2
    # Zero-padded images laid end to end, plus a row of slack for the right/bottom neighbours.
    flat = np.zeros(b * row * row + row + 1, np.float32)
    flat[: b * row * row].reshape(b, row, row)[:, 1:-1, 1:-1] = images
    np.clip(src_y, -1.0, SIDE, out=src_y)
    np.clip(src_x, -1.0, SIDE, out=src_x)
    y0, x0 = np.floor(src_y), np.floor(src_x)
    wy, wx = np.subtract(src_y, y0, out=src_y), np.subtract(src_x, x0, out=src_x)
    # Flat index of the top-left neighbour, exact in float32 (below 2**24 for any sane batch).
    y0 *= row
    y0 += x0
    y0 += np.arange(b, dtype=np.float32)[:, None] * (row * row) + (row + 1)
    index = y0.astype(np.intp)
    top = _lerp(flat[index], flat[1:][index], wx)
    bottom = _lerp(flat[row:][index], flat[row + 1 :][index], wx)
    return _lerp(top, bottom, wy)


def _lerp(a: np.ndarray, b: np.ndarray, t: np.ndarray) -> np.ndarray:
    """``a + (b - a) t``, in place over ``b`` and returned."""
    b -= a
    b *= t
    b += a
    return b


def _thicken_some(images: np.ndarray, which: np.ndarray) -> None:
    """Grow the strokes of the selected images (B, 28, 28) by about one pixel, in place."""
    sel = images[which]
    if not len(sel):
        return
    grown = sel.copy()
    np.maximum(grown[:, 1:, :], sel[:, :-1, :], out=grown[:, 1:, :])
    np.maximum(grown[:, :, 1:], sel[:, :, :-1], out=grown[:, :, 1:])
    images[which] = grown
