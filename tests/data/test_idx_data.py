import gzip

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitpad.data.idx import parse_idx, read_idx
from digitpad.data.mnist import FILES, load_mnist, load_split, missing_files
from digitpad.errors import DataError
from tests.helpers.mnist_files import idx_bytes, write_mnist_subset


def test_round_trip_raw_and_gzip(tmp_path):
    arr = np.arange(2 * 28 * 28, dtype=np.uint8).reshape(2, 28, 28)
    (tmp_path / "a").write_bytes(idx_bytes(arr))
    (tmp_path / "b.gz").write_bytes(gzip.compress(idx_bytes(arr)))
    np.testing.assert_array_equal(read_idx(tmp_path / "a"), arr)
    np.testing.assert_array_equal(read_idx(tmp_path / "b.gz"), arr)


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda b: b[:-5], "truncated"),
        (lambda b: b + b"xx", "trailing"),
        (lambda b: b"\x00\x00\x09" + b[3:], "not an unsigned-byte IDX"),
        (lambda b: b"\x01" + b[1:], "not an unsigned-byte IDX"),
        (lambda b: b[:2], "too short"),
        (lambda b: b[:6], "header truncated"),
    ],
)
def test_malformed_idx_is_refused_with_the_problem_named(mutate, message):
    good = idx_bytes(np.zeros((3, 28, 28), np.uint8))
    with pytest.raises(DataError, match=message):
        parse_idx(mutate(good), "f")


def test_garbled_gzip_names_the_file(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte.gz"
    payload = bytearray(gzip.compress(idx_bytes(np.zeros((2, 28, 28), np.uint8))))
    payload[20:30] = b"\xff" * 10
    path.write_bytes(bytes(payload))
    with pytest.raises(DataError, match="train-images-idx3-ubyte.gz"):
        read_idx(path)


def test_load_subset_scales_and_checks(tiny_mnist):
    train, test = load_mnist(tiny_mnist)
    assert train.images.shape == (600, 784) and train.images.dtype == np.float32
    assert 0.0 <= train.images.min() and train.images.max() == 1.0
    assert train.labels.dtype == np.int64 and len(test) == 200
    assert missing_files(tiny_mnist) == []


def test_count_mismatch_and_wrong_dimensions(tmp_path):
    folder = write_mnist_subset(tmp_path / "m", gz=False)
    (folder / FILES["test_labels"]).write_bytes(idx_bytes(np.zeros(5, np.uint8)))
    with pytest.raises(DataError, match="200 images but 5 labels"):
        load_split(folder, "test")
    (folder / FILES["test_images"]).write_bytes(idx_bytes(np.zeros((5, 20, 20), np.uint8)))
    with pytest.raises(DataError, match="28 x 28"):
        load_split(folder, "test")


def test_missing_files_are_named(tmp_path):
    with pytest.raises(DataError, match="not found"):
        load_split(tmp_path, "train")
    assert len(missing_files(tmp_path)) == 4


def test_labels_above_nine_are_refused(tmp_path):
    folder = write_mnist_subset(tmp_path / "m", gz=False)
    (folder / FILES["test_labels"]).write_bytes(idx_bytes(np.full(200, 12, np.uint8)))
    with pytest.raises(DataError, match="not a digit"):
        load_split(folder, "test")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=200))
def test_arbitrary_bytes_give_an_array_or_a_data_error(data):
    try:
        arr = parse_idx(data)
    except DataError:
        return
    assert arr.dtype == np.uint8


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 5), min_size=1, max_size=3), st.integers(-3, 3))
def test_headers_with_any_dims_and_any_length(dims, slack):
    length = int(np.prod(dims)) + slack
    body = bytes(max(0, length))
    data = bytes([0, 0, 8, len(dims)]) + b"".join(d.to_bytes(4, "big") for d in dims) + body
    if len(body) == int(np.prod(dims)):
        assert parse_idx(data).shape == tuple(dims)
    else:
        with pytest.raises(DataError):
            parse_idx(data)


def _gunzipped(data: bytes, limit: int, piece: int = 7) -> bytes:
    from digitpad.store.limits import Gunzip

    gunzip = Gunzip(limit, DataError, "f")
    out = b"".join(b"".join(gunzip.feed(data[k : k + piece])) for k in range(0, len(data), piece))
    gunzip.finish()
    return out


def test_gzip_is_decompressed_piece_by_piece_like_the_gzip_module():
    body = bytes(range(256)) * 40
    members = gzip.compress(body[:5000]) + b"\x00" * 9 + gzip.compress(body[5000:]) + b"\x00" * 3
    assert _gunzipped(members, len(body)) == gzip.decompress(members) == body
    with pytest.raises(DataError, match="truncated"):
        _gunzipped(gzip.compress(body)[:-5], len(body))
    with pytest.raises(DataError, match="expands to more than 10,239 bytes"):
        _gunzipped(gzip.compress(body), len(body) - 1)
    with pytest.raises(DataError, match="corrupt gzip"):
        _gunzipped(gzip.compress(body) + b"junk", len(body))
