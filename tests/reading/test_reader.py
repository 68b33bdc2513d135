import numpy as np

from digitpad.model.network import MLP
from digitpad.reading.calibration import Calibration
from digitpad.reading.reader import Reader


def small_reader(**reading) -> Reader:
    return Reader(MLP.create([784, 24, 10], "relu", "ce", np.random.default_rng(0)), **reading)


def test_reading_in_batches_gives_the_single_pass_answers():
    reader = small_reader()
    x = np.random.default_rng(1).random((7, 784), dtype=np.float32)
    whole = reader.network.forward(x)
    np.testing.assert_allclose(reader.predict_proba(x, batch_size=2), whole, rtol=1e-5)
    assert reader.predict_proba(x[:0]).shape == (0, 10)


def test_probabilities_are_the_calibrated_answers_and_sure_and_no_digit_follow_the_calibration():
    reader = small_reader(
        calibration=Calibration(temperature=3.0, sure_threshold=0.5, no_digit_level=0.95)
    )
    x = np.random.default_rng(2).random((6, 784), dtype=np.float32)
    probs = reader.probabilities(x)
    np.testing.assert_allclose(
        probs, reader.calibration.probabilities(reader.predict_proba(x)), rtol=1e-6
    )
    assert not np.allclose(probs, reader.predict_proba(x), atol=1e-3)  # the temperature flattened them
    assert (reader.sure(probs) == (probs.max(axis=1) >= 0.5)).all()
    flat = np.full((1, 10), 0.1, np.float32)
    assert reader.no_digit(flat)[0] and not reader.no_digit(np.eye(10, dtype=np.float32)[:1])[0]


def test_a_copy_reads_alike_and_its_weights_are_its_own():
    reader = small_reader(nudged=True, calibration=Calibration(temperature=2.0))
    twin = reader.copy()
    assert twin.nudged and twin.calibration == reader.calibration
    x = np.random.default_rng(3).random((3, 784), dtype=np.float32)
    np.testing.assert_array_equal(twin.predict_proba(x), reader.predict_proba(x))
    twin.network.params[0] += 1.0
    assert not np.array_equal(twin.network.params[0], reader.network.params[0])
