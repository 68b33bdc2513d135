"""A hostile or broken data folder (issue 24): odd files where digitpad keeps its own, another
digitpad holding the lock, a clock set back, a read-only or unusable home. Nothing hangs, nothing
the user had is lost, every problem is said in a sentence. CLI cases run as real processes."""

import datetime as dt
import os
import re
import signal
import stat
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pytest

from digitpad import startup
from digitpad.errors import ModelStoreBusy, ModelStoreError
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history, paths
from digitpad.store.modelfile import load_model, save_model
from tests.helpers.app_process import QUICK_CLI, REPO, TIMEOUT, digitpad
from tests.helpers.busy_lock import lock_held_elsewhere, lock_waits
from tests.helpers.read_only import read_only_home


def mlp(seed):
    return Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(seed)))


def blank_png(folder: Path) -> Path:
    from PIL import Image

    path = folder / "blank.png"
    Image.new("L", (28, 28), 0).save(path)
    return path


# ----- 1: the pointer as a named pipe ------------------------------------------------------------
@pytest.mark.parametrize("how", ["fifo", "link to a fifo"])
def test_a_pointer_that_is_a_pipe_is_set_aside_and_commands_do_not_hang(how, tmp_path):
    model_history.add(mlp(0), {})
    pointer = model_history.pointer_path()
    pointer.unlink()
    if how == "fifo":
        os.mkfifo(pointer)
    else:
        os.mkfifo(tmp_path / "pipe")
        pointer.symlink_to(tmp_path / "pipe")
    run = digitpad("predict", blank_png(tmp_path), home=str(paths.user_dir()), timeout=60)
    assert run.returncode == 0, run.stderr
    assert "current.json could not be read" in run.stderr and "not a regular file" in run.stderr
    moved = list((paths.user_dir() / "quarantine").iterdir())
    assert len(moved) == 1 and moved[0].name.endswith("current.json")
    assert (tmp_path / "pipe").exists() or how == "fifo"  # a link is moved, not what it names


def test_the_app_starts_with_a_pointer_that_is_a_pipe(tmp_path):
    model_history.history_dir().mkdir(parents=True)
    os.mkfifo(model_history.pointer_path())
    run = digitpad(
        "--startup-check", home=str(paths.user_dir()), timeout=60, QT_QPA_PLATFORM="offscreen"
    )
    assert run.returncode == 0, run.stderr


# ----- 4: the lock held by another digitpad ------------------------------------------------------
def test_a_busy_lock_fails_fast_for_the_app_and_says_why(monkeypatch):
    kept = model_history.add(mlp(0), {})
    with lock_held_elsewhere():
        waits = lock_waits(monkeypatch)
        with pytest.raises(ModelStoreBusy, match="another digitpad is changing your models"):
            model_history.add(mlp(1), {}, wait=model_history.QUICK_WAIT_S)
        with pytest.raises(ModelStoreBusy):
            model_history.select(model_history.SHIPPED, wait=model_history.QUICK_WAIT_S)
        assert waits.count(model_history.QUICK_WAIT_S) == 2 and max(waits) == model_history.QUICK_WAIT_S
    assert model_history.read_pointer()["current"] == kept.stem
    assert [e.id for e in model_history.entries()] == [kept.stem]
    assert not list(model_history.models_dir().glob("new-*"))  # nothing left behind


def test_a_start_does_not_wait_for_the_lock(monkeypatch):
    kept = model_history.add(mlp(0), {})
    (model_history.history_dir() / "x.npz.abcd1234.tmp").write_bytes(b"a killed save")
    legacy = model_history.models_dir() / "current.npz"
    save_model(mlp(1), legacy)
    with lock_held_elsewhere():
        waits = lock_waits(monkeypatch)
        current = model_history.load_current()
        assert waits and max(waits) == 0
    assert current.entry_id == kept.stem and legacy.exists()  # moved in by a later start
    assert "next start" in " ".join(current.notices)


