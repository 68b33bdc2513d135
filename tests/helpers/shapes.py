"""Digit-like shapes drawn from rings and straight lines on a 280 px board (black ink on white),
for the crossed-zero reading and the shapes it must leave alone."""

import numpy as np

from digitpad.pen.render import draw_strokes

BRUSH = 14.0  # pixels, on a 280 px board: the app's middle brush


def oval(cx, cy, rx, ry, gap_deg=0.0):
    """An oval (n, 2) in board pixels, open by ``gap_deg`` at the top."""
    t = np.deg2rad(np.linspace(-90 + gap_deg / 2, 270 - gap_deg / 2, 90))
    return np.stack([cx + rx * np.cos(t), cy + ry * np.sin(t)], axis=1)


def line(x0, y0, x1, y1):
    t = np.linspace(0.0, 1.0, 20)[:, None]
    return np.array([x0, y0]) + t * (np.array([x1, y1]) - np.array([x0, y0]))


def board(*strokes, brush=BRUSH):
    """A 280x280 grey board (uint8) with ``strokes`` (each (n, 2) in pixels) drawn on it with a
    ``brush`` pixels wide."""
    drawn = draw_strokes([np.asarray(s, float) for s in strokes], brush)
    out = np.full((280, 280), 255, np.uint8)
    h, w = min(drawn.shape[0], 280), min(drawn.shape[1], 280)
    out[:h, :w] = drawn[:h, :w]
    return out


RING = oval(140, 140, 50, 85)
# As one uqb writer makes it: a D on top of an oval, the waist a level bar across both.
FLAT_WAIST_8 = np.array(
    [
        [95.0, 148],
        [92, 100],
        [100, 62],
        [150, 58],
        [188, 80],
        [196, 120],
        [190, 148],
        [95, 148],
        [78, 185],
        [95, 232],
        [145, 246],
        [192, 230],
        [205, 188],
        [190, 148],
    ]
)
CROSSED = {
    "long shallow slash": (RING, line(60, 175, 220, 105)),
    "level bar sticking out": (RING, line(62, 142, 218, 138)),
    "steep slash": (RING, line(105, 245, 175, 35)),
    "slash through an open ring": (oval(140, 140, 50, 85, gap_deg=25), line(60, 175, 220, 105)),
}
LEFT_ALONE = {
    "plain ring": (RING,),
    "8 of two loops": (oval(140, 85, 38, 45), oval(140, 185, 45, 50)),
    "9 with a straight stem": (oval(140, 90, 45, 45), line(185, 90, 182, 240)),
    "crossed 7": (np.array([[80.0, 50], [200, 50], [120, 240]]), line(95, 145, 195, 145)),
    "8 with a flat waist": (FLAT_WAIST_8,),
    "4 with a closed top": (np.array([[170.0, 240], [170, 40], [80, 160], [210, 160]]),),
    # A waist bar that ends on a thin ring's stroke, and the flat-waisted 8 drawn squat with a
    # thick brush (a line found from wall to wall through its waist): erasing the line's ends
    # notched the walls they ended in, and the ends looked out of the ring.
    "bar only spanning a thin ring": (RING, line(94, 140, 186, 140)),
    "squat 8 with a flat waist, thick brush": (FLAT_WAIST_8 * [1.0, 0.8] + [0, 28],),
}
LEFT_ALONE_BRUSH = {
    "bar only spanning a thin ring": 8.0,
    "squat 8 with a flat waist, thick brush": 24.0,
}


def left_alone(name):
    """The board of the shape LEFT_ALONE[name], drawn with its own brush (LEFT_ALONE_BRUSH)."""
    return board(*LEFT_ALONE[name], brush=LEFT_ALONE_BRUSH.get(name, BRUSH))


def dot(cx, cy):
    """A tap of the brush: a one-point stroke (n=2 points at the same place)."""
    return np.array([[cx, cy], [cx + 0.5, cy]])


FACE = (oval(140, 140, 90, 90), dot(110, 115), dot(170, 115), oval(140, 160, 45, 25)[45:80])
