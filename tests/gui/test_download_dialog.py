"""Downloading MNIST from the Train tab, against a local server (never the internet)."""

import gzip
import hashlib
import http.server
import socket
import threading

from PySide6.QtWidgets import QMessageBox, QProgressDialog

from digitpad.data import download
from digitpad.data.mnist import missing_files
from digitpad.gui.mnist_source import MnistSourceView
from tests.helpers.mnist_server import GOOD, Handler, payloads


def test_download_from_the_train_tab(window, qtbot, tmp_path, monkeypatch):
    GOOD.update(payloads())
    sums = {
        stem: ("0" * 32, hashlib.sha256(gzip.decompress(body)).hexdigest())
        for stem, body in GOOD.items()
    }
    monkeypatch.setattr(download, "CHECKSUMS", sums)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    monkeypatch.setattr(download, "MIRRORS", (f"http://127.0.0.1:{httpd.server_address[1]}/ok/",))
    tab = window.train_tab
    tab.mnist.set_folder(tmp_path / "mnist")
    try:
        tab.mnist.download(tab)
        qtbot.waitUntil(lambda: "downloaded" in tab.message.text(), timeout=15000)
    finally:
        httpd.shutdown()
        httpd.server_close()
    assert (
        missing_files(tab.mnist.folder) == [] and "ready" in tab.findChild(MnistSourceView).label.text()
    )
    qtbot.waitUntil(lambda: tab.mnist.job is None, timeout=5000)


def failed_download(window, qtbot, folder):
    """Start a download into ``folder`` and wait for it to fail; the data view of the tab."""
    tab = window.train_tab
    view = tab.findChild(MnistSourceView)
    tab.mnist.set_folder(folder)
    tab.mnist.download(tab)
    qtbot.waitUntil(lambda: tab.mnist.failure is not None, timeout=15000)
    assert view.failure_label.isVisibleTo(tab), tab.mnist.failure
    qtbot.waitUntil(lambda: tab.mnist.job is None, timeout=5000)
    return view


def test_failed_download_says_one_sentence_with_details_behind_a_button(
    window, qtbot, tmp_path, monkeypatch, tiny_mnist
):
    monkeypatch.setattr(download, "MIRRORS", ("http://127.0.0.1:9/", "http://127.0.0.1:9/b/"))
    tab = window.train_tab
    window.show_page(tab)
    column = tab.settings_scroll.width()
    view = failed_download(window, qtbot, tmp_path / "empty")
    sentence = view.failure_label.text()
    assert sentence.startswith("The download servers cannot be reached")
    assert "http" not in sentence and "\n" not in sentence and "Errno" not in sentence
    assert "127.0.0.1:9/b/" in view.failure_label.toolTip()  # the details, every mirror's answer
    assert view.details_button.isVisibleTo(tab)
    qtbot.wait(50)
    assert tab.settings_scroll.width() == column  # the long details did not widen the column
    content = tab.settings_scroll.widget()
    assert content.minimumSizeHint().width() <= tab.settings_scroll.viewport().width()
    view.details_button.click()
    box = view.findChild(QMessageBox, "downloadDetails")
    assert box is not None and "127.0.0.1:9/b/" in box.informativeText()
    box.close()
    # Choosing a folder without MNIST keeps the reason; one with MNIST clears it.
    tab.mnist.set_folder(tmp_path / "elsewhere")
    assert view.failure_label.isVisibleTo(tab)
    tab.mnist.set_folder(tiny_mnist)
    assert not view.failure_label.isVisibleTo(tab) and not view.details_button.isVisibleTo(tab)
    assert "ready" in view.label.text()


def test_no_internet_is_named_as_such(window, qtbot, tmp_path, monkeypatch):
    def no_dns(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    monkeypatch.setattr(download, "MIRRORS", ("http://mirror.invalid/",))
    view = failed_download(window, qtbot, tmp_path / "mnist")
    assert view.failure_label.text().startswith("No internet connection")
    assert "Name or service not known" in view.failure_label.toolTip()


def test_a_cancelled_download_has_no_details(window, qtbot, tmp_path):
    tab = window.train_tab
    view = tab.findChild(MnistSourceView)
    tab.mnist.set_folder(tmp_path / "mnist")
    tab.mnist._reason = "cancelled"
    tab.mnist._dialog = QProgressDialog()
    tab.mnist._on_failed("download cancelled")
    assert view.failure_label.text() == "Download cancelled."
    assert not view.details_button.isVisibleTo(tab)


def test_a_chosen_folder_is_remembered_at_the_next_start(window, qtbot, tiny_mnist, monkeypatch):
    from digitpad.gui.main_window import MainWindow

    monkeypatch.delenv("DIGITPAD_DATA", raising=False)
    window.mnist.set_folder(tiny_mnist)
    again = MainWindow(window.settings)
    qtbot.addWidget(again)
    assert again.mnist.folder == tiny_mnist and again.mnist.ready


def test_a_remembered_folder_gives_way_to_the_environment_or_to_missing_files(
    window, qtbot, tiny_mnist, tmp_path, monkeypatch
):
    from digitpad.gui.main_window import MainWindow

    def next_start_folder():
        win = MainWindow(window.settings)
        qtbot.addWidget(win)
        return win.mnist.folder

    window.mnist.set_folder(tiny_mnist)
    monkeypatch.setenv("DIGITPAD_DATA", str(tmp_path / "from-env"))
    assert next_start_folder() == tmp_path / "from-env"
    monkeypatch.delenv("DIGITPAD_DATA")
    window.mnist.set_folder(tmp_path / "empty")  # no files there: the good folder stays remembered
    assert next_start_folder() == tiny_mnist
    for f in tiny_mnist.iterdir():
        f.unlink()  # the remembered folder has lost its files
    assert next_start_folder() != tiny_mnist


def test_a_folder_remembered_by_an_older_version_moves_to_the_shared_file(qtbot, settings, tiny_mnist):
    from digitpad.data import place as mnist_place
    from digitpad.gui.main_window import MainWindow

    settings.setValue("data/mnist_folder", str(tiny_mnist))
    win = MainWindow(settings)
    qtbot.addWidget(win)
    assert win.mnist.folder == tiny_mnist and mnist_place.chosen_folder() == tiny_mnist
    assert settings.value("data/mnist_folder") is None


def test_the_folder_chosen_in_the_app_is_the_commands_folder(window, tiny_mnist, capsys):
    from digitpad.cli import main

    window.mnist.set_folder(tiny_mnist)
    assert main(["evaluate"]) == 0 and "MNIST test accuracy" in capsys.readouterr().out
