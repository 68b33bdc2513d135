"""A zero crossed by a straight stroke (Ø, or θ with a level bar), found in the ink and taken out.

Many writers cross their zeros. A network that learnt digits from MNIST sees a ring with a stroke
through it as an 8 (two loops) and is sure of it; synthetic crossed zeros in training fixed those
but cost accuracy on real writers elsewhere (README, "Digits people draw"). So the reader looks for
the crossing instead: a straight run of ink, long for the drawing, whose middle lies inside a ring
that stays closed when the line is taken out, and whose ends stick out of the ring on both sides.
``without_crossing`` returns the ink with that line erased (the ring kept where the line crossed
it), for a second reading; the predictor keeps the second reading only when it is a sure 0
(digitpad.reading.predictor).

The search runs on the drawing reduced to about ``reduced.WORK_SIDE`` pixels (``reduced.Reduced``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digitpad.reading.reduced import Reduced
from digitpad.reading.regions import dilate, enclosed

ANGLES = np.deg2rad(np.arange(0.0, 180.0, 2.0))  # line directions tried (Hough transform)
PEAKS = 6  # strongest lines looked at
MIN_LENGTH = 0.45  # a crossing runs at least this share of the drawing's longer side
MIN_HOLE = 0.12  # the ring's inside, with the stroke taken out: at least this share of the box
ON_INK = 0.9  # a straight stroke: at least this share of its centre line lies on ink
MIDDLE = 0.15  # the stretch of the line, each way from its middle, that must lie inside the ring
PAST = 0.5  # both ends of the line stick out of the ring by at least this many stroke widths
CLEAR = 1.1  # and lie at least this many stroke widths from its inside: its wall and a little more
GAP = 1.0  # the ring is looked at with its strokes this many stroke widths fatter (gaps shut)


@dataclass(frozen=True)
class Segment:
    """A straight run of ink from (y0, x0) to (y1, x1), in work pixels."""

    y0: float
    x0: float
    y1: float
    x1: float

    @property
    def length(self) -> float:
        return float(np.hypot(self.y1 - self.y0, self.x1 - self.x0))

    @property
    def direction(self) -> tuple[float, float]:
        """The unit vector (dy, dx) from its start to its end."""
        return (self.y1 - self.y0) / self.length, (self.x1 - self.x0) / self.length

    def coordinates(self, ys: np.ndarray, xs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of points (ys, xs): how far along the segment's line from its start, and how far to
        one side of it (signed), in pixels."""
        dy, dx = self.direction
        py, px = ys - self.y0, xs - self.x0
        return py * dy + px * dx, px * dy - py * dx

    def tips(self, width: float) -> tuple[tuple[float, float], tuple[float, float]]:
        """Where the ink of a stroke ``width`` wide along the segment ends: half a width past
        each end."""
        dy, dx = self.direction
        half = width / 2
        return (self.y0 - half * dy, self.x0 - half * dx), (self.y1 + half * dy, self.x1 + half * dx)

    def distance(self, ys: np.ndarray, xs: np.ndarray) -> np.ndarray:
        """Distance of points (ys, xs) (any shape) from the segment."""
        dy, dx = self.y1 - self.y0, self.x1 - self.x0
        t = ((ys - self.y0) * dy + (xs - self.x0) * dx) / max(dy * dy + dx * dx, 1e-9)
        t = np.clip(t, 0.0, 1.0)
        return np.hypot(ys - (self.y0 + t * dy), xs - (self.x0 + t * dx))


def without_crossing(drawing: Reduced) -> np.ndarray | None:
    """The drawing's reduced ink (H, W) with a stroke that crosses a ring erased, or None when
    there is no such stroke."""
    if not drawing.has_hole:  # a crossed ring always leaves at least one
        return None
    mask, width = drawing.mask, drawing.width
    longest = max(_extent(mask))
    for segment in _straight_runs(mask, width, MIN_LENGTH * longest):
        erased = _erased(drawing.ink, segment, width)
        if erased is not None:
            return erased
    return None


def _extent(mask: np.ndarray) -> tuple[int, int]:
    rows, cols = np.flatnonzero(mask.any(axis=1)), np.flatnonzero(mask.any(axis=0))
    return int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)


