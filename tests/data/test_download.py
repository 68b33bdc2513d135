"""The downloader against a local HTTP server on 127.0.0.1 (never the internet)."""

import gzip
import hashlib
import http.server
import threading

import pytest

from digitpad.data import download
from digitpad.data.mnist import FILES, load_mnist
from digitpad.errors import DownloadError
from tests.helpers.mnist_server import GOOD, Handler, payloads


@pytest.fixture(scope="module")
def server():
    GOOD.update(payloads())
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def test_checksums(monkeypatch):
    GOOD.update(payloads())
    sums = {
        stem: ("0" * 32, hashlib.sha256(gzip.decompress(body)).hexdigest())
        for stem, body in GOOD.items()
    }
    monkeypatch.setattr(download, "CHECKSUMS", sums)


def test_downloads_from_the_first_good_mirror_and_loads(server, tmp_path):
    mirrors = [
        f"{server}/missing/",
        f"{server}/broken/",
        f"{server}/dropped/",
        f"{server}/wrong/",
        f"{server}/ok/",
    ]
    seen = []
    download.ensure_mnist(tmp_path, mirrors=mirrors, progress=lambda s, d, t: seen.append(d))
    train, test = load_mnist(tmp_path)
    assert len(train) == 60 and len(test) == 20 and seen
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(f"{s}.gz" for s in FILES.values())


@pytest.mark.parametrize(
    "mode, reason",
    [
        ("missing", "HTTP 404"),
        ("broken", "HTTP 500"),
        ("dropped", "closed|incomplete|IncompleteRead|bytes"),
        ("wrong", "checksum mismatch"),
    ],
)
def test_each_failure_is_reported_and_nothing_is_kept(server, tmp_path, mode, reason):
    with pytest.raises(DownloadError, match=reason) as caught:
        download.ensure_mnist(tmp_path, mirrors=[f"{server}/{mode}/"], timeout=5)
    assert caught.value.reason == "server"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    "mode, stem, reason",
    [
        ("endless", "t10k-labels-idx1-ubyte", "more than 14,204 bytes: not MNIST's file"),
        ("huge", "t10k-labels-idx1-ubyte", "1,000,000,000,000 bytes is more than"),
        ("bomb", "t10k-labels-idx1-ubyte", "2,122,7.. bytes is more than"),
        ("bomb", "train-images-idx3-ubyte", "expands to more than 47,040,016 bytes"),
    ],
)
def test_a_hostile_mirror_is_given_up_early_and_nothing_is_kept(server, tmp_path, mode, stem, reason):
    received = []
    with pytest.raises(DownloadError, match=reason) as caught:
        download.download_file(
            stem,
            tmp_path,
            mirrors=[f"{server}/{mode}/"],
            timeout=5,
            progress=lambda stem, done, total: received.append(done),
        )
    assert caught.value.reason == "server"
    assert max(received, default=0) <= download.max_download_bytes(stem)
    assert list(tmp_path.iterdir()) == []


def test_unreachable_mirror_times_out_with_a_message(tmp_path):
    with pytest.raises(DownloadError, match="could not download") as caught:
        download.ensure_mnist(tmp_path, mirrors=["http://127.0.0.1:9/"], timeout=2)
    assert caught.value.reason == "unreachable"


def test_a_name_that_cannot_be_looked_up_means_offline(tmp_path, monkeypatch):
    import socket

    def no_dns(*args, **kwargs):
        raise socket.gaierror(-2, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    with pytest.raises(DownloadError, match="Name or service not known") as caught:
        download.ensure_mnist(tmp_path, mirrors=["http://mirror.invalid/"], timeout=2)
    assert caught.value.reason == "offline"


def test_mixed_mirror_failures_name_the_most_telling_reason():
    assert download.overall_reason(["offline", "server"]) == "server"
    assert download.overall_reason(["offline", "offline"]) == "offline"
    assert download.overall_reason(["offline", "unreachable"]) == "unreachable"
    assert download.overall_reason(["offline", "stalled"]) == "stalled"


def test_cancel_leaves_nothing(server, tmp_path):
    with pytest.raises(download.Cancelled) as caught:
        download.ensure_mnist(tmp_path, mirrors=[f"{server}/ok/"], cancel=lambda: True)
    assert caught.value.reason == "cancelled"
    assert list(tmp_path.iterdir()) == []


def test_unwritable_data_dir_is_reported(server, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DownloadError, match="cannot create") as caught:
        download.ensure_mnist(blocker / "sub", mirrors=[f"{server}/ok/"])
    assert caught.value.reason == "disk"


def test_official_checksums_accept_either_form():
    body = b"hello"
    gz = gzip.compress(body)
    stem = "t10k-labels-idx1-ubyte"
    download.CHECKSUMS[stem] = (hashlib.md5(gz).hexdigest(), "f" * 64)
    assert download.verify(stem, gz)
    download.CHECKSUMS[stem] = ("0" * 32, hashlib.sha256(body).hexdigest())
    assert download.verify(stem, gzip.compress(body, mtime=1))
    assert not download.verify(stem, b"not gzip")


def test_silent_server_times_out_instead_of_hanging(tmp_path):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts connections, never answers
    port = listener.getsockname()[1]
    heard = []

    def waiting(stem, silent, limit):
        # Silence past the limit without giving up fails here, rather than hang the test.
        assert limit == 1 and silent < limit, (silent, limit)
        heard.append(silent)

    try:
        with pytest.raises(DownloadError, match="could not download") as caught:
            download.ensure_mnist(
                tmp_path, mirrors=[f"http://127.0.0.1:{port}/"], timeout=1, waiting=waiting
            )
    finally:
        listener.close()
    assert heard and caught.value.reason == "stalled" and "no data for 1 s" in str(caught.value)
    assert list(tmp_path.iterdir()) == []


def test_disk_full_while_writing_leaves_nothing(server, tmp_path, monkeypatch):
    import os

    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FullDisk(real_fdopen(fd, mode)))
    with pytest.raises(DownloadError, match="No space left"):
        download.ensure_mnist(tmp_path, mirrors=[f"{server}/ok/"])
    assert list(tmp_path.iterdir()) == []
