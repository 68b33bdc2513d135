"""Pen strokes -> network inputs without Qt, drawn as the canvas draws them.

The canvas paints strokes with a round-capped, round-joined brush on white paper and hands the
grey image to ``preprocess.mnist_input``. This module does the same with Pillow, so that training
can draw thousands of pen digits per second in the Qt-free core; a GUI test checks that both
renderers give the network the same input.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw

from digitpad.pen.styles import restyle
from digitpad.reading.preprocess import mnist_input
from digitpad.shapes import PIXELS

Strokes = Sequence[np.ndarray]  # each (n, 2) float: x, y with y growing downwards


@dataclass(frozen=True)
class Look:
    """How one rendering of a digit looks on the board.

    ``height_px``: the digit's height in canvas pixels; ``brush``: brush width over digit height;
    ``slant``: horizontal shear (x += slant * (mid_y - y)); ``aspect``: extra width factor.
    """

    height_px: float = 200.0
    brush: float = 0.09
    slant: float = 0.0
    aspect: float = 1.0


def random_look(rng: np.random.Generator) -> Look:
    """A look a person might give the digit: any size on the board, thin to very thick brush
    for that size, a slight slant."""
    return Look(
        height_px=float(np.exp(rng.uniform(np.log(60.0), np.log(360.0)))),
        brush=float(np.exp(rng.uniform(np.log(0.035), np.log(0.26)))),
        slant=float(rng.uniform(-0.2, 0.2)),
        aspect=float(np.exp(rng.uniform(-0.12, 0.12))),
    )


def fit_to_look(strokes: Strokes, look: Look) -> tuple[list[np.ndarray], float]:
    """Strokes scaled to ``look.height_px`` (pixels, y down, a margin of paper around them), and
    the brush width in pixels. The bounding box is measured after slanting."""
    pts = np.concatenate(strokes).astype(np.float64)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    mid_y = (lo[1] + hi[1]) / 2
    size = np.maximum(hi - lo, 1e-9)
    # A thin digit (a 1) is scaled by its height; a flat one (a dash) must not blow up in width.
    scale = look.height_px / max(size[1], size[0] / 1.6)
    width = max(1.0, look.brush * look.height_px)
    out = []
    for s in strokes:
        s = np.asarray(s, np.float64)
        x = (s[:, 0] + look.slant * (mid_y - s[:, 1])) * scale * look.aspect
        y = s[:, 1] * scale
        out.append(np.stack([x, y], axis=1))
    allpts = np.concatenate(out)
    offset = allpts.min(axis=0) - (width + 4.0)
    return [s - offset for s in out], width


def draw_strokes(strokes: Strokes, width: float) -> np.ndarray:
    """Grey image (H, W) uint8, black ink on white paper, of ``strokes`` already in pixel units
    (all coordinates >= 0) drawn with a round brush ``width`` pixels wide."""
    allpts = np.concatenate(strokes)
    w, h = (int(np.ceil(v + width + 4.0)) for v in allpts.max(axis=0))
    image = Image.new("L", (max(w, 1), max(h, 1)), 255)
    draw = ImageDraw.Draw(image)
    line_width = max(1, int(round(width)))
    r = line_width / 2.0
    for s in strokes:
        pts = [(float(x), float(y)) for x, y in s]
        if len(pts) > 1:
            draw.line(pts, fill=0, width=line_width, joint="curve")
        for x, y in (pts[0], pts[-1]):  # round caps (and a dot for a single point)
            draw.ellipse((x - r, y - r, x + r, y + r), fill=0)
    return np.asarray(image)


def pen_input(strokes: Strokes, look: Look) -> np.ndarray | None:
    """The network input (784,) float32 for ``strokes`` drawn with ``look``, or None when the
    drawing holds no digit (as ``mnist_input``)."""
    fitted, width = fit_to_look(strokes, look)
    return mnist_input(draw_strokes(fitted, width))


def pen_inputs(
    strokes_of: Callable[[int], Strokes],
    labels: np.ndarray,
    indices: np.ndarray,
    rng: np.random.Generator,
    styles: int = 1,
) -> tuple[np.ndarray, np.ndarray]:
    """Network inputs (n, 784) float32 and labels (n,) int64 for the digits ``indices``, each
    drawn once with a random look and random writing styles of the ``styles`` version
    (``digitpad.pen.styles``; 0: none). Digits whose
    drawing holds no digit are left out, so n <= len(indices)."""
    images = np.zeros((len(indices), PIXELS), np.float32)
    keep = np.zeros(len(indices), bool)
    for row, i in enumerate(indices):
        strokes = list(strokes_of(int(i)))
        if styles:
            strokes = restyle(strokes, int(labels[i]), rng, styles)
        x = pen_input(strokes, random_look(rng))
        if x is not None:
            images[row], keep[row] = x, True
    return images[keep], np.asarray(labels, np.int64)[indices][keep]
