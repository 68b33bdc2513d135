"""One MNIST lookup for the app and the commands (mnist_place)."""

import json
import os
import subprocess
import sys

import pytest

from digitpad import startup
from digitpad.data import place as mnist_place
from digitpad.errors import DataError
from digitpad.store import paths


def test_the_folder_chosen_in_the_app_is_where_the_commands_read(tiny_mnist, tmp_path, private_user_dir):
    mnist_place.remember_folder(tiny_mnist)
    env = {k: v for k, v in os.environ.items() if k != paths.DATA_ENV}
    env[paths.HOME_ENV] = str(private_user_dir)
    done = subprocess.run(
        [sys.executable, "-m", "digitpad", "evaluate", "--json"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert sum(map(sum, json.loads(done.stdout)["confusion"])) == 200


def test_evaluate_needs_only_the_test_files(tiny_mnist, capsys):
    from digitpad.cli import main

    for stem in ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"):
        (tiny_mnist / f"{stem}.gz").unlink()
    assert main(["evaluate", "--data", str(tiny_mnist), "--json"]) == 0
    assert sum(map(sum, json.loads(capsys.readouterr().out)["confusion"])) == 200
    assert main(["train", "--data", str(tiny_mnist), "--epochs", "1"]) == 1
    assert "missing train-images-idx3-ubyte" in capsys.readouterr().err


def test_missing_mnist_names_every_place_looked(tmp_path, private_user_dir):
    mnist_place.remember_folder(tmp_path / "chosen")
    with pytest.raises(DataError) as caught:
        mnist_place.require_mnist(splits=("test",))
    text = str(caught.value)
    assert str(tmp_path / "chosen") in text and "chosen in the app" in text
    assert str(private_user_dir / "mnist") in text
    assert "DIGITPAD_DATA" in text and "digitpad download" in text
    assert "t10k-images-idx3-ubyte" in text and "train-images" not in text


def test_the_order_of_the_places(tiny_mnist, tmp_path, monkeypatch, private_user_dir):
    default = private_user_dir / "mnist"
    assert mnist_place.mnist_folder() == default  # nothing anywhere: where a download goes
    mnist_place.remember_folder(tmp_path / "lost")  # a chosen folder without the files is passed over
    assert mnist_place.mnist_folder() == default
    mnist_place.remember_folder(tiny_mnist)
    assert mnist_place.mnist_folder() == tiny_mnist == mnist_place.require_mnist()
    monkeypatch.setenv(paths.DATA_ENV, str(tmp_path / "env"))  # the environment wins
    assert mnist_place.mnist_folder() == tmp_path / "env"
    assert mnist_place.mnist_folder(tmp_path / "given") == tmp_path / "given"  # --data wins over all


@pytest.mark.parametrize("content", [b"{", b"[]", b'{"folder": 3}', b"\xff\xfe", b" " * 70000])
def test_an_unreadable_chosen_folder_file_is_set_aside_with_a_notice(content, monkeypatch):
    mnist_place.chosen_file().write_bytes(content)
    assert mnist_place.chosen_folder() is None
    monkeypatch.setattr(startup, "_sessions", {})
    notices = startup.prepare_session()
    assert any("mnist-folder.json could not be read" in n for n in notices), notices
    assert not mnist_place.chosen_file().exists()
