"""Numbers for plots: axis ticks people can read (steps of 1, 2 or 5 times a power of ten,
labelled with just the decimals the step needs), read-out text, and thinning long runs."""

from __future__ import annotations

import math


def nice_step(span: float, max_ticks: int) -> float:
    """The smallest step of the form 1, 2 or 5 times a power of ten that cuts ``span`` into at
    most ``max_ticks`` intervals."""
    if not span > 0 or not math.isfinite(span):
        return 1.0
    raw = span / max(max_ticks, 1)
    power = 10.0 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw * (1 - 1e-9):
            return factor * power
    return 10 * power


def nice_ticks(
    lo: float, hi: float, max_ticks: int = 5, min_step: float = 0.0
) -> tuple[float, float, list[float]]:
    """An axis from ``lo`` to ``hi`` widened to whole 1-2-5 steps of at least ``min_step`` (itself
    a 1-2-5 step, or 0): ``(start, end, ticks)``."""
    if hi <= lo:
        hi = lo + 1.0
    step = max(nice_step(hi - lo, max_ticks), min_step)
    start = math.floor(lo / step + 1e-9) * step
    end = math.ceil(hi / step - 1e-9) * step
    count = int(round((end - start) / step))
    ticks = [_clean(start + k * step, step) for k in range(count + 1)]
    return ticks[0], ticks[-1], ticks


def epoch_ticks(xs, run_xs) -> list[float]:
    """Ticks of an axis of epochs for a plot holding ``xs``, one of the plots of a run holding
    ``run_xs`` (all of them, a non-empty list). From 0, where training starts (so a one-epoch run
    is not a lone point at the edge of an axis of fractions), to the end of the epoch under way,
    at least 1: every plot of the run then has the same range, also while the loss has fractions
    of an epoch and the accuracy only the epochs done. Whole numbers when every x is (there is no
    epoch 1.5): on a whole range the 1-2-5 ticks of fractions end where the whole ones do."""
    lo = min(0.0, math.floor(min(run_xs)))
    hi = max(math.ceil(max(run_xs) - 1e-9), lo + 1)
    whole = all(float(x).is_integer() for x in xs)
    return nice_ticks(lo, hi, 6, min_step=1.0 if whole else 0.0)[2]


def _clean(value: float, step: float) -> float:
    """``value`` rounded to the step's decimals (no 0.30000000000000004 on an axis)."""
    return round(value, max(0, -math.floor(math.log10(step))) + 1)


def tick_label(value: float, step: float) -> str:
    """``value`` with as many decimals as the step needs: 0.25 -> "0.25", 2.0 -> "2"."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    if abs(step / 10**-decimals - round(step / 10**-decimals)) > 1e-6:  # a 2.5-style step
        decimals += 1
    return f"{value:.{decimals}f}"


def decimals_for(step: float) -> int:
    return max(0, -math.floor(math.log10(step) + 1e-9)) + 1


def readout(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 100:
        return f"{value:.1f}"
    return f"{value:.4f}"


def decimate(points, width: int):
    """At most about two points per pixel column, so long runs stay cheap to draw."""
    step = max(1, len(points) // max(2 * width, 1))
    return points[::step] + ([points[-1]] if step > 1 else [])