def _straight_runs(mask: np.ndarray, width: float, min_length: float) -> list[Segment]:
    """The longest straight runs of ink (at least ``min_length`` long) along the strongest lines
    of a Hough transform of ``mask`` (H, W) bool, longest first."""
    votes, offset = _hough(mask)
    cos, sin = np.cos(ANGLES), np.sin(ANGLES)
    runs: list[Segment] = []
    tried: list[tuple[int, int]] = []
    voted = np.flatnonzero(votes)  # most cells get no vote; selecting among them is quicker
    count = min(PEAKS * 8, len(voted))
    top = voted[np.argpartition(votes.ravel()[voted], -count)[-count:]]
    for flat in top[np.argsort(votes.ravel()[top])[::-1]]:
        a, r = divmod(int(flat), votes.shape[1])
        if any(_near(a, r, a2, r2, width) for a2, r2 in tried):
            continue  # the same line, a little turned or moved: already followed
        tried.append((a, r))
        run = _run_along(mask, cos[a], sin[a], r - offset, width)
        if run is None or run.length < min_length - width:  # fitting moves its ends a little
            continue
        segment = _fitted(mask, run, width)
        if segment is None or segment.length < min_length:
            continue
        if not any(_same(segment, s, width) for s in runs):
            runs.append(segment)
        if len(runs) >= PEAKS:
            break
    return sorted(runs, key=lambda s: -s.length)


def _hough(mask: np.ndarray) -> tuple[np.ndarray, int]:
    """Votes (angles, 2 * offset + 1) of the ink pixels of ``mask`` (H, W) bool for the lines
    x cos + y sin = rho, rho rounded and shifted by ``offset`` (returned too)."""
    ys, xs = np.nonzero(mask)
    rho = np.rint(xs[:, None] * np.cos(ANGLES) + ys[:, None] * np.sin(ANGLES)).astype(np.int64)
    offset = int(np.hypot(*mask.shape)) + 1
    cells = np.arange(len(ANGLES)) * (2 * offset + 1) + rho + offset  # (n, angles)
    votes = np.bincount(cells.ravel(), minlength=(2 * offset + 1) * len(ANGLES))
    return votes.reshape(len(ANGLES), 2 * offset + 1), offset


def _near(a: int, r: int, a2: int, r2: int, width: float) -> bool:
    """Hough cells (angle index, rho) of nearly the same line."""
    turn = min(abs(a - a2), len(ANGLES) - abs(a - a2))
    return turn <= 2 and abs(r - r2) <= width / 2


def _fitted(mask: np.ndarray, run: Segment | None, width: float) -> Segment | None:
    """``run`` fitted to its own ink (within half a stroke width of it, by least squares), from
    end to end of that ink: Hough's line is only the nearest of the lines it tries. None if the
    fitted line leaves the ink (it was no straight stroke but ink that happens to line up)."""
    if run is None or run.length < 2 * width:
        return run
    ys, xs = np.nonzero(mask)
    near = run.distance(ys, xs) <= width / 2
    points = np.stack([ys[near], xs[near]], axis=1).astype(np.float64)
    centre = points.mean(axis=0)
    direction = np.linalg.svd(points - centre, full_matrices=False)[2][0]
    along = (points - centre) @ direction
    start = centre + (along.min() + width / 2) * direction
    end = centre + (along.max() - width / 2) * direction
    t = np.linspace(0.0, 1.0, max(2, int(run.length)))[:, None]
    samples = np.rint(start + t * (end - start)).astype(int)
    inside = (samples >= 0).all(axis=1) & (samples < mask.shape).all(axis=1)
    if mask[samples[inside, 0], samples[inside, 1]].sum() < ON_INK * len(samples):
        return None
    return Segment(float(start[0]), float(start[1]), float(end[0]), float(end[1]))


def _same(a: Segment, b: Segment, width: float) -> bool:
    """Two runs that are the same stroke seen along neighbouring lines."""
    ends = np.array([[a.y0, a.x0], [a.y1, a.x1]])
    return bool(b.distance(ends[:, 0], ends[:, 1]).max() <= width)


def _run_along(mask: np.ndarray, cos: float, sin: float, rho: float, width: float) -> Segment | None:
    """The longest run of ink on the line x cos + y sin = rho, bridging gaps up to ``width``."""
    h, w = mask.shape
    length = np.hypot(h, w)
    t = np.arange(-length, length, 0.5)
    xs, ys = rho * cos - t * sin, rho * sin + t * cos
    inside = (xs > -0.5) & (xs < w - 0.5) & (ys > -0.5) & (ys < h - 0.5)
    t, xs, ys = t[inside], xs[inside], ys[inside]
    on_ink = np.flatnonzero(mask[np.rint(ys).astype(int), np.rint(xs).astype(int)])
    if len(on_ink) == 0:
        return None
    breaks = np.flatnonzero(np.diff(t[on_ink]) > width)  # gaps wider than a stroke end a run
    starts = on_ink[np.concatenate([[0], breaks + 1])]
    ends = on_ink[np.concatenate([breaks, [len(on_ink) - 1]])]
    k = int(np.argmax(t[ends] - t[starts]))
    i, j = starts[k], ends[k]
    return Segment(float(ys[i]), float(xs[i]), float(ys[j]), float(xs[j]))


