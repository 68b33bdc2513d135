import os
import pickle
import threading
import zipfile

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digitpad.errors import ModelFileError
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history, paths
from digitpad.store.modelfile import FORMAT_VERSION, load_model, save_model
from tests.helpers.model_files import metadata_array


def small_model(seed=0):
    return Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(seed)))


def test_round_trip_keeps_weights_and_metadata(tmp_path):
    model = small_model()
    path = save_model(model, tmp_path / "m.npz", preset="fast", metrics={"test_accuracy": 0.9})
    loaded, meta = load_model(path)
    assert meta["format_version"] == FORMAT_VERSION and meta["preset"] == "fast"
    assert meta["layer_sizes"] == [784, 16, 10] and meta["activation"] == "relu"
    for p, q in zip(model.network.params, loaded.network.params):
        np.testing.assert_array_equal(p, q)
    assert not list(tmp_path.glob("*.tmp"))


def rewrite(path, **arrays):
    with zipfile.ZipFile(path, "w") as z:
        for name, arr in arrays.items():
            with z.open(f"{name}.npy", "w") as handle:
                np.lib.format.write_array(handle, arr, allow_pickle=True)


def good_arrays():
    m = small_model()
    return {
        "W0": m.network.params[0],
        "b0": m.network.params[1],
        "W1": m.network.params[2],
        "b1": m.network.params[3],
    }


@pytest.mark.parametrize(
    "arrays, message",
    [
        (dict(good_arrays()), "metadata missing"),
        (dict(good_arrays(), metadata=metadata_array(format_version=FORMAT_VERSION + 1)), "newer"),
        (dict(good_arrays(), metadata=metadata_array(layer_sizes=[784, 10])), "W0 has shape"),
        (dict(good_arrays(), metadata=metadata_array(layer_sizes=[100, 16, 10])), "784/10"),
        (dict(good_arrays(), metadata=metadata_array(activation="swish")), "unknown activation"),
        (dict(good_arrays(), metadata=metadata_array(format="other")), "not a digitpad model"),
        (dict(good_arrays(), metadata=np.frombuffer(b"{not json", np.uint8)), "not valid JSON"),
        ({"metadata": metadata_array()}, "W0 missing"),
        (
            dict(good_arrays(), W0=np.full((784, 16), np.nan, np.float32), metadata=metadata_array()),
            "NaN",
        ),
        (dict(good_arrays(), W0=np.zeros((784, 16), np.int32), metadata=metadata_array()), "float"),
    ],
)
def test_bad_model_files_are_refused(tmp_path, arrays, message):
    path = tmp_path / "bad.npz"
    rewrite(path, **arrays)
    with pytest.raises(ModelFileError, match=message):
        load_model(path)


class Boom:
    ran = False

    def __reduce__(self):
        return (Boom._explode, ())

    @staticmethod
    def _explode():
        Boom.ran = True
        return "exploded"


def test_pickled_object_is_refused_and_never_executed(tmp_path):
    path = tmp_path / "evil.npz"
    arrays = dict(good_arrays(), metadata=np.array([Boom()], dtype=object))
    rewrite(path, **arrays)
    with pytest.raises(ModelFileError):
        load_model(path)
    assert not Boom.ran
    raw = tmp_path / "raw.npz"
    raw.write_bytes(pickle.dumps({"a": 1}))
    with pytest.raises(ModelFileError):
        load_model(raw)


@pytest.mark.parametrize("content", [b"", b"not a zip", b"PK\x03\x04truncated"])
def test_garbage_files(tmp_path, content):
    path = tmp_path / "g.npz"
    path.write_bytes(content)
    with pytest.raises(ModelFileError):
        load_model(path)


def test_truncated_model_and_other_failures(tmp_path):
    path = save_model(small_model(), tmp_path / "m.npz")
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(ModelFileError):
        load_model(path)
    with pytest.raises(ModelFileError, match="no such file"):
        load_model(tmp_path / "absent.npz")
    with pytest.raises(ModelFileError, match="directory"):
        load_model(tmp_path)
    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    with pytest.raises(ModelFileError, match="single array"):
        load_model(single)


def test_failed_save_leaves_the_previous_file_whole(tmp_path, monkeypatch):
    path = save_model(small_model(0), tmp_path / "m.npz")
    before = path.read_bytes()

    def broken_savez(handle, **arrays):
        handle.write(b"partial")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(np, "savez", broken_savez)
    with pytest.raises(OSError):
        save_model(small_model(1), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["m.npz"]


def test_concurrent_saves_always_leave_one_whole_model(tmp_path):
    path = tmp_path / "current.npz"
    models = [small_model(seed) for seed in range(4)]
    threads = [
        threading.Thread(target=lambda m=m: [save_model(m, path) for _ in range(5)]) for m in models
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    loaded, _ = load_model(path)
    assert any(np.array_equal(loaded.network.params[0], m.network.params[0]) for m in models)
    assert [p.name for p in tmp_path.iterdir()] == ["current.npz"]


def test_corrupt_current_model_falls_back_to_shipped_with_notice():
    user = model_history.add(small_model(), {})
    user.write_bytes(b"garbage")
    current = model_history.load_current()
    notice = " ".join(current.notices)
    assert current.path == paths.shipped_model_path() and "could not be read" in notice
    assert current.model.network.layer_sizes[0] == 784
    kept = list((paths.user_dir() / "quarantine").iterdir())  # moved aside, never overwritten
    assert [p.read_bytes() for p in kept] == [b"garbage"] and "quarantine" in notice


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes_only_raise_model_file_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.npz"
    path.write_bytes(data)
    with pytest.raises(ModelFileError):
        load_model(path)


def test_unreadable_file(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root can read any file")
    path = save_model(small_model(), tmp_path / "m.npz")
    path.chmod(0)
    with pytest.raises(ModelFileError, match="permission"):
        load_model(path)
