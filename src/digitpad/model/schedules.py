"""Learning-rate schedules: the rate for step ``t`` of ``total`` steps, given the base rate."""

from __future__ import annotations

import math

SCHEDULES = ("constant", "step", "cosine", "onecycle")


def learning_rate(
    schedule: str,
    base_lr: float,
    step: int,
    total: int,
    *,
    warmup: float = 0.0,
    step_every: float = 0.33,
    step_gamma: float = 0.1,
) -> float:
    """``constant``: ``base_lr``. ``step``: multiplied by ``step_gamma`` after each ``step_every``
    fraction of training. ``cosine``: linear warm-up over ``warmup`` of the steps, then half a
    cosine down to 0. ``onecycle``: a 30% ramp from base/25 to base, then cosine down to base/1e4."""
    frac = min(step / max(total, 1), 1.0)
    if schedule == "constant":
        return base_lr
    if schedule == "step":
        return base_lr * step_gamma ** math.floor(frac / step_every)
    if schedule == "cosine":
        if frac < warmup:
            return base_lr * (frac / warmup)
        rest = (frac - warmup) / max(1.0 - warmup, 1e-12)
        return base_lr * 0.5 * (1.0 + math.cos(math.pi * rest))
    if schedule == "onecycle":
        peak = 0.3
        if frac < peak:
            return base_lr / 25 + (base_lr - base_lr / 25) * frac / peak
        rest = (frac - peak) / (1.0 - peak)
        low = base_lr / 1e4
        return low + (base_lr - low) * 0.5 * (1.0 + math.cos(math.pi * rest))
    raise ValueError(f"unknown schedule {schedule!r}")
