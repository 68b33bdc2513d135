"""File > Model history, and the window starting whatever the user's files look like."""

import os
import socket
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QToolButton

from digitpad.data import download
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history, paths
from digitpad.store import samples as personal
from digitpad.store.modelfile import save_model
from tests.helpers.pipes import pipe_nobody_reads


def model_file(tmp_path, name, hidden):
    model = Reader(MLP.create([784, hidden, 10], "relu", "ce", np.random.default_rng(hidden)))
    return save_model(model, tmp_path / name, preset=name)


def test_history_lists_every_model_and_picks_an_earlier_one_back(window, qtbot, tmp_path):
    assert window.models.load_model_file(str(model_file(tmp_path, "first.npz", 12)))
    first = window.holder.entry_id
    assert window.models.load_model_file(str(model_file(tmp_path, "second.npz", 14)))
    window.models.revert_model()
    dialog = window.models.show_history()
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert len(texts) == 3 and "784-14-10" in texts[0] and "784-12-10" in texts[1]
    assert "(in use)" in texts[2] and not dialog.use_button.isEnabled()
    dialog.list.setCurrentRow(1)
    assert dialog.use_button.isEnabled() and dialog.use_selected()
    assert window.holder.entry_id == first and window.holder.model.network.layer_sizes == [784, 12, 10]
    assert model_history.read_pointer()["current"] == first
    assert "784-12-10" in window.model_label.text()
    dialog.close()


def test_history_lists_the_accuracies_and_size_of_every_model_the_shipped_one_too(window, tmp_path):
    """Bug: "The shipped model" showed no accuracy or size; no entry showed the pen figure."""
    from digitpad.reading.calibration import Calibration

    model = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0)))
    model.calibration = Calibration(1.0, 0.9, 0.99, 0.9, 100, accuracy=0.9512)
    path = save_model(model, tmp_path / "pen.npz", metrics={"test_accuracy": 0.9833})
    assert window.models.load_model_file(str(path))
    assert window.models.load_model_file(str(model_file(tmp_path, "bare.npz", 12)))
    dialog = window.models.show_history()
    texts = [dialog.list.item(i).text() for i in range(dialog.list.count())]
    assert "784-12-10" in texts[0] and "MNIST test not recorded" in texts[0] and "pen" not in texts[0]
    assert "MNIST test 98.33%" in texts[1] and "pen, unseen writers 95.12%" in texts[1]
    assert texts[2].startswith("The shipped model") and "784-1024-1024-10" in texts[2]
    assert "MNIST test 99.44%" in texts[2]
    dialog.list.setCurrentRow(2)
    assert dialog.use_selected() and dialog.message.text() == "The Draw tab now uses this model."
    dialog.list.setCurrentRow(0)
    assert dialog.message.text() == ""  # it spoke of the model picked before
    dialog.close()


def test_a_vanished_history_entry_is_reported_not_fatal(window, tmp_path):
    assert window.models.load_model_file(str(model_file(tmp_path, "first.npz", 12)))
    window.models.revert_model()
    dialog = window.models.show_history()
    model_history.entries()[0].path.unlink()
    dialog.list.setCurrentRow(0)
    assert not dialog.use_selected() and "Cannot use" in dialog.message.text()
    assert window.holder.is_shipped
    dialog.close()


def test_the_window_starts_when_the_data_folder_is_a_file(qtbot, settings, tmp_path, monkeypatch):
    from digitpad.gui.main_window import MainWindow

    blocker = tmp_path / "home-is-a-file"
    blocker.write_text("x")
    monkeypatch.setenv("DIGITPAD_HOME", str(blocker))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.holder.is_shipped and "home-is-a-file" in win.statusBar().currentMessage()
    win.train_tab.shutdown()
    win.personal_tab.shutdown()


def test_the_window_starts_with_a_bad_sample_and_a_bad_current_model(qtbot, settings):
    from digitpad.gui.main_window import MainWindow

    personal.save_sample(5, np.zeros(784), [])
    folder = personal.samples_dir()
    np.savez(folder / "bad.npz", metadata=np.frombuffer(b"[1]", np.uint8))
    bad_model = model_history.add(
        Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))), {}
    )
    with np.load(bad_model) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["metadata"] = np.frombuffer(
        arrays["metadata"].tobytes().replace(b'"relu"', b'["relu"]'), np.uint8
    )
    np.savez(bad_model, **arrays)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.holder.is_shipped and "quarantine" in win.statusBar().currentMessage()
    assert win.personal_tab.sample_count() == 1
    moved = {p.name.split("-")[-1] for p in (paths.user_dir() / "quarantine").iterdir()}
    assert moved == {"bad.npz", bad_model.name.split("-")[-1]}
    win.train_tab.shutdown()
    win.personal_tab.shutdown()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_opening_a_named_pipe_reports_instead_of_hanging(window, qtbot, tmp_path):
    pipe = tmp_path / "pipe.png"
    with pipe_nobody_reads(pipe):
        assert not window.open_image_file(str(pipe))
        assert not window.models.load_model_file(str(pipe))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None, timeout=2000)


