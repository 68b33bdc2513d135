"""Test-set evaluation: accuracy, per-digit accuracy, confusion matrix, the misclassified."""

from __future__ import annotations

import numpy as np

from digitpad.data import Dataset
from digitpad.network import MLP


def confusion_matrix(truth: np.ndarray, guess: np.ndarray, k: int = 10) -> np.ndarray:
    """Counts (k, k): rows are true classes, columns guesses."""
    return np.bincount(truth * k + guess, minlength=k * k).reshape(k, k)


def evaluate(model: MLP, data: Dataset) -> dict:
    """Plain-data report: ``accuracy``, ``errors``, ``per_digit`` (10), ``confusion`` (10x10) and
    ``misclassified`` (indices into ``data``, most confident mistakes first, at most 100)."""
    probs = model.predict_proba(data.images)
    guess = probs.argmax(axis=1)
    conf = confusion_matrix(data.labels, guess)
    wrong = np.nonzero(guess != data.labels)[0]
    wrong = wrong[np.argsort(-probs[wrong, guess[wrong]])][:100]
    per_digit = conf.diagonal() / np.maximum(conf.sum(axis=1), 1)
    return {
        "accuracy": float((guess == data.labels).mean()) if len(data) else float("nan"),
        "errors": int((guess != data.labels).sum()),
        "per_digit": [round(float(a), 6) for a in per_digit],
        "confusion": conf.tolist(),
        "misclassified": wrong.tolist(),
        "misclassified_guess": guess[wrong].tolist(),
    }
