import numpy as np

from digitpad.averaging import WeightAverage


def test_the_average_moves_part_of_the_way_to_the_weights():
    w = np.zeros(3, np.float32)
    avg = WeightAverage([w], decay=0.9)
    w[...] = 1.0
    avg.update()  # warming up: keeps (1 + 1) / (10 + 1) of the old average
    np.testing.assert_allclose(avg.average[0], 1 - 2 / 11, rtol=1e-6)
    for _ in range(100):
        avg.update()
    w[...] = 2.0
    before = avg.average[0].copy()
    avg.update()  # warmed up: keeps decay of it
    np.testing.assert_allclose(avg.average[0], 0.9 * before + 0.1 * 2.0, rtol=1e-6)
    assert np.all(w == 2.0)  # the model's own weights are left alone


def test_in_use_lends_the_average_and_gives_the_weights_back():
    w = np.arange(4, dtype=np.float32)
    avg = WeightAverage([w], decay=0.5)
    avg.average[0][...] = -1.0
    with avg.in_use():
        assert np.all(w == -1.0)
    np.testing.assert_array_equal(w, np.arange(4))
    avg.copy_to_params()
    assert np.all(w == -1.0)
