"""Random distortions of 28x28 digits, whole-batch in NumPy.

Each image gets a random affine map (rotation, scale, shear, shift) plus a smooth elastic warp, both
applied by one bilinear resampling, and some images get thicker strokes. Drawn digits vary in exactly
these ways, which MNIST's tidy scans do not show the network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

SIDE = 28
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


def distort(images: np.ndarray, rng: np.random.Generator, d: Distortion = Distortion()) -> np.ndarray:
    """Distorted copies of ``images`` (B, 784) float32; returns a new (B, 784) array."""
    b = len(images)
    f32 = np.float32
    angle = np.deg2rad(rng.uniform(-d.rotate_deg, d.rotate_deg, b)).astype(f32)
    sy = np.exp(rng.uniform(-d.scale, d.scale, b)).astype(f32)
    sx = sy * np.exp(rng.uniform(-d.scale / 2, d.scale / 2, b)).astype(f32)
    shear = rng.uniform(-d.shear, d.shear, b).astype(f32)
    cos, sin = np.cos(angle), np.sin(angle)
    # Inverse map: for each output pixel, where to sample in the source.
    a11, a12 = cos / sy, (sin + shear * cos) / sy
    a21, a22 = -sin / sx, (cos - shear * sin) / sx
    ty, tx = rng.uniform(-d.shift_px, d.shift_px, (2, b)).astype(f32) + CENTRE
    src_y = a11[:, None] * _YS + a12[:, None] * _XS + ty[:, None]
    src_x = a21[:, None] * _YS + a22[:, None] * _XS + tx[:, None]
    if d.elastic_px > 0:
        coarse = rng.normal(0.0, d.elastic_px, (2, b, GRID, GRID)).astype(f32)
        fine = _UP @ coarse @ _UP.T  # (2, b, 28, 28)
        src_y += fine[0].reshape(b, -1)
        src_x += fine[1].reshape(b, -1)
    out = _bilinear(images.reshape(b, SIDE, SIDE), src_y, src_x)
    if d.thicken_prob > 0:
        _thicken_some(out.reshape(b, SIDE, SIDE), rng.random(b) < d.thicken_prob)
    return out


def _bilinear(images: np.ndarray, src_y: np.ndarray, src_x: np.ndarray) -> np.ndarray:
    """Sample ``images`` (B, 28, 28) at float coordinates (B, 784) with zeros outside."""
    b, row = len(images), SIDE + 2
    # Zero-padded images laid end to end, plus a row of slack for the right/bottom neighbours.
    flat = np.zeros(b * row * row + row + 1, np.float32)
    flat[: b * row * row].reshape(b, row, row)[:, 1:-1, 1:-1] = images
    np.clip(src_y, -1.0, SIDE, out=src_y)
    np.clip(src_x, -1.0, SIDE, out=src_x)
    y0, x0 = np.floor(src_y), np.floor(src_x)
    wy, wx = src_y - y0, src_x - x0
    # Flat index of the top-left neighbour, exact in float32 (below 2**24 for any sane batch).
    start = np.arange(b, dtype=np.float32)[:, None] * (row * row) + (row + 1)
    index = (y0 * row + x0 + start).astype(np.intp)
    top = flat[index] * (1 - wx) + flat[1:][index] * wx
    bottom = flat[row:][index] * (1 - wx) + flat[row + 1 :][index] * wx
    return top * (1 - wy) + bottom * wy


def _thicken_some(images: np.ndarray, which: np.ndarray) -> None:
    """Grow the strokes of the selected images (B, 28, 28) by about one pixel, in place."""
    sel = images[which]
    if not len(sel):
        return
    grown = sel.copy()
    np.maximum(grown[:, 1:, :], sel[:, :-1, :], out=grown[:, 1:, :])
    np.maximum(grown[:, :, 1:], sel[:, :, :-1], out=grown[:, :, 1:])
    images[which] = grown
