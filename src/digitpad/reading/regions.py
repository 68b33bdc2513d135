"""Regions of a binary ink mask: growing it, the paper outside it, and what is enclosed.

Flood fills take whole runs of a row, then of a column, at a time, so a region of any shape is
found in a few passes of whole-array NumPy work.
"""

from __future__ import annotations

import numpy as np


def dilate(mask: np.ndarray, radius: int) -> np.ndarray:
    """``mask`` (H, W) bool grown by ``radius`` pixels (4-connected steps: a diamond)."""
    out = mask.copy()
    for _ in range(radius):
        grown = out.copy()
        grown[1:] |= out[:-1]
        grown[:-1] |= out[1:]
        grown[:, 1:] |= out[:, :-1]
        grown[:, :-1] |= out[:, 1:]
        out = grown
    return out


def has_hole(mask: np.ndarray, paper_outside: np.ndarray | None = None) -> bool:
    """Whether ``mask`` (H, W) bool encloses any paper (``paper_outside``: ``outside(mask)``,
    when it is known already)."""
    if paper_outside is None:
        paper_outside = outside(mask)
    return bool((~mask & ~paper_outside).any())


def outside(mask: np.ndarray) -> np.ndarray:
    """The paper (H, W) bool reachable from the border without crossing ink."""
    paper = ~mask
    seed = np.zeros_like(mask)
    seed[0], seed[-1], seed[:, 0], seed[:, -1] = paper[0], paper[-1], paper[:, 0], paper[:, -1]
    return flood(seed, paper)


def enclosed(paper: np.ndarray, seed: np.ndarray) -> np.ndarray | None:
    """The paper connected to ``seed`` (H, W) bool, or None when it reaches the border (not a
    hole)."""
    region = flood(seed, paper)
    if region[0].any() or region[-1].any() or region[:, 0].any() or region[:, -1].any():
        return None
    return region


def flood(seed: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """Everything in ``allowed`` (H, W) 4-connected to ``seed``: whole runs of a row, then of a
    column, are taken at once, until nothing changes."""
    region = seed & allowed
    while True:
        grown = _along_runs(_along_runs(region, allowed), allowed.T.copy(), transposed=True)
        if (grown == region).all():
            return region
        region = grown


def _along_runs(region: np.ndarray, allowed: np.ndarray, transposed: bool = False) -> np.ndarray:
    """``region`` grown to the whole of every run of ``allowed`` along a row that it touches
    (``allowed`` given transposed, and columns meant, when ``transposed``)."""
    if transposed:
        region = region.T
    h, w = allowed.shape
    padded = np.zeros((h, w + 1), bool)  # a gap after each row keeps runs apart
    padded[:, :w] = allowed
    flat = padded.ravel()
    ids = np.cumsum(flat & ~np.concatenate(([False], flat[:-1])))
    inside = np.zeros(int(ids[-1]) + 1, bool)
    inside[ids.reshape(h, w + 1)[:, :w][region & allowed]] = True
    grown = inside[ids].reshape(h, w + 1)[:, :w] & allowed
    return grown.T if transposed else grown
