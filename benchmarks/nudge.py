"""What nudged reading (``digitpad.reading.nudge``) changes, on digits the models never trained on.

    python benchmarks/nudge.py MODEL [MODEL ...]   # models trained with --validation F
    python benchmarks/nudge.py --loso DIR          # the leave-one-site-out models in DIR

MODEL mode rebuilds each model's validation split from its recorded seed and fraction (the MNIST
training images it held out) and prints its accuracy there read once and read nudged; it also
prints MNIST test both ways. ``--loso`` reads every ``without-SITE.npz`` in DIR (made by
``recognition.py --loso``) on its own left-out site, drawn as ``recognition.py`` draws them, both
ways. The choice to read nudged was made on the validation splits, not on the test set.
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


def both_ways(model, images: np.ndarray, labels: np.ndarray) -> tuple[float, float]:
    """Accuracy on ``images`` (N, 784) read once and read nudged."""
    result = []
    for nudged in (False, True):
        model.nudged = nudged
        result.append(float((model.predict_proba(images).argmax(1) == labels).mean()))
    return result[0], result[1]


def validation_models(paths: list[Path]) -> None:
    from digitpad.data.mnist import load_mnist
    from digitpad.store.modelfile import load_model
    from digitpad.training.trainer import split_indices

    train, test = load_mnist(SHARED / "mnist")
    print("model                          held out   once    nudged | MNIST test once  nudged")
    gains = []
    for path in paths:
        model, meta = load_model(path)
        config = meta.get("config") or {}
        fraction = config.get("validation", 0)
        if not fraction:
            print(f"{path}: trained without --validation; skipped")
            continue
        rng = np.random.default_rng(config.get("seed", 0))
        _, held = split_indices(len(train), fraction, rng)
        once, nudged = both_ways(model, train.images[held], train.labels[held])
        t_once, t_nudged = both_ways(model, test.images, test.labels)
        gains.append(nudged - once)
        print(
            f"{str(path)[-30:]:30} {len(held):8}  {once:.4f}  {nudged:.4f} | "
            f"{t_once:.4f}  {t_nudged:.4f}"
        )
    if gains:
        print(f"held-out gain, points: {' '.join(f'{100 * g:+.2f}' for g in gains)}")


def loso_models(folder: Path) -> None:
    sys.path.insert(0, str(Path(__file__).parent))
    from recognition import PEN, app, drawing_inputs

    from digitpad.pen.digits import load_pen_digits
    from digitpad.store.modelfile import load_model

    _app = app()
    digits = load_pen_digits(PEN)
    right, count = np.zeros(2), 0
    for site in np.unique(digits.sites):
        path = folder / f"without-{site}.npz"
        if not path.is_file():
            continue
        model, _ = load_model(path)
        held = np.nonzero(digits.sites == site)[0]
        once, nudged = both_ways(model, drawing_inputs(digits, held, seed=1), digits.labels[held])
        right += np.array([once, nudged]) * len(held)
        count += len(held)
        print(f"{site}: {len(held):5} digits  once {once:.4f}  nudged {nudged:.4f}", flush=True)
    if count:
        print(f"all {count} digits: once {right[0] / count:.4f}  nudged {right[1] / count:.4f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", type=Path)
    parser.add_argument("--loso", type=Path, help="folder of recognition.py --loso models")
    args = parser.parse_args()
    if not (SHARED / "mnist").is_dir():
        print(f"skipped: {SHARED / 'mnist'} not found")
        return 0
    if args.loso:
        loso_models(args.loso)
    if args.models:
        validation_models(args.models)
    return 0


if __name__ == "__main__":
    sys.exit(main())
