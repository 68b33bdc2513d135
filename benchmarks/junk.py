"""How often a drawing that is not a digit is shown as a "sure" digit, and what simple checks
on the network input could do about it.

    python benchmarks/junk.py [MODEL] [--per-kind N] [--seed S] [--pen N] [--looks L]

Non-digits of several kinds (``digitpad.pen.non_digits``) are drawn on a 280x280 board with the app's own
stroke renderer and read like files by the same path as ``digitpad predict``. For each kind it
prints the share read as no digit for any reason (``digit: null``), the share of them in the
"no digit?" state (a scribble, too much ink or marks inside a ring, rather than too little ink or
a lone line), the share
answered "sure" and the digits they were taken for. Real digits are the MNIST test set (as network
inputs) and the pen digits of writers the model never trained on, drawn as ``recognition.py`` draws
them (``--looks`` times each, with other brushes, sizes and places): the share of them answered sure
and the share read as no digit.

Then, for candidate "does this look like a digit" scores on the network input (a higher "sure"
threshold, ink mass, the network's energy -logsumexp(logits), minus the norm of the last hidden
layer, and the most unusual of these four), the limit is set so that at most 0.1% / 0.2% of the
real digits answered sure lose "sure" (on MNIST test and on pen digits separately), and the share
of each junk kind (and of all kinds together) still answered sure is printed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np
from recognition import PEN, ROOT, SHARED, app, drawings, unseen_writers

from digitpad.pen.non_digits import KINDS, junk

REAL_LOSS = (0.001, 0.002)  # share of real sure digits a check may turn "not sure"


def junk_boards(kind: str, count: int, seed: int, pen) -> list[np.ndarray]:
    """Grey 280x280 boards (uint8) of ``count`` non-digits of ``kind``."""
    from digitpad.gui.render import Stroke, render, to_array

    rng = np.random.default_rng(seed)
    boards = []
    for _ in range(count):
        strokes, brush = junk(kind, rng, pen)
        drawn = [Stroke(brush, False, [(float(x), float(y)) for x, y in s]) for s in strokes]
        boards.append(to_array(render(drawn, 280)))
    return boards


def as_predict(model, boards) -> dict[str, np.ndarray]:
    """How ``digitpad predict`` answers ``boards`` (predictor.predict_image, crossed zeros read
    again without their line included): ``input`` (n, 784) what the network read (zeros where
    the preprocessing found no digit), and (n,) arrays ``read`` (the network read it), ``none``
    (no digit for any reason),
    ``state`` (the "no digit?" state: a scribble, too much ink, marks inside a ring), ``sure`` and ``digit`` (-1 for
    none)."""
    from PIL import Image

    from digitpad.reading.predictor import predict_image

    preds = [predict_image(model, Image.fromarray(b)) for b in boards]
    return {
        "input": np.stack([p.input for p in preds]).reshape(len(preds), -1),
        "read": np.array([p.read for p in preds]),
        "none": np.array([p.digit is None for p in preds]),
        "state": np.array([p.not_a_digit for p in preds]),
        "sure": np.array([p.sure for p in preds]),
        "digit": np.array([-1 if p.digit is None else p.digit for p in preds]),
    }


def candidate_scores(model, x: np.ndarray) -> dict[str, np.ndarray]:
    """Scores (n,) for inputs ``x`` (n, 784): higher looks less like a digit."""
    acts = model.network.activations(x, logits=True)
    logits, hidden = acts[-1].astype(np.float64), acts[-2]
    top = logits.max(axis=1)
    confidence = model.probabilities(x).max(axis=1)
    return {
        "confidence": 1.0 - confidence,  # a higher "sure" threshold
        "ink mass": x.sum(axis=1),
        "energy": -(top + np.log(np.exp(logits - top[:, None]).sum(axis=1))),
        "hidden norm": -np.linalg.norm(hidden, axis=1),
    }


def add_any_of_them(real_scores: dict, junk_scores: dict) -> None:
    """Add the score "any of them": each score's rank among all real sure digits' (a fraction),
    the highest of these, so that one limit rejects whatever any single score finds unusual."""
    names = list(next(iter(real_scores.values())))
    pooled = {n: np.sort(np.concatenate([s[n] for s in real_scores.values()])) for n in names}
    for scores in (*real_scores.values(), *junk_scores.values()):
        ranks = [np.searchsorted(pooled[n], scores[n]) / len(pooled[n]) for n in names]
        scores["any of them"] = np.max(ranks, axis=0)


def sure(model, x: np.ndarray) -> np.ndarray:
    return model.sure(model.probabilities(x))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "weights" / "default.npz"))
    parser.add_argument("--per-kind", type=int, default=200, help="drawings of each junk kind")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pen", type=int, default=0, help="at most this many pen digits (0: all)")
    parser.add_argument("--looks", type=int, default=4, help="drawings of each pen digit")
    args = parser.parse_args()
    if not PEN.is_file() or not (SHARED / "mnist").is_dir():
        print(f"skipped: {PEN} or {SHARED / 'mnist'} not found")
        return 0
    from digitpad.data.mnist import load_split
    from digitpad.pen.digits import load_pen_digits
    from digitpad.store.modelfile import load_model

    _app = app()
    model, meta = load_model(Path(args.model))
    pen = load_pen_digits(PEN)
    print(f"model: {args.model}; sure at calibrated confidence >= {model.calibration.sure_threshold}")

    print(f"\nnon-digits, {args.per_kind} of each kind (seed {args.seed}):")
    print("kind         no-digit  no-digit?  sure    read as (sure answers per digit 0-9)")
    junk_sets, shares = {}, []
    for k, kind in enumerate(KINDS):
        answers = as_predict(model, junk_boards(kind, args.per_kind, args.seed + k, pen))
        said_sure, any_reason, state = answers["sure"], answers["none"], answers["state"]
        guesses = np.bincount(answers["digit"][said_sure], minlength=10)
        shares.append((any_reason.mean(), state.mean()))
        print(
            f"{kind:<12} {any_reason.mean():.3f}     {state.mean():.3f}      {said_sure.mean():.3f}"
            f"   {guesses.tolist()}"
        )
        junk_sets[kind] = answers["input"][said_sure]
    junk_any, junk_state = np.mean(shares, axis=0)
    print(f"{'all kinds':<12} {junk_any:.3f}     {junk_state:.3f}")

    test = load_split(SHARED / "mnist", "test")
    held = unseen_writers(pen, meta)
    held = held[: args.pen] if args.pen else held
    pen_answers = [as_predict(model, drawings(pen, held, seed)) for seed in range(args.looks)]
    pen_x = np.concatenate([a["input"] for a in pen_answers])
    pen_none = ~np.concatenate([a["read"] for a in pen_answers])
    pen_labels = np.tile(pen.labels[held], args.looks)
    real = {"MNIST test": test.images, "pen digits": pen_x[~pen_none]}
    truth = {"MNIST test": test.labels, "pen digits": pen_labels[~pen_none]}
    print(f"\nreal digits (pen digits: {args.looks} drawings of each):")
    real_sure = {}
    for name, x in real.items():
        s = sure(model, x)
        right = model.probabilities(x).argmax(axis=1) == truth[name]
        print(
            f"{name:<11} {len(x):>6}  answered sure {s.mean():.4f}, right when sure {right[s].mean():.4f}"
        )
        real_sure[name] = x[s]
    level = model.calibration.no_digit_level
    rule = f"flatness >= {level}, too much ink, or marks inside a ring (MNIST inputs: flatness)"
    print(f'\n"no digit": any reason; "no digit?": {rule}')
    mnist_flat = model.no_digit(model.probabilities(test.images))
    as_read = {
        "MNIST test": (mnist_flat, mnist_flat),  # network inputs: only a flat answer names none
        "pen digits": tuple(np.concatenate([a[k] for a in pen_answers]) for k in ("none", "state")),
    }
    for name, x in (("MNIST test", test.images), ("pen digits", pen_x)):
        any_reason, state = as_read[name]
        print(
            f"  real {name:<11} no digit {any_reason.mean():.4f} ({any_reason.sum()} of "
            f'{len(x)}), "no digit?" {state.mean():.4f}'
        )
    print(f'  junk, all kinds: no digit {junk_any:.3f}, "no digit?" {junk_state:.3f}')

    print("\ncandidate checks: limit set so that real digits answered sure lose it at most ...")
    real_scores = {name: candidate_scores(model, x) for name, x in real_sure.items()}
    junk_scores = {k: candidate_scores(model, x) for k, x in junk_sets.items() if len(x)}
    add_any_of_them(real_scores, junk_scores)
    print(
        "score        real lost  MNIST   pen     | junk still sure: "
        + " ".join(f"{k:>9}" for k in KINDS)
        + "       all"
    )
    for score in next(iter(real_scores.values())):
        for loss in REAL_LOSS:
            limit = max(float(np.quantile(s[score], 1 - loss)) for s in real_scores.values())
            lost = [float((s[score] > limit).mean()) for s in real_scores.values()]
            still = [
                float((junk_scores[k][score] <= limit).sum()) / args.per_kind
                if k in junk_scores
                else 0.0
                for k in KINDS
            ]
            print(
                f"{score:<12} <= {loss:.3f}   {lost[0]:.4f}  {lost[1]:.4f}  |                  "
                + " ".join(f"{v:>9.3f}" for v in [*still, float(np.mean(still))])
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
