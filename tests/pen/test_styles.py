"""Each writing style is really drawn, and only where it applies."""

import numpy as np
import pytest

from digitpad.pen import styles
from digitpad.pen.render import Look, pen_input


def oval(n=40, w=0.6, h=1.0):
    t = np.linspace(0, 2 * np.pi, n)
    return [np.stack([w / 2 * np.cos(t), h / 2 * np.sin(t)], axis=1)]


def stem(top=-0.5, bottom=0.5):
    return [np.stack([np.zeros(12), np.linspace(top, bottom, 12)], axis=1)]


def seven():
    bar = np.stack([np.linspace(-0.3, 0.3, 8), np.full(8, -0.5)], axis=1)
    diag = np.stack([np.linspace(0.3, -0.1, 10), np.linspace(-0.5, 0.5, 10)], axis=1)
    return [np.vstack([bar, diag[1:]])]


def open_four():
    arm = np.array([[-0.3, -0.5], [-0.3, 0.1], [0.3, 0.1]])
    return [arm, np.array([[0.1, -0.5], [0.1, 0.5]])]


def closed_four():
    arm = np.array([[0.1, -0.5], [-0.15, -0.2], [-0.3, 0.1], [0.3, 0.1]])
    return [arm, np.array([[0.1, -0.5], [0.1, 0.5]])]


def nine(curl=False):
    loop = [
        np.stack([0.25 * np.cos(t), -0.25 + 0.25 * np.sin(t)], 1)
        for t in [np.linspace(0, 2 * np.pi, 30)]
    ]
    tail = np.stack([np.full(10, 0.25), np.linspace(-0.25, 0.5, 10)], axis=1)
    if curl:
        tail = np.vstack([tail, [[0.15, 0.6], [0.0, 0.55], [-0.05, 0.45]]])
    return [np.vstack([loop[0], tail])]


def crossings(strokes, a, b):
    """How many times the segment a-b crosses the polylines."""

    def ccw(p, q, r):
        return (q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0])

    count = 0
    for s in strokes:
        for p, q in zip(s[:-1], s[1:]):
            if ccw(a, b, p) * ccw(a, b, q) < 0 and ccw(p, q, a) * ccw(p, q, b) < 0:
                count += 1
    return count


@pytest.fixture
def rng():
    return np.random.default_rng(0)


def test_slash_crosses_the_oval_from_lower_left_to_upper_right(rng):
    for _ in range(20):
        out = styles.slash_zero(oval(), rng, overshoot=True)
        slash = out[-1]
        assert len(out) == 2
        start, end = slash[0], slash[-1]
        assert start[0] < end[0] and start[1] > end[1]  # y grows downwards: lower left to upper right
        assert crossings(oval(), start, end) == 2


def test_half_the_overshooting_slashes_are_phis(rng):
    phis = 0
    for _ in range(300):
        zero, slash = styles.slash_zero(oval(), rng, overshoot=True)
        width = np.ptp(zero[:, 0])
        dx, dy = np.abs(slash[-1] - slash[0])
        phis += dy >= 1.45 and dx <= 0.7 * width  # far beyond top and bottom, steep for its oval
    # Without the phi branch about a third of slashes come out this long and steep by chance.
    assert phis / 300 >= styles.PHI_CHANCE


def test_phi_ovals_are_round_and_sit_high_on_the_stroke(rng):
    """uqb's phis: a round oval, with the stroke reaching further below it than above."""
    below_minus_above = []
    for _ in range(300):
        zero, slash = styles.slash_zero(oval(w=0.6), rng, overshoot=True)
        if np.ptp(zero[:, 0]) > 0.6:  # widened: a phi
            assert 0.88 <= np.ptp(zero[:, 0]) / np.ptp(zero[:, 1]) <= 1.42
            assert np.allclose(zero[:, 1], oval()[0][:, 1])  # only stretched sideways
            below_minus_above.append((slash[0, 1] - 0.5) - (-0.5 - slash[-1, 1]))
    assert abs(len(below_minus_above) / 300 - styles.PHI_CHANCE) < 0.08
    assert np.mean(below_minus_above) > 0.1


def test_inner_slash_stays_inside_the_oval(rng):
    for _ in range(20):
        slash = styles.slash_zero(oval(), rng, overshoot=False)[-1]
        assert np.all((slash[:, 0] / 0.3) ** 2 + (slash[:, 1] / 0.5) ** 2 < 1)
        assert crossings(oval(), slash[0], slash[-1]) == 0


def test_flag_leaves_the_top_down_left_at_the_asked_angle_and_length(rng):
    for _ in range(30):
        out = styles.flag_one(stem(), rng)
        assert len(out) == 1  # written in one movement with the stem
        s = out[0]
        top_i = int(np.argmin(s[:, 1]))
        foot, top = s[0], s[top_i]
        dx, dy = foot - top
        assert dx < 0 and dy > 0  # down and to the left of the top
        angle = np.degrees(np.arctan2(dy, -dx))
        assert 3 <= angle <= 60
        assert 0.2 <= np.hypot(dx, dy) <= 0.85


