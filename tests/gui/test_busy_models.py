"""The window and the model history when another digitpad holds the lock, the clock was set back
or the history holds an odd entry (issue 24): never frozen, never a false "could not keep"."""

import os

import numpy as np
import pytest
from PySide6.QtWidgets import QMessageBox

from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history
from digitpad.store.model_info import ModelInfo
from digitpad.store.modelfile import save_model
from tests.helpers.busy_lock import lock_held_elsewhere, lock_waits


def mlp(seed):
    return Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(seed)))


def test_use_and_revert_say_another_digitpad_is_busy_without_freezing(window, monkeypatch):
    kept = model_history.add(mlp(0), {})
    window.holder.reload()
    new = mlp(1)
    with lock_held_elsewhere():
        waits = lock_waits(monkeypatch)
        window.models.revert_model()
        with pytest.raises(OSError, match="another digitpad is changing your models"):
            window.holder.use(new, ModelInfo.of(new))
        # Both gave up after the app's short wait, never the command line's long one.
        assert waits.count(model_history.QUICK_WAIT_S) == 2 and max(waits) == model_history.QUICK_WAIT_S
    dialog = window.findChild(QMessageBox, "errorDialog")
    assert dialog is not None and "another digitpad is changing your models" in dialog.text()
    dialog.close()
    assert window.holder.entry_id == kept.stem
    assert model_history.read_pointer()["current"] == kept.stem
    window.holder.use(new, ModelInfo.of(new))  # again, once the other digitpad is done
    assert model_history.read_pointer()["current"] == window.holder.entry_id != kept.stem
    assert len(model_history.entries()) == 2  # the file kept meanwhile, not a second copy
    assert not list(model_history.models_dir().glob("new-*"))


def test_a_personalised_model_is_never_lost_to_a_busy_lock(window):
    from digitpad.gui.worker import PersonalisedModel

    window.personal_tab._base = window.holder.current  # as Personalise began
    with lock_held_elsewhere():
        window.personal_tab._on_finished(PersonalisedModel(mlp(3), 10, 5, 0.9))
    said = window.personal_tab.status.text()
    assert "another digitpad is changing your models" in said and "safe in" in said
    assert window.holder.is_shipped
    model_history.load_current()  # the next start
    assert [e.metadata["origin"] for e in model_history.entries()] == ["personalised"]


def test_the_window_starts_at_once_while_another_digitpad_holds_the_lock(qtbot, settings, monkeypatch):
    from digitpad.gui.main_window import MainWindow

    kept = model_history.add(mlp(0), {})
    (model_history.history_dir() / "x.npz.abcd1234.tmp").write_bytes(b"a killed save")
    with lock_held_elsewhere():
        waits = lock_waits(monkeypatch)
        win = MainWindow(settings)
        qtbot.addWidget(win)
        assert waits and max(waits) == 0  # the start tidies only if the lock is free at once
    assert win.holder.entry_id == kept.stem
    win.train_tab.shutdown()
    win.personal_tab.shutdown()


def test_the_history_dialog_lists_the_most_recently_used_first(window):
    a = model_history.add(mlp(0), {"preset": "a"})
    b = model_history.add(mlp(1), {"preset": "b"})
    for path in (a, b):
        os.utime(path, (4e9, 4e9))  # file times from a clock that was ahead: ignored
    window.holder.select(a.stem)
    dialog = window.models.show_history()
    ids = [dialog.list.item(i).data(0x0100) for i in range(dialog.list.count())]
    assert ids == [a.stem, b.stem, model_history.SHIPPED]
    dialog.close()


def test_an_odd_history_entry_never_turns_use_into_could_not_keep(window):
    for i in range(model_history.KEEP):
        save_model(mlp(i), model_history.entry_path(f"2020010{i}T000000000000-aaaaaa"))
    odd = model_history.history_dir() / "20000101T000000000000-bbbbbb.npz"
    odd.mkdir()
    os.utime(odd, (0, 0))
    model = mlp(20)
    window.holder.use(model, ModelInfo.of(model))
    assert model_history.read_pointer()["current"] == window.holder.entry_id
    assert len(model_history.entries()) == model_history.KEEP


def test_a_read_only_home_says_so_at_start_and_when_a_save_fails(qtbot, settings, tmp_path, monkeypatch):
    from digitpad.gui.main_window import MainWindow
    from tests.helpers.read_only import read_only_home

    read_only_home(tmp_path, monkeypatch)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert "read-only" in win.statusBar().currentMessage()
    win.draw_tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)])
    win.keep_sample(1)
    qtbot.waitUntil(lambda: win.findChild(QMessageBox, "errorDialog") is not None, timeout=2000)
    text = win.findChild(QMessageBox, "errorDialog").text()
    assert "read-only" in text and "Errno" not in text, text
    win.train_tab.shutdown()
    win.personal_tab.shutdown()