def test_train_says_it_waits_and_a_ctrl_c_then_keeps_the_trained_model(tiny_mnist):
    home = str(paths.user_dir())
    said: list[str] = []
    waiting = threading.Event()  # set on the line that says so, or at the end of stderr
    with (
        lock_held_elsewhere(),
        subprocess.Popen(
            [*QUICK_CLI, "train", "--data", str(tiny_mnist), "--hidden", "8", "--epochs", "1"],
            env={**os.environ, "DIGITPAD_HOME": home},
            cwd=REPO,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        ) as train,
    ):

        def read_stderr():
            for line in train.stderr:
                said.append(line)
                if "waiting" in line:
                    waiting.set()
            waiting.set()

        reader = threading.Thread(target=read_stderr, daemon=True)
        reader.start()
        try:
            assert waiting.wait(TIMEOUT) and "waiting" in "".join(said), "".join(said)
            train.send_signal(signal.SIGINT)
            train.wait(timeout=60)
        finally:
            train.kill()
        reader.join(timeout=10)
    text = "".join(said)
    assert train.returncode == 130 and "Traceback" not in text, text
    assert "another digitpad is changing your models" in text
    kept = [Path(w.rstrip(".,")) for w in text.split() if w.endswith(".npz")]
    assert kept and kept[-1].is_file() and load_model(kept[-1])[0].network.layer_sizes == [784, 8, 10]
    # The next start puts it in the history: nothing was lost.
    model_history.load_current()
    assert [e.metadata["origin"] for e in model_history.entries()] == ["trained"]


def test_train_keeps_the_model_when_the_lock_stays_busy(tiny_mnist, monkeypatch, capsys):
    from digitpad.cli import main
    from digitpad.training import run as training_run

    monkeypatch.setattr(model_history, "LOCK_TIMEOUT_S", 0.5)
    split = training_run.calibration_split
    monkeypatch.setattr(
        training_run, "calibration_split", lambda pen: (split(pen)[0], split(pen)[1][:200])
    )
    with lock_held_elsewhere():
        code = main(["train", "--data", str(tiny_mnist), "--hidden", "8", "--epochs", "1"])
    err = capsys.readouterr().err
    assert code == 1 and "waiting" in err and "could not be made current" in err, err
    kept = [Path(w) for w in err.split() if w.endswith(".npz")]
    assert kept and load_model(kept[-1])[1]["origin"] == "trained"


# ----- 10: a clock set back ----------------------------------------------------------------------
def test_a_clock_set_back_never_prunes_the_newest_models(monkeypatch):
    monkeypatch.setattr(model_history, "KEEP", 3)
    future = dt.datetime(2090, 1, 1, tzinfo=dt.timezone.utc)
    real_new_id = model_history.new_id
    monkeypatch.setattr(model_history, "new_id", lambda: real_new_id(future))
    old = [model_history.add(mlp(i), {}) for i in range(3)]  # made while the clock was ahead
    for path in old:
        os.utime(path, (future.timestamp(), future.timestamp()))
    monkeypatch.setattr(model_history, "new_id", real_new_id)
    new = [model_history.add(mlp(i), {}) for i in range(3, 6)]
    assert [e.id for e in model_history.entries()] == [p.stem for p in reversed(new)]
    assert all(p.is_file() for p in new) and not any(p.exists() for p in old)


def test_a_history_without_order_is_ordered_by_file_time_once():
    made = [
        save_model(mlp(i), model_history.entry_path(f"2020010{i}T000000000000-aaaaaa")) for i in range(3)
    ]
    for age, path in zip((30, 10, 20), made):  # file times disagree with the names
        os.utime(path, (time.time() - age,) * 2)
    by_time = [made[1].stem, made[2].stem, made[0].stem]
    assert [e.id for e in model_history.entries()] == by_time
    new = model_history.add(mlp(9), {})
    for path in made:
        os.utime(path, (0, 0))  # the file times no longer matter once the order is written
    assert [e.id for e in model_history.entries()] == [new.stem, *by_time]


def test_picking_an_old_model_makes_it_the_most_recently_used():
    a, b = model_history.add(mlp(0), {}), model_history.add(mlp(1), {})
    model_history.select(a.stem)
    assert [e.id for e in model_history.entries()] == [a.stem, b.stem]


# ----- 11: file times out of range -----------------------------------------------------------------
@pytest.mark.parametrize("when", [506_804_601_600, -100_000_000_000])  # year 18030 and year -1199
def test_a_legacy_model_with_an_absurd_file_time_migrates(when, monkeypatch):
    # ext4 clamps file times to 1901-2446; tmpfs stores what it is given.
    shm = "/dev/shm" if os.path.isdir("/dev/shm") else None
    with tempfile.TemporaryDirectory(dir=shm) as folder:
        home = Path(folder)
        monkeypatch.setenv("DIGITPAD_HOME", str(home))
        legacy = save_model(mlp(0), home / "models" / "current.npz", preset="old")
        os.utime(legacy, (when, when))
        if legacy.stat().st_mtime != when:
            pytest.skip("this file system cannot store such a time")
        current = model_history.load_current()
        assert current.metadata["preset"] == "old" and current.entry_id != model_history.SHIPPED
        assert [e.made[:2] for e in model_history.entries()] == ["20"]


