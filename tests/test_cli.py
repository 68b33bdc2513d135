import argparse
import json
import os
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image, ImageDraw

from digitpad.cli import build_parser, main
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history, paths
from digitpad.store.modelfile import load_model, save_model
from tests.helpers.app_process import digitpad


def run(argv, capsys):
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def digit_png(path, ink=0, paper=255):
    image = Image.new("L", (120, 120), paper)
    ImageDraw.Draw(image).line([(60, 15), (60, 105)], fill=ink, width=10)
    image.save(path)
    return path


def test_predict_text_and_json(tmp_path, capsys):
    one = digit_png(tmp_path / "one.png")
    blank = tmp_path / "blank.png"
    Image.new("L", (50, 50), 255).save(blank)
    code, out, _ = run(["predict", str(one), str(blank)], capsys)
    assert code == 0
    lines = [line.split("\t") for line in out.splitlines()]
    assert lines[0][0] == str(one) and lines[0][1] == "1" and 0 < float(lines[0][2]) <= 1
    assert lines[0][3] == "sure"
    assert lines[1][1] == "none" and lines[1][3] == "no ink"  # no digit: the reason instead
    code, out, _ = run(["predict", "--json", str(tmp_path)], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert {r["path"] for r in records} == {str(one), str(blank)}
    by_name = {os.path.basename(r["path"]): r for r in records}
    assert by_name["one.png"]["digit"] == 1 and len(by_name["one.png"]["probabilities"]) == 10
    assert by_name["blank.png"]["digit"] is None


def test_predict_reads_a_flat_crossed_zero_as_0_and_says_so(tmp_path, capsys):
    from tests.helpers.shapes import CROSSED, board

    crossed = tmp_path / "crossed.png"
    Image.fromarray(board(*CROSSED["long shallow slash"])).save(crossed)
    one = digit_png(tmp_path / "one.png")
    code, out, _ = run(["predict", str(crossed), str(one)], capsys)
    lines = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and lines[0][1:2] + lines[0][3:] == [
        "0",
        "sure",
        "crossed zero, read without its line",
    ]
    assert len(lines[1]) == 4  # a plain digit says nothing more
    code, out, _ = run(["predict", "--json", str(crossed), str(one)], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert records[0]["digit"] == 0 and records[0]["uncrossed"] is True and "uncrossed" not in records[1]


def test_predict_says_no_digit_with_its_reason_in_a_real_process(tmp_path):
    """A scribble and a blob are "none" with why (not a digit, not "too little ink")."""
    from digitpad.reading.predictor import SCRIBBLE
    from digitpad.reading.preprocess import TOO_MUCH_INK
    from tests.helpers.drawings import blob_image, scribble_image

    scribble_image().save(tmp_path / "scribble.png")
    blob_image().save(tmp_path / "blob.png")
    one = digit_png(tmp_path / "one.png")
    files = [str(tmp_path / "scribble.png"), str(tmp_path / "blob.png"), str(one)]

    def predict(*options):
        done = digitpad("predict", *options, *files, home=tmp_path / "home")
        assert done.returncode == 0 and done.stderr == ""
        return done.stdout.splitlines()

    scribble, blob, digit = (json.loads(line) for line in predict("--json"))
    assert scribble["digit"] is None and scribble["reason"] == SCRIBBLE and not scribble["sure"]
    assert sum(scribble["probabilities"]) == pytest.approx(1.0, abs=1e-4)
    assert blob["digit"] is None and blob["reason"] == TOO_MUCH_INK
    assert digit["digit"] == 1 and "reason" not in digit
    lines = [line.split("\t") for line in predict()]
    assert lines[0][1:2] + lines[0][3:] == ["none", SCRIBBLE]
    assert lines[1][1:2] + lines[1][3:] == ["none", TOO_MUCH_INK]
    assert lines[2][1] == "1" and lines[2][3] in ("sure", "not sure")  # a digit: sure or not


def test_predict_reports_bad_files_and_answers_the_rest(tmp_path, capsys):
    good = digit_png(tmp_path / "good.png")
    bad = tmp_path / "bad.png"
    bad.write_bytes(b"not an image")
    code, out, err = run(["predict", "--json", str(bad), str(good), str(tmp_path / "gone.png")], capsys)
    records = [json.loads(line) for line in out.splitlines()]
    assert code == 1 and len(records) == 3
    assert "error" in records[0] and records[1]["digit"] == 1 and "no such file" in records[2]["error"]
    # Also on stderr, so a shell user sees it: one line per bad file, no traceback.
    lines = err.splitlines()
    assert len(lines) == 2 and all(line.startswith("digitpad: error: ") for line in lines)
    assert str(bad) in lines[0] and "no such file" in lines[1] and "Traceback" not in err


def test_help_is_whole_sentences(capsys):
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    assert "``" not in out
    description = out.split("\n\n")[1]
    assert description.rstrip().endswith(".") and "opens" in description
    commands = next(
        a for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
    ).choices
    for command in ("evaluate", "predict", "download"):
        for action in commands[command]._actions:
            assert action.help, f"{command} {action.option_strings} has no help text"


def test_predict_with_an_explicit_and_a_bad_model(tmp_path, capsys):
    model = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0)))
    path = save_model(model, tmp_path / "m.npz")
    code, out, _ = run(["predict", "--model", str(path), str(digit_png(tmp_path / "a.png"))], capsys)
    # An untrained network's answer is nearly flat: "none" and why, or a digit and sure or not.
    assert code == 0 and out.count("\t") == 3 and out.startswith(str(tmp_path / "a.png"))
    code, out, err = run(
        ["predict", "--model", str(tmp_path / "a.png"), str(tmp_path / "a.png")], capsys
    )
    assert code == 1 and err.startswith("digitpad: error:") and err.count("\n") == 1


