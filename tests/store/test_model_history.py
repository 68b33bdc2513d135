"""The model history: nothing that was current is lost by use, revert, personalise or undo,
kills between steps, two processes, old layouts or bad files."""

import json
import os
import subprocess
import sys

import numpy as np
import pytest

from digitpad import startup
from digitpad.errors import ModelFileError
from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store import model_history, paths
from digitpad.store.atomic import atomic_file, remove_stale_temps
from digitpad.store.modelfile import load_model, save_model
from tests.helpers.read_only import read_only_home


def mlp(seed, hidden=8):
    return Reader(MLP.create([784, hidden, 10], "relu", "ce", np.random.default_rng(seed)))


def current_id():
    return model_history.read_pointer()["current"]


def test_every_model_made_current_is_kept_and_the_pointer_moves():
    a = model_history.add(mlp(0), {"preset": "fast"})
    b = model_history.add(mlp(1), {})
    assert current_id() == b.stem and model_history.read_pointer()["previous"] == a.stem
    assert [e.id for e in model_history.entries()] == [b.stem, a.stem]
    model_history.select(a.stem)
    loaded = model_history.load_current()
    assert loaded.entry_id == a.stem and loaded.metadata["preset"] == "fast"
    model_history.select(model_history.SHIPPED)
    assert model_history.load_current().path == paths.shipped_model_path()
    assert len(model_history.entries()) == 2
    with pytest.raises(ModelFileError):
        model_history.select("20000101T000000000000-abcdef")


def test_history_is_bounded_but_never_drops_current_or_previous():
    first = model_history.add(mlp(0), {})
    for seed in range(1, model_history.KEEP + 3):
        model_history.add(mlp(seed), {})
    ids = [e.id for e in model_history.entries()]
    assert len(ids) == model_history.KEEP and first.stem not in ids
    model_history.select(ids[-1])  # the oldest kept one is used again: it counts as recent
    for seed in range(20, 20 + model_history.KEEP - 1):
        model_history.add(mlp(seed), {})
    assert ids[-1] in [e.id for e in model_history.entries()]
    assert len(model_history.entries()) == model_history.KEEP


def test_use_revert_personalise_undo_keeps_every_model():
    """The sequence that used to overwrite previous.npz."""
    used = model_history.add(mlp(0), {})
    model_history.select(model_history.SHIPPED)  # File > Revert
    personalised = model_history.add(mlp(1), {"personalised_from": "shipped"})
    target = model_history.undo_target(load_model(personalised)[1])
    assert target == model_history.SHIPPED
    model_history.select(target)
    ids = {e.id for e in model_history.entries()}
    assert {used.stem, personalised.stem} <= ids


def test_undo_goes_to_the_model_that_was_personalised_even_after_other_changes():
    base = model_history.add(mlp(0), {})
    model_history.add(mlp(1), {})
    meta = {"personalised_from": "user", "personalised_from_id": base.stem}
    model_history.add(mlp(2), meta)
    assert model_history.undo_target(load_model(model_history.entries()[0].path)[1]) == base.stem
    assert model_history.undo_target({}) is None


def test_a_kill_between_model_file_and_pointer_loses_nothing():
    old = model_history.add(mlp(0), {})
    # As if killed after the new file was written but before the pointer moved:
    orphan = save_model(mlp(1), model_history.entry_path(model_history.new_id()))
    assert model_history.load_current().entry_id == old.stem
    assert orphan.stem in [e.id for e in model_history.entries()]


def test_stale_temps_of_killed_saves_are_removed_at_start():
    model_history.add(mlp(0), {})
    stale = model_history.history_dir() / "x.npz.abcd1234.tmp"
    stale.write_bytes(b"half a model")
    fresh_elsewhere = paths.user_dir() / "personal"
    fresh_elsewhere.mkdir()
    young = fresh_elsewhere / "s.npz.abcd1234.tmp"
    young.write_bytes(b"a save in progress")
    model_history.load_current()
    assert not stale.exists() and young.exists()  # only temps nobody can still be writing
    os.utime(young, (0, 0))
    assert remove_stale_temps(fresh_elsewhere) == 1 and not young.exists()


def test_atomic_write_survives_ctrl_c_inside_the_save(tmp_path):
    import signal

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # as in a fresh CLI
    target = tmp_path / "f.bin"
    try:
        with pytest.raises(KeyboardInterrupt), atomic_file(target) as handle:
            handle.write(b"first half ")
            os.kill(os.getpid(), signal.SIGINT)
            handle.write(b"second half")
    finally:
        signal.signal(signal.SIGINT, previous)
    assert target.read_bytes() == b"first half second half"  # finished, then interrupted
    assert [p.name for p in tmp_path.iterdir()] == ["f.bin"]


