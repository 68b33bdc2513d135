import threading

import numpy as np
import pytest

from digitpad.data.mnist import load_mnist
from digitpad.errors import ConfigError, TrainingDiverged
from digitpad.store.modelfile import load_model
from digitpad.training.config import PRESETS, TrainConfig
from digitpad.training.run import train_and_save
from digitpad.training.trainer import BatchStats, EpochStats, Trainer, accuracy

SMALL = TrainConfig(hidden=(32,), epochs=3, batch_size=50, lr=3e-3, seed=3)


def collect(trainer, stop=None):
    return list(trainer.run(stop))


def test_learns_and_yields_batches_then_epochs_in_order(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    trainer = Trainer(SMALL, train, test)
    stats = collect(trainer)
    epochs = [s for s in stats if isinstance(s, EpochStats)]
    assert [e.epoch for e in epochs] == [1, 2, 3]
    per_epoch = trainer.batches_per_epoch + 1
    assert len(stats) == 3 * per_epoch
    for k, s in enumerate(stats):
        assert isinstance(s, EpochStats) == ((k + 1) % per_epoch == 0)
    batches = [s for s in stats if isinstance(s, BatchStats)]
    assert [b.batch for b in batches[: per_epoch - 1]] == list(range(1, per_epoch))
    assert all(b.samples_per_second > 0 and b.elapsed > 0 for b in batches)
    assert epochs[-1].test_accuracy > 0.9 and epochs[-1].loss < epochs[0].loss
    assert accuracy(trainer.model, test) == epochs[-1].test_accuracy


def test_with_averaging_the_trained_model_is_the_weight_average(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    trainer = Trainer(SMALL.replace(average=0.9), train, test)
    average = trainer.average
    last_step = None
    for s in trainer.run():
        if isinstance(s, BatchStats):
            last_step = [p.copy() for p in trainer.model.network.params]
        else:
            epoch = s
    for p, avg, raw in zip(trainer.model.network.params, average.average, last_step):
        np.testing.assert_array_equal(p, avg)
        assert not np.array_equal(p, raw)
    assert accuracy(trainer.model, test) == epoch.test_accuracy  # the reported figure is its own
    assert epoch.test_accuracy > 0.9


def test_the_snapshot_after_an_epoch_is_the_network_it_measured(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    for average in (0.0, 0.9):
        trainer = Trainer(SMALL.replace(average=average), train, test)
        for s in trainer.run():
            if isinstance(s, EpochStats):
                snapshot = trainer.snapshot()
                measured = trainer.average.average if average else trainer.model.network.params
                for shown, p in zip(snapshot.network.params, measured):
                    np.testing.assert_array_equal(shown, p)
                    assert not np.shares_memory(shown, p)
        for shown, kept in zip(snapshot.network.params, trainer.model.network.params):
            np.testing.assert_array_equal(shown, kept)  # the last one is the model the run keeps


def test_a_stopped_run_with_averaging_keeps_the_average(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    trainer = Trainer(SMALL.replace(average=0.9), train, test)
    average, stop = trainer.average, threading.Event()
    for s in trainer.run(stop):
        if isinstance(s, BatchStats) and s.batch == 3:
            stop.set()
    for p, avg in zip(trainer.model.network.params, average.average):
        np.testing.assert_array_equal(p, avg)


def test_same_seed_same_run(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    a, b = Trainer(SMALL, train, test), Trainer(SMALL, train, test)
    collect(a), collect(b)
    for p, q in zip(a.model.network.params, b.model.network.params):
        np.testing.assert_array_equal(p, q)
    c = Trainer(SMALL.replace(seed=4), train, test)
    collect(c)
    assert not np.array_equal(a.model.network.params[0], c.model.network.params[0])


def test_augmentation_dropout_and_validation(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    cfg = SMALL.replace(
        augment=True,
        dropout=0.3,
        validation=0.2,
        schedule="cosine",
        weight_decay=1e-4,
        optimizer="nesterov",
        lr=0.05,
    )
    trainer = Trainer(cfg, train, test)
    epochs = [s for s in collect(trainer) if isinstance(s, EpochStats)]
    assert len(trainer.train_set) == 480 and len(trainer.val_set) == 120
    assert epochs[-1].val_accuracy is not None and epochs[-1].val_accuracy > 0.5


def test_stop_flag_ends_between_batches(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    trainer = Trainer(SMALL, train, test)
    stop = threading.Event()
    seen = []
    for s in trainer.run(stop):
        seen.append(s)
        if len(seen) == 5:
            stop.set()
    assert len(seen) == 5 and not trainer.history


@pytest.mark.parametrize(
    "cfg",
    [
        TrainConfig(hidden=(32, 32), optimizer="momentum", lr=50.0, activation="leaky_relu"),
        TrainConfig(hidden=(32,), optimizer="sgd", lr=100.0),
    ],
    ids=["loss-nan", "weights-explode"],
)
def test_diverging_run_raises_and_saves_nothing(tiny_mnist, tmp_path, cfg):
    train, test = load_mnist(tiny_mnist)
    out = tmp_path / "never.npz"
    with pytest.raises(TrainingDiverged, match="smaller learning rate"):
        train_and_save(cfg.replace(epochs=3), train, test, out)
    assert not out.exists()


def test_stopped_run_before_an_epoch_writes_nothing(tiny_mnist, tmp_path):
    train, test = load_mnist(tiny_mnist)
    stop = threading.Event()
    stop.set()
    result = train_and_save(SMALL, train, test, tmp_path / "m.npz", stop=stop)
    assert result.path is None and result.stopped and not (tmp_path / "m.npz").exists()


def test_a_run_stopped_mid_epoch_saves_the_kept_networks_own_figure(tiny_mnist, tmp_path):
    """The CLI and the GUI share one outcome: a stop in epoch 2 keeps epoch 2's first batches,
    so the saved test figure is that network's, not epoch 1's."""
    train, test = load_mnist(tiny_mnist)
    stop = threading.Event()

    def stop_in_epoch_two(stats):
        if isinstance(stats, BatchStats) and (stats.epoch, stats.batch) == (2, 3):
            stop.set()

    config = TrainConfig(hidden=(16,), epochs=3, batch_size=100)
    outcome = train_and_save(
        config, train, test, tmp_path / "m.npz", on_stats=stop_in_epoch_two, stop=stop
    )
    per_epoch = outcome.partial[1]
    assert outcome.stopped and len(outcome.history) == 1 and outcome.partial == (3, per_epoch)
    assert outcome.epochs_trained == 1 + 3 / per_epoch
    _, meta = load_model(outcome.path)
    assert meta["metrics"]["test_accuracy"] == outcome.report.accuracy == outcome.test_accuracy
    assert outcome.mistakes == []  # asked for none


@pytest.mark.parametrize(
    "change",
    [
        dict(epochs=0),
        dict(epochs=-1),
        dict(batch_size=0),
        dict(lr=0.0),
        dict(lr=-1.0),
        dict(dropout=1.0),
        dict(hidden=()),
        dict(hidden=(0,)),
        dict(activation="swish"),
        dict(validation=1.5),
        dict(init="normal:x"),
        dict(optimizer="lbfgs"),
    ],
)
def test_silly_settings_are_refused(change):
    with pytest.raises(ConfigError):
        TrainConfig(**change).validate()


def test_presets_are_valid_and_seed_is_the_teaching_recipe():
    for cfg in PRESETS.values():
        cfg.validate()
    seed = PRESETS["seed"]
    assert (seed.hidden, seed.activation, seed.loss, seed.optimizer) == (
        (100,),
        "sigmoid",
        "mse",
        "sgd",
    )
    assert (seed.lr, seed.batch_size, seed.epochs, seed.init, seed.shuffle) == (
        0.5,
        50,
        30,
        "normal:0.01",
        False,
    )


@pytest.mark.slow
def test_fast_preset_learns_real_mnist_in_one_epoch(real_mnist):
    train, test = load_mnist(real_mnist)
    trainer = Trainer(PRESETS["fast"].replace(epochs=1, schedule="constant", lr=1e-3), train, test)
    last = collect(trainer)[-1]
    assert last.test_accuracy > 0.95


def test_pen_digits_fill_their_share_of_every_batch(tiny_mnist):
    from digitpad.data.mnist import Dataset

    train, _ = load_mnist(tiny_mnist)
    marker = Dataset(np.full((5, 784), 0.5, np.float32), np.full(5, 7))
    cfg = SMALL.replace(epochs=1, batch_size=40, pen_fraction=0.25)
    trainer = Trainer(cfg, train, pen=marker)
    seen = []
    original = trainer.network.loss_and_gradients

    def spy(x, y, **kwargs):
        seen.append((x.copy(), y.copy()))
        return original(x, y, **kwargs)

    trainer.network.loss_and_gradients = spy
    collect(trainer)
    assert len(seen) == trainer.batches_per_epoch
    mnist_rows = 0
    for x, y in seen:
        pen = np.all(x == 0.5, axis=1)
        assert pen.mean() == pytest.approx(0.25, abs=0.02) and np.all(y[pen] == 7)
        assert np.all(pen[-pen.sum() :])  # added after the MNIST part of the batch
        mnist_rows += int((~pen).sum())
    assert mnist_rows == len(train)  # every MNIST image still seen once an epoch
    # Without a share, the pen set is ignored.
    assert Trainer(SMALL, train, pen=marker).pen_set is None


def small_pen_set():
    from digitpad.pen.digits import shipped_pen_digits

    digits = shipped_pen_digits()
    tos = np.nonzero(digits.sites == "tos")[0]
    writers = np.unique(digits.writers[tos])[:30]
    pick = np.concatenate([tos[digits.writers[tos] == w][:2] for w in writers])
    return digits.subset(pick)


def test_training_run_mixes_pen_digits_and_calibrates_on_unseen_writers(tiny_mnist, tmp_path):
    from digitpad.pen.digits import calibration_split
    from digitpad.store.modelfile import load_model
    from digitpad.training.trainer import PrepareStats

    train, test = load_mnist(tiny_mnist)
    pen = small_pen_set()
    stats = []
    cfg = SMALL.replace(epochs=1, pen_fraction=0.3)
    result = train_and_save(cfg, train, test, tmp_path / "m.npz", on_stats=stats.append, pen=pen)
    prep = [s for s in stats if isinstance(s, PrepareStats)]
    assert prep[0].stage == "pen" and prep[-1].stage == "calibration"
    assert stats.index(prep[-1]) > max(i for i, s in enumerate(stats) if isinstance(s, EpochStats))
    held = calibration_split(pen)[1]
    model, meta = load_model(result.path)
    assert model.calibration.samples == 2 * len(held) > 0
    assert model.calibration == result.model.calibration
    assert "pen digits" in meta["training_data"]
    # Without a pen share the model is still calibrated, and nothing is drawn for training.
    stats.clear()
    train_and_save(SMALL.replace(epochs=1), train, test, None, on_stats=stats.append, pen=pen)
    assert {s.stage for s in stats if isinstance(s, PrepareStats)} == {"calibration"}
