"""Marks inside a ring (digitpad.reading.marks): a face is no digit; a zero with one mark in it,
a crossed zero and an 8 are still read."""

import numpy as np

from digitpad.reading.marks import marks_inside_ring
from digitpad.reading.predictor import MARKS, predict_image
from digitpad.reading.preprocess import to_ink
from digitpad.reading.reduced import reduced
from tests.helpers.shapes import CROSSED, FACE, LEFT_ALONE, RING, board, dot, oval


def marks_of(ink):
    return marks_inside_ring(reduced(ink))


def test_a_face_has_three_marks_inside_its_ring():
    assert marks_of(to_ink(board(*FACE))) == 3


def test_digits_have_at_most_one_mark_inside_a_ring():
    assert marks_of(to_ink(board(RING))) == 0
    assert marks_of(to_ink(board(RING, dot(140, 140)))) == 1  # a zero with a dot in it
    for strokes in (
        *CROSSED.values(),
        LEFT_ALONE["8 of two loops"],
        LEFT_ALONE["9 with a straight stem"],
    ):
        assert marks_of(to_ink(board(*strokes))) == 0


def test_specks_and_blank_boards_are_no_marks():
    assert reduced(np.zeros((280, 280), np.float32)) is None  # nothing to look at, no marks
    specks = to_ink(board(oval(140, 140, 90, 90)))
    specks[120, 120] = specks[160, 150] = 1.0  # two single pixels of dust inside a scanned ring
    assert marks_of(specks) == 0


def test_a_face_is_no_digit_though_the_network_reads_a_sure_0(shipped_model_as_read):
    shipped = shipped_model_as_read[0]
    pred = predict_image(shipped, board(*FACE))
    assert pred.digit is None and pred.reason == MARKS and pred.not_a_digit and pred.read
    assert int(pred.probabilities.argmax()) == 0  # what the network would have said is kept
    assert predict_image(shipped, board(RING, dot(140, 140))).digit == 0