def test_file_times_become_dates_only_in_range():
    assert model_history.utc_time(0).year == 1970
    assert model_history.utc_time(1e18).year == dt.datetime.now().year
    assert model_history.utc_time(-1e11).year == dt.datetime.now().year


# ----- 12: train --out that is not a regular file ------------------------------------------------
def _odd_out(kind, tmp_path):
    path = tmp_path / f"out-{kind.replace(' ', '-')}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "device":
        try:
            os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a private /dev/null
        except PermissionError:
            pytest.skip("cannot make a device node here")
    elif kind == "folder":
        path.mkdir()
    elif kind == "link":
        (tmp_path / "target.npz").write_bytes(b"someone's file")
        path.symlink_to(tmp_path / "target.npz")
    else:
        return ""
    return str(path)


@pytest.mark.parametrize("kind", ["fifo", "device", "folder", "link", "empty name"])
def test_train_refuses_an_out_that_is_not_a_regular_file(kind, tiny_mnist, tmp_path):
    out = _odd_out(kind, tmp_path)
    before = os.lstat(out).st_mode if out else None
    run = digitpad(
        "train",
        "--data",
        tiny_mnist,
        "--hidden",
        "8",
        "--epochs",
        "1",
        "--out",
        out,
        home=str(paths.user_dir()),
    )
    assert run.returncode != 0 and run.stderr.count("\n") == 1, run.stderr
    assert "--out" in run.stderr and "epoch" not in run.stdout
    assert out == "" or os.lstat(out).st_mode == before
    assert model_history.read_pointer()["current"] == model_history.SHIPPED


# ----- 13: a folder named like a history entry ---------------------------------------------------
def test_a_folder_named_like_an_entry_does_not_turn_a_save_into_an_error(tiny_mnist):
    for i in range(model_history.KEEP):
        save_model(mlp(i), model_history.entry_path(f"2020010{i}T000000000000-aaaaaa"))
    odd = model_history.history_dir() / "20000101T000000000000-bbbbbb.npz"
    odd.mkdir()
    (odd / "inside").write_text("x")
    os.utime(odd, (0, 0))
    run = digitpad(
        "train", "--data", tiny_mnist, "--hidden", "8", "--epochs", "1", home=str(paths.user_dir())
    )
    assert run.returncode == 0 and "could not" not in run.stderr, run.stderr
    current = model_history.read_pointer()["current"]
    assert load_model(model_history.entry_path(current))[1]["origin"] == "trained"
    assert len(model_history.entries()) == model_history.KEEP and odd.is_dir()


# ----- 14: the lock file replaced ----------------------------------------------------------------
@pytest.mark.parametrize("kind", ["empty folder", "link", "dangling link"])
def test_a_lock_that_is_a_link_or_an_empty_folder_is_repaired(kind, tmp_path):
    lock = model_history.models_dir() / ".lock"
    lock.parent.mkdir(parents=True)
    target = tmp_path / "elsewhere"
    if kind == "empty folder":
        lock.mkdir()
    else:
        if kind == "link":
            target.write_text("someone's file")
        lock.symlink_to(target)
    path = model_history.add(mlp(0), {})
    assert model_history.read_pointer()["current"] == path.stem
    assert lock.is_file() and not lock.is_symlink()
    assert kind != "link" or target.read_text() == "someone's file"
    assert kind != "dangling link" or not target.exists()


def test_a_lock_that_is_a_folder_with_files_is_named_in_the_error():
    lock = model_history.models_dir() / ".lock"
    lock.mkdir(parents=True)
    (lock / "keep-me").write_text("x")
    with pytest.raises(ModelStoreError, match=f"{lock} is not digitpad's lock file; remove it"):
        model_history.add(mlp(0), {})
    assert (lock / "keep-me").exists() and not list(model_history.models_dir().glob("new-*"))


