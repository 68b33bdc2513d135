"""Personalisation: does fine-tuning on a few of a writer's digits help on that writer's others?

    python benchmarks/personalise.py [MODEL] [--writers 20] [--pen NPZ] [--mnist DIR]

For each writer of the pen-digit dev set with enough digits: give the model k of the writer's digits
per class (k = 1, then 3; drawn through the canvas renderer like the app does), personalise exactly
as the app does (digitpad.training.personalise, mixed with MNIST), and measure accuracy on the writer's
other digits before and after. Prints the averages over writers and MNIST test accuracy after.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).resolve().parent))


def main() -> int:
    from PySide6.QtGui import QGuiApplication
    from recognition import drawing_inputs, unseen_writers

    from digitpad.data.mnist import Dataset, load_mnist
    from digitpad.pen.digits import load_pen_digits
    from digitpad.store.modelfile import load_model
    from digitpad.training.personalise import personalise
    from digitpad.training.trainer import accuracy

    parser = argparse.ArgumentParser()
    parser.add_argument("model", nargs="?", default=str(ROOT / "weights" / "default.npz"))
    parser.add_argument("--writers", type=int, default=20)
    parser.add_argument("--pen", default=str(SHARED / "pen-digits" / "unipen-1a-dev.npz"))
    parser.add_argument("--mnist", default=str(SHARED / "mnist"))
    args = parser.parse_args()
    if not Path(args.pen).is_file() or not Path(args.mnist).is_dir():
        print("skipped: pen digits or MNIST not found")
        return 0
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    base, meta = load_model(Path(args.model))
    train, test = load_mnist(Path(args.mnist))
    digits = load_pen_digits(Path(args.pen))
    base_mnist = accuracy(base, test)
    rng = np.random.default_rng(0)
    # Writers the model never trained on with at least 4 of every digit: k=3 for teaching still
    # leaves some to test on.
    eligible = [
        w
        for w in np.unique(digits.writers[unseen_writers(digits, meta)])
        if all(np.sum((digits.writers == w) & (digits.labels == d)) >= 4 for d in range(10))
    ]
    chosen = rng.choice(eligible, min(args.writers, len(eligible)), replace=False)
    print(
        f"model {args.model}: MNIST test {base_mnist:.4f}; {len(chosen)} of {len(eligible)} writers "
        f"with >= 4 of every digit"
    )
    for k in (1, 3):
        before, after, mnist_after = [], [], []
        for writer in chosen:
            idx = np.nonzero(digits.writers == writer)[0]
            teach = np.concatenate(
                [rng.choice(idx[digits.labels[idx] == d], k, replace=False) for d in range(10)]
            )
            rest = np.setdiff1d(idx, teach)
            x_teach, x_rest = drawing_inputs(digits, teach), drawing_inputs(digits, rest, seed=1)
            y_rest = digits.labels[rest]
            before.append((base.predict_proba(x_rest).argmax(1) == y_rest).mean())
            tuned = base.copy()
            for _ in personalise(tuned, Dataset(x_teach, digits.labels[teach]), train):
                pass
            after.append((tuned.predict_proba(x_rest).argmax(1) == y_rest).mean())
            mnist_after.append(accuracy(tuned, test))
        print(
            f"k={k} per digit: writer's other digits {np.mean(before):.4f} -> {np.mean(after):.4f} "
            f"(mean over writers; {sum(a > b for a, b in zip(after, before))} better, "
            f"{sum(a < b for a, b in zip(after, before))} worse); MNIST test after: mean "
            f"{np.mean(mnist_after):.4f}, worst {np.min(mnist_after):.4f} "
            f"(drop {100 * (base_mnist - np.min(mnist_after)):.2f} points at most)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
