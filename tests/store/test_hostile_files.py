"""Hostile files cost neither memory nor time: limits are checked before any work.

Peak memory is measured in a fresh process per file (ru_maxrss) and must stay under 500 MB.
"""

import os
import resource
import struct
import subprocess
import sys
import zipfile
import zlib

import numpy as np
import pytest

from digitpad.data.images import open_image
from digitpad.data.mnist import load_split
from digitpad.errors import DataError, ImageError, ModelFileError
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import samples as personal
from digitpad.store.modelfile import load_model, save_model
from tests.helpers.app_process import digitpad
from tests.helpers.mnist_files import gzip_bomb, write_mnist_subset
from tests.helpers.model_files import metadata_array

MEMORY_LIMIT_MB = 500


def npy_header(shape, descr="<f4") -> bytes:
    """An .npy header alone (the data that should follow it is not there or compressed)."""
    text = repr({"descr": descr, "fortran_order": False, "shape": shape})
    text += " " * (63 - (len(text) + 10) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text.encode()


def huge_header_model(path):
    """A model whose W0 header declares (100000, 100000) float32 (40 GB)."""
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.npy", _npy(metadata_array()))
        z.writestr("W0.npy", npy_header((100000, 100000)) + b"\x00" * 64)
    return path


def zip_bomb_model(path, sizes=(784, 65536, 65536, 10)):
    """Valid metadata for an enormous network and deflated zeros (a few MB on disk would
    inflate to gigabytes)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.npy", _npy(metadata_array(layer_sizes=list(sizes))))
        with z.open("W0.npy", "w", force_zip64=True) as handle:
            handle.write(npy_header((sizes[0], sizes[1])))
            zeros = bytes(1 << 20)
            for _ in range(64):
                handle.write(zeros)
    return path


def deep_metadata_model(path):
    meta = b'{"format": "digitpad-model", "x": ' + b"[" * 20000 + b"]" * 20000 + b"}"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("metadata.npy", _npy(np.frombuffer(meta, np.uint8)))
    return path


def overflowing_model(path):
    model = Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0)))
    model.network.params[0][:] = 3e38
    return save_model(model, path)


def _npy(array) -> bytes:
    import io

    out = io.BytesIO()
    np.lib.format.write_array(out, array)
    return out.getvalue()


def png_bomb(path, width=16384, height=16384):
    """A tiny PNG whose header declares width x height RGBA (the IDAT is a few bytes)."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 1024))
        + chunk(b"IEND", b"")
    )
    return path


@pytest.mark.parametrize(
    "make, message",
    [
        (huge_header_model, "784, 16"),
        (zip_bomb_model, "parameters"),
        (deep_metadata_model, "nested"),
        (overflowing_model, "non-finite outputs"),
    ],
)
def test_hostile_models_are_refused_quickly(tmp_path, make, message):
    import tracemalloc

    path = make(tmp_path / "hostile.npz")
    tracemalloc.start()
    try:
        with pytest.raises(ModelFileError, match=message):
            load_model(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    # Refused before the work a file asks for (inflating, allocating): the memory it took says so.
    assert peak < 16 << 20, f"{peak / 2**20:.0f} MB"


def float128_model(path, sizes=(784, 16, 10)):
    """Weights stored as float128: four times the memory of float32 for the same network."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("metadata.npy", _npy(metadata_array(layer_sizes=list(sizes))))
        for i, (n_in, n_out) in enumerate(zip(sizes[:-1], sizes[1:])):
            for name, shape in ((f"W{i}", (n_in, n_out)), (f"b{i}", (n_out,))):
                with z.open(f"{name}.npy", "w", force_zip64=True) as handle:
                    handle.write(npy_header(shape, "<f16"))
                    zeros = bytes(1 << 20)
                    for start in range(
                        0, 16 * n_in * n_out if name[0] == "W" else 16 * n_out, len(zeros)
                    ):
                        handle.write(zeros[: min(len(zeros), 16 * int(np.prod(shape)) - start)])
    return path


def many_entries_npz(path, entries=100_000, honest=True):
    """An archive whose central directory lists ``entries`` (one repeated record, ~51 bytes
    each). Honest: the zip64 end record gives the true count; else the end record says 1 and
    only the directory's size tells."""
    name = b"a.npy"
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
    record = (
        struct.pack(
            "<4s6H3L5H2L", b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0, 0
        )
        + name
    )
    size, offset = len(record) * entries, len(local)
    with open(path, "wb") as out:
        out.write(local)
        out.write(record * entries)
        if honest:
            out.write(
                struct.pack(
                    "<4sQ2H2L4Q", b"PK\x06\x06", 44, 45, 45, 0, 0, entries, entries, size, offset
                )
            )
            out.write(struct.pack("<4sLQL", b"PK\x06\x07", 0, offset + size, 1))
            out.write(
                struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, 0xFFFFFFFF, 0xFFFFFFFF, 0)
            )
        else:
            out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, size, offset, 0))
    return path


