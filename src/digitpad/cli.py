"""The ``digitpad`` command: no arguments opens the app; ``train``, ``evaluate``, ``predict`` and
``download`` work headless. Errors print one line on stderr and exit non-zero, never a traceback."""

from __future__ import annotations

import argparse
import json
import os
import shutil
import stat
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from digitpad import __version__
from digitpad.errors import ConfigError, DigitpadError, DownloadError, os_reason
from digitpad.store import paths

if TYPE_CHECKING:
    from digitpad.reading.reader import Reader

EXIT_ERROR = 1
EXIT_USAGE = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, no usage dump
        print(f"digitpad: error: {message} (see 'digitpad --help')", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def _int_list(text: str) -> tuple[int, ...]:
    try:
        sizes = tuple(int(part) for part in text.split(",") if part.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected sizes like 800,800, got {text!r}") from None
    if not sizes:
        raise argparse.ArgumentTypeError("at least one hidden layer size is needed")
    return sizes


def add_setting_options(parser: argparse.ArgumentParser) -> None:
    """One option per training setting, from the table that also builds the Train form."""
    from digitpad.training.config import FIELDS

    for f in FIELDS:
        help_text = f.cli_help or f.tip
        if f.kind is bool:
            parser.add_argument(
                f.option, action=argparse.BooleanOptionalAction, default=None, help=help_text
            )
        elif f.kind is tuple:
            parser.add_argument(f.option, type=_int_list, help=help_text)
        else:
            parser.add_argument(
                f.option, type=f.kind, choices=f.choices or None, help=help_text.replace("%", "%%")
            )


DATA_HELP = (
    "MNIST directory (default: $DIGITPAD_DATA, else the folder chosen in the app, else the "
    "user data folder)"
)


def build_parser() -> argparse.ArgumentParser:
    from digitpad.training.config import PRESETS

    parser = _Parser(
        prog="digitpad",
        description="Draw digits and watch a NumPy neural network read them. With no command, "
        "opens the app; train, evaluate, predict and download work without a window.",
        epilog="'digitpad COMMAND --help' describes a command's options.",
    )
    parser.add_argument("--version", action="version", version=f"digitpad {__version__}")
    parser.add_argument("--startup-check", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the window offscreen, recognise shipped drawings, exit 0 or 1",
    )
    parser.add_argument(
        "--install-desktop-entry",
        action="store_true",
        help="Linux: add this program to the desktop's application menu (for the current user)",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser)
    sub.add_parser("gui", help="open the app (the default)")

    train = sub.add_parser("train", help="train a model on MNIST")
    train.add_argument(
        "--preset",
        default="fast",
        choices=tuple(PRESETS),
        help="the recipe to start from (default: fast)",
    )
    add_setting_options(train)
    train.add_argument("--data", help=DATA_HELP)
    train.add_argument("--out", help="where to save the model (default: your current model)")
    train.add_argument("--json", action="store_true", help="one JSON object per epoch")

    evaluate = sub.add_parser("evaluate", help="MNIST test accuracy of a model")
    evaluate.add_argument("--model", help="model file (default: your current model)")
    evaluate.add_argument("--data", help=DATA_HELP)
    evaluate.add_argument("--json", action="store_true", help="print one JSON object")

    predict = sub.add_parser("predict", help="recognise digits in image files")
    predict.add_argument("paths", nargs="+", help="image files or directories")
    predict.add_argument("--model", help="model file (default: your current model)")
    predict.add_argument(
        "--json", action="store_true", help="one JSON object per image, with all ten probabilities"
    )

    download = sub.add_parser("download", help="fetch MNIST into the data directory")
    download.add_argument("--data", help="where to put MNIST (default: $DIGITPAD_DATA or user data dir)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = build_parser().parse_args(argv)
        if args.install_desktop_entry:
            return cmd_install_desktop_entry()
        from digitpad.startup import prepare_session

        notices = prepare_session()
        if args.command in (None, "gui"):
            return _run_gui(self_test=args.self_test, startup_check=args.startup_check)
        for notice in notices:  # the window shows them itself
            print(f"digitpad: note: {notice}", file=sys.stderr)
        return {
            "train": cmd_train,
            "evaluate": cmd_evaluate,
            "predict": cmd_predict,
            "download": cmd_download,
        }[args.command](args)
    except DigitpadError as exc:
        print(f"digitpad: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("digitpad: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (e.g. `digitpad evaluate | head -1`): stop quietly, as Unix tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_ERROR


def _run_gui(self_test: bool, startup_check: bool = False) -> int:
    try:
        from digitpad.gui.app import run_app
    except ImportError as exc:
        raise DigitpadError(f"the app cannot start: {exc}") from None
    return run_app(self_test=self_test, startup_check=startup_check)


def cmd_install_desktop_entry() -> int:
    from digitpad import desktop_entry

    if not sys.platform.startswith("linux"):
        raise DigitpadError("--install-desktop-entry is for Linux desktops")
    try:
        entry = desktop_entry.install()
    except OSError as exc:
        raise DigitpadError(f"cannot write the menu entry: {exc.strerror or exc}") from None
    print(f"added digitpad to the application menu: {entry}")
    return 0


def _load_model(path: str | None):
    from digitpad.store.model_history import load_current
    from digitpad.store.modelfile import load_model

    if path:
        model, meta = load_model(Path(path))
        return model, meta
    current = load_current()
    for notice in current.notices:
        print(f"digitpad: note: {notice}", file=sys.stderr)
    return current.model, current.metadata


def _mnist_dir(data: str | None, splits=("train", "test")) -> Path:
    """The MNIST folder (``--data``, else where the app reads it), checked before any work."""
    from digitpad.data.place import require_mnist

    return require_mnist(data, splits)


def _mnist(data: str | None, split: str | None = None):
    from digitpad.data.mnist import load_mnist, load_split

    if split:
        return load_split(_mnist_dir(data, (split,)), split)
    return load_mnist(_mnist_dir(data))


def cmd_predict(args) -> int:
    from digitpad.data.images import image_files, open_image
    from digitpad.reading.predictor import predict_image

    model, _ = _load_model(args.model)
    failed = 0
    files = image_files(args.paths)
    if not files:
        raise DigitpadError("no image files found in the given directories")
    for path in files:
        try:
            pred = predict_image(model, open_image(path))
        except DigitpadError as exc:
            failed += 1
            print(f"digitpad: error: {exc}", file=sys.stderr)
            if args.json:
                print(json.dumps({"path": str(path), "error": str(exc)}))
            else:
                print(f"{path}\terror\t{exc}")
            continue
        if args.json:
            print(
                json.dumps(
                    {
                        "path": str(path),
                        "digit": pred.digit,
                        "confidence": round(pred.confidence, 6),
                        "sure": pred.sure,
                        "probabilities": [round(float(p), 6) for p in pred.probabilities],
                        **({"reason": pred.reason} if pred.digit is None else {}),
                        **({"uncrossed": True} if pred.uncrossed else {}),
                    }
                )
            )
        elif pred.digit is None:
            print(f"{path}\tnone\t{pred.confidence:.4f}\t{pred.reason}")
        else:
            sure = "sure" if pred.sure else "not sure"
            crossed = "\tcrossed zero, read without its line" if pred.uncrossed else ""
            print(f"{path}\t{pred.digit}\t{pred.confidence:.4f}\t{sure}{crossed}")
    return EXIT_ERROR if failed else 0


def cmd_evaluate(args) -> int:
    from digitpad.training.evaluation import evaluate

    model, _ = _load_model(args.model)
    report = evaluate(model, _mnist(args.data, "test"))
    if args.json:
        print(json.dumps({**report.to_dict(), "nudged_reading": model.nudged}))
    else:
        errors = "1 error" if report.errors == 1 else f"{report.errors} errors"
        print(f"MNIST test accuracy: {report.accuracy:.4f} ({errors})")
        if model.nudged:  # else a figure from elsewhere may be compared with it as is
            print("read nudged: each digit read five times (as drawn, moved a pixel each way), averaged")
        print("per digit: " + "  ".join(f"{d}:{a:.3f}" for d, a in enumerate(report.per_digit)))
        print("confusion matrix: one row per true digit, one column per predicted digit")
        print("true \\ predicted " + " ".join(f"{d:5d}" for d in range(len(report.confusion))))
        for d, row in enumerate(report.confusion):
            print(f"{d:16d} " + " ".join(f"{n:5d}" for n in row))
    return 0


def _config_from_args(args):
    from digitpad.training.config import FIELD, FIELDS, PRESETS

    values = {f.name: getattr(args, f.name) for f in FIELDS}
    changes = {name: value for name, value in values.items() if value is not None}
    try:
        return PRESETS[args.preset].replace(**changes).validate()
    except ConfigError as exc:
        if exc.setting is None:
            raise
        # Name the setting as typed on this command line, not by the Train form's label.
        raise ConfigError(f"{FIELD[exc.setting].option} {exc.problem}", exc.setting) from None


def check_out_path(out: str) -> Path:
    """``--out`` as a path, refused before training unless it is new or a regular file (a
    device, pipe, folder or link would be replaced by the model, or never take it)."""
    if not out.strip():
        raise DigitpadError("--out needs a file name")
    target = Path(out)
    try:
        mode = os.lstat(target).st_mode
    except OSError:
        return target  # new (or its folder is odd: check_writable says so)
    kind = _FILE_KINDS.get(stat.S_IFMT(mode))
    if kind is not None:
        raise DigitpadError(f"--out {target} is {kind}, not a model file; give another file name")
    return target


_FILE_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFLNK: "a symbolic link",
    stat.S_IFIFO: "a named pipe",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


def check_writable(target: Path, needed_bytes: int = 0) -> None:
    """Fail now, not after an hour of training, if ``target`` cannot be written or its disk
    has no room for ``needed_bytes``."""
    if target.is_dir():
        raise DigitpadError(f"{target} is a directory; give a file name for --out")
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".digitpad-write-check-"):
            pass
        free = shutil.disk_usage(folder).free
    except OSError as exc:
        raise DigitpadError(f"cannot write to {folder}: {os_reason(exc)}") from None
    if free < needed_bytes:
        raise DigitpadError(
            f"not enough space in {folder} for the trained model ({free / 1e6:.1f} MB free, "
            f"about {needed_bytes / 1e6:.1f} MB needed)"
        )


def model_file_bytes(config) -> int:
    """A generous estimate of a trained model file's size (float32 weights, metadata, zip)."""
    from digitpad.shapes import CLASSES, PIXELS
    from digitpad.store.metadata_check import parameter_count

    return 4 * parameter_count([PIXELS, *config.hidden, CLASSES]) + (1 << 20)


def cmd_train(args) -> int:
    from digitpad.startup import session_folder
    from digitpad.store import model_history
    from digitpad.training.run import train_and_save

    config = _config_from_args(args)
    _mnist_dir(args.data)  # before --out's folder is made
    out: Path | Callable[[Reader, dict], Path]
    if args.out is not None:
        out = check_out_path(args.out)
        check_writable(out, model_file_bytes(config))
    else:
        out = _make_current  # the one it replaces stays in the history
        check_writable(model_history.history_dir() / "model.npz", model_file_bytes(config))
    train, test = _mnist(args.data)
    show_bar = not args.json and sys.stderr.isatty()
    result = train_and_save(
        config,
        train,
        test,
        out,
        preset=args.preset,
        on_stats=_json_printer() if args.json else _text_printer(show_bar),
    )
    if args.json:
        print(
            json.dumps(
                {
                    "saved": str(result.path),
                    "test_accuracy": result.test_accuracy,
                    "pen_accuracy": result.model.calibration.accuracy,
                    "train_seconds": round(result.train_seconds, 3),
                }
            )
        )
    else:
        pen = result.model.calibration.accuracy
        pen_figure = f", pen digits by writers it never saw {pen:.4f}" if pen is not None else ""
        print(
            f"saved {result.path} (test accuracy {result.test_accuracy:.4f}{pen_figure}, "
            f"{result.train_seconds:.1f} s of training)"
        )
        if not args.out:
            print(
                "it is now your current model, the one the app and 'digitpad predict' use "
                "(the one before stays in the app's model history)"
            )
    session = session_folder()
    if args.out is None and session is not None and result.path is not None:
        print(
            f"digitpad: note: the model was saved in this session's temporary folder {session}; "
            "the next digitpad will not find it there (copy it, or train with --out FILE)",
            file=sys.stderr,
        )
    return 0


def _make_current(model: Reader, meta: dict) -> Path:
    """Add a trained model to the history and make it current. It is written to the models
    folder first: waiting for another digitpad (said on stderr), a Ctrl+C meanwhile or a failure
    leaves it there, and the message says where."""
    from digitpad.store import model_history
    from digitpad.training.run import SaveFailed

    staged = model_history.staged_path(model_history.new_id())

    def say_waiting():
        print(
            f"digitpad: another digitpad is changing your models; waiting up to "
            f"{model_history.LOCK_TIMEOUT_S:.0f} s for it (the trained model is safe in {staged})",
            file=sys.stderr,
            flush=True,
        )

    try:
        return model_history.add(model, meta, model_history.LOCK_TIMEOUT_S, say_waiting, keep_at=staged)
    except BaseException as exc:
        if not staged.is_file():
            raise  # not written: train_and_save keeps it elsewhere if it can
        kept = f"it was kept as {staged} and joins your model history at the next start"
        if isinstance(exc, (OSError, DigitpadError)):
            raise SaveFailed(f"the trained model could not be made current ({exc}); {kept}") from None
        print(f"digitpad: note: the trained model is not current yet: {kept}", file=sys.stderr)
        raise


def _json_printer():
    from digitpad.training.trainer import EpochStats

    def show(stats):
        if isinstance(stats, EpochStats):
            print(
                json.dumps(
                    {
                        "epoch": stats.epoch,
                        "loss": round(stats.loss, 6),
                        "train_accuracy": round(stats.train_accuracy, 6),
                        "val_accuracy": stats.val_accuracy,
                        "test_accuracy": stats.test_accuracy,
                        "seconds": round(stats.seconds, 4),
                        "eval_seconds": round(stats.eval_seconds, 4),
                        "samples_per_second": round(stats.samples_per_second, 1),
                    }
                ),
                flush=True,
            )

    return show


# What each preparing stage does while it runs (stderr) and what it did (stdout).
STAGES = {
    "pen": ("drawing pen-written digits for training", "{n} pen digits drawn for training"),
    "non-digits": (
        "drawing scribbles that are no digit, for training",
        "{n} scribbles that are no digit drawn for training",
    ),
    "calibration": (
        "measuring how sure the network may be, on writers it never saw",
        "confidence calibrated on {n} drawings by writers the network never saw",
    ),
}
PROGRESS_STEP = 10  # percent between progress lines when stderr is not a terminal


def _preparing_printer(show_bar: bool):
    """Progress of a preparing stage on stderr (a bar on a terminal, else a line every 10%),
    then one line on stdout when it is done."""
    from tqdm import tqdm

    state: dict = {"stage": None, "said": -1, "bar": None}

    def show(stats) -> None:
        doing, done = STAGES.get(stats.stage, (stats.stage, stats.stage + ": {n} done"))
        if state["stage"] != stats.stage:
            state.update(stage=stats.stage, said=-1, bar=None)
            if show_bar and stats.done < stats.total:
                state["bar"] = tqdm(total=stats.total, desc=doing, leave=False, file=sys.stderr)
        percent = 100 * stats.done // max(stats.total, 1)
        if state["bar"] is not None:
            state["bar"].update(stats.done - state["bar"].n)
        elif not show_bar and stats.done < stats.total and percent // PROGRESS_STEP > state["said"]:
            state["said"] = percent // PROGRESS_STEP
            print(f"digitpad: {doing}… {percent}%", file=sys.stderr, flush=True)
        if stats.done >= stats.total:
            if state["bar"] is not None:
                state["bar"].close()
                state["bar"] = None
            print(done.format(n=stats.total), flush=True)

    return show


def _text_printer(show_bar: bool):
    from tqdm import tqdm

    from digitpad.training.trainer import BatchStats, PrepareStats

    state: dict[str, tqdm | None] = {"bar": None}

    preparing = _preparing_printer(show_bar)

    def show(stats):
        if isinstance(stats, PrepareStats):
            preparing(stats)
            return
        if isinstance(stats, BatchStats):
            if not show_bar:
                return
            bar = state["bar"]
            if bar is None:
                bar = state["bar"] = tqdm(
                    total=stats.batches,
                    desc=f"epoch {stats.epoch}",
                    unit="batch",
                    leave=False,
                    file=sys.stderr,
                )
            bar.update(1)
            if stats.batch % 20 == 0:
                bar.set_postfix(loss=f"{stats.loss:.4f}")
            return
        if state["bar"] is not None:
            state["bar"].close()
            state["bar"] = None
        test = f"{stats.test_accuracy:.4f}" if stats.test_accuracy is not None else "-"
        print(
            f"epoch {stats.epoch}/{stats.epochs}  loss {stats.loss:.4f}  "
            f"train {stats.train_accuracy:.4f}  test {test}  {stats.seconds:.1f}s",
            flush=True,
        )

    return show


# One sentence per DownloadError.reason, as the app says it (gui/mnist_source.py), in the words of
# a terminal; the mirrors' own answers would be a wall of URLs.
DOWNLOAD_FAILURES = {
    "offline": "no internet connection: run 'digitpad download' again when online, or pass "
    "--data DIR (or set DIGITPAD_DATA) for a folder that has the MNIST files",
    "unreachable": "the download servers cannot be reached: try later, or pass --data DIR for a "
    "folder that has the MNIST files",
    "server": "the download servers sent no usable MNIST files: try later, or pass --data DIR for "
    "a folder that has them",
    "stalled": "the download stalled: try again, or pass --data DIR for a folder that has the "
    "MNIST files",
    "other": "the download failed: try again, or pass --data DIR for a folder that has the MNIST files",
}


def download_failure(exc: DownloadError) -> str:
    """The one line to show for a failed download (a disk problem says which folder and why)."""
    if exc.reason == "disk":
        return str(exc)
    return DOWNLOAD_FAILURES.get(exc.reason, DOWNLOAD_FAILURES["other"])


def cmd_download(args) -> int:
    from tqdm import tqdm

    from digitpad.data.download import ensure_mnist

    data_dir = paths.default_data_dir(args.data)
    if data_dir.exists() and not data_dir.is_dir():
        raise DigitpadError(f"{data_dir} is a file, not a folder to put MNIST in")
    bars: dict[str, tqdm] = {}

    def progress(stem, done, total):
        bar = bars.get(stem)
        if bar is None:
            bar = bars[stem] = tqdm(
                total=total,
                desc=stem,
                unit="B",
                unit_scale=True,
                file=sys.stderr,
                disable=not sys.stderr.isatty(),
            )
        bar.update(done - bar.n)

    said: dict[str, int] = {}

    def waiting(stem, silent, limit):
        # One line every 5 s of silence, so a stalled mirror is never a silent hang.
        step = int(silent) // 5
        if step and said.get(stem) != step:
            said[stem] = step
            print(
                f"digitpad: {stem}: no data for {int(silent)} s, giving up on this mirror in "
                f"{max(1, round(limit - silent))} s (Ctrl+C cancels)",
                file=sys.stderr,
                flush=True,
            )

    try:
        ensure_mnist(data_dir, progress=progress, waiting=waiting)
    except DownloadError as exc:
        raise DigitpadError(download_failure(exc)) from None
    finally:
        for bar in bars.values():
            bar.close()
    print(f"MNIST is ready in {data_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
