"""Recognition of digits people draw, measured on writers a model never trained on.

    python benchmarks/recognition.py [MODEL]                 # one model (default: the shipped one)
    python benchmarks/recognition.py --loso [--epochs N] [--jobs J] [--sites a,b] [--summary]

Pen digits (``../shared/pen-digits``) are drawn the way the hidden test draws them: on a 280x280
white board, black brush 12-22 px, random size and place, then read like a PNG file by
``digitpad predict``. MODEL mode reports MNIST test accuracy and, for pen digits, only writers the
model did not train on (its calibration writers if it trained on pen digits, else all of them).

``--loso`` trains one model per UNIPEN site with the ``best`` recipe (``--epochs`` fewer for a
cheaper run) on MNIST plus the pen digits of every other site, calibrates it on held-apart writers
of those other sites, and tests it on the left-out site: accuracy, right-when-sure and answered-sure,
uqb's zeros and ones on their own, MNIST test, and training time. Sites run in ``--jobs`` parallel
processes with one BLAS thread each. ``--summary`` trains nothing and sums up the models and
answers already in ``--out``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
PEN = SHARED / "pen-digits" / "unipen-1a-dev.npz"
MIN_SITE_DIGITS = 100  # a site with fewer says little about how hard it is


def drawings(digits, indices, seed: int = 0) -> list[np.ndarray]:
    """Grey 280x280 boards (uint8) of the digits ``indices`` as the hidden test draws them."""
    from digitpad.gui.render import Stroke, fit_strokes, render, to_array

    rng = np.random.default_rng(seed)
    boards = []
    for i in indices:
        height = rng.uniform(0.35, 0.85)
        brush = rng.uniform(12, 22) / 280
        margin = height / 2 + brush
        centre = tuple(rng.uniform(min(margin, 0.5), max(1 - margin, 0.5), 2))
        raw = digits.strokes(int(i))
        strokes = [Stroke(brush, False, pts) for pts in fit_strokes(raw, height, 0.85, centre)]
        boards.append(to_array(render(strokes, 280)))
    return boards


def drawing_inputs(digits, indices, seed: int = 0) -> np.ndarray:
    """Network inputs (n, 784) for ``drawings`` of the digits (zeros where "no digit")."""
    from digitpad.reading.preprocess import mnist_input

    out = np.zeros((len(indices), 784), np.float32)
    for row, board in enumerate(drawings(digits, indices, seed)):
        x = mnist_input(board)
        if x is not None:
            out[row] = x
    return out


def unseen_writers(digits, meta: dict) -> np.ndarray:
    """Indices of the pen digits whose writers a model with metadata ``meta`` never trained on."""
    from digitpad.pen.digits import calibration_split

    pen_trained = (meta.get("config") or {}).get("pen_fraction", 0) > 0
    return calibration_split(digits)[1] if pen_trained else np.arange(len(digits))


def read_like_files(model, boards) -> np.ndarray:
    """Calibrated probabilities (n, 10) for ``boards`` read as image files (PIL "L" images);
    a board that holds no digit for a reason other than a flat answer (no ink, marks inside a
    ring) gets all zeros, so ``scores`` counts it as ``predict`` says it."""
    from PIL import Image

    from digitpad.reading.predictor import SCRIBBLE, predict_image

    preds = [predict_image(model, Image.fromarray(b)) for b in boards]
    none = np.zeros(10, np.float32)
    return np.stack(
        [p.probabilities if p.digit is not None or p.reason == SCRIBBLE else none for p in preds]
    )


def scores(model, probs: np.ndarray, labels: np.ndarray) -> dict:
    """Scores of calibrated answers ``probs`` (n, 10) as ``predict`` gives them: an answer with no
    ink read (all zeros) or too flat to name a digit is "no digit" (-1), never right nor sure."""
    no_digit = ~probs.any(axis=1) | model.no_digit(probs)
    guess = np.where(no_digit, -1, probs.argmax(axis=1))
    right = guess == labels
    sure = model.sure(probs) & ~no_digit
    return {
        "digits": int(len(labels)),
        "accuracy": float(right.mean()),
        "answered_sure": float(sure.mean()),
        "right_when_sure": float(right[sure].mean()) if sure.any() else None,
        "confused": confused_pairs(labels, guess),
    }


def confused_pairs(truth, guess, top=5) -> list[str]:
    pairs: dict[tuple[int, int], int] = {}
    for t, g in zip(truth, guess):
        if t != g:
            pairs[(int(t), int(g))] = pairs.get((int(t), int(g)), 0) + 1
    named = {-1: "none"}  # a "no digit" answer
    ranked = sorted(pairs.items(), key=lambda kv: -kv[1])[:top]
    return [f"{t}->{named.get(g, g)}: {n}" for (t, g), n in ranked]


def app():
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def evaluate_model(path: Path) -> int:
    from digitpad.data.mnist import load_split
    from digitpad.pen.digits import load_pen_digits
    from digitpad.store.modelfile import load_model

    _app = app()
    model, meta = load_model(path)
    print(f"model: {path} ({'-'.join(map(str, meta['layer_sizes']))}, preset {meta.get('preset')})")
    print(f"  calibration: {model.calibration}")
    if (SHARED / "mnist").is_dir():
        test = load_split(SHARED / "mnist", "test")
        print(
            f"MNIST test accuracy: {(model.predict_proba(test.images).argmax(1) == test.labels).mean():.4f}"
        )
    if not PEN.is_file():
        print(f"pen digits: skipped ({PEN} not found)")
        return 0
    digits = load_pen_digits(PEN)
    indices = unseen_writers(digits, meta)
    what = f"{len(np.unique(digits.writers[indices]))} writers it never trained on"
    t0 = time.perf_counter()
    result = scores(model, read_like_files(model, drawings(digits, indices)), digits.labels[indices])
    print(f"pen digits, {what}, {time.perf_counter() - t0:.0f} s: {json.dumps(result)}")
    return 0


def loso_site(
    site: str, epochs: int, out_dir: Path, styles: int | None = None, seed: int | None = None
) -> dict:
    """Train without ``site``, test on it; returns the scores (also written to ``out_dir``)."""
    from digitpad.data.mnist import load_mnist
    from digitpad.pen.digits import load_pen_digits
    from digitpad.training.config import PRESETS
    from digitpad.training.run import train_and_save

    _app = app()
    digits = load_pen_digits(PEN)
    sites = digits.sites
    config = PRESETS["best"].replace(epochs=epochs)
    if styles is not None:  # a writing-styles version to compare with the preset's
        config = config.replace(styles=styles)
    if seed is not None:  # another seed of the same recipe: how far results move by chance
        config = config.replace(seed=seed)
    train, test = load_mnist(SHARED / "mnist")
    t0 = time.perf_counter()
    run = train_and_save(
        config,
        train,
        test,
        out_dir / f"without-{site}.npz",
        pen=digits.subset(np.nonzero(sites != site)[0]),
    )
    seconds = time.perf_counter() - t0
    held = np.nonzero(sites == site)[0]
    probs = read_like_files(run.model, drawings(digits, held, seed=1))
    labels = digits.labels[held]
    save_answers(out_dir, site, probs, labels)
    result = {"site": site, "epochs": epochs, "seed": config.seed, "mnist_test": run.test_accuracy}
    result["run_seconds"] = round(seconds, 1)
    result["train_seconds"] = round(run.train_seconds, 1)
    result["calibration"] = run.model.calibration.to_dict()
    result.update(scores(run.model, probs, labels))
    if site == "uqb":
        for d in (0, 1):
            result[f"uqb_{d}s"] = scores(run.model, probs[labels == d], labels[labels == d])
    (out_dir / f"without-{site}.json").write_text(json.dumps(result, indent=1))
    return result


def save_answers(out_dir: Path, site: str, probs: np.ndarray, labels: np.ndarray) -> None:
    """Keep each held-out digit's calibrated confidence and whether the answer was right (and the
    probabilities (n, 10) and labels (n,), to refit a calibration across sites later)."""
    np.savez(
        out_dir / f"without-{site}-answers.npz",
        confidence=probs.max(axis=1),
        right=probs.argmax(axis=1) == labels,
        probabilities=probs.astype(np.float32),
        labels=labels,
    )


def load_answers(out_dir: Path, site: str) -> tuple[np.ndarray, np.ndarray]:
    """(confidence, right) of the site's model on the site, recomputed if a run did not keep them."""
    path = out_dir / f"without-{site}-answers.npz"
    if not path.is_file():
        from digitpad.pen.digits import load_pen_digits
        from digitpad.store.modelfile import load_model

        digits = load_pen_digits(PEN)
        model, _ = load_model(out_dir / f"without-{site}.npz")
        held = np.nonzero(digits.sites == site)[0]
        probs = read_like_files(model, drawings(digits, held, seed=1))
        save_answers(out_dir, site, probs, digits.labels[held])
    with np.load(path, allow_pickle=False) as f:
        return f["confidence"], f["right"]


