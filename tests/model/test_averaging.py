import tracemalloc

import numpy as np

from digitpad.model.averaging import CHUNK, WeightAverage


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
    avg.copy_to([w])
    assert np.all(w == -1.0)


def test_large_and_strided_weights_are_averaged_whole():
    """Arrays bigger than one chunk, with rows not a divisor of it, and not contiguous."""
    rng = np.random.default_rng(0)
    params = [
        rng.normal(size=(700, 300)).astype(np.float32),
        rng.normal(size=(300, 90)).T,
        rng.normal(size=CHUNK + 7),
    ]
    start = [p.copy() for p in params]
    avg = WeightAverage(params, decay=0.5)
    for p in params:
        p += 1.0
    avg.update()  # keeps 2 / 11 of the old average
    for a, p0 in zip(avg.average, start):
        np.testing.assert_allclose(a, p0 + 9 / 11, rtol=1e-5, atol=1e-6)
    with avg.in_use():
        lent = [p.copy() for p in params]
    for p, p0, a, seen in zip(params, start, avg.average, lent):
        np.testing.assert_array_equal(p, p0 + 1.0)  # given back exactly
        np.testing.assert_array_equal(seen, a)  # and the average was what the block saw


def test_needs_one_copy_of_the_weights_and_no_more():
    """Bug: a full scratch copy for every step and another full copy while the average was
    measured: a network at the 50 M parameter limit needed 400 MB more, 600 MB at every epoch's end."""
    params = [np.ones((2000, 1000), np.float32), np.ones(1000, np.float32)]
    size = sum(p.nbytes for p in params)
    tracemalloc.start()
    try:
        avg = WeightAverage(params, decay=0.9)
        avg.update()
        with avg.in_use():
            pass
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < size + 4 * CHUNK * 4
