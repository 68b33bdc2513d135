"""Drawings that are not digits, as pen strokes: to teach a network to give them a flat answer,
and to measure how often they are answered "sure" (``benchmarks/junk.py``).

Each kind returns strokes in board units (0..1 across the board, y down) and a brush width in
board units, the way ``benchmarks/recognition.py`` lays out pen digits. Shapes that are
legitimately digits (a single bar is a 1, a ring a 0) are avoided on purpose. Training draws only
``TRAINING_KINDS``; the other kinds show whether what it learnt carries over to shapes it never saw.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator

import numpy as np

from digitpad.pen.render import pen_input, random_look
from digitpad.shapes import PIXELS

Strokes = list[np.ndarray]  # each (n, 2) float: x, y in board units


def _box(rng: np.random.Generator, lo: float = 0.35, hi: float = 0.8) -> tuple[np.ndarray, float]:
    """A random centre (2,) and side for a drawing that stays on the board."""
    side = float(rng.uniform(lo, hi))
    margin = side / 2 + 0.06
    centre = rng.uniform(min(margin, 0.5), max(1 - margin, 0.5), 2)
    return centre, side


def _placed(unit: Strokes, rng: np.random.Generator, lo=0.35, hi=0.8) -> Strokes:
    """Strokes drawn in [-0.5, 0.5]^2 moved into a random box on the board."""
    centre, side = _box(rng, lo, hi)
    return [centre + side * np.asarray(s, np.float64) for s in unit]


def _polyline(points: np.ndarray, per_segment: int = 8) -> np.ndarray:
    """Corner points (k, 2) -> a densely sampled polyline, as a pen reports it."""
    t = np.linspace(0.0, 1.0, per_segment, endpoint=False)[:, None]
    parts = [a + t * (b - a) for a, b in zip(points[:-1], points[1:])]
    return np.concatenate(parts + [points[-1:]])


def scribble(rng: np.random.Generator) -> Strokes:
    """A dense zig-zag scribble filling an area, back and forth many times."""
    turns = int(rng.integers(10, 24))
    x = np.where(np.arange(turns) % 2 == 0, -0.5, 0.5) + rng.normal(0, 0.06, turns)
    y = np.sort(rng.uniform(-0.5, 0.5, turns)) + rng.normal(0, 0.03, turns)
    if rng.random() < 0.5:  # scribbled sideways as often as downwards
        x, y = y, x
    return _placed([_polyline(np.stack([x, y], axis=1))], rng)


def tangle(rng: np.random.Generator) -> Strokes:
    """A long, loose random curve that turns many times (a doodle), one or two strokes."""
    strokes = []
    for _ in range(int(rng.integers(1, 3))):
        steps = int(rng.integers(60, 120))
        heading = np.cumsum(rng.normal(0, 0.45, steps)) + rng.uniform(0, 2 * np.pi)
        path = np.cumsum(np.stack([np.cos(heading), np.sin(heading)], axis=1) * 0.05, axis=0)
        strokes.append(path)
    pts = np.concatenate(strokes)
    lo, hi = pts.min(axis=0), pts.max(axis=0)
    scale = 1.0 / max(float((hi - lo).max()), 1e-9)
    return _placed([(s - (lo + hi) / 2) * scale for s in strokes], rng)


def hatching(rng: np.random.Generator) -> Strokes:
    """Four to eight long straight lines crossing each other in two or more directions."""
    lines = []
    count = int(rng.integers(4, 9))
    base = rng.uniform(0, np.pi)
    for k in range(count):
        angle = base + (k % 2) * rng.uniform(np.pi / 4, 3 * np.pi / 4) + rng.normal(0, 0.15)
        offset = rng.uniform(-0.3, 0.3)
        d = np.array([np.cos(angle), np.sin(angle)])
        n = np.array([-d[1], d[0]])
        lines.append(_polyline(np.stack([offset * n - 0.5 * d, offset * n + 0.5 * d])))
    return _placed(lines, rng)


def blob(rng: np.random.Generator) -> Strokes:
    """A filled blob: a tight spiral coloured in, so the ink is one solid patch."""
    turns = rng.uniform(4, 7)
    t = np.linspace(0, 1, 300)
    r = 0.5 * t * rng.uniform(0.8, 1.0)
    a = 2 * np.pi * turns * t
    squash = rng.uniform(0.6, 1.0)
    return _placed([np.stack([r * np.cos(a), squash * r * np.sin(a)], axis=1)], rng, 0.2, 0.5)


def spiral(rng: np.random.Generator) -> Strokes:
    """An open spiral of two and a half to four turns."""
    turns = rng.uniform(2.5, 4.0)
    t = np.linspace(0.05, 1, 240)
    a = 2 * np.pi * turns * t * rng.choice([-1, 1])
    return _placed([0.5 * np.stack([t * np.cos(a), t * np.sin(a)], axis=1)], rng)


def dot(rng: np.random.Generator) -> Strokes:
    """A tiny dot or tick: a single tap or a stroke shorter than the brush is wide."""
    start = rng.uniform(0.2, 0.8, 2)
    if rng.random() < 0.5:
        return [start[None, :]]
    return [np.stack([start, start + rng.normal(0, 0.015, 2)])]


def letter(rng: np.random.Generator) -> Strokes:
    """A shape people draw that is not a digit: X, #, star, asterisk, W or a smiley."""
    shape = rng.choice(["x", "hash", "star", "asterisk", "w", "smiley"])
    j = lambda pts: np.asarray(pts, np.float64) + rng.normal(0, 0.02, np.shape(pts))  # noqa: E731
    if shape == "x":
        unit = [j([[-0.5, -0.5], [0.5, 0.5]]), j([[0.5, -0.5], [-0.5, 0.5]])]
    elif shape == "hash":
        unit = [
            j([[-0.2, -0.5], [-0.25, 0.5]]),
            j([[0.2, -0.5], [0.15, 0.5]]),
            j([[-0.5, -0.2], [0.5, -0.2]]),
            j([[-0.5, 0.2], [0.5, 0.2]]),
        ]
    elif shape == "star":
        a = -np.pi / 2 + np.arange(6) * 4 * np.pi / 5
        unit = [j(0.5 * np.stack([np.cos(a), np.sin(a)], axis=1))]
    elif shape == "asterisk":
        unit = []
        for a in np.pi * np.arange(4) / 4 + rng.normal(0, 0.1):
            d = 0.5 * np.array([np.cos(a), np.sin(a)])
            unit.append(j([-d, d]))
    elif shape == "w":
        unit = [j([[-0.5, -0.4], [-0.25, 0.4], [0.0, -0.1], [0.25, 0.4], [0.5, -0.4]])]
    else:
        a = np.linspace(0, 2 * np.pi, 60)
        face = 0.5 * np.stack([np.cos(a), np.sin(a)], axis=1)
        m = np.linspace(0.2 * np.pi, 0.8 * np.pi, 20)
        mouth = 0.3 * np.stack([np.cos(m), np.sin(m)], axis=1)
        eyes = [np.array([[-0.17, -0.15], [-0.15, -0.12]]), np.array([[0.15, -0.15], [0.17, -0.12]])]
        unit = [face, mouth, *eyes]
    return _placed([_polyline(s) if len(s) < 20 else s for s in unit], rng)


