import threading

import numpy as np
import pytest

from digitpad.data.mnist import Dataset
from digitpad.model.losses import NO_DIGIT, loss_value, output_delta_
from digitpad.pen.non_digits import KINDS, TRAINING_KINDS, junk, non_digit_inputs
from digitpad.training import run as training_run
from digitpad.training.config import TrainConfig
from digitpad.training.trainer import Trainer


def test_the_flat_answer_is_what_a_non_digit_is_taught():
    labels = np.array([NO_DIGIT])
    flat = np.full((1, 4), 0.25)
    peaked = np.array([[0.7, 0.1, 0.1, 0.1]])
    assert loss_value("ce", flat, labels) == pytest.approx(np.log(4))
    assert loss_value("ce", peaked, labels) > loss_value("ce", flat, labels)
    np.testing.assert_allclose(output_delta_("ce", flat.copy(), labels), 0.0, atol=1e-12)
    assert loss_value("mse", np.zeros((1, 4)), labels) == 0.0
    assert loss_value("mse", peaked, labels) > 0.0


def test_training_kinds_are_drawn_on_the_board():
    assert set(TRAINING_KINDS) < set(KINDS)
    rng = np.random.default_rng(0)
    for kind in TRAINING_KINDS:
        strokes, brush = junk(kind, rng)
        points = np.concatenate(strokes)
        assert points.min() >= 0.0 and points.max() <= 1.0 and 0 < brush < 0.1


def test_non_digit_inputs_report_progress_and_hold_ink(monkeypatch):
    monkeypatch.setattr("digitpad.pen.non_digits.CHUNK", 4)
    steps = list(non_digit_inputs(10, np.random.default_rng(1)))
    assert [done for done, _ in steps] == [4, 8, 10]
    images = steps[-1][1]
    assert images is not None and 8 <= len(images) <= 10 and images.shape[1] == 784
    assert (images.sum(axis=1) > 5).all()
    stop = threading.Event()
    stop.set()
    assert list(non_digit_inputs(10, np.random.default_rng(1), stop)) == []


def mnist_like(n=64, seed=2):
    rng = np.random.default_rng(seed)
    return Dataset(rng.random((n, 784), dtype=np.float32), rng.integers(0, 10, n))


def test_a_share_of_every_batch_is_non_digits_and_accuracy_counts_digits_only():
    config = TrainConfig(hidden=(8,), epochs=1, batch_size=16, non_digit_fraction=0.2)
    trainer = Trainer(config, mnist_like())
    trainer.use_non_digits(np.random.default_rng(3).random((5, 784), dtype=np.float32))
    x, y = trainer._with_non_digits(np.zeros((16, 784), np.float32), np.zeros(16, np.int64))
    assert len(y) == 20 and (y == NO_DIGIT).sum() == 4 and len(x) == 20
    seen = []
    trainer.network.loss_and_gradients = lambda x, y, **kw: (0.5, int((y == 0).sum()), None)
    for stats in trainer.run():
        seen.append(stats)
    epoch = seen[-1]
    assert epoch.train_accuracy == pytest.approx(np.mean(trainer.train_set.labels == 0))


def test_without_the_setting_nothing_changes():
    trainer = Trainer(TrainConfig(hidden=(8,), epochs=1, batch_size=16), mnist_like())
    trainer.use_non_digits(np.ones((5, 784), np.float32))
    assert trainer.non_digits is None
    x, y = np.zeros((16, 784), np.float32), np.zeros(16, np.int64)
    assert trainer._with_non_digits(x, y)[1] is y


def test_a_training_run_draws_them_and_says_so(monkeypatch):
    monkeypatch.setattr(training_run, "NON_DIGIT_POOL", 6)
    config = TrainConfig(hidden=(8,), epochs=1, batch_size=32, non_digit_fraction=0.25)
    run = training_run.TrainingRun(config, mnist_like(), None)
    stages = [s for s in run.stats() if isinstance(s, training_run.PrepareStats)]
    assert ("non-digits", 6, 6) in [(s.stage, s.done, s.total) for s in stages]
    assert run.trainer.non_digits is not None and 1 <= len(run.trainer.non_digits) <= 6
    assert "drawings of no digit" in run.info().training_data
