import os

import numpy as np
import pytest

from digitpad.data.mnist import load_mnist
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import samples as store
from digitpad.training.personalise import (
    PersonaliseConfig,
    personal_training_set,
    personalise,
    samples_dataset,
)
from digitpad.training.trainer import accuracy


def test_save_list_delete_round_trip():
    x = np.random.default_rng(0).random(784).astype(np.float32)
    strokes = [np.array([(0.1, 0.2), (0.3, 0.4)]), np.array([(0.5, 0.5)])]
    saved = store.save_sample(7, x, strokes)
    other = store.save_sample(1, x * 0.5, [])
    samples, skipped = store.list_samples()
    assert skipped == 0 and [s.id for s in samples] == sorted([saved.id, other.id])
    got = store.read_sample(saved.id)
    assert got.label == 7 and np.allclose(got.input, x) and len(got.strokes) == 2
    np.testing.assert_allclose(got.strokes[0], strokes[0])
    data, unreadable = personal_training_set()
    assert data.images.shape == (2, 784) and sorted(data.labels.tolist()) == [1, 7] and not unreadable
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
    model = Reader(MLP.create([784, 64, 10], "relu", "ce", rng))
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
    assert tuned.network.forward(mine.reshape(3, 784)).argmax(axis=1).tolist() == [5, 5, 5]
    assert accuracy(tuned, test) >= before - 0.05
    assert not np.array_equal(tuned.network.params[0], model.network.params[0])


def test_personalise_needs_samples(tiny_mnist):
    train, _ = load_mnist(tiny_mnist)
    model = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0)))
    with pytest.raises(ValueError):
        list(personalise(model, samples_dataset([]), train))


def many_samples(count: int) -> list[str]:
    """``count`` normal samples, made fast: one file, hard-linked under new names."""
    first = store.save_sample(3, np.random.default_rng(0).random(784), [[(0.1, 0.2), (0.3, 0.4)]])
    folder = store.samples_dir()
    ids = [first.id] + [
        f"20250101T{k // 3600 % 24:02d}{k // 60 % 60:02d}{k % 60:02d}-{k:08x}-3" for k in range(1, count)
    ]
    for sample_id in ids[1:]:
        os.link(folder / f"{first.id}.npz", folder / f"{sample_id}.npz")
    return ids


class CountingReader(store.NpzReader):
    opened = 0

    def __init__(self, *args, **kwargs):
        CountingReader.opened += 1
        super().__init__(*args, **kwargs)


def test_listing_20000_samples_reads_none_of_them(monkeypatch):
    ids = many_samples(20_000)
    monkeypatch.setattr(store, "NpzReader", CountingReader)
    monkeypatch.setattr(CountingReader, "opened", 0)  # other tests count with it too
    samples, skipped = store.list_samples()
    assert sorted(s.id for s in samples) == sorted(ids) and not skipped
    assert CountingReader.opened == 0  # listed from the names alone
    assert {s.label for s in samples} == {3}


def test_a_sample_with_200000_one_point_strokes_is_set_aside():
    sample = store.save_sample(5, np.zeros(784), [])
    path = store.samples_dir() / f"{sample.id}.npz"
    points = np.zeros((200_000, 2), np.float32)
    np.savez(
        path,
        input=np.zeros(784, np.float32),
        points=points,
        stroke_off=np.arange(200_001, dtype=np.int64),
        metadata=np.frombuffer(b'{"label": 5, "created": "2026-01-01T00:00:00+00:00"}', np.uint8),
    )
    assert store.read_sample(sample.id) is None and not path.exists()
    assert store.list_samples() == ([], 0)


def test_an_earlier_versions_sample_is_renamed_to_say_its_digit_once():
    sample = store.save_sample(6, np.zeros(784), [[(0.5, 0.5)]])
    folder = store.samples_dir()
    legacy = sample.id.rsplit("-", 1)[0]  # earlier versions' "<time>-<random>"
    os.replace(folder / f"{sample.id}.npz", folder / f"{legacy}.npz")
    assert store.list_samples() == ([store.SampleEntry(sample.id, 6)], 0)
    assert [p.stem for p in folder.iterdir()] == [sample.id]


def test_a_kept_drawing_beyond_the_limits_is_cut_to_them_and_reads_back():
    strokes = [[(0.5, 0.5)]] * (store.MAX_STROKES + 5) + [[(0.1, 0.1)] * store.MAX_POINTS]
    kept = store.save_sample(2, np.zeros(784), strokes)
    back = store.read_sample(kept.id)
    assert back is not None and len(back.strokes) == store.MAX_STROKES
    assert sum(len(s) for s in back.strokes) <= store.MAX_POINTS
