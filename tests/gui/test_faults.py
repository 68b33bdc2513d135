"""Faults in the app: a bad model file, a corrupt settings file, a corrupt saved model."""

import numpy as np
from PySide6.QtWidgets import QMessageBox

from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history, paths
from digitpad.store.modelfile import save_model


def test_bad_model_shows_a_dialog_and_keeps_the_current_one(window, qtbot, tmp_path):
    before = window.holder.model
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a model")
    assert not window.models.load_model_file(str(bad))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None, timeout=2000)
    dialog = window.findChild(QMessageBox, "errorDialog")
    assert "unchanged" in dialog.text() and "bad.npz" in dialog.text()
    dialog.close()
    assert window.holder.model is before and not model_history.entries()


def test_good_model_file_is_used_and_persisted(window, tmp_path):
    model = Reader(MLP.create([784, 12, 10], "tanh", "ce", np.random.default_rng(0)))
    path = save_model(model, tmp_path / "mine.npz", preset="custom")
    assert window.models.load_model_file(str(path))
    assert window.holder.model.network.layer_sizes == [784, 12, 10]
    assert window.holder.path.is_file() and model_history.entries()[0].path == window.holder.path
    assert "mine.npz" in window.statusBar().currentMessage()


def test_corrupt_saved_model_falls_back_with_a_visible_notice(qtbot, settings):
    from digitpad.gui.main_window import MainWindow

    target = model_history.add(
        Reader(MLP.create([784, 12, 10], "tanh", "ce", np.random.default_rng(0))), {}
    )
    target.write_bytes(b"\x00" * 100)
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.holder.is_shipped
    assert "could not be read" in win.statusBar().currentMessage()
    assert not target.exists() and len(list((paths.user_dir() / "quarantine").iterdir())) == 1


def test_corrupt_settings_file_gives_defaults(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from digitpad.gui.main_window import MainWindow

    ini = tmp_path / "broken.ini"
    ini.write_bytes(b"[window]\ngeometry=@ByteArray(\x01\x02garbage)\n\x00\xff[[[=\n\xfe\xfe")
    win = MainWindow(QSettings(str(ini), QSettings.Format.IniFormat))
    qtbot.addWidget(win)
    win.show()
    assert win.width() > 300 and win.height() > 200  # defaults, not a broken geometry
    assert "could not be read" in win.statusBar().currentMessage()


def test_save_drawing_to_an_unwritable_place_reports(window, qtbot, tmp_path):
    window.draw_tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)])
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not window.save_drawing(str(blocker / "drawing.png"))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None, timeout=2000)


def test_opening_an_eps_named_png_says_which_formats_are_read(window, qtbot, tmp_path):
    window.draw_tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)])
    eps = tmp_path / "digit.png"
    eps.write_bytes(b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 28 28\nshowpage\n")
    assert not window.open_image_file(str(eps))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "errorDialog") is not None, timeout=2000)
    dialog = window.findChild(QMessageBox, "errorDialog")
    assert "not a PNG, JPEG, BMP, GIF, TIFF or WebP image" in dialog.text() + dialog.informativeText()
    assert len(window.draw_tab.canvas.strokes) == 1


def test_opening_a_broken_image_keeps_the_drawing(window, qtbot, tmp_path):
    window.draw_tab.canvas.add_stroke([(0.5, 0.2), (0.5, 0.8)])
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n broken")
    assert not window.open_image_file(str(broken))
    assert len(window.draw_tab.canvas.strokes) == 1
