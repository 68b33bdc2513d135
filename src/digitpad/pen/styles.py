"""Writing styles MNIST hardly has, synthesised on pen strokes so every writer's digits come in
every common style: slashed zeros, flagged ones and ones with a foot, looped twos, crossed sevens,
open and closed fours, straight and curly nine tails. Labels never change.

Two versions of the set exist (``TrainConfig.styles``): 1, what the shipped weights were trained
with, and 2, which widens the zero's slash (a bar at any angle from level to steep, from inside the
oval to twice its width long, anywhere across it) and the one's flag (up to longer than the stem,
level to steep, ending well above the baseline). Version 1 draws exactly what it always drew.

Strokes are lists of (n, 2) float arrays, x right and y down, in any units. Every function returns
new arrays and leaves its input alone; a function that does not apply returns the strokes as given.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import numpy as np

Strokes = list[np.ndarray]
LONG_FLAG_CHANCE = 1 / 3
# A share of flags is short and nearly level: uqb's ones that models read as 7 all had such a
# flag (its sevens have a longer bar on a leaning stem).
SHALLOW_FLAG_CHANCE = 0.4
# Of the slashes through and beyond a zero, this share is a phi: the oval is a small part of a
# long, steep stroke (every zero of UNIPEN's uqb site; read as 4 when training lacked them).
PHI_CHANCE = 0.5


def _box(strokes: Strokes) -> tuple[np.ndarray, np.ndarray]:
    pts = np.concatenate(strokes)
    return pts.min(axis=0), pts.max(axis=0)


def _line(a, b, n: int = 12) -> np.ndarray:
    """(n, 2) points evenly from ``a`` to ``b``."""
    t = np.linspace(0.0, 1.0, n)[:, None]
    return (1 - t) * np.asarray(a, np.float64) + t * np.asarray(b, np.float64)


def _jitter(rng: np.random.Generator, scale: float) -> np.ndarray:
    return rng.normal(0.0, scale, 2)


def _widen(strokes: Strokes, aspect: float) -> Strokes:
    """``strokes`` stretched sideways about their centre to width/height ``aspect``, if narrower."""
    lo, hi = _box(strokes)
    width, height = hi - lo
    factor = aspect * height / max(width, 1e-9)
    if factor <= 1.0:
        return strokes
    centre = (lo[0] + hi[0]) / 2
    return [np.column_stack([centre + (s[:, 0] - centre) * factor, s[:, 1]]) for s in strokes]


def slash_zero(strokes: Strokes, rng: np.random.Generator, overshoot: bool | None = None) -> Strokes:
    """Add a slash from lower left to upper right: through and beyond the oval (``overshoot``;
    a narrow zero gets a steep slash, as in a phi) or lying inside it."""
    if overshoot is None:
        overshoot = bool(rng.random() < 0.75)
    phi = overshoot and rng.random() < PHI_CHANCE
    if phi:  # uqb's phi ovals are round or wider than tall; most writers' zeros are narrow
        strokes = _widen(strokes, rng.uniform(0.9, 1.4))
    lo, hi = _box(strokes)
    size = hi - lo
    if phi:  # steep and far beyond top and bottom: a phi
        reach = np.array([rng.uniform(-0.45, -0.15), rng.uniform(0.35, 0.8)])
        jitter = 0.03
    elif overshoot:  # beyond the top and bottom, inside or beyond the sides
        reach = np.array([rng.uniform(-0.45, 0.2), rng.uniform(0.03, 0.7)])
        jitter = 0.03
    else:
        reach = np.full(2, -rng.uniform(0.22, 0.32))
        jitter = 0.01
    below = above = reach
    if phi:  # uqb's ovals sit high on the stroke: it reaches further below than above
        above = reach * np.array([1.0, rng.uniform(0.35, 1.0)])
    start = np.array([lo[0], hi[1]]) + below * size * np.array([-1.0, 1.0])
    end = np.array([hi[0], lo[1]]) + above * size * np.array([1.0, -1.0])
    jit = jitter * size.max()
    return [*strokes, _line(start + _jitter(rng, jit), end + _jitter(rng, jit))]


def crossing(strokes: Strokes, angle: float, length: float, offset=(0.0, 0.0)) -> Strokes:
    """Add a straight stroke through the zero: rising ``angle`` degrees from level (0 is a
    theta's bar), ``length`` times the oval's width, its middle ``offset`` (x, y, as shares of
    the oval's width and height) from the oval's centre; drawn from its lower (left) end."""
    lo, hi = _box(strokes)
    size = np.maximum(hi - lo, 1e-9)
    middle = (lo + hi) / 2 + np.asarray(offset, np.float64) * size
    a = np.deg2rad(angle)
    half = 0.5 * length * size[0] * np.array([np.cos(a), -np.sin(a)])
    return [*strokes, _line(middle - half, middle + half)]


def cross_zero(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """A zero crossed as writers cross it (version 2): half the time by ``slash_zero``, else
    by ``wide_crossing``."""
    return slash_zero(strokes, rng) if rng.random() < 0.5 else wide_crossing(strokes, rng)


def wide_crossing(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """A stroke through the zero at any angle from a level bar to steep (-5 to 75 degrees), from
    inside the oval to twice its width long, its middle anywhere across the oval."""
    angle = rng.uniform(-5.0, 75.0)
    length = rng.uniform(0.5, 2.0)
    offset = (rng.uniform(-0.2, 0.2), rng.uniform(-0.25, 0.25))
    return crossing(strokes, angle, length, offset)


def flag_one(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """Add the continental up-stroke: from the top of the one, down-left at 20-60 degrees below
    the horizontal, written in one movement with the stem when the stem starts at the top.
    Usually 25-60% of the height long; some writers (UNIPEN's uqb, whose ones are as wide as
    their sevens) draw it up to 85%, so a third of the flags are that long, and some draw it
    short and nearly level (3-20 degrees, 20-45%), like a seven's bar on an upright stem."""
    shape = rng.random()
    if shape < SHALLOW_FLAG_CHANCE:
        angle, length = rng.uniform(3.0, 20.0), rng.uniform(0.2, 0.45)
    else:
        long_flag = shape < SHALLOW_FLAG_CHANCE + LONG_FLAG_CHANCE
        angle = rng.uniform(20.0, 60.0)
        length = rng.uniform(*(0.6, 0.85) if long_flag else (0.25, 0.6))
    return flagged(strokes, angle, length)


def wide_flag_one(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """The flag over the whole range writers use (version 2): half the time by ``flag_one``,
    else by ``wide_flag``."""
    return flag_one(strokes, rng) if rng.random() < 0.5 else wide_flag(strokes, rng)


def wide_flag(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """A flag 0-70 degrees below level and 0.2-1.2 times the stem's height long (a long flag on
    a short stem), always ending at least a fifth of the height above the baseline, where a
    seven's stroke would end."""
    angle, length = rng.uniform(0.0, 70.0), rng.uniform(0.2, 1.2)
    drop = rng.uniform(0.1, 0.8)  # how far down the flag may end, in stem heights
    length = min(length, drop / max(np.sin(np.deg2rad(angle)), 1e-9))
    return flagged(strokes, angle, length)


def flagged(strokes: Strokes, angle: float, length: float) -> Strokes:
    """``strokes`` with a flag from the top of the first stroke, down-left at ``angle`` degrees
    below level, ``length`` times the height long."""
    lo, hi = _box(strokes)
    angle, length = np.deg2rad(angle), length * (hi[1] - lo[1])
    first = strokes[0]
    top_i = int(np.argmin(first[:, 1]))
    top = first[top_i]
    foot = top + length * np.array([-np.cos(angle), np.sin(angle)])
    flag = _line(foot, top, 10)
    if top_i <= 2:  # the stem is written downwards from the top: one continuous stroke
        return [np.vstack([flag[:-1], first[top_i:]]), *strokes[1:]]
    return [flag, *strokes]


def foot_one(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """Add a foot (serif) under the stem, 20-90% of the height wide, often longer on one side."""
    lo, hi = _box(strokes)
    height = hi[1] - lo[1]
    pts = np.concatenate(strokes)
    bottom = pts[np.argmax(pts[:, 1])]
    left, right = rng.uniform(0.1, 0.45, 2) * height
    y = bottom[1] + rng.uniform(-0.02, 0.03) * height
    tilt = rng.uniform(-0.05, 0.05) * height
    return [*strokes, _line((bottom[0] - left, y + tilt), (bottom[0] + right, y - tilt))]


def _crossings(strokes: Strokes, y: float) -> np.ndarray:
    """x of every place the strokes' polylines cross the horizontal line at ``y``."""
    xs = []
    for s in strokes:
        a, b = s[:-1], s[1:]
        hit = (a[:, 1] - y) * (b[:, 1] - y) <= 0
        hit &= a[:, 1] != b[:, 1]
        t = (y - a[hit, 1]) / (b[hit, 1] - a[hit, 1])
        xs.append(a[hit, 0] + t * (b[hit, 0] - a[hit, 0]))
    return np.concatenate(xs) if xs else np.zeros(0)


def loop_two(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """A two written in one stroke gets a small loop at its bottom-left corner, where the
    diagonal turns into the base: the pen goes on left, up and round, and out along the base."""
    lo, hi = _box(strokes)
    height = hi[1] - lo[1]
    first = strokes[0]
    corner_i = int(np.argmax(first[:, 1] - first[:, 0]))  # the lowest, leftmost turn
    if len(strokes) != 1 or corner_i < 2 or corner_i > len(first) - 3:
        return strokes
    corner = first[corner_i]
    radius = rng.uniform(0.07, 0.16) * height * np.array([rng.uniform(0.8, 1.3), 1.0])
    t = np.linspace(0.5 * np.pi, 2.5 * np.pi, 16)[1:-1]  # from the bottom, round to the bottom
    centre = corner - np.array([0.0, radius[1]])
    ring = centre + radius * np.stack([np.cos(t), np.sin(t)], axis=1)
    return [np.vstack([first[: corner_i + 1], ring, first[corner_i:]])]


def cross_seven(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """Add a short crossbar through the stem at about half height."""
    lo, hi = _box(strokes)
    size = hi - lo
    y = lo[1] + rng.uniform(0.45, 0.62) * size[1]
    xs = _crossings(strokes, y)
    if len(xs) == 0:
        return strokes
    centre = xs[np.argmin(np.abs(xs - (lo[0] + hi[0]) / 2))]
    half = rng.uniform(0.16, 0.3) * max(size[1], size[0])
    shift = rng.uniform(-0.25, 0.25) * half
    tilt = rng.uniform(-0.06, 0.06) * half
    return [*strokes, _line((centre - half + shift, y + tilt), (centre + half + shift, y - tilt))]


def _two_stroke_four(
    style: Callable[[Strokes, np.random.Generator, np.ndarray, np.ndarray, np.ndarray], Strokes],
) -> Callable[[Strokes, np.random.Generator], Strokes]:
    """``style(strokes, rng, arm, stem, size)`` for a four written in two strokes (arm first,
    then stem; ``size`` of the whole); any other drawing passes through unchanged."""

    @functools.wraps(style)
    def styled(strokes: Strokes, rng: np.random.Generator) -> Strokes:
        if len(strokes) < 2:
            return strokes
        lo, hi = _box(strokes)
        return style(strokes, rng, strokes[0], strokes[1], hi - lo)

    return styled


@_two_stroke_four
def close_four(strokes, rng, arm, stem, size) -> Strokes:
    """An open four (arm and stem apart at the top) gets the top closed: a line from the top of
    the arm to the top of the stem."""
    arm_top, stem_top = arm[np.argmin(arm[:, 1])], stem[np.argmin(stem[:, 1])]
    if stem_top[0] - arm_top[0] < 0.25 * size[0]:
        return strokes  # already closed (or not a two-stroke four)
    end = stem_top + np.array([0.0, rng.uniform(0.0, 0.08) * size[1]])
    return [_line(end, arm_top), *strokes]


@_two_stroke_four
def open_four(strokes, rng, arm, stem, size) -> Strokes:
    """A closed four (its arm starts at the stem's top and runs down-left) gets an open top: the
    arm comes straight down to its corner instead."""
    corner_i = int(np.argmin(arm[:, 0]))
    if corner_i < 2 or arm[0, 0] - arm[corner_i, 0] < 0.3 * size[0]:
        return strokes  # the arm does not start right of its corner: not a closed four
    corner = arm[corner_i]
    stem_top = stem[np.argmin(stem[:, 1])]
    top = np.array([corner[0] + rng.uniform(0.0, 0.15) * size[0], stem_top[1]])
    top[1] += rng.uniform(0.0, 0.15) * size[1]
    return [np.vstack([_line(top, corner, 10)[:-1], arm[corner_i:]]), *strokes[1:]]


def curl_nine(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """A tail that ends at the bottom gets a hook curling to the left and up."""
    lo, hi = _box(strokes)
    height = hi[1] - lo[1]
    last = strokes[-1]
    end = last[-1]
    if end[1] < lo[1] + 0.7 * height:
        return strokes
    radius = rng.uniform(0.1, 0.3) * height
    sweep = rng.uniform(0.5, 1.0) * np.pi
    t = np.linspace(0.0, sweep, 12)[1:]
    centre = end - np.array([radius, 0.0])
    hook = centre + radius * np.stack([np.cos(t), np.sin(t)], axis=1)
    return [*strokes[:-1], np.vstack([last, hook])]


def straighten_nine(strokes: Strokes, rng: np.random.Generator) -> Strokes:
    """A tail that curls back up after its lowest point is cut there."""
    del rng  # deterministic: the curl is cut at the lowest point
    lo, hi = _box(strokes)
    height = hi[1] - lo[1]
    last = strokes[-1]
    low_i = int(np.argmax(last[:, 1]))
    if low_i >= len(last) - 1 or last[low_i, 1] - last[low_i:, 1].min() < 0.08 * height:
        return strokes
    return [*strokes[:-1], last[: low_i + 1]]


# For each digit, the styles that may be drawn and the chance of each (applied in turn).
Style = Callable[[Strokes, np.random.Generator], Strokes]
STYLES: dict[int, list[tuple[Style, float]]] = {
    0: [(slash_zero, 0.5)],
    1: [(flag_one, 0.6), (foot_one, 0.4)],
    2: [(loop_two, 0.2)],
    4: [(close_four, 0.3), (open_four, 0.3)],
    7: [(cross_seven, 0.35)],
    9: [(curl_nine, 0.35), (straighten_nine, 0.2)],
}


# Version 2: the same, with zeros crossed and ones flagged over the whole range writers use.
WIDE_STYLES: dict[int, list[tuple[Style, float]]] = {
    **STYLES,
    0: [(cross_zero, 0.5)],
    1: [(wide_flag_one, 0.6), (foot_one, 0.4)],
}
VERSIONS: dict[int, dict[int, list[tuple[Style, float]]]] = {1: STYLES, 2: WIDE_STYLES}


def restyle(strokes: Strokes, label: int, rng: np.random.Generator, version: int = 1) -> Strokes:
    """``strokes`` of a ``label`` digit, with each of that digit's styles (of the styles
    ``version``) drawn by its chance."""
    for style, chance in VERSIONS[version].get(int(label), []):
        if rng.random() < chance:
            strokes = style(strokes, rng)
    return strokes
