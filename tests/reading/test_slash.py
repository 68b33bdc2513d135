"""Crossed zeros found in the ink and read without their line (digitpad.reading.slash), and the
shapes that must be left alone: rings without a line, 8s, 9s, crossed 7s, a bar closing an 8."""

import numpy as np
import pytest

from digitpad.reading.predictor import predict_image
from digitpad.reading.preprocess import to_ink
from digitpad.reading.reduced import reduced
from digitpad.reading.regions import dilate, has_hole
from digitpad.reading.slash import _extent, without_crossing
from tests.helpers.shapes import CROSSED, LEFT_ALONE, board, left_alone


def crossing_of(ink):
    return without_crossing(reduced(ink))


@pytest.mark.parametrize("name", CROSSED)
def test_a_line_through_a_ring_is_taken_out_and_the_ring_kept(name):
    drawing = reduced(to_ink(board(*CROSSED[name])))
    erased = without_crossing(drawing)
    assert erased is not None
    # What is left is the ring: it still closes around a hole (the open one once its gap of a
    # stroke width or so is shut), and the line's ends outside it are gone, so the ink spans
    # less of the board.
    before = drawing.mask
    after = erased > 0.5
    assert before.shape == after.shape
    assert has_hole(dilate(after, 3))
    assert after.sum() < 0.9 * before.sum()
    spans = [_extent(m) for m in (before, after)]
    assert spans[1][0] < spans[0][0] or spans[1][1] < spans[0][1]


@pytest.mark.parametrize("name", LEFT_ALONE)
def test_shapes_that_are_not_crossed_zeros_are_left_alone(name):
    assert crossing_of(to_ink(left_alone(name))) is None


def test_blank_and_tiny_drawings_have_no_crossing():
    assert reduced(np.zeros((280, 280), np.float32)) is None  # nothing to look at, nor cross
    dot = np.zeros((280, 280), np.float32)
    dot[100:103, 100:103] = 1.0
    assert crossing_of(dot) is None


@pytest.mark.parametrize("name", ["long shallow slash", "level bar sticking out"])
def test_a_crossed_zero_the_network_takes_for_an_8_is_read_as_a_sure_0(name, shipped_model_as_read):
    model = shipped_model_as_read[0]
    pred = predict_image(model, board(*CROSSED[name]))
    assert (pred.digit, pred.sure, pred.uncrossed) == (0, True, True)


def test_a_zero_read_right_as_drawn_is_not_read_twice(shipped_model_as_read):
    pred = predict_image(shipped_model_as_read[0], board(*CROSSED["steep slash"]))
    assert (pred.digit, pred.uncrossed) == (0, False)


@pytest.mark.parametrize("name", LEFT_ALONE)
def test_other_digits_keep_their_first_reading(name, shipped_model_as_read):
    pred = predict_image(shipped_model_as_read[0], left_alone(name))
    assert not pred.uncrossed