def cross_site_floor(out_dir: Path, results: list[dict]) -> None:
    """How high the "sure" threshold must be for a new site, and an honest check of each rule:
    each site's floor chosen from the other sites only, applied with its own model.

    Pooled: the lowest confidence at which the answers on never-seen sites, pooled, are right
    TARGET_PRECISION of the time. Strictest site: for each site of at least MIN_SITE_DIGITS digits,
    the lowest confidence at which its answers are right PICK_PRECISION of the time, and the
    highest of these (what ``calibration.CROSS_SITE_FLOOR`` is set from): a new site may be as hard
    as the hardest one known, and pooling lets the easy sites hide it."""
    from digitpad.reading.calibration import PICK_PRECISION, TARGET_PRECISION, choose_threshold

    _app = app()
    answers = {r["site"]: load_answers(out_dir, r["site"]) for r in results}
    fitted = {r["site"]: r["calibration"]["sure_threshold"] for r in results}

    def pooled(sites: list[str]) -> float:
        conf = np.concatenate([answers[s][0] for s in sites])
        right = np.concatenate([answers[s][1] for s in sites])
        return choose_threshold(conf, right, TARGET_PRECISION)

    own = {s: choose_threshold(*answers[s], PICK_PRECISION) for s in answers}
    big = [s for s in answers if len(answers[s][0]) >= MIN_SITE_DIGITS]

    def strictest(sites: list[str]) -> float:
        return max((own[s] for s in sites if s in big), default=0.0)

    print(f"cross-site floor, pooled ({TARGET_PRECISION:.0%} right): {pooled(list(answers)):.3f}")
    levels = ", ".join(f"{s} {own[s]:.3f}" for s in big)
    print(
        f"cross-site floor, strictest site ({PICK_PRECISION:.1%} right; {levels}): "
        f"{strictest(list(answers)):.3f}"
    )
    for name, rule in (("pooled", pooled), ("strictest site", strictest)):
        answered = right = total = 0
        for site, (conf, ok) in answers.items():
            floor = rule([s for s in answers if s != site])
            sure = conf >= max(floor, fitted[site])
            answered, right, total = answered + sure.sum(), right + ok[sure].sum(), total + len(ok)
        print(
            f"  {name}, chosen for each site from the others: answered sure "
            f"{answered / total:.4f}, right when sure {right / max(answered, 1):.4f}"
        )