# ----- 15: quarantine/ as a link or a file -------------------------------------------------------
@pytest.mark.parametrize("kind", ["link", "file"])
def test_bad_files_never_leave_the_home_through_an_odd_quarantine(kind, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    odd = paths.user_dir() / "quarantine"
    if kind == "link":
        odd.symlink_to(outside)
    else:
        odd.write_text("not a folder")
    model_history.history_dir().mkdir(parents=True)
    model_history.pointer_path().write_bytes(b"{")
    current = model_history.load_current()
    assert current.entry_id == model_history.SHIPPED
    assert not list(outside.iterdir())
    assert odd.is_dir() and not odd.is_symlink() and len(list(odd.iterdir())) == 1
    notice = " ".join(current.notices)
    assert "quarantine was not a folder" in notice
    aside = [p for p in paths.user_dir().iterdir() if p.name.startswith("quarantine-not-a-folder")]
    assert len(aside) == 1 and (aside[0].is_symlink() if kind == "link" else aside[0].is_file())


# ----- 16: a read-only home ------------------------------------------------------------------------
def test_a_read_only_home_is_said_at_start_and_saves_fail_in_a_sentence(tmp_path, monkeypatch):
    home = read_only_home(tmp_path, monkeypatch)
    notices = startup.prepare_session()
    assert len(notices) == 1 and "read-only" in notices[0] and str(home) in notices[0]
    with pytest.raises(ModelStoreError) as failed:
        model_history.add(mlp(0), {})
    assert "read-only" in str(failed.value) and "Errno" not in str(failed.value)


# ----- 17: a home whose name is not UTF-8 ----------------------------------------------------------
def test_a_home_whose_name_is_not_utf8_gets_settings_and_models_in_one_folder(tmp_path):
    home = os.fsdecode(bytes(tmp_path) + b"/caf\xe9")
    code = (
        "import os, sys\nfrom digitpad.gui.app import _application\nfrom digitpad.store import paths\n"
        "from PySide6.QtCore import QSettings\napp = _application()\n"
        "for name in (QSettings().fileName(), paths.user_dir()):\n"
        "    sys.stdout.buffer.write(os.fsencode(name) + b'\\n')\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "DIGITPAD_HOME": home, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    settings, models_home = run.stdout.splitlines()
    assert settings.startswith(models_home + b"/"), (settings, models_home)


def test_a_home_whose_name_is_not_utf8_is_refused_with_a_notice(tmp_path, monkeypatch):
    monkeypatch.setenv("DIGITPAD_HOME", os.fsdecode(bytes(tmp_path) + b"/caf\xe9"))
    notices = startup.prepare_session()
    assert len(notices) == 1 and "not valid UTF-8" in notices[0] and "caf\ufffd" in notices[0]
    assert startup.session_folder() == str(paths.user_dir())


# ----- 18: Ctrl+C while Python is still loading digitpad -------------------------------------------
def test_ctrl_c_at_any_moment_of_the_start_exits_quietly(tmp_path):
    image = blank_png(tmp_path)

    def predict(press_at: int) -> subprocess.CompletedProcess:
        """``digitpad predict`` pressing Ctrl+C as it imports its ``press_at``-th module."""
        return subprocess.run(
            [sys.executable, "-m", "tests.helpers.interrupt_at", str(press_at), "predict", image],
            env={**os.environ, "DIGITPAD_HOME": str(tmp_path / f"home-{press_at}")},  # each as new
            capture_output=True,
            text=True,
            timeout=60,
            cwd=REPO,
        )

    counted = predict(0)
    imports = int(re.search(r"interrupt_at: (\d+) imports", counted.stderr)[1])
    assert counted.returncode == 0 and imports > 100, counted.stderr
    # From the entry point's first import to the command's last: while NumPy loads, then inside
    # the command's own handling.
    for press_at in sorted({1, 2, *range(imports // 6, imports, imports // 6), imports}):
        run = predict(press_at)
        assert "Traceback" not in run.stderr, (press_at, run.stderr)
        assert run.returncode == 130 and "interrupted" in run.stderr, (press_at, run.returncode)


# ----- 19: an unusable home and train ---------------------------------------------------------------
def test_train_into_a_session_folder_says_the_model_will_not_be_found(tiny_mnist, tmp_path):
    blocker = tmp_path / "home-file"
    blocker.write_text("not a folder")
    run = digitpad("train", "--data", tiny_mnist, "--hidden", "8", "--epochs", "1", home=str(blocker))
    assert run.returncode == 0, run.stderr
    assert "temporary folder" in run.stderr and "will not find it" in run.stderr