@pytest.mark.skipif(np.dtype(np.longdouble).itemsize != 16, reason="no float128 here")
def test_a_float128_model_is_refused_from_its_header(tmp_path):
    with pytest.raises(ModelFileError, match="float128.*float32/float64"):
        load_model(float128_model(tmp_path / "wide.npz"))


@pytest.mark.parametrize("honest", [True, False])
def test_millions_of_zip_entries_are_refused_before_zipfile_reads_them(tmp_path, monkeypatch, honest):
    path = many_entries_npz(tmp_path / "many.npz", honest=honest)

    def parsed(*args, **kwargs):
        raise AssertionError("zipfile parsed the directory")

    monkeypatch.setattr(zipfile, "ZipFile", parsed)
    with pytest.raises(ModelFileError, match="100,000 entries is too many|zip directory is too large"):
        load_model(path)


EPS = b"%!PS-Adobe-3.0 EPSF-3.0\n%%BoundingBox: 0 0 28 28\n0 0 moveto 28 28 lineto stroke\nshowpage\n"


def test_an_eps_named_png_is_refused_and_never_reaches_ghostscript(tmp_path, monkeypatch):
    from PIL import EpsImagePlugin

    def ghostscript(*args, **kwargs):
        raise AssertionError("Ghostscript was run on an untrusted file")

    monkeypatch.setattr(EpsImagePlugin, "Ghostscript", ghostscript)
    path = tmp_path / "digit.png"
    path.write_bytes(EPS)
    with pytest.raises(ImageError, match="not a PNG, JPEG, BMP, GIF, TIFF or WebP image"):
        open_image(path)


def test_predict_refuses_an_eps_named_png_in_one_line(tmp_path):
    path = tmp_path / "digit.png"
    path.write_bytes(EPS)
    result = digitpad("predict", path, home=tmp_path / "home", timeout=60)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"digitpad: error: {path}: not a PNG, JPEG, BMP, GIF, TIFF or WebP image"
    ]


IDX_HEADER = bytes([0, 0, 8, 3]) + struct.pack(">3I", 10000, 28, 28)


def mnist_with_bomb(folder, kind="gzip bomb"):
    """A small MNIST folder whose test images are hostile: a gzip that declares MNIST's 10,000
    images and expands to 2 GB, or a 3 GB raw file (sparse: free on disk) declaring 3 GB."""
    write_mnist_subset(folder, 60, 20)
    target = folder / "t10k-images-idx3-ubyte.gz"
    target.unlink()
    if kind == "gzip bomb":
        target.write_bytes(gzip_bomb(IDX_HEADER, 2 << 30))
    else:
        raw = folder / "t10k-images-idx3-ubyte"
        with open(raw, "wb") as out:
            out.write(bytes([0, 0, 8, 3]) + struct.pack(">3I", 3_800_000, 28, 28))
            out.truncate(3 << 30)
    return folder


@pytest.mark.parametrize(
    "kind, message",
    [("gzip bomb", "has trailing bytes"), ("huge raw file", "declares 2,979,200,000 bytes")],
)
def test_a_hostile_mnist_file_is_refused_from_its_header(tmp_path, kind, message):
    folder = mnist_with_bomb(tmp_path / "mnist", kind)
    with pytest.raises(DataError, match=message):
        load_split(folder, "test")


def _memory_limit(megabytes):
    def limit():
        resource.setrlimit(resource.RLIMIT_AS, (megabytes << 20, megabytes << 20))

    return limit