def test_train_evaluate_round_trip(tiny_mnist, tmp_path, capsys):
    out_path = tmp_path / "models" / "tiny.npz"
    code, out, _ = run(
        [
            "train",
            "--preset",
            "fast",
            "--hidden",
            "16",
            "--epochs",
            "2",
            "--nudge",
            "--data",
            str(tiny_mnist),
            "--out",
            str(out_path),
            "--json",
        ],
        capsys,
    )
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["epoch"] for line in lines[:-1]] == [1, 2]
    for key in ("loss", "train_accuracy", "test_accuracy", "seconds"):
        assert key in lines[0]
    assert lines[-1]["saved"] == str(out_path)
    model, meta = load_model(out_path)
    # The pen figure the app compares models by (calibration on writers it never trained on).
    assert lines[-1]["pen_accuracy"] == meta["calibration"]["accuracy"] is not None
    assert meta["preset"] == "fast" and meta["config"]["hidden"] == [16]
    code, out, _ = run(
        ["evaluate", "--model", str(out_path), "--data", str(tiny_mnist), "--json"], capsys
    )
    report = json.loads(out)
    assert code == 0 and report["accuracy"] == pytest.approx(lines[-2]["test_accuracy"])
    assert np.array(report["confusion"]).sum() == 200
    assert model.nudged and report["nudged_reading"] is True  # fast is off; --nudge on


def test_evaluate_says_when_the_model_reads_nudged(tiny_mnist, capsys):
    code, out, _ = run(["evaluate", "--data", str(tiny_mnist)], capsys)  # the shipped model
    assert code == 0 and out.splitlines()[1].startswith("read nudged: each digit read five times")


def test_train_defaults_to_the_user_model_and_data_env(tiny_mnist, monkeypatch, capsys):
    monkeypatch.setenv("DIGITPAD_DATA", str(tiny_mnist))
    code, out, _ = run(["train", "--hidden", "8", "--epochs", "1"], capsys)
    current = model_history.read_pointer()["current"]
    assert code == 0 and model_history.entry_path(current).is_file()
    assert "epoch 1/1" in out and "saved" in out