def _erased(work: np.ndarray, segment: Segment, width: float) -> np.ndarray | None:
    """``work`` (H, W) with ``segment`` erased except where other ink crosses it (the ring goes on
    through there), if the segment is a line through a ring (``_through_ring``); else None."""
    grid_y, grid_x = np.mgrid[0 : work.shape[0], 0 : work.shape[1]]
    along, across = segment.coordinates(grid_y, grid_x)
    distance = segment.distance(grid_y, grid_x)
    band = distance <= width / 2 + 1.5  # the line's own ink
    ink = work > 0.5
    # Ink just outside the band on a side of it, per whole pixel along it (beyond its ends the
    # line's own round caps would look like that).
    fringe = ink & ~band & (distance <= width / 2 + 3.0) & (along > 0) & (along < segment.length)
    bins = np.rint(along).astype(np.int64) - int(np.floor(along.min()))
    sides = [
        np.bincount(bins[fringe & (across * sign > 0)], minlength=bins.max() + 1) > 0 for sign in (1, -1)
    ]
    # Ink on both sides at nearly the same place along the line is a stroke crossing it.
    reach = max(1, int(round(width / 2)))
    crossed = sides[0] & _spread(sides[1], reach) | sides[1] & _spread(sides[0], reach)
    keep = band & ink & crossed[bins]
    rest = ink & ~band | keep
    # Other ink beside the middle of the line, on either side, is no ring's inside but where
    # two loops meet (the waist of an 8).
    mid = int(round(segment.length / 2)) - int(np.floor(along.min()))
    if (sides[0] | sides[1])[max(mid - 1, 0) : mid + 2].any():
        return None
    middle = band & (np.abs(along - segment.length / 2) <= MIDDLE * segment.length)
    if not _through_ring(rest, middle, segment, width):
        return None
    return np.where(band & ~keep, 0.0, work).astype(np.float32)


def _through_ring(rest: np.ndarray, middle: np.ndarray, segment: Segment, width: float) -> bool:
    """Whether the ink ``rest`` (H, W) bool, the drawing without the line, is a ring around the
    line's ``middle`` stretch (H, W) bool, big enough, with both ends of the line out of it.

    Many writers leave their zero a little open: if the inside leaks out, gaps up to about two
    stroke widths are shut (the strokes made that much fatter) and the hole found so is grown
    back to the ink."""
    hole = enclosed(~rest, middle & ~rest)
    if hole is None:
        fatter = max(1, int(round(width * GAP)))
        shut = dilate(rest, fatter)
        hole = enclosed(~shut, middle & ~shut) if (middle & ~shut).any() else None
        if hole is None:
            return False
        hole = dilate(hole, fatter) & ~rest
    if hole.sum() < MIN_HOLE * np.prod(_extent(rest)):
        return False
    # Both ends stick out of the ring (PAST): a bar that only spans it is also how some writers
    # close the waist of an 8. Erasing the line's end notches the wall it ends in, so an end is
    # also held to its distance from the inside, which no erasing moves (CLEAR).
    beyond = ~dilate(rest | hole, max(1, int(round(width * PAST))))
    hole_ys, hole_xs = np.nonzero(hole)
    return all(
        beyond[_inside(tip, beyond.shape)]
        and np.hypot(hole_ys - tip[0], hole_xs - tip[1]).min() >= CLEAR * width
        for tip in segment.tips(width)
    )


def _inside(point: tuple[float, float], shape: tuple[int, ...]) -> tuple[int, int]:
    """The pixel (row, column) nearest ``point`` within an image of ``shape``."""
    return min(max(round(point[0]), 0), shape[0] - 1), min(max(round(point[1]), 0), shape[1] - 1)


def _spread(flags: np.ndarray, reach: int) -> np.ndarray:
    """``flags`` (n,) bool, each True spread ``reach`` places both ways."""
    out = flags.copy()
    for k in range(1, reach + 1):
        out[k:] |= flags[:-k]
        out[:-k] |= flags[k:]
    return out