def test_closing_during_a_stalled_download_neither_freezes_nor_aborts(
    qtbot, settings, tmp_path, monkeypatch
):
    from digitpad.gui.main_window import MainWindow

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)  # accepts connections, never answers
    monkeypatch.setattr(download, "MIRRORS", (f"http://127.0.0.1:{listener.getsockname()[1]}/",))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    source = win.mnist
    source.set_folder(tmp_path / "mnist")
    try:
        source.download(win)
        qtbot.waitUntil(lambda: "no data for" in source._dialog.labelText(), timeout=5000)
        assert "giving up in" in source._dialog.labelText()
        thread, worker = source.job.thread, source.job.worker
        stop, late_polls, reasons = worker.stop_event, [], []
        direct = Qt.ConnectionType.DirectConnection  # heard in the worker's thread, as it happens
        worker.waiting.connect(lambda *_: stop.is_set() and late_polls.append(1), direct)
        worker.problem.connect(lambda reason: reasons.append(reason), direct)
        win.close()
        # Ended by the cancel at the next wake-up, not by the stall's limit or the close's patience.
        assert thread.isFinished() and reasons == ["cancelled"] and len(late_polls) <= 1
    finally:
        listener.close()
        win.personal_tab.shutdown()


# While the window is being built (the app's own Ctrl+C handling is on), and once it shows.
@pytest.mark.parametrize("moment", ["digitpad.gui.main_window", "running"])
def test_ctrl_c_during_start_up_or_later_ends_without_a_traceback(tmp_path, moment):
    import signal
    import subprocess
    import sys

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", DIGITPAD_HOME=str(tmp_path))
    try:
        run = subprocess.run(
            [sys.executable, "-m", "tests.helpers.interrupt_at", moment],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired:
        pytest.fail("Ctrl+C did not end the app")
    assert "Traceback" not in run.stderr and run.returncode in (0, 130, -signal.SIGINT), run.stderr


def test_the_window_starts_in_a_read_only_home_without_personal(qtbot, settings, tmp_path, monkeypatch):
    from digitpad.gui.main_window import MainWindow
    from tests.helpers.read_only import read_only_home

    read_only_home(tmp_path, monkeypatch)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.holder.is_shipped and win.personal_tab.sample_count() == 0
    model = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0)))
    path = save_model(model, tmp_path / "m.npz")
    assert not win.models.load_model_file(str(path))  # cannot be kept: a dialog, the model unchanged
    assert win.holder.is_shipped
    win.train_tab.shutdown()
    win.personal_tab.shutdown()


def test_revert_is_greyed_out_while_the_shipped_model_is_in_use(window, tmp_path):
    """Bug: Revert to the shipped model could be chosen while the shipped model was in use."""
    revert = window.models.revert_action
    button = next(
        b for b in window.train_tab.results.findChildren(QToolButton) if b.defaultAction() is revert
    )
    assert window.holder.is_shipped and not revert.isEnabled() and not button.isEnabled()
    assert "already in use" in revert.toolTip() and button.toolTip() == revert.toolTip()
    assert window.models.load_model_file(str(model_file(tmp_path, "first.npz", 12)))
    assert revert.isEnabled() and button.isEnabled() and "Model history" in revert.toolTip()
    revert.trigger()
    assert window.holder.is_shipped and not revert.isEnabled()


def test_the_train_tab_does_not_claim_a_model_is_used_once_another_is(window, tmp_path):
    """Bug: after Use this model, then Revert (or a load, a new run), the Train tab still said
    "The Draw tab now uses this model"."""
    from digitpad.store.model_info import ModelInfo
    from digitpad.training.run import RunOutcome

    tab = window.train_tab
    model = Reader(MLP.create([784, 12, 10], "relu", "ce", np.random.default_rng(0)))
    tab.outcome = RunOutcome(model, ModelInfo.of(model, origin="trained"), [], False, None, [])
    assert tab.use_result() and tab.message.text() == "The Draw tab now uses this model."
    window.models.revert_model()
    assert tab.message.text() == ""
    window.holder.select(model_history.entries()[0].id)  # picked back: the sentence is gone for good
    assert tab.message.text() == ""
    tab.results.use_button.setEnabled(True)
    assert tab.use_result() and tab.message.text() == "The Draw tab now uses this model."
    assert window.models.load_model_file(str(model_file(tmp_path, "other.npz", 14)))
    assert tab.message.text() == ""


def test_history_entries_fit_the_dialog_in_chinese(qtbot, settings, monkeypatch, tmp_path):
    """Bug: in zh_CN the history dialog cut its longest entries off at the right edge."""
    from digitpad.store.model_info import Metrics, ModelInfo
    from tests.helpers.chinese import chinese_window

    with chinese_window(qtbot, settings, monkeypatch) as win:
        model = Reader(MLP.create([784, 12, 10], "leaky_relu", "ce", np.random.default_rng(0)))
        info = ModelInfo.of(
            model, preset="best", personalised_from="shipped", metrics=Metrics(test_accuracy=0.9922)
        )
        for _ in range(3):
            win.holder.use(model, info)
        dialog = win.models.show_history()
        qtbot.waitExposed(dialog)
        widest = dialog.list.sizeHintForColumn(0)
        assert "使用中" in dialog.list.item(0).text()
        assert widest <= dialog.list.viewport().width(), (widest, dialog.list.viewport().width())
        dialog.close()
