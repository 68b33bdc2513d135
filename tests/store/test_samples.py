import numpy as np
import pytest

from digitpad.data.mnist import load_mnist
from digitpad.model.network import MLP
from digitpad.store import samples as store
from digitpad.training.personalise import PersonaliseConfig, personalise, samples_dataset
from digitpad.training.trainer import accuracy


def test_save_list_delete_round_trip():
    x = np.random.default_rng(0).random(784).astype(np.float32)
    strokes = [np.array([(0.1, 0.2), (0.3, 0.4)]), np.array([(0.5, 0.5)])]
    saved = store.save_sample(7, x, strokes)
    other = store.save_sample(1, x * 0.5, [])
    samples, skipped = store.list_samples()
    assert skipped == 0 and [s.id for s in samples] == sorted([saved.id, other.id])
    got = next(s for s in samples if s.id == saved.id)
    assert got.label == 7 and np.allclose(got.input, x) and len(got.strokes) == 2
    np.testing.assert_allclose(got.strokes[0], strokes[0])
    data = samples_dataset(samples)
    assert data.images.shape == (2, 784) and sorted(data.labels.tolist()) == [1, 7]
    store.delete_sample(saved.id)
    assert [s.id for s in store.list_samples()[0]] == [other.id]


def test_unreadable_files_are_skipped_and_bad_labels_refused():
    store.save_sample(3, np.zeros(784), [])
    (store.samples_dir() / "broken.npz").write_bytes(b"garbage")
    samples, skipped = store.list_samples()
    assert len(samples) == 1 and skipped == 1
    with pytest.raises(ValueError):
        store.save_sample(12, np.zeros(784), [])


@pytest.mark.slow
def test_personalise_learns_the_samples_and_keeps_the_rest(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    rng = np.random.default_rng(0)
    model = MLP.create([784, 64, 10], "relu", "ce", rng)
    from digitpad.training.config import TrainConfig
    from digitpad.training.trainer import Trainer

    trainer = Trainer(
        TrainConfig(hidden=(64,), epochs=4, batch_size=50, lr=3e-3), train, test, model=model
    )
    for _ in trainer.run():
        pass
    before = accuracy(model, test)
    # A "handwriting" MNIST never showed: a vertical bar, labelled 5.
    mine = np.zeros((3, 28, 28), np.float32)
    mine[:, 4:24, 12:15] = 1.0
    data = samples_dataset([])
    data.images, data.labels = mine.reshape(3, 784), np.full(3, 5)
    tuned = model.copy()
    steps = list(personalise(tuned, data, train, PersonaliseConfig(steps=150, lr=1e-3)))
    assert len(steps) == 150 and steps[-1].step == 150
    assert tuned.forward(mine.reshape(3, 784)).argmax(axis=1).tolist() == [5, 5, 5]
    assert accuracy(tuned, test) >= before - 0.05
    assert not np.array_equal(tuned.params[0], model.params[0])


def test_personalise_needs_samples(tiny_mnist):
    train, _ = load_mnist(tiny_mnist)
    model = MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))
    with pytest.raises(ValueError):
        list(personalise(model, samples_dataset([]), train))
