"""A drawing reduced for looking at its shape (rings, lines, marks inside), made once per reading
and shared by digitpad.reading.slash and digitpad.reading.marks."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.reading.preprocess import reduced_crop, stroke_width
from digitpad.reading.regions import has_hole, outside

WORK_SIDE = 64  # pixels along the drawing's longer side: the resolution preprocessing reads at


@dataclass(frozen=True)
class Reduced:
    """``ink`` (H, W) float32 in [0, 1], cropped to the drawing with a margin and about
    WORK_SIDE pixels a side; ``mask`` (H, W) bool its ink; ``width`` its stroke width in pixels
    (at least 1); ``outside`` (H, W) bool the paper reachable from the border."""

    ink: np.ndarray
    mask: np.ndarray
    width: float
    outside: np.ndarray

    @property
    def has_hole(self) -> bool:
        """Whether the ink encloses any paper."""
        return has_hole(self.mask, self.outside)


def reduced(ink: np.ndarray) -> Reduced | None:
    """The ``Reduced`` view of an ink map (H, W) float32 in [0, 1] (``preprocess.to_ink``'s), or
    None when it holds too little ink."""
    work = reduced_crop(ink, WORK_SIDE)
    if work is None:
        return None
    mask = work > 0.5
    return Reduced(work, mask, max(stroke_width(mask), 1.0), outside(mask))