def test_some_flags_are_long_like_uqbs(rng):
    lengths = []
    for _ in range(300):
        s = styles.flag_one(stem(), rng)[0]
        lengths.append(np.hypot(*(s[0] - s[int(np.argmin(s[:, 1]))])))
    long_share = np.mean(np.array(lengths) > 0.6)
    assert abs(long_share - styles.LONG_FLAG_CHANCE) < 0.08


def test_some_flags_are_short_and_nearly_flat_like_uqbs(rng):
    """uqb's ones that models read as 7 all had a short flag within 20 degrees of level."""
    shallow = 0
    for _ in range(300):
        s = styles.flag_one(stem(), rng)[0]
        dx, dy = s[0] - s[int(np.argmin(s[:, 1]))]
        shallow += np.degrees(np.arctan2(dy, -dx)) < 20 and np.hypot(dx, dy) <= 0.45
    assert abs(shallow / 300 - styles.SHALLOW_FLAG_CHANCE) < 0.08


def test_foot_sits_under_the_stem(rng):
    out = styles.foot_one(stem(), rng)
    foot = out[-1]
    for _ in range(20):
        foot = styles.foot_one(stem(), rng)[-1]
        assert (
            np.ptp(foot[:, 1]) <= 0.1 + 1e-9 and abs(foot[:, 1].mean() - 0.5) < 0.04
        )  # flat, at the bottom
        assert foot[0, 0] <= -0.1 and foot[-1, 0] >= 0.1  # reaching out on both sides of the stem
        assert 0.2 <= np.ptp(foot[:, 0]) <= 0.9


def test_crossbar_goes_through_the_seven_stem(rng):
    for _ in range(20):
        out = styles.cross_seven(seven(), rng)
        bar = out[-1]
        assert len(out) == 2
        assert crossings(seven(), bar[0], bar[-1]) == 1
        assert -0.1 < bar[:, 1].mean() < 0.15  # about half height


def two():
    """A one-stroke two: an arc, a diagonal down to the bottom-left corner, then the base."""
    t = np.linspace(np.pi, 2.2 * np.pi, 12)
    arc = np.stack([0.3 * np.cos(t), -0.25 + 0.25 * np.sin(t)], axis=1)
    diag = np.stack([np.linspace(arc[-1, 0], -0.3, 8), np.linspace(arc[-1, 1], 0.5, 8)], axis=1)
    base = np.stack([np.linspace(-0.3, 0.35, 6), np.full(6, 0.5)], axis=1)
    return [np.vstack([arc, diag[1:], base[1:]])]


def self_crossings(stroke):
    return sum(crossings([stroke[j + 2 :]], stroke[j], stroke[j + 1]) for j in range(len(stroke) - 3))


def test_looped_two_loops_at_the_bottom_left_corner(rng):
    assert self_crossings(two()[0]) == 0
    for _ in range(20):
        out = styles.loop_two(two(), rng)
        assert len(out) == 1  # still one movement
        looped = out[0]
        assert self_crossings(looped) >= 1  # the pen crosses its own path: a loop
        added = looped[len(two()[0]) - 6 : len(looped) - 6]  # the base's 6 points follow the loop
        assert added[:, 0].mean() < -0.15 and added[:, 1].mean() > 0.25  # at the bottom left
    two_strokes = two() + stem()
    assert styles.loop_two(two_strokes, rng) is two_strokes  # only a one-stroke two gets a loop


def test_fours_open_and_close(rng):
    closed = styles.close_four(open_four(), rng)
    assert len(closed) == 3
    link = closed[0]
    assert abs(link[-1][0] - -0.3) < 1e-9 and abs(link[0][0] - 0.1) < 1e-9
    assert len(styles.close_four(closed_four(), rng)) == 2  # a closed four stays as it is
    opened = styles.open_four(closed_four(), rng)
    arm = opened[0]
    assert arm[0][1] < -0.3 and abs(arm[0][0] - -0.3) <= 0.15 * 0.6 + 1e-9  # straight down to the corner
    assert len(styles.open_four(open_four(), rng)) == 2  # an open four stays as it is


def test_nine_tails_curl_and_straighten(rng):
    curled = styles.curl_nine(nine(), rng)[0]
    assert len(curled) > len(nine()[0])
    assert curled[-1][0] < 0.25 - 0.05  # the hook turns left
    straight = styles.straighten_nine(nine(curl=True), rng)[0]
    assert straight[-1][1] == straight[:, 1].max()  # ends at its lowest point
    assert len(styles.straighten_nine(nine(), rng)[0]) == len(nine()[0])


def test_restyle_keeps_other_digits_and_inputs_untouched(rng):
    strokes = oval()
    before = [s.copy() for s in strokes]
    assert styles.restyle(strokes, 3, rng) is strokes
    for _ in range(10):
        styles.restyle(strokes, 0, rng)
    assert all(np.array_equal(a, b) for a, b in zip(before, strokes))


