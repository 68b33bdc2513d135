"""Fine-tuning a model on the user's own samples without forgetting MNIST.

Every step trains on a batch that mixes distorted copies of the personal samples with random MNIST
digits, at a small learning rate, so the network bends towards the user's handwriting while it keeps
what it knew. After every step the weights are also pulled a little back towards where they started
(a decoupled L2 pull to the starting point), so no step can drift far from the network that already
reads MNIST well. It runs for a fixed, small number of steps: seconds, not minutes. Given the MNIST
test set, it measures the result again at the end, so the app can show the real figure.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from digitpad.data.augment import Distortion, distort
from digitpad.data.mnist import Dataset
from digitpad.model.optimizers import Adam
from digitpad.reading.reader import Reader
from digitpad.shapes import PIXELS
from digitpad.store.samples import PersonalSample, list_samples, read_sample
from digitpad.training.runtime import tune_allocator
from digitpad.training.trainer import accuracy

GENTLE = Distortion(rotate_deg=8, scale=0.08, shear=0.1, shift_px=1.5, elastic_px=0.8, thicken_prob=0.2)


@dataclass(frozen=True)
class PersonaliseConfig:
    steps: int = 120
    batch_size: int = 96
    personal_share: float = 0.25  # fraction of each batch drawn from the personal samples
    lr: float = 1e-4
    pull: float = 0.02  # share of the distance to the starting weights taken back every step
    seed: int = 0


@dataclass(frozen=True)
class PersonaliseStep:
    step: int
    steps: int
    loss: float
    seconds: float


@dataclass(frozen=True)
class Personalised:
    """The end of a run that was given the test set: MNIST test accuracy re-measured."""

    test_accuracy: float
    seconds: float


def personalise(
    model: Reader,
    personal: Dataset,
    mnist: Dataset,
    config: PersonaliseConfig = PersonaliseConfig(),
    stop: threading.Event | None = None,
    test: Dataset | None = None,
) -> Iterator[PersonaliseStep | Personalised]:
    """Fine-tune ``model``'s network in place, yielding after every step; stops early when ``stop`` is set.
    With ``test``, a finished run ends by yielding ``Personalised`` with the re-measured test
    accuracy. Give it a copy to keep the original."""
    if len(personal) == 0:
        raise ValueError("no personal samples to learn from")
    tune_allocator()
    rng = np.random.default_rng(config.seed)
    network = model.network
    optimizer = Adam(network.params)
    n_personal = max(1, int(round(config.batch_size * config.personal_share)))
    n_mnist = config.batch_size - n_personal
    start = time.perf_counter()
    origin = [p.copy() for p in network.params]
    for step in range(1, config.steps + 1):
        if stop is not None and stop.is_set():
            return
        mine = rng.integers(0, len(personal), n_personal)
        theirs = rng.integers(0, len(mnist), n_mnist)
        x = np.concatenate([distort(personal.images[mine], rng, GENTLE), mnist.images[theirs]])
        y = np.concatenate([personal.labels[mine], mnist.labels[theirs]])
        loss, _, grads = network.loss_and_gradients(x, y)
        optimizer.step(grads, config.lr)
        for p, p0 in zip(network.params, origin):
            p -= config.pull * (p - p0)
        yield PersonaliseStep(step, config.steps, loss, time.perf_counter() - start)
    if test is not None:
        yield Personalised(accuracy(model, test), time.perf_counter() - start)


def samples_dataset(samples: list[PersonalSample]) -> Dataset:
    """The user's samples as a Dataset: images (N, 784) float32, labels (N,)."""
    if not samples:
        return Dataset(np.zeros((0, PIXELS), np.float32), np.zeros(0, np.int64))
    return Dataset(np.stack([s.input for s in samples]), np.array([s.label for s in samples], np.int64))


def personal_training_set() -> tuple[Dataset, int]:
    """Every readable personal sample's input (784,) and digit (their strokes are not read), and
    how many could not be read."""
    entries, skipped = list_samples()
    read = [read_sample(e.id, strokes=False) for e in entries]
    samples = [s for s in read if s is not None]
    return samples_dataset(samples), skipped + len(read) - len(samples)