def loso(args) -> int:
    from digitpad.pen.digits import load_pen_digits

    out_dir = Path(args.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    sites = args.sites.split(",") if args.sites else sorted(set(load_pen_digits(PEN).sites))
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    pending = list(sites)
    running: list[subprocess.Popen] = []
    failed: list[str] = []
    while not args.summary and (pending or running):
        while pending and len(running) < args.jobs:
            site = pending.pop(0)
            cmd = [
                sys.executable,
                __file__,
                "--one-site",
                site,
                "--epochs",
                str(args.epochs),
                "--out",
                args.out,
                *(["--styles", str(args.styles)] if args.styles is not None else []),
                *(["--seed", str(args.seed)] if args.seed is not None else []),
            ]
            running.append(subprocess.Popen(cmd, env=env))
        time.sleep(2)
        failed += [p.args[3] for p in running if p.poll() not in (None, 0)]
        running = [p for p in running if p.poll() is None]
    if failed:  # their without-SITE.json, if any, is from an earlier run
        print(f"leave-one-site-out: training failed for {', '.join(failed)}", file=sys.stderr)
        return 1
    in_folder = folder_results(out_dir, args.epochs)
    by_site = {r["site"]: r for r in in_folder}
    results = [by_site[s] for s in sites if s in by_site]  # --summary: those in the folder
    if not results:
        print(f"no {args.epochs}-epoch leave-one-site-out results in {out_dir}", file=sys.stderr)
        return 1
    print(f"\nleave-one-site-out, best recipe with {args.epochs} epochs:")
    print("site   digits  accuracy  answered-sure  right-when-sure  MNIST test  train s")
    for r in results:
        rws = f"{r['right_when_sure']:.4f}" if r["right_when_sure"] is not None else "-"
        print(
            f"{r['site']:<6} {r['digits']:>6}  {r['accuracy']:.4f}    {r['answered_sure']:.4f}         "
            f"{rws}           {r['mnist_test']:.4f}     {r['train_seconds']:.0f}"
        )
    print_totals(results)
    for r in results:
        if r["site"] == "uqb":
            print(
                f"uqb zeros: {r['uqb_0s']['accuracy']:.4f} ({r['uqb_0s']['digits']}), "
                f"ones: {r['uqb_1s']['accuracy']:.4f} ({r['uqb_1s']['digits']})"
            )
        print(f"  {r['site']} confused: {', '.join(r['confused'])}")
    if len(in_folder) > len(results):
        print(f"\nall {len(in_folder)} sites in {out_dir} with {args.epochs} epochs:")
        print_totals(in_folder)
    if len(in_folder) < 2:
        print("cross-site floor: needs models for at least two sites")
    else:
        cross_site_floor(out_dir, in_folder)
    return 0


def print_totals(results: list[dict]) -> None:
    """Mean over sites, accuracy over all their digits, and sure answers over all digits."""
    print(f"mean over sites: {np.mean([r['accuracy'] for r in results]):.4f}")
    weights = np.array([r["digits"] for r in results], float)
    print(f"over all digits: {np.average([r['accuracy'] for r in results], weights=weights):.4f}")
    sure = sum(r["answered_sure"] * r["digits"] for r in results)
    right = sum((r["right_when_sure"] or 0) * r["answered_sure"] * r["digits"] for r in results)
    right_share = f"{right / sure:.4f}" if sure else "-"
    print(f"all digits: answered sure {sure / weights.sum():.4f}, right when sure {right_share}")


def folder_results(out_dir: Path, epochs: int) -> list[dict]:
    """Every site's result in ``out_dir`` from runs with ``epochs`` epochs (earlier calls with
    other ``--sites`` included), so a LOSO split over several calls is summed up as one."""
    found = [json.loads(p.read_text()) for p in sorted(out_dir.glob("without-*.json"))]
    return [r for r in found if r.get("epochs") == epochs]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("model", nargs="?", default=str(ROOT / "weights" / "default.npz"))
    parser.add_argument("--loso", action="store_true", help="leave-one-site-out training and test")
    parser.add_argument("--epochs", type=int, default=10, help="epochs of each --loso model")
    parser.add_argument("--jobs", type=int, default=2, help="sites trained at once")
    parser.add_argument("--sites", default="", help="comma-separated sites (default: all)")
    parser.add_argument("--out", default=str(ROOT / "scratch" / "loso"), help="where --loso models go")
    parser.add_argument(
        "--styles", type=int, default=None, help="--loso: writing-styles version (default: best's)"
    )
    parser.add_argument("--seed", type=int, default=None, help="--loso: training seed (default: best's)")
    parser.add_argument(
        "--summary", action="store_true", help="--loso: sum up the models in --out, train none"
    )
    parser.add_argument("--one-site", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if not PEN.is_file() or not (SHARED / "mnist").is_dir():
        print(f"skipped: {PEN} or {SHARED / 'mnist'} not found")
        return 0
    if args.one_site:
        print(
            json.dumps(loso_site(args.one_site, args.epochs, Path(args.out), args.styles, args.seed)),
            flush=True,
        )
        return 0
    return loso(args) if args.loso else evaluate_model(Path(args.model))


if __name__ == "__main__":
    sys.exit(main())
