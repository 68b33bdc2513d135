"""Test-set evaluation: accuracy, per-digit accuracy, confusion matrix, the misclassified."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from digitpad.data.mnist import Dataset
from digitpad.reading.reader import Reader
from digitpad.shapes import CLASSES


def confusion_matrix(truth: np.ndarray, guess: np.ndarray, k: int = CLASSES) -> np.ndarray:
    """Counts (k, k): rows are true classes, columns guesses."""
    return np.bincount(truth * k + guess, minlength=k * k).reshape(k, k)


@dataclass(frozen=True)
class Evaluation:
    """How a model does on a labelled set, as plain data (``to_dict`` is the CLI's JSON)."""

    accuracy: float
    errors: int
    per_digit: list[float]  # 10 accuracies
    confusion: list[list[int]]  # 10x10 counts, rows true digits, columns guesses
    misclassified: list[int]  # indices into the data, most confident mistakes first, at most 100
    misclassified_guess: list[int]  # what was guessed for each of those

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def evaluate(model: Reader, data: Dataset) -> Evaluation:
    """Accuracy, per-digit accuracy, confusion matrix and the most confident mistakes."""
    probs = model.predict_proba(data.images)
    guess = probs.argmax(axis=1)
    conf = confusion_matrix(data.labels, guess)
    wrong = np.nonzero(guess != data.labels)[0]
    wrong = wrong[np.argsort(-probs[wrong, guess[wrong]])][:100]
    per_digit = conf.diagonal() / np.maximum(conf.sum(axis=1), 1)
    return Evaluation(
        accuracy=float((guess == data.labels).mean()) if len(data) else float("nan"),
        errors=int((guess != data.labels).sum()),
        per_digit=[round(float(a), 6) for a in per_digit],
        confusion=conf.tolist(),
        misclassified=wrong.tolist(),
        misclassified_guess=guess[wrong].tolist(),
    )
