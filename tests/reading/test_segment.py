import numpy as np

from digitpad.reading.segment import group_strokes


def line(x0, y0, x1, y1):
    return np.array([(x0, y0), (x1, y1)])


def test_digits_side_by_side_are_separate_and_ordered():
    one = line(0.62, 0.3, 0.62, 0.7)
    seven = [line(0.1, 0.3, 0.3, 0.3), line(0.3, 0.3, 0.18, 0.7)]
    strokes = [one, *seven]
    assert group_strokes(strokes) == [[1, 2], [0]]


def test_two_stroke_four_and_five_stay_whole():
    four = [line(0.4, 0.2, 0.3, 0.5), line(0.3, 0.5, 0.55, 0.5), line(0.5, 0.35, 0.5, 0.8)]
    five_body = np.array([(0.7, 0.2), (0.68, 0.45), (0.8, 0.5), (0.78, 0.7), (0.66, 0.72)])
    five_bar = line(0.69, 0.2, 0.85, 0.2)
    assert group_strokes([*four, five_body, five_bar]) == [[0, 1, 2], [3, 4]]


def test_empty_and_single():
    assert group_strokes([]) == []
    assert group_strokes([line(0.1, 0.1, 0.1, 0.5)]) == [[0]]