@pytest.mark.parametrize(
    "argv, message",
    [
        (["train", "--epochs", "0"], "--epochs must be in [1, 1000]"),
        (["train", "--batch-size", "-5"], "--batch-size must be in [1, 60000]"),
        (["train", "--lr", "0"], "--lr must be in (0, 100]"),
        (["train", "--dropout", "0.95"], "--dropout must be in [0, 0.9]"),
        (["train", "--hidden", "8000,8000"], "--hidden 8000,8000: a network of 70,368,010"),
        (["train", "--hidden", "1,1,1,1,1,1,1,1,1"], "--hidden must list 1 to 8"),
        (["train", "--hidden", "a,b"], "sizes like"),
        (["train", "--activation", "swish"], "invalid choice"),
        (["evaluate", "--data", "/nonexistent/mnist"], "MNIST not found"),
        (["predict"], "required"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_arguments_give_one_line_and_non_zero(argv, message, capsys, tiny_mnist, monkeypatch):
    monkeypatch.setenv("DIGITPAD_DATA", str(tiny_mnist))
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse's own refusals
        code = exc.code
    err = capsys.readouterr().err
    assert code != 0
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


@pytest.mark.parametrize(
    "argv", [["train", "--preset", "turbo"], ["train", "--hidden", "a,b"], ["train", "--lr", "x"]]
)
def test_an_unknown_preset_is_a_usage_error_like_any_other(argv, capsys):
    with pytest.raises(SystemExit) as exited:
        main(argv)
    err = capsys.readouterr().err
    assert exited.value.code == 2 and err.count("\n") == 1 and "(see 'digitpad --help')" in err


def test_settings_are_checked_before_the_output_folder_is_made(tiny_mnist, tmp_path, capsys):
    folder = tmp_path / "new" / "dir"
    argv = ["train", "--data", str(tiny_mnist), "--out", str(folder / "m.npz")]
    code, out, err = run([*argv, "--hidden", "8000,8000"], capsys)
    assert code == 1 and "50,000,000" in err and out == "" and not folder.exists()
    code, _, err = run([*argv[:1], "--data", str(tmp_path / "nothing"), *argv[3:]], capsys)
    assert code == 1 and "MNIST not found" in err and not folder.exists()


@pytest.mark.parametrize("command", ["train", "evaluate", "download"])
def test_a_data_file_instead_of_a_folder_is_one_clear_line(command, tmp_path, capsys):
    not_a_folder = tmp_path / "train-images-idx3-ubyte.gz"
    not_a_folder.write_bytes(b"x")
    code, out, err = run([command, "--data", str(not_a_folder)], capsys)
    assert code == 1 and out == "" and err.count("\n") == 1
    assert f"{not_a_folder} is a file, not a folder" in err


def test_the_confusion_matrix_says_which_axis_is_which(tiny_mnist, capsys):
    code, out, _ = run(["evaluate", "--data", str(tiny_mnist)], capsys)
    lines = out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("true \\ predicted"))
    assert code == 0 and lines[header].split()[3:] == [str(d) for d in range(10)]
    rows = lines[header + 1 : header + 11]
    assert [row.split()[0] for row in rows] == [str(d) for d in range(10)]
    assert {len(row) for row in rows} == {len(lines[header])}  # the columns line up


def test_unwritable_output_is_refused_before_training(tiny_mnist, tmp_path, capsys):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, out, err = run(["train", "--data", str(tiny_mnist), "--out", str(blocker / "m.npz")], capsys)
    assert code == 1 and "cannot write" in err and out == ""
    code, _, err = run(["train", "--data", str(tiny_mnist), "--out", str(tmp_path)], capsys)
    assert code == 1 and "directory" in err


def test_diverging_training_exits_non_zero_and_keeps_the_previous_model(tiny_mnist, capsys):
    target = model_history.add(
        Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))), {}
    )
    before = target.read_bytes()
    code, _, err = run(
        [
            "train",
            "--data",
            str(tiny_mnist),
            "--hidden",
            "32,32",
            "--optimizer",
            "momentum",
            "--lr",
            "50",
            "--activation",
            "leaky_relu",
            "--epochs",
            "2",
        ],
        capsys,
    )
    assert code == 1 and "diverged" in err and target.read_bytes() == before
    assert model_history.read_pointer()["current"] == target.stem


def test_module_entry_point_and_no_traceback_in_a_real_process(tmp_path):
    ok = digitpad("--version", home=tmp_path)
    assert ok.returncode == 0 and "digitpad" in ok.stdout
    bad = digitpad("evaluate", "--model", tmp_path / "none.npz", home=tmp_path)
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1


