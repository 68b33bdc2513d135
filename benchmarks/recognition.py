"""Recognition accuracy of a model: MNIST test set, and real pen-drawn digits rendered through the
app's own canvas renderer and preprocessing.

    python benchmarks/recognition.py [MODEL] [--mnist DIR] [--pen NPZ] [--limit N]

Prints MNIST test accuracy, pen-digit accuracy on the whole dev set and on the writer-independent
held-out part (writers a model trained on pen data never saw), accuracy under other brush widths and
placements, the "not sure" rate, and the most-confused pairs.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def render_pen_inputs(digits, indices, side=280, brush=0.06, height=0.6, centre=(0.5, 0.5)):
    """Network inputs (n, 784) (zeros where "no digit") for pen digits drawn on a canvas board."""
    from digitpad.gui.render import Stroke, fit_strokes, render, to_array
    from digitpad.preprocess import mnist_input

    out = np.zeros((len(indices), 784), np.float32)
    for row, i in enumerate(indices):
        strokes = [
            Stroke(brush, False, pts) for pts in fit_strokes(digits.strokes(i), height, centre=centre)
        ]
        x = mnist_input(to_array(render(strokes, side)))
        if x is not None:
            out[row] = x
    return out


def confused_pairs(truth, guess, top=5):
    pairs = {}
    for t, g in zip(truth, guess):
        if t != g:
            pairs[(int(t), int(g))] = pairs.get((int(t), int(g)), 0) + 1
    return sorted(pairs.items(), key=lambda kv: -kv[1])[:top]


def main() -> int:
    from PySide6.QtGui import QGuiApplication

    from digitpad.data import load_split
    from digitpad.modelfile import load_model
    from digitpad.pendigits import load_pen_digits, writer_split
    from digitpad.predictor import NOT_SURE_BELOW

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "weights" / "default.npz"))
    parser.add_argument("--mnist", default=str(SHARED / "mnist"))
    parser.add_argument("--pen", default=str(SHARED / "pen-digits" / "unipen-1a-dev.npz"))
    parser.add_argument("--limit", type=int, default=0, help="use only N pen digits (quick look)")
    args = parser.parse_args()
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])  # noqa: F841 (QPainter needs it)

    model, meta = load_model(Path(args.model))
    print(
        f"model: {args.model} ({'-'.join(map(str, meta['layer_sizes']))} {meta['activation']}, "
        f"preset {meta.get('preset')})"
    )
    if Path(args.mnist).is_dir():
        test = load_split(Path(args.mnist), "test")
        guess = model.predict_proba(test.images).argmax(axis=1)
        print(f"MNIST test accuracy: {(guess == test.labels).mean():.4f}")
    else:
        print(f"MNIST: skipped ({args.mnist} not found)")
    if not Path(args.pen).is_file():
        print(f"pen digits: skipped ({args.pen} not found)")
        return 0
    digits = load_pen_digits(Path(args.pen))
    indices = np.arange(len(digits))
    if args.limit:
        indices = np.random.default_rng(0).choice(indices, args.limit, replace=False)
    _, held_out = writer_split(digits)
    held = np.isin(indices, held_out)
    t0 = time.perf_counter()
    x = render_pen_inputs(digits, indices)
    seconds = time.perf_counter() - t0
    probs = model.predict_proba(x)
    guess, truth = probs.argmax(axis=1), digits.labels[indices]
    right = guess == truth
    print(
        f"pen digits through the canvas renderer ({len(indices)} digits, {seconds:.1f} s to draw "
        f"and preprocess): {right.mean():.4f}"
    )
    print(
        f"  writer-independent held-out part ({held.sum()} digits, "
        f"{len(np.unique(digits.writers[indices][held]))} writers): {right[held].mean():.4f}"
    )
    sure = probs.max(axis=1) >= NOT_SURE_BELOW
    print(
        f"  'not sure' (top probability < {NOT_SURE_BELOW}): {1 - sure.mean():.2%} of digits; "
        f"accuracy when sure: {right[sure].mean():.4f}"
    )
    print(
        "  most confused (true -> guess: count): "
        + ", ".join(f"{t}->{g}: {n}" for (t, g), n in confused_pairs(truth, guess))
    )
    variants = {
        "thin brush (0.025)": dict(brush=0.025),
        "thick brush (0.12)": dict(brush=0.12),
        "small, in a corner": dict(height=0.25, centre=(0.2, 0.2)),
        "large (0.9 of board)": dict(height=0.9),
    }
    sub = indices[: min(len(indices), 1500)]
    for name, kwargs in variants.items():
        acc = (
            model.predict_proba(render_pen_inputs(digits, sub, **kwargs)).argmax(axis=1)
            == digits.labels[sub]
        ).mean()
        print(f"  {name}, first {len(sub)} digits: {acc:.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