@pytest.mark.parametrize("kind", ["gzip bomb", "huge raw file"])
def test_evaluate_on_a_hostile_mnist_folder_says_one_line_under_a_memory_limit(tmp_path, kind):
    folder = mnist_with_bomb(tmp_path / "mnist", kind)
    result = digitpad(
        "evaluate", "--data", folder, home=tmp_path / "home", preexec_fn=_memory_limit(1000)
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("digitpad: error: ") and "t10k-images-idx3-ubyte" in line


@pytest.mark.parametrize(
    "make, message",
    [
        (lambda path: float128_model(path, (784, 2048, 2048, 10)), "float128"),
        (lambda path: many_entries_npz(path, 1_000_000), "1,000,000 entries is too many"),
    ],
)
def test_predict_with_a_hostile_model_says_one_line_under_a_memory_limit(tmp_path, make, message):
    if "float128" in message and np.dtype(np.longdouble).itemsize != 16:
        pytest.skip("no float128 here")
    model = make(tmp_path / "hostile.npz")
    image = png_bomb(tmp_path / "small.png", 28, 28)
    result = digitpad(
        "predict",
        "--model",
        model,
        image,
        home=tmp_path / "home",
        timeout=60,
        preexec_fn=_memory_limit(1000),
    )
    assert result.returncode == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"digitpad: error: {model}") and message in line


def test_a_png_declaring_268_megapixels_is_refused_from_its_header(tmp_path):
    path = png_bomb(tmp_path / "bomb.png")
    assert path.stat().st_size < 200
    with pytest.raises(ImageError, match="too large"):
        open_image(path)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no named pipes here")
def test_named_pipes_are_refused_not_waited_on(tmp_path):
    pipe = tmp_path / "pipe.png"
    os.mkfifo(pipe)
    with pytest.raises(ImageError, match="not a regular file"):
        open_image(pipe)
    with pytest.raises(ModelFileError, match="not a regular file"):
        load_model(pipe)
    result = digitpad("predict", pipe, home=tmp_path / "home", timeout=60)
    assert result.returncode == 1 and "not a regular file" in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("meta", [b"[1]", b'{"label": null}', b'{"label": 3, "x": ' + b"[" * 9000])
def test_bad_samples_are_quarantined_and_the_good_ones_listed(meta):
    personal.save_sample(4, np.zeros(784), [])
    bad = personal.samples_dir() / "bad.npz"
    np.savez(
        bad,
        input=np.zeros(784, np.float32),
        points=np.zeros((0, 2), np.float32),
        stroke_off=np.zeros(1, np.int64),
        metadata=np.frombuffer(meta, np.uint8),
    )
    samples, skipped = personal.list_samples()
    assert [s.label for s in samples] == [4] and skipped == 1 and not bad.exists()
    assert personal.list_samples()[1] == 0


PEAK = """
import sys
from pathlib import Path
kind, path, extra = sys.argv[1], Path(sys.argv[2]), sys.argv[3:]
try:
    if kind == "model":
        from digitpad.store.modelfile import load_model
        load_model(path)
    elif kind == "image":
        from digitpad.data.images import open_image
        from digitpad.reading.predictor import predict_image
        from digitpad.model.network import MLP
        import numpy as np
        predict_image(Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))), open_image(path))
    elif kind == "mnist":
        from digitpad.data.mnist import load_split
        load_split(path, "test")
    elif kind == "verify":
        from digitpad.data.download import verify
        assert not verify(extra[0], path.read_bytes())
    elif kind == "download":
        from digitpad.data.download import download_file
        download_file(extra[0], path, mirrors=[extra[1]], timeout=10)
    elif kind == "samples":  # path: a DIGITPAD_HOME
        import os
        os.environ["DIGITPAD_HOME"] = str(path)
        from digitpad.store import samples
        from digitpad.training.personalise import personal_training_set
        listed, _ = samples.list_samples()
        [samples.read_sample(entry.id) for entry in listed]
        personal_training_set()
except Exception as exc:
    print(type(exc).__name__, exc, file=sys.stderr)
# VmHWM: the peak of this program's own memory (ru_maxrss would include the parent's from
# before exec).
hwm = [l for l in open("/proc/self/status") if l.startswith("VmHWM")][0]
print(int(hwm.split()[1]) // 1024)
"""


