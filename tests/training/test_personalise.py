"""Personalising: the pull towards the starting weights, and the re-measured MNIST figure."""

import numpy as np
import pytest

from digitpad.data.mnist import Dataset, load_mnist
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.training.personalise import PersonaliseConfig, Personalised, personalise
from digitpad.training.trainer import accuracy


def bar_samples() -> Dataset:
    mine = np.zeros((3, 28, 28), np.float32)
    mine[:, 4:24, 12:15] = 1.0
    return Dataset(mine.reshape(3, 784), np.full(3, 5))


def distance(a: Reader, b: Reader) -> float:
    return float(sum(np.abs(p - q).sum() for p, q in zip(a.network.params, b.network.params)))


@pytest.mark.slow
def test_the_pull_keeps_the_network_near_where_it_started(tiny_mnist):
    train, _ = load_mnist(tiny_mnist)
    base = Reader(MLP.create([784, 32, 10], "relu", "ce", np.random.default_rng(0)))
    moved = {}
    for pull in (0.0, 0.05):
        tuned = base.copy()
        list(personalise(tuned, bar_samples(), train, PersonaliseConfig(steps=60, lr=1e-3, pull=pull)))
        moved[pull] = distance(tuned, base)
    assert 0 < moved[0.05] < 0.6 * moved[0.0]


def test_a_finished_run_ends_with_the_measured_test_accuracy(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    tuned = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(1)))
    steps = list(personalise(tuned, bar_samples(), train, PersonaliseConfig(steps=5), test=test))
    assert isinstance(steps[-1], Personalised) and len(steps) == 6
    assert steps[-1].test_accuracy == accuracy(tuned, test)
    # Without a test set nothing is measured.
    assert not any(
        isinstance(s, Personalised)
        for s in personalise(tuned, bar_samples(), train, PersonaliseConfig(steps=3))
    )