def test_styled_digits_render_to_different_inputs(rng):
    plain = pen_input(oval(), Look())
    slashed = pen_input(styles.slash_zero(oval(), rng, overshoot=True), Look())
    assert plain is not None and slashed is not None
    # The slash puts ink in the middle of the zero, where a plain zero has none.
    middle = slice(12, 16)
    assert (
        slashed.reshape(28, 28)[middle, middle].sum() > plain.reshape(28, 28)[middle, middle].sum() + 1
    )


def slash_angle_and_length(oval_strokes, slash):
    """The slash's rise in degrees from level (left to right) and its length over the oval's width."""
    (x0, y0), (x1, y1) = slash[0], slash[-1]
    angle = np.degrees(np.arctan2(y0 - y1, x1 - x0))  # y grows downwards
    return angle, np.hypot(x1 - x0, y1 - y0) / np.ptp(oval_strokes[0][:, 0])


def test_crossing_is_drawn_at_the_asked_angle_length_and_place():
    zero = oval(w=0.6, h=1.0)
    out = styles.crossing(zero, 0.0, 2.0, offset=(0.0, 0.25))
    bar = out[-1]
    assert len(out) == 2 and np.allclose(
        bar[:, 1], 0.25, atol=0.01
    )  # level, a quarter of the height down
    assert np.isclose(np.ptp(bar[:, 0]), 1.2, rtol=0.01)  # twice the oval's width
    angle, length = slash_angle_and_length(zero, styles.crossing(zero, 60.0, 0.5)[-1])
    assert np.isclose(angle, 60.0) and np.isclose(length, 0.5)


def test_widened_zero_crossings_cover_level_to_steep_and_inside_to_twice_the_width(rng):
    """Version 2 crosses zeros as writers do: a theta's level bar to a steep slash, from inside
    the oval to twice its width, anywhere across it."""
    zero = oval(w=0.6, h=1.0)
    angles, lengths, middles = [], [], []
    for _ in range(400):
        out = styles.wide_crossing(zero, rng)
        assert len(out) == 2 and np.array_equal(out[0], zero[0])
        angle, length = slash_angle_and_length(zero, out[-1])
        angles.append(angle)
        lengths.append(length)
        middles.append(out[-1].mean(axis=0))
    angles, lengths, middles = np.array(angles), np.array(lengths), np.array(middles)
    assert np.all((angles > -6) & (angles < 90))
    assert np.mean(np.abs(angles) < 5) > 0.03  # theta-like level bars
    assert np.mean(angles > 60) > 0.05  # steep slashes
    assert np.mean(lengths < 0.7) > 0.05  # inside the oval
    assert np.mean(lengths > 1.8) > 0.03  # twice its width
    crossed = lengths < 2.1
    assert np.ptp(middles[crossed, 1]) > 0.4 and np.ptp(middles[crossed, 0]) > 0.2  # anywhere across


def test_widened_flags_reach_long_and_level_and_end_above_the_baseline(rng):
    angles, lengths = [], []
    for _ in range(400):
        s = styles.wide_flag(stem(), rng)[0]
        top_i = int(np.argmin(s[:, 1]))
        dx, dy = s[0] - s[top_i]
        assert dx < 0 and dy >= 0  # down and to the left of the top
        assert s[0, 1] <= 0.5 - 0.2 + 1e-9  # ends at least a fifth of the height above the baseline
        angles.append(np.degrees(np.arctan2(dy, -dx)))
        lengths.append(np.hypot(dx, dy))
    angles, lengths = np.array(angles), np.array(lengths)
    assert angles.min() < 3 and angles.max() > 60
    assert lengths.min() < 0.25 and np.mean(lengths > 1.0) > 0.03  # longer than the stem is tall


def test_version_1_styles_are_unchanged_and_version_2_widens_only_zeros_and_ones():
    assert styles.VERSIONS[1] is styles.STYLES
    assert styles.STYLES[0] == [(styles.slash_zero, 0.5)]
    assert [f for f, _ in styles.STYLES[1]] == [styles.flag_one, styles.foot_one]
    wide = styles.VERSIONS[2]
    assert {d: wide[d] for d in wide if d not in (0, 1)} == {
        d: styles.STYLES[d] for d in styles.STYLES if d not in (0, 1)
    }
    assert wide[0] == [(styles.cross_zero, 0.5)]
    assert [f for f, _ in wide[1]] == [styles.wide_flag_one, styles.foot_one]


@pytest.mark.parametrize("version", [0, 1, 2])
def test_labels_never_change_whatever_the_styles(version):
    from digitpad.pen.digits import shipped_pen_digits
    from digitpad.pen.render import pen_inputs

    pen = shipped_pen_digits()
    picked = np.concatenate([np.nonzero(pen.labels == d)[0][:6] for d in range(10)])
    x, y = pen_inputs(pen.strokes, pen.labels, picked, np.random.default_rng(1), version)
    assert len(y) == len(picked) and np.array_equal(y, pen.labels[picked])
    assert x.shape == (len(picked), 784)
