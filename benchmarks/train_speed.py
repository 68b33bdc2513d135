"""Training and prediction speed, measured side by side in one run.

    python benchmarks/train_speed.py [--mnist DIR] [--epochs 3] [--skip-torch]

1. 784-800-800-10 ReLU, softmax + cross-entropy, Adam lr 1e-3, batch 128, float32, no augmentation:
   seconds per epoch for digitpad's trainer and (when installed) an equivalent PyTorch model with the
   same number of threads, alternating epoch by epoch; their ratio; and the FLOP-bound limit of that
   epoch at the float32 matmul rate measured in this run (and, for scale, the time Adam's
   parameter/moment/gradient traffic takes at the memory copy rate measured in this run).
2. Augmentation overhead on the same network (epoch with / without).
3. The `fast` preset: training seconds until 98.0% MNIST test accuracy.
4. One canvas image: preprocessing + forward, median milliseconds.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
import time
from pathlib import Path

# As the digitpad command sets it before NumPy loads (see digitpad/__init__.py).
os.environ.setdefault("OPENBLAS_THREAD_TIMEOUT", "4")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HIDDEN = (800, 800)
BATCH = 128


def blas_threads() -> int:
    try:
        from threadpoolctl import threadpool_info

        return max(int(i["num_threads"]) for i in threadpool_info() if i["user_api"] == "blas")
    except Exception:  # threadpoolctl missing: numpy uses all cores by default
        return os.cpu_count() or 1


def matmul_rate() -> float:
    """Best float32 GEMM rate (FLOP/s) over a large square product."""
    a = np.random.default_rng(0).random((2048, 2048), dtype=np.float32)
    best = 0.0
    for _ in range(5):
        t = time.perf_counter()
        a @ a
        best = max(best, 2 * 2048**3 / (time.perf_counter() - t))
    return best


def copy_bandwidth() -> float:
    """Best main-memory copy rate (bytes read + written per second) over a 64 MB array."""
    src = np.ones(16 * 2**20, np.float32)
    dst = np.empty_like(src)
    best = 0.0
    for _ in range(5):
        t = time.perf_counter()
        np.copyto(dst, src)
        best = max(best, 2 * src.nbytes / (time.perf_counter() - t))
    return best


def adam_bytes_per_epoch(n: int, sizes, batch: int) -> float:
    """Adam reads parameter, both moments and gradient (16 B) and writes three (12 B) per
    parameter and step: a traffic no implementation avoids once the state outgrows the caches."""
    params = sum(i * o + o for i, o in zip(sizes[:-1], sizes[1:]))
    return 28.0 * params * math.ceil(n / batch)


def epoch_flops(n: int, sizes) -> float:
    """Forward (2mnk per layer), weight gradients (same), input gradients except the first layer."""
    layers = list(zip(sizes[:-1], sizes[1:]))
    fwd = sum(2 * n * i * o for i, o in layers)
    back_w = fwd
    back_x = sum(2 * n * i * o for i, o in layers[1:])
    return fwd + back_w + back_x


def digitpad_epochs(train, test, epochs, augment=False):
    from digitpad.training.config import TrainConfig
    from digitpad.training.trainer import EpochStats, Trainer

    cfg = TrainConfig(
        hidden=HIDDEN,
        activation="relu",
        loss="ce",
        optimizer="adam",
        lr=1e-3,
        batch_size=BATCH,
        epochs=epochs,
        augment=augment,
    )
    for stats in Trainer(cfg, train, None).run():
        if isinstance(stats, EpochStats):
            yield stats.seconds


def torch_epochs(train, epochs, threads):
    import torch

    torch.set_num_threads(threads)
    torch.manual_seed(0)
    x = torch.from_numpy(train.images)
    y = torch.from_numpy(train.labels)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, HIDDEN[0]),
        torch.nn.ReLU(),
        torch.nn.Linear(HIDDEN[0], HIDDEN[1]),
        torch.nn.ReLU(),
        torch.nn.Linear(HIDDEN[1], 10),
    )
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = torch.nn.CrossEntropyLoss()
    for _ in range(epochs):
        t = time.perf_counter()
        order = torch.randperm(len(y))
        xs, ys = x[order], y[order]
        for i in range(0, len(ys), BATCH):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(xs[i : i + BATCH]), ys[i : i + BATCH])
            loss.backward()
            opt.step()
        yield time.perf_counter() - t


def alternate(*generators):
    """Advance each generator one epoch in turn; returns the per-epoch seconds of each."""
    results = [[] for _ in generators]
    live = list(range(len(generators)))
    while live:
        for k in list(live):
            try:
                results[k].append(next(generators[k]))
            except StopIteration:
                live.remove(k)
    return results


def fast_time_to_98(train, test):
    from digitpad.training.config import PRESETS
    from digitpad.training.trainer import EpochStats, Trainer

    total = 0.0
    for stats in Trainer(PRESETS["fast"], train, test).run():
        if isinstance(stats, EpochStats):
            total += stats.seconds
            if stats.test_accuracy >= 0.98:
                return total, stats.epoch, stats.test_accuracy
    return float("nan"), stats.epoch, stats.test_accuracy


def prediction_latency(train):
    """Median ms for one 280x280 drawing (a test digit drawn big) -> preprocessing -> the model's
    reading (``predict_input``: nudged, five passes, when the model reads nudged)."""
    from PIL import Image

    from digitpad.reading.predictor import predict_input
    from digitpad.reading.preprocess import mnist_input
    from digitpad.store.modelfile import load_model

    model, _ = load_model(ROOT / "weights" / "default.npz")
    times = []
    for i in range(300):
        digit = Image.fromarray(((1 - train.images[i].reshape(28, 28)) * 255).astype(np.uint8))
        canvas = np.asarray(digit.resize((280, 280), Image.Resampling.BILINEAR))
        t = time.perf_counter()
        predict_input(model, mnist_input(canvas))
        times.append(time.perf_counter() - t)
    return 1e3 * float(np.median(times))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mnist", default=str(SHARED / "mnist"))
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--skip-torch", action="store_true")
    args = parser.parse_args()
    from digitpad.data.mnist import load_mnist

    train, test = load_mnist(Path(args.mnist))
    threads = blas_threads()
    rate = matmul_rate()
    bound = epoch_flops(len(train), [784, *HIDDEN, 10]) / rate
    print(
        f"machine: {threads} BLAS threads, float32 matmul {rate / 1e9:.0f} GFLOP/s "
        f"-> FLOP-bound epoch {bound:.2f} s for 784-800-800-10"
    )
    gens = [digitpad_epochs(train, test, args.epochs)]
    have_torch = False
    if not args.skip_torch:
        try:
            import torch

            gens.append(torch_epochs(train, args.epochs, threads))
            have_torch = True
            print(f"PyTorch {torch.__version__}, {threads} threads")
        except ImportError:
            print("PyTorch not installed: comparison skipped (pip install torch==2.13.0)")
    results = alternate(*gens)
    ours = results[0]
    print("digitpad epoch seconds: " + ", ".join(f"{s:.2f}" for s in ours))
    med = float(np.median(ours))
    if have_torch:
        theirs = results[1]
        print("PyTorch  epoch seconds: " + ", ".join(f"{s:.2f}" for s in theirs))
        print(f"digitpad / PyTorch: {med / float(np.median(theirs)):.2f}x (median epochs)")
    print(f"digitpad / FLOP-bound limit: {med / bound:.2f}x")
    traffic = adam_bytes_per_epoch(len(train), [784, *HIDDEN, 10], BATCH) / copy_bandwidth()
    print(
        f"  for scale: Adam's state traffic alone takes {traffic:.2f} s per epoch at this run's "
        f"copy bandwidth; FLOP bound + that = {bound + traffic:.2f} s ({med / (bound + traffic):.2f}x)"
    )
    plain, augmented = alternate(
        digitpad_epochs(train, test, 2), digitpad_epochs(train, test, 2, augment=True)
    )
    print(
        f"augmentation: {np.median(augmented):.2f} s vs {np.median(plain):.2f} s per epoch "
        f"(+{np.median(augmented) / np.median(plain) - 1:.0%})"
    )
    seconds, epoch, acc = fast_time_to_98(train, test)
    print(f"fast preset: {seconds:.1f} s of training to reach {acc:.4f} test accuracy (epoch {epoch})")
    print(f"one canvas image, preprocessing + forward: {prediction_latency(train):.2f} ms median")
    return 0


if __name__ == "__main__":
    sys.exit(main())