def squeezed_pair(rng: np.random.Generator, pen) -> Strokes:
    """Two pen digits side by side, squeezed into one digit's box (``pen``: PenDigits)."""
    parts = []
    for k in range(2):
        raw = pen.strokes(int(rng.integers(len(pen))))
        pts = np.concatenate(raw)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        scale = 1.0 / max(float(hi[1] - lo[1]), float(hi[0] - lo[0]) * 2, 1e-9)
        shift = np.array([k * 0.5 - 0.25, 0.0])
        parts += [(np.asarray(s, np.float64) - (lo + hi) / 2) * scale * [0.9, 1.0] + shift for s in raw]
    return _placed(parts, rng)


KINDS: dict[str, Callable[..., Strokes]] = {
    "scribble": scribble,
    "tangle": tangle,
    "hatching": hatching,
    "blob": blob,
    "spiral": spiral,
    "dot": dot,
    "letter": letter,
    "two-digits": squeezed_pair,
}


def junk(kind: str, rng: np.random.Generator, pen=None) -> tuple[Strokes, float]:
    """Strokes of one ``kind`` of non-digit and a brush width, both in board units; the brush is
    12-22 px of a 280 px board as for pen digits (thicker for a filled blob). ``pen`` (PenDigits)
    is needed by "two-digits" only."""
    strokes = KINDS[kind](rng, pen) if kind == "two-digits" else KINDS[kind](rng)
    brush = rng.uniform(12, 22) / 280
    if kind == "blob":
        brush = rng.uniform(30, 45) / 280
    return [np.clip(s, 0.02, 0.98) for s in strokes], float(brush)


TRAINING_KINDS = ("scribble", "tangle", "hatching")
CHUNK = 500  # drawings between progress reports


def non_digit_inputs(
    count: int, rng: np.random.Generator, stop: threading.Event | None = None
) -> Iterator[tuple[int, np.ndarray | None]]:
    """Network inputs for ``count`` drawings of the training kinds, in turn, each with a random
    look (as pen digits are drawn for training). Yields ``(done, None)`` as it goes, then
    ``(count, inputs)`` with inputs (n, 784) float32, n <= count (a drawing that reads as "no
    digit" is left out); stops early, yielding nothing more, when ``stop`` is set."""
    images = np.zeros((count, PIXELS), np.float32)
    keep = np.zeros(count, bool)
    for i in range(count):
        if stop is not None and stop.is_set():
            return
        strokes, _ = junk(TRAINING_KINDS[i % len(TRAINING_KINDS)], rng)
        x = pen_input(strokes, random_look(rng))
        if x is not None:
            images[i], keep[i] = x, True
        if (i + 1) % CHUNK == 0 and i + 1 < count:
            yield i + 1, None
    yield count, images[keep]
