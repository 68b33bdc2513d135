"""Downloading MNIST from the Train tab, against a local server (never the internet)."""

import gzip
import hashlib
import http.server
import threading

from digitpad import download
from digitpad.data import missing_files
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


def test_failed_download_is_reported_in_the_tab(window, qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(download, "MIRRORS", ("http://127.0.0.1:9/",))
    tab = window.train_tab
    tab.mnist.set_folder(tmp_path / "mnist")
    tab.mnist.download(tab)
    qtbot.waitUntil(lambda: "Download failed" in tab.message.text(), timeout=15000)
    qtbot.waitUntil(lambda: tab.mnist.job is None, timeout=5000)