def test_existing_current_and_previous_files_migrate_into_the_history():
    legacy = paths.user_dir() / "models"
    legacy.mkdir()
    save_model(mlp(0), legacy / "previous.npz", preset="old")
    save_model(mlp(1), legacy / "current.npz", preset="newer")
    current = model_history.load_current()
    assert current.metadata["preset"] == "newer" and current.entry_id != model_history.SHIPPED
    presets = sorted(e.metadata["preset"] for e in model_history.entries())
    assert presets == ["newer", "old"]
    assert not (legacy / "current.npz").exists() and not (legacy / "previous.npz").exists()
    undo_to = model_history.read_pointer()["previous"]
    assert load_model(model_history.entry_path(undo_to))[1]["preset"] == "old"


def test_a_half_done_migration_is_finished_next_time():
    legacy = paths.user_dir() / "models"
    legacy.mkdir()
    save_model(mlp(1), legacy / "current.npz", preset="mine")
    model_history.prepare()
    save_model(mlp(1), legacy / "current.npz", preset="mine")  # as if killed before the unlink
    os.utime(legacy / "current.npz", (0, 0))
    model_history.prepare()
    assert model_history.load_current().metadata["preset"] == "mine"


@pytest.mark.parametrize(
    "change",
    [{"metrics": "98%"}, {"activation": ["relu"]}, {"layer_sizes": [784, 8, 10, 10]}],
)
def test_a_current_model_with_bad_metadata_is_quarantined_and_the_previous_used(change):
    good = model_history.add(mlp(0), {"preset": "good"})
    bad = model_history.add(mlp(1), {})
    _rewrite_metadata(bad, change)
    current = model_history.load_current()
    assert current.entry_id == good.stem and "quarantine" in " ".join(current.notices)
    assert not bad.exists() and current_id() == good.stem


def _rewrite_metadata(path, change):
    with np.load(path) as npz:
        arrays = {k: npz[k] for k in npz.files}
    meta = json.loads(arrays["metadata"].tobytes())
    meta.update(change)
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    np.savez(path, **arrays)


@pytest.mark.parametrize("content", [b"{", b"[1]", json.dumps({"current": 3}).encode(), b"x" * 9000])
def test_a_bad_pointer_is_quarantined_and_the_shipped_model_used(content):
    model_history.add(mlp(0), {})
    model_history.pointer_path().write_bytes(content)
    current = model_history.load_current()
    assert current.entry_id == model_history.SHIPPED and current.notices
    assert len(list((paths.user_dir() / "quarantine").iterdir())) == 1


def test_two_processes_adding_at_once_both_keep_their_models(tmp_path):
    code = (
        "import numpy as np, sys\n"
        "from digitpad.store import model_history\nfrom digitpad.model.network import MLP\n"
        "from digitpad.reading.reader import Reader\n"
        "for i in range(4):\n"
        "    m = Reader(MLP.create([784, 8, 10], 'relu', 'ce', np.random.default_rng(i)))\n"
        "    print(model_history.add(m, {'preset': sys.argv[1]}).stem, flush=True)\n"
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code, name], stdout=subprocess.PIPE, text=True)
        for name in ("one", "two")
    ]
    made = set()
    for proc in procs:
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        made |= set(out.split())
    assert len(made) == 8 and made == {e.id for e in model_history.entries()}
    assert current_id() in made


def test_a_data_folder_that_is_a_file_gives_a_session_folder_and_a_notice(tmp_path, monkeypatch):
    blocker = tmp_path / "home-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("DIGITPAD_HOME", str(blocker))
    notices = startup.prepare_session()
    assert len(notices) == 1 and "home-file" in notices[0]
    assert paths.user_dir().is_dir() and model_history.load_current().model is not None


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_home_without_personal_still_starts(tmp_path, monkeypatch):
    from digitpad.store import samples as personal

    home = tmp_path / "ro"
    home.mkdir()
    home.chmod(0o555)
    monkeypatch.setenv("DIGITPAD_HOME", str(home))
    try:
        assert model_history.load_current().entry_id == model_history.SHIPPED
        assert personal.list_samples() == ([], 0)
    finally:
        home.chmod(0o755)


def test_atomic_writes_sync_the_folder_after_the_rename(tmp_path, monkeypatch):
    from digitpad.store import atomic

    synced = []
    real = atomic.fsync_dir
    monkeypatch.setattr(atomic, "fsync_dir", lambda folder: (synced.append(folder), real(folder)))
    with atomic_file(tmp_path / "f.bin") as handle:
        handle.write(b"x")
    assert synced == [tmp_path]


def test_a_read_only_home_without_personal_starts_and_reports_saves(tmp_path, monkeypatch):
    from digitpad.store import samples as personal

    read_only_home(tmp_path, monkeypatch)
    notices = startup.prepare_session()
    assert len(notices) == 1 and "read-only" in notices[0]
    assert model_history.load_current().entry_id == model_history.SHIPPED
    assert personal.list_samples() == ([], 0)
    with pytest.raises(OSError):
        model_history.add(mlp(0), {})
    with pytest.raises(OSError):
        personal.save_sample(3, np.zeros(784), [])
