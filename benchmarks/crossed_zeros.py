"""Crossed zeros and long-flagged ones by writers a model never trained on: how many are read right.

    python benchmarks/crossed_zeros.py [MODEL...] [--seed S]

The zeros and ones of the pen-digit writers kept apart for calibration (which no model trained on)
get one crossing or flag each, at fixed ranges of angle and length (``digitpad.pen.styles.crossing``
and ``flagged``), and are drawn and read as ``recognition.py`` draws and reads pen digits (280x280
board, random brush, size and place, read like image files). For each model and variant it prints
the share read as the right digit, the share read right and sure, and the share read sure as the
digit it is most often taken for (8 for zeros, 7 for ones).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from recognition import PEN, ROOT, app, drawings, read_like_files

from digitpad.pen import styles

# name, digit, (angle range in degrees, length range, y offset range): crossing() for zeros
ZEROS = {
    "plain zero": None,
    "long shallow slash": ((15.0, 35.0), (1.5, 2.0), (-0.05, 0.05)),
    "level bar (theta)": ((-3.0, 3.0), (1.1, 1.6), (-0.1, 0.1)),
    "long steep slash": ((55.0, 70.0), (1.8, 2.0), (-0.05, 0.05)),
}
# flagged() for ones: (angle range, length range in stem heights); the flag ends above the baseline
ONES = {
    "plain one": None,
    "long flag, short stem": ((15.0, 40.0), (0.7, 1.0)),
}
MISTAKEN_FOR = {0: 8, 1: 7}


class Restyled:
    """Pen digits whose strokes come back with one fixed style added (``strokes(i)``)."""

    def __init__(self, digits, style, rng: np.random.Generator):
        self.digits, self.style, self.rng = digits, style, rng

    def strokes(self, i: int) -> list[np.ndarray]:
        raw = list(self.digits.strokes(i))
        return raw if self.style is None else self.style(raw, self.rng)


def zero_variant(ranges):
    if ranges is None:
        return None
    (a0, a1), (l0, l1), (y0, y1) = ranges
    return lambda s, rng: styles.crossing(
        s, rng.uniform(a0, a1), rng.uniform(l0, l1), (0.0, rng.uniform(y0, y1))
    )


def one_variant(ranges):
    if ranges is None:
        return None
    (a0, a1), (l0, l1) = ranges

    def flag(s, rng):
        angle = rng.uniform(a0, a1)
        length = min(rng.uniform(l0, l1), 0.6 / np.sin(np.deg2rad(angle)))
        return styles.flagged(s, angle, length)

    return flag


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("models", nargs="*", default=[str(ROOT / "weights" / "default.npz")])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    if not PEN.is_file():
        print(f"skipped: {PEN} not found")
        return 0
    from digitpad.pen.digits import calibration_split, load_pen_digits
    from digitpad.store.modelfile import load_model

    _app = app()
    pen = load_pen_digits(PEN)
    held = calibration_split(pen)[1]  # writers no model trained on
    models = [(path, load_model(Path(path))[0]) for path in args.models]
    print("variant                 digits  | per model: read right, right and sure, sure as 8 (7)")
    for digit, variants, make in ((0, ZEROS, zero_variant), (1, ONES, one_variant)):
        indices = held[pen.labels[held] == digit]
        for k, (name, ranges) in enumerate(variants.items()):
            source = Restyled(pen, make(ranges), np.random.default_rng([args.seed, digit, k]))
            boards = drawings(source, indices, seed=args.seed)
            cells = []
            for _, model in models:
                probs = read_like_files(model, boards)
                guess, sure = probs.argmax(axis=1), model.sure(probs)
                right = guess == digit
                wrong_sure = (guess == MISTAKEN_FOR[digit]) & sure
                cells.append(f"{right.mean():.3f} {(right & sure).mean():.3f} {wrong_sure.mean():.3f}")
            print(f"{name:<23} {len(indices):>6}  | " + "  |  ".join(cells))
    for n, (path, _) in enumerate(models):
        print(f"model {n + 1}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
