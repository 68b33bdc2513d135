import numpy as np
import pytest

from digitpad.data.mnist import Dataset
from digitpad.errors import ModelFileError
from digitpad.model.network import MLP
from digitpad.reading.calibration import Calibration
from digitpad.reading.nudge import NUDGES, nudged, nudged_average
from digitpad.reading.predictor import predict_input
from digitpad.reading.reader import Reader
from digitpad.store.modelfile import load_model, save_model
from digitpad.training.config import PRESETS, TrainConfig
from digitpad.training.trainer import Trainer, accuracy, split_indices
from tests.helpers.model_files import metadata_array


def one_pixel(row: int, col: int) -> np.ndarray:
    x = np.zeros((1, 784), np.float32)
    x[0, row * 28 + col] = 1.0
    return x


def test_each_copy_moves_the_ink_one_pixel_its_way():
    copies = nudged(one_pixel(10, 20))
    assert copies.shape == (len(NUDGES), 1, 784)
    for copy, (dy, dx) in zip(copies, NUDGES):
        assert copy.sum() == 1.0
        assert copy[0].reshape(28, 28)[10 + dy, 20 + dx] == 1.0


def test_ink_nudged_off_the_edge_is_dropped():
    copies = nudged(one_pixel(0, 27))
    kept = {(dy, dx) for copy, (dy, dx) in zip(copies, NUDGES) if copy.sum() > 0}
    assert kept == {(0, 0), (1, 0), (0, -1)}  # up and right leave the image


def test_the_average_is_over_all_copies_of_each_digit():
    rng = np.random.default_rng(0)
    x = rng.random((3, 784), dtype=np.float32)
    weights = rng.random((784, 10), dtype=np.float32)
    mean = nudged_average(lambda batch: batch @ weights, x)
    expected = np.mean([copy @ weights for copy in nudged(x)], axis=0)
    np.testing.assert_allclose(mean, expected, rtol=1e-5)


def small_model(nudged: bool) -> Reader:
    return Reader(MLP.create([784, 32, 10], "relu", "ce", np.random.default_rng(1)), nudged=nudged)


def test_a_nudging_model_reads_the_mean_of_its_five_readings():
    x = np.random.default_rng(2).random((5, 784), dtype=np.float32)
    plain, nudging = small_model(False), small_model(True)
    np.testing.assert_array_equal(plain.predict_proba(x), plain.network.forward(x))
    expected = np.mean([plain.network.forward(copy) for copy in nudged(x)], axis=0)
    np.testing.assert_allclose(nudging.predict_proba(x, batch_size=7), expected, rtol=1e-5)
    assert not np.allclose(nudging.predict_proba(x), plain.network.forward(x))
    assert nudging.copy().nudged


def test_predictions_and_accuracy_use_the_nudged_reading():
    x = np.random.default_rng(3).random((4, 784), dtype=np.float32)
    model = small_model(True)
    model.calibration = Calibration(temperature=1.5, sure_threshold=0.9)
    raw = np.mean([model.network.forward(copy) for copy in nudged(x)], axis=0)
    prediction = predict_input(model, x[0])
    np.testing.assert_allclose(
        prediction.probabilities, model.calibration.probabilities(raw[:1])[0], rtol=1e-5
    )
    labels = raw.argmax(1)  # right exactly when read nudged
    data = Dataset(x, labels.astype(np.int64))
    assert accuracy(model, data) == 1.0
    model.nudged = False
    assert accuracy(model, data) == (model.network.forward(x).argmax(1) == labels).mean()


def test_the_setting_reaches_the_trained_model_and_its_file(tmp_path):
    rng = np.random.default_rng(4)
    train = Dataset(rng.random((64, 784), dtype=np.float32), rng.integers(0, 10, 64))
    assert PRESETS["best"].nudge and not TrainConfig().nudge
    config = TrainConfig(hidden=(8,), epochs=1, batch_size=32, nudge=True)
    trainer = Trainer(config, train)
    assert trainer.model.nudged
    path = save_model(trainer.model, tmp_path / "m.npz")
    loaded, meta = load_model(path)
    assert loaded.nudged and meta["nudged_reading"] is True
    assert not load_model(save_model(small_model(False), tmp_path / "p.npz"))[0].nudged


def written_by_hand(path, **metadata):
    """A 784-16-10 model file with the minimal metadata plus ``metadata``."""
    model = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(6)))
    arrays = {
        f"{kind}{i}": p for i, pair in enumerate(model.network.layers()) for kind, p in zip("Wb", pair)
    }
    np.savez(path, metadata=metadata_array(**metadata), **arrays)
    return path


def test_older_files_read_once_and_a_bad_flag_is_refused(tmp_path):
    assert not load_model(written_by_hand(tmp_path / "old.npz"))[0].nudged
    assert load_model(written_by_hand(tmp_path / "new.npz", nudged_reading=True))[0].nudged
    with pytest.raises(ModelFileError, match="nudged_reading"):
        load_model(written_by_hand(tmp_path / "bad.npz", nudged_reading="yes"))


def test_the_validation_split_is_the_seeded_first_draw():
    kept, held = split_indices(100, 0.2, np.random.default_rng(5))
    assert len(held) == 20 and len(kept) == 80
    assert np.array_equal(np.sort(np.concatenate([kept, held])), np.arange(100))
    again = split_indices(100, 0.2, np.random.default_rng(5))[1]
    assert np.array_equal(held, again)
    assert len(split_indices(100, 0.0, np.random.default_rng(5))[1]) == 0


def test_many_inputs_are_read_as_one_drawing_is():
    """What benchmarks count (Reader.probabilities) is what the Draw tab and predict show
    (predict_input)."""
    x = np.random.default_rng(7).random((3, 784), dtype=np.float32)
    model = small_model(True)
    model.calibration = Calibration(temperature=0.8, sure_threshold=0.9)
    many = model.probabilities(x)
    for row, probs in zip(x, many):
        np.testing.assert_allclose(predict_input(model, row).probabilities, probs, rtol=1e-6)
