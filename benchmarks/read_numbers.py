"""Reading whole numbers: sequences of 2 to 6 real pen-written digits (../shared/pen-digits) laid
side by side on the board as a person writes a year or a phone number, split into digits by
digitpad.reading.segment and each recognised through the canvas renderer and preprocessing.

    python benchmarks/read_numbers.py [MODEL] [--pen NPZ] [--count 500]

Prints segmentation accuracy (right number of parts), digit accuracy, whole-number accuracy.
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


def compose(digits, picks, rng):
    """Strokes (board units) of the digits ``picks`` written left to right, and their labels."""
    height = rng.uniform(0.18, 0.3)
    strokes, x = [], 0.0
    for i in picks:
        raw = digits.strokes(i)
        pts = np.concatenate(raw)
        lo, hi = pts.min(axis=0), pts.max(axis=0)
        scale = height / max(hi[1] - lo[1], 1e-9)
        width = (hi[0] - lo[0]) * scale
        dy = rng.uniform(-0.03, 0.03)
        strokes += [(s - lo) * scale + np.array([x, dy]) for s in raw]
        x += width + rng.uniform(0.15, 0.4) * height
    total = np.concatenate(strokes)
    lo, hi = total.min(axis=0), total.max(axis=0)
    fit = min(0.9 / max(hi[0] - lo[0], 1e-9), 1.0)
    centre = (lo + hi) / 2
    return [(s - centre) * fit + 0.5 for s in strokes]


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from digitpad.gui.render import Stroke, render, to_array
    from digitpad.pen.digits import load_pen_digits
    from digitpad.reading.predictor import predict_image
    from digitpad.reading.segment import group_strokes
    from digitpad.store.modelfile import load_model

    parser = argparse.ArgumentParser()
    parser.add_argument("model", nargs="?", default=str(ROOT / "weights" / "default.npz"))
    parser.add_argument("--pen", default=str(SHARED / "pen-digits" / "unipen-1a-dev.npz"))
    parser.add_argument("--count", type=int, default=500)
    args = parser.parse_args()
    if not Path(args.pen).is_file():
        print(f"skipped: {args.pen} not found")
        return 0
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841
    model, _ = load_model(Path(args.model))
    digits = load_pen_digits(Path(args.pen))
    rng = np.random.default_rng(0)
    split_ok = digit_ok = digit_total = number_ok = 0
    for _ in range(args.count):
        n = int(rng.integers(2, 7))
        picks = rng.choice(len(digits), n, replace=False)
        strokes = compose(digits, picks, rng)
        groups = group_strokes(strokes)
        truth = [int(digits.labels[i]) for i in picks]
        guesses = []
        for group in groups:
            image = to_array(
                render([Stroke(0.03, False, [tuple(p) for p in strokes[k]]) for k in group], 560)
            )
            guesses.append(predict_image(model, image).digit)
        split_ok += len(groups) == n
        digit_total += n
        if len(groups) == n:
            digit_ok += sum(g == t for g, t in zip(guesses, truth))
        number_ok += guesses == truth
    print(f"{args.count} numbers of 2-6 pen-written digits ({digit_total} digits):")
    print(f"  split into the right number of parts: {split_ok / args.count:.4f}")
    print(
        f"  digits read right (a digit in a mis-split number counts as wrong): {digit_ok / digit_total:.4f}"
    )
    print(f"  whole numbers read right: {number_ok / args.count:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