@pytest.mark.slow
def test_self_test_prints_no_qt_noise(tmp_path):
    done = digitpad("--self-test", home=tmp_path)
    assert done.returncode == 0 and "self-test ok" in done.stdout
    assert "propagateSizeHints" not in done.stderr and done.stderr == ""


@pytest.mark.slow  # the whole app's self-test in a process of its own, like the test above
def test_self_test_leaves_the_users_settings_alone(tmp_path):
    """The offscreen window's geometry once landed in the real settings: the next start then
    said the saved window settings could not be read."""
    settings = tmp_path / "digitpad" / "digitpad.ini"
    settings.parent.mkdir()
    settings.write_text("[General]\nlanguage=en\n")
    done = digitpad("--self-test", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert settings.read_text() == "[General]\nlanguage=en\n"
    assert sorted(p.name for p in tmp_path.rglob("*.ini")) == ["digitpad.ini"]


@pytest.mark.slow
def test_evaluate_shipped_model_on_real_mnist(real_mnist, capsys):
    code, out, _ = run(["evaluate", "--data", str(real_mnist), "--json"], capsys)
    assert code == 0 and json.loads(out)["accuracy"] > 0.95


def test_closed_pipe_ends_quietly(tmp_path):
    images = tmp_path / "many"
    images.mkdir()
    for i in range(300):
        digit_png(images / f"{i:02d}.png")
    env = dict(os.environ, DIGITPAD_HOME=str(tmp_path / "home"))
    done = subprocess.run(
        f'"{sys.executable}" -m digitpad predict --json "{images}" | head -1',
        shell=True,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.stdout.count("\n") == 1 and "Traceback" not in done.stderr


def test_train_without_out_keeps_the_model_it_replaces(tiny_mnist, capsys):
    before = model_history.add(
        Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))), {}
    )
    code, _, _ = run(["train", "--data", str(tiny_mnist), "--hidden", "8", "--epochs", "1"], capsys)
    pointer = model_history.read_pointer()
    assert code == 0 and pointer["previous"] == before.stem and before.is_file()
    assert pointer["current"] != before.stem


def test_a_full_disk_at_save_keeps_the_trained_model_elsewhere(tiny_mnist, capsys, monkeypatch):
    import errno

    from digitpad.training import run as training_run

    def full_disk(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(model_history, "save_model", full_disk)
    rescue = paths.user_dir() / "rescued.npz"
    monkeypatch.setattr(training_run, "rescue_path", lambda: rescue)
    code, _, err = run(["train", "--data", str(tiny_mnist), "--hidden", "8", "--epochs", "1"], capsys)
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "the disk is full" in err and str(rescue) in err
    assert load_model(rescue)[0].network.layer_sizes == [784, 8, 10]


def test_too_little_disk_space_is_refused_before_training(tiny_mnist, tmp_path, capsys, monkeypatch):
    import shutil
    from collections import namedtuple

    usage = namedtuple("usage", "total used free")
    monkeypatch.setattr(shutil, "disk_usage", lambda _: usage(2_000_000, 1_900_000, 100_000))
    code, out, err = run(["train", "--data", str(tiny_mnist), "--out", str(tmp_path / "m.npz")], capsys)
    assert code == 1 and "not enough space" in err and "epoch" not in out


def test_commands_work_with_a_data_folder_that_is_a_file(tmp_path, capsys, monkeypatch):
    blocker = tmp_path / "home"
    blocker.write_text("x")
    monkeypatch.setenv("DIGITPAD_HOME", str(blocker))
    image = tmp_path / "seven.png"
    Image.new("L", (28, 28), 0).save(image)
    code, out, err = run(["predict", str(image)], capsys)
    assert code == 0 and "note:" in err and "home" in err and "Traceback" not in err


@pytest.mark.slow
def test_a_stalled_download_says_it_is_waiting_then_gives_up(tmp_path, capsys, monkeypatch):
    import socket

    from digitpad.data import download

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)  # accepts connections, never answers
    monkeypatch.setattr(download, "MIRRORS", (f"http://127.0.0.1:{listener.getsockname()[1]}/",))
    monkeypatch.setattr(download, "STALL_TIMEOUT_S", 6.0)
    try:
        code, _, err = run(["download", "--data", str(tmp_path / "mnist")], capsys)
    finally:
        listener.close()
    lines = err.strip().splitlines()
    assert code == 1 and "no data for 5 s, giving up on this mirror in 1 s (Ctrl+C" in lines[0]
    assert lines[-1].startswith("digitpad: error: the download stalled") and "Traceback" not in err


