"""The app's responsiveness, measured in the real window (offscreen):

    python benchmarks/gui.py [--mnist DIR] [--pen NPZ] [--shots DIR] [--epochs N]

1. Per-update latency of the Draw tab (canvas pixels -> preprocessing -> forward -> shown), over
   real pen digits replayed onto the canvas; and the whole update (every connected view included)
   with the Draw tab in front against the Inside tab in view, which works out more per reading.
2. Event-loop stalls while the Train tab trains the `fast` preset on the full MNIST: a 10 ms QTimer
   probe, gaps printed as a distribution.
With --shots, saves screenshots of both tabs (used in the README).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DIGITPAD_HOME", tempfile.mkdtemp(prefix="digitpad-bench-"))
ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def whole_update_ms(window, app, sets) -> None:
    """One reading with everything the window does for it (the Inside tab included), with the
    Draw tab in front and with the Inside tab in view, side by side in one run."""
    tab, canvas = window.draw_tab, window.draw_tab.canvas
    times: dict[str, list[float]] = {"Draw tab in front": [], "Inside tab in view": []}
    for strokes, _ in sets:
        canvas.clear()
        for stroke in strokes:
            canvas.add_stroke([tuple(p) for p in stroke])
        for name, page in (("Draw tab in front", tab), ("Inside tab in view", window.inside_tab)):
            window.tabs.setCurrentWidget(page)
            app.processEvents()
            start = time.perf_counter()
            tab.recognise()
            times[name].append((time.perf_counter() - start) * 1e3)
    window.tabs.setCurrentWidget(tab)
    front, inside = (np.median(t) for t in times.values())
    print(
        f"Whole update per reading ({len(sets)} digits): {front:.2f} ms with the Draw tab in front, "
        f"{inside:.2f} ms with the Inside tab in view (ratio {inside / front:.2f})"
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist", default=str(SHARED / "mnist"))
    parser.add_argument("--pen", default=str(SHARED / "pen-digits" / "unipen-1a-dev.npz"))
    parser.add_argument("--shots", default="")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument(
        "--replay", type=int, default=300, help="pen digits to draw on the canvas (0: all)"
    )
    args = parser.parse_args()

    from PySide6.QtCore import QSettings
    from stall_probe import StallProbe

    from digitpad.gui.app import _application, self_test_digits
    from digitpad.gui.main_window import MainWindow
    from digitpad.gui.render import fit_strokes
    from digitpad.pen.digits import load_pen_digits

    app = _application()
    window = MainWindow(QSettings())
    window.resize(1100, 700)
    window.show()
    app.processEvents()
    tab, canvas = window.draw_tab, window.draw_tab.canvas
    latencies = []
    tab.predicted.connect(lambda _: latencies.append(tab.last_latency_ms))
    if Path(args.pen).is_file():
        digits = load_pen_digits(Path(args.pen))
        count = args.replay or len(digits)
        picks = np.random.default_rng(1).choice(len(digits), count, replace=False)
        sets = [(fit_strokes(digits.strokes(i)), digits.labels[i]) for i in picks]
    else:
        sets = [
            ([[tuple(p) for p in s] for s in d["strokes"]], d["digit"])
            for d in self_test_digits()["digits"]
        ]
    hits = 0
    for strokes, label in sets:
        canvas.clear()
        for stroke in strokes:
            canvas.begin_stroke(*stroke[0])
            for point in stroke[1:]:
                canvas.extend_stroke(*point)
                app.processEvents()  # lets the live (throttled) guesses run as they would
            canvas.end_stroke()
        hits += tab.prediction.digit == label
    print(
        f"Draw tab: {len(sets)} digits drawn point by point on the canvas widget: "
        f"{hits / len(sets):.4f} recognised correctly"
    )
    lat = np.array(latencies)
    board = canvas.pixels().shape
    whole_update_ms(window, app, sets[:60])
    print(
        f"Draw tab: {len(lat)} recognitions on a {board[1]}x{board[0]} board: median {np.median(lat):.2f} ms, "
        f"p95 {np.percentile(lat, 95):.2f} ms, max {lat.max():.2f} ms"
    )
    if args.shots:
        shots = Path(args.shots)
        shots.mkdir(parents=True, exist_ok=True)
        canvas.clear()
        spec = self_test_digits()
        for stroke in spec["digits"][3]["strokes"]:
            canvas.add_stroke([tuple(p) for p in stroke])
        app.processEvents()
        window.grab().save(str(shots / "draw-tab.png"))

    train = window.train_tab
    train.mnist.set_folder(Path(args.mnist))
    train.form.apply_preset("fast")
    train.form.widgets["epochs"].setValue(args.epochs)
    window.show_page(train)
    probe = StallProbe(10)
    done, shot_taken = [], []
    train.modelTrained.connect(lambda outcome: done.append(outcome))
    if not train.start():
        print("Train tab: could not start (MNIST missing?)", train.message.text())
        return 1
    probe.start()
    while not done:
        app.processEvents()
        app.thread().msleep(1)
        halfway = len(train.acc_plot.series["test"]) >= max(1, args.epochs // 2) + 0.5
        if args.shots and halfway and not shot_taken and train.progress.value() % 100 > 50:
            shot_taken.append(window.grab().save(str(Path(args.shots) / "train-tab.png")))
    probe.stop()
    g = np.array(probe.gaps[1:], float)
    print(
        f"Train tab, fast preset {args.epochs} epochs on MNIST: {len(g)} probe ticks (10 ms timer); "
        f"gap median {np.median(g):.0f} ms, p95 {np.percentile(g, 95):.0f} ms, p99 {np.percentile(g, 99):.0f} ms, "
        f"max {g.max():.0f} ms; ticks over 100 ms: {(g > 100).sum()}"
    )
    print(f"  test accuracy {done[0].report.accuracy:.4f}")
    if args.shots:
        app.processEvents()
        window.grab().save(str(Path(args.shots) / "train-tab-done.png"))
    from digitpad.gui import keep_result

    # The measured run is not to be kept: closing would otherwise ask, in a dialog nobody answers.
    keep_result.ask_unkept = lambda *_: keep_result.DISCARD
    window.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