def peak_mb(kind, path, *extra) -> int:
    out = subprocess.run(
        [sys.executable, "-c", PEAK, kind, str(path), *extra],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return int(out.stdout.split()[-1])


def home_with_hostile_samples(home, files=50):
    """``files`` samples of 200,000 one-point strokes each (3 MB: hard links of one file)."""
    folder = home / "personal"
    folder.mkdir(parents=True)
    first = folder / "20260101T000000-00000000-5.npz"
    np.savez(
        first,
        input=np.zeros(784, np.float32),
        points=np.zeros((200_000, 2), np.float32),
        stroke_off=np.arange(200_001, dtype=np.int64),
        metadata=np.frombuffer(b'{"label": 5, "created": "2026-01-01T00:00:00+00:00"}', np.uint8),
    )
    for k in range(1, files):
        os.link(first, folder / f"20260101T000000-{k:08x}-5.npz")
    return home


@pytest.fixture
def mirror():
    """A local mirror serving hostile bodies (tests/helpers/mnist_server.py)."""
    import http.server
    import threading

    from tests.helpers.mnist_server import Handler

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="needs Linux /proc")
def test_peak_memory_for_every_hostile_file_stays_under_500_mb(tmp_path, mirror):
    """Prints every hostile case's peak memory (pytest -s shows it: README, Model files)."""
    from PIL import Image

    from tests.helpers.mnist_server import BOMB

    big = tmp_path / "g.png"
    Image.new("RGBA", (7000, 7000), (255, 255, 255, 255)).save(big, compress_level=1)
    (tmp_path / "bomb.gz").write_bytes(BOMB)
    (tmp_path / "downloads").mkdir()
    images = "train-images-idx3-ubyte"
    cases = {
        "model: 40 GB declared in a header": ("model", huge_header_model(tmp_path / "a.npz")),
        "model: zip bomb": ("model", zip_bomb_model(tmp_path / "b.npz")),
        "model: deeply nested metadata": ("model", deep_metadata_model(tmp_path / "c.npz")),
        "model: zip bomb under the limits": (
            "model",
            zip_bomb_model(tmp_path / "d.npz", sizes=(784, 4096, 8192, 10)),
        ),
        "model: float128 weights": ("model", float128_model(tmp_path / "e.npz", (784, 2048, 2048, 10))),
        "model: 1,000,000 zip entries": ("model", many_entries_npz(tmp_path / "f.npz", 1_000_000)),
        "image: 268 MP declared": ("image", png_bomb(tmp_path / "e.png")),
        "image: 49 MP declared": ("image", png_bomb(tmp_path / "f.png", 7000, 7000)),
        "image: 49 MP RGBA": ("image", big),
        "MNIST: gzip bomb (2 GB)": ("mnist", mnist_with_bomb(tmp_path / "m1")),
        "MNIST: 3 GB raw file": ("mnist", mnist_with_bomb(tmp_path / "m2", "huge raw file")),
        "download: verifying a gzip bomb (2 GB)": ("verify", tmp_path / "bomb.gz", images),
        "download: endless body": ("download", tmp_path / "downloads", images, f"{mirror}/endless/"),
        "download: gzip bomb": ("download", tmp_path / "downloads", images, f"{mirror}/bomb/"),
        "samples: 50 of 200,000 strokes": ("samples", home_with_hostile_samples(tmp_path / "home")),
    }
    peaks = {name: peak_mb(*case) for name, case in cases.items()}
    print("\npeak MB per hostile file:")
    for name, peak in peaks.items():
        print(f"  {peak:5d}  {name}")
    assert max(peaks.values()) < MEMORY_LIMIT_MB, peaks


def test_a_corrupt_compressed_member_is_a_model_file_error(tmp_path):
    path = save_model(
        Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))), tmp_path / "m.npz"
    )
    packed = tmp_path / "packed.npz"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(packed, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            out.writestr(info.filename, source.read(info.filename))
    data = bytearray(packed.read_bytes())
    for k in range(400, 2000, 7):
        data[k] ^= 0xFF
    packed.write_bytes(bytes(data))
    with pytest.raises(ModelFileError):
        load_model(packed)
