"""Pen digits: the compact shipped copy, splits by writer, and drawing them as network inputs."""

from pathlib import Path

import numpy as np
import pytest

from digitpad.errors import DataError
from digitpad.pen.digits import (
    PenDigits,
    calibration_split,
    load_pen_digits,
    shipped_pen_digits,
    write_compact,
)
from digitpad.pen.render import Look, draw_strokes, fit_to_look, pen_input, pen_inputs, random_look

PEN_DIGITS = Path(__file__).resolve().parents[2].parent / "shared" / "pen-digits" / "unipen-1a-dev.npz"


def toy_digits(n_writers=(5, 2), per_writer=4) -> PenDigits:
    rng = np.random.default_rng(0)
    points, stroke_off, sample_off, labels, writers = [], [0], [0], [], []
    for site, count in zip(("aaa", "bbb"), n_writers):
        for w in range(count):
            for k in range(per_writer):
                for _ in range(2):  # two strokes a digit
                    s = rng.uniform(0, 1000, (5, 2)).astype(np.float32)
                    points.append(s)
                    stroke_off.append(stroke_off[-1] + len(s))
                sample_off.append(sample_off[-1] + 2)
                labels.append(k % 10)
                writers.append(f"{site}/{site}/w{w}.dat")
    return PenDigits(
        np.concatenate(points),
        np.array(stroke_off),
        np.array(sample_off),
        np.array(labels),
        np.array(writers),
    )


def test_compact_copy_keeps_shapes_labels_and_writers(tmp_path):
    digits = toy_digits()
    write_compact(digits, tmp_path / "c.npz")
    back = load_pen_digits(tmp_path / "c.npz")
    assert len(back) == len(digits)
    assert np.array_equal(back.labels, digits.labels) and np.array_equal(back.writers, digits.writers)
    for i in range(len(digits)):
        a, b = np.concatenate(digits.strokes(i)), np.concatenate(back.strokes(i))
        # Same shape up to position and scale, within the 8-bit quantisation.
        norm = lambda p: (p - p.min(0)) / np.ptp(p, axis=0).max()  # noqa: E731
        assert np.abs(norm(a) - norm(b)).max() < 1.5 / 255


def test_broken_pen_files_are_refused(tmp_path):
    digits = toy_digits()
    bad = tmp_path / "bad.npz"
    np.savez(
        bad,
        points=digits.points,
        stroke_off=digits.stroke_off[:-1],
        sample_off=digits.sample_off,
        labels=digits.labels,
        writer=digits.writers,
    )
    with pytest.raises(DataError):
        load_pen_digits(bad)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(DataError):
        load_pen_digits(tmp_path / "junk.npz")
    np.savez(
        bad,
        points=digits.points,
        stroke_off=digits.stroke_off,
        sample_off=digits.sample_off,
        labels=digits.labels + 10,
        writer=digits.writers,
    )
    with pytest.raises(DataError, match="0-9"):
        load_pen_digits(bad)


def test_calibration_writers_are_never_training_writers():
    digits = toy_digits(n_writers=(8, 3))
    train, calib = calibration_split(digits)
    assert len(set(train) | set(calib)) == len(digits) and not set(train) & set(calib)
    assert not set(digits.writers[train]) & set(digits.writers[calib])
    # A site with fewer than four writers gives none away; the other gives at least one.
    assert set(digits.sites[calib]) == {"aaa"}


def test_subset_keeps_the_chosen_digits_in_order():
    digits = toy_digits()
    sub = digits.subset(np.array([5, 2]))
    assert list(sub.labels) == [digits.labels[5], digits.labels[2]]
    assert all(np.array_equal(a, b) for a, b in zip(sub.strokes(0), digits.strokes(5)))


def test_shipped_copy_is_small_and_has_every_site():
    from digitpad.store import paths

    path = paths.resources_dir() / "pen" / "unipen-1a.npz"
    assert path.stat().st_size <= 2 * 1024 * 1024
    digits = shipped_pen_digits()
    assert len(digits) == 7235
    assert set(digits.sites) == {"art", "cea", "ceb", "ced", "syn", "tos", "uqb"}


@pytest.mark.skipif(not PEN_DIGITS.is_file(), reason="../shared pen digits not available")
def test_shipped_copy_matches_the_development_set():
    full, shipped = load_pen_digits(PEN_DIGITS), shipped_pen_digits()
    assert np.array_equal(full.labels, shipped.labels) and np.array_equal(full.writers, shipped.writers)


def test_fit_and_draw_follow_the_look():
    strokes = [np.array([[0.0, 0.0], [0.0, 10.0]]), np.array([[-3.0, 5.0], [3.0, 5.0]])]
    fitted, width = fit_to_look(strokes, Look(height_px=100, brush=0.1))
    pts = np.concatenate(fitted)
    assert np.ptp(pts[:, 1]) == pytest.approx(100) and width == pytest.approx(10)
    assert pts.min() >= width  # a margin of paper all round
    image = draw_strokes(fitted, width)
    assert image.dtype == np.uint8 and image[0].min() == 255  # paper at the border
    ink = image < 128
    assert ink.sum() > 100 * 10 * 0.8  # the stem, about 10 px wide


def test_every_look_of_a_digit_gives_an_input():
    rng = np.random.default_rng(1)
    strokes = [np.stack([np.cos(t), np.sin(t)], 1) for t in [np.linspace(0, 6.3, 40)]]
    for _ in range(30):
        x = pen_input(strokes, random_look(rng))
        assert x is not None and x.shape == (784,) and x.dtype == np.float32
        assert 0.9 <= x.max() <= 1.0


def test_pen_inputs_keep_labels_with_their_drawings():
    digits = toy_digits()
    rng = np.random.default_rng(2)
    x, y = pen_inputs(digits.strokes, digits.labels, np.arange(len(digits)), rng)
    assert x.shape == (len(digits), 784) and np.array_equal(y, digits.labels)
