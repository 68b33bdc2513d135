"""Marks inside a ring: a face, not a digit.

A smiley (a ring with two eyes and a mouth) reads as a sure 0 to a network that only knows digits.
No digit has two or more separate marks inside a ring (a zero with a dot in it has one, a θ or Ø
with a floating bar one), so ``marks_inside_ring`` counts them and the predictor calls a drawing
with two or more "no digit?" (digitpad.reading.predictor).

The count runs on the drawing reduced to about ``reduced.WORK_SIDE`` pixels (``reduced.Reduced``),
where specks of a scan vanish.
"""

from __future__ import annotations

import numpy as np

from digitpad.reading.reduced import Reduced
from digitpad.reading.regions import dilate, flood

MIN_MARK = 0.4  # a mark covers at least this many squared stroke widths (a dot of the brush: 0.79)
MAX_MARKS = 12  # enough to tell; a dense pattern need not be counted to the end


def marks_inside_ring(drawing: Reduced) -> int:
    """How many separate marks of ink lie inside a ring of the drawing, not touching it: ink not
    joined to the ink that borders the outside paper, counted blob by blob."""
    mask = drawing.mask
    bordering = mask & dilate(drawing.outside, 1)  # the ink that borders the outside paper
    inner = mask & ~flood(bordering, mask)
    smallest = MIN_MARK * drawing.width**2
    marks = 0
    for _ in range(MAX_MARKS):
        if not inner.any():
            break
        seed = np.zeros_like(inner)
        seed.flat[int(np.flatnonzero(inner)[0])] = True
        blob = flood(seed, inner)
        inner &= ~blob
        marks += int(blob.sum() >= smallest)
    return marks