@pytest.mark.parametrize("errors, said", [(1, "(1 error)"), (2, "(2 errors)"), (0, "(0 errors)")])
def test_evaluate_counts_errors_in_good_english(errors, said, tiny_mnist, capsys, monkeypatch):
    from types import SimpleNamespace

    from digitpad.training import evaluation

    confusion = np.diag(np.full(10, 10))
    confusion[3, 3] -= errors
    confusion[3, 5] += errors
    report = SimpleNamespace(
        accuracy=1 - errors / 100, errors=errors, per_digit=[1.0] * 10, confusion=confusion
    )
    monkeypatch.setattr(evaluation, "evaluate", lambda model, data: report)
    code, out, _ = run(["evaluate", "--data", str(tiny_mnist)], capsys)
    assert code == 0 and said in out.splitlines()[0]


def test_the_readme_command_table_is_one_table_with_every_command():
    readme = (paths.bundle_root() / "README.md").read_text(encoding="utf-8").splitlines()
    start = readme.index("| command | what it does |")
    rows = []
    for line in readme[start + 2 :]:
        if not line.startswith("|"):
            break
        rows.append(line)
    firsts = [row.split("|")[1] for row in rows]
    for command in ("predict", "evaluate", "train", "download", "--install-desktop-entry"):
        assert any(f"digitpad {command}" in cell for cell in firsts), command


def test_preparing_stages_show_progress_lines_and_human_names(capsys):
    """What `train --preset best` prints while it draws pen digits and non-digits (93 s on a
    2-core machine): stderr is no terminal here, so lines every 10%, then one line per stage."""
    from digitpad.cli import _text_printer
    from digitpad.training.trainer import PrepareStats

    show = _text_printer(show_bar=False)
    for done in range(256, 5121, 256):
        show(PrepareStats("pen", done, 5120))
    for done in (20, 40, 60):
        show(PrepareStats("non-digits", done, 60))
    out, err = capsys.readouterr()
    pen = [line for line in err.splitlines() if "drawing pen-written digits for training" in line]
    assert [line.rsplit(" ", 1)[1] for line in pen] == [
        f"{p}%" for p in (5, 10, 20, 30, 40, 50, 60, 70, 80, 90)
    ]
    assert "digitpad: drawing scribbles that are no digit, for training… 33%" in err
    assert out.splitlines() == [
        "5120 pen digits drawn for training",
        "60 scribbles that are no digit drawn for training",
    ]


def test_train_without_out_says_the_app_now_uses_the_model(tiny_mnist, tmp_path, capsys):
    code, out, _ = run(["train", "--data", str(tiny_mnist), "--hidden", "8", "--epochs", "1"], capsys)
    assert code == 0 and "it is now your current model, the one the app" in out
    code, out, _ = run(
        [
            "train",
            "--data",
            str(tiny_mnist),
            "--hidden",
            "8",
            "--epochs",
            "1",
            "--out",
            str(tmp_path / "m.npz"),
        ],
        capsys,
    )
    assert code == 0 and "current model" not in out


def test_a_failed_download_is_one_sentence_not_the_mirrors_answers(tmp_path, capsys, monkeypatch):
    from digitpad.data import download
    from digitpad.errors import DownloadError

    def fail(*args, **kwargs):
        raise DownloadError(
            "could not download x: http://a/x.gz: HTTP 404; http://b/x.gz: HTTP 500", "server"
        )

    monkeypatch.setattr(download, "ensure_mnist", fail)
    code, _, err = run(["download", "--data", str(tmp_path / "mnist")], capsys)
    assert code == 1 and err.count("\n") == 1 and "http" not in err
    assert "servers sent no usable MNIST files" in err
