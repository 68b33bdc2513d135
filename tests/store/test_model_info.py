"""A model's metadata as one typed record, written and read in one place."""

from pathlib import Path

import numpy as np

from digitpad.model.network import MLP
from digitpad.store.model_info import LiveTraining, Metrics, ModelInfo
from digitpad.store.modelfile import load_model, save_model
from digitpad.training.config import PRESETS


def small_model():
    return MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))


def test_round_trip_through_a_model_file(tmp_path: Path):
    model = small_model()
    info = ModelInfo.of(
        model,
        config=PRESETS["seed"].to_dict(),
        origin="trained",
        preset="seed",
        metrics=Metrics(test_accuracy=0.91, loss=0.3),
        epochs_trained=3,
        training=LiveTraining(3, 30),  # live state never reaches the file
        other={"note": "kept"},
    )
    path = save_model(model, tmp_path / "m.npz", **info.to_metadata())
    _, meta = load_model(path)
    assert "training" not in meta and meta["note"] == "kept"
    again = ModelInfo.from_dict(meta)
    assert again.created_date == meta["created"][:10] and len(again.created_date) == 10
    assert again.replace(created="") == info.replace(training=None)
    assert again.config["init"] == "normal:0.01"


def test_older_files_get_an_origin_and_unknown_dates_stay_empty():
    meta = {"layer_sizes": [784, 8, 10], "activation": "relu", "loss": "ce", "created": "junk"}
    info = ModelInfo.from_dict(meta)
    assert info.origin == "unknown" and info.created_date == "" and info.metrics == Metrics()
    assert ModelInfo.from_dict({**meta, "personalised_from": "user"}).origin == "personalised"
    assert ModelInfo.from_dict({**meta, "config": {}}).origin == "trained"


def test_accuracies_are_read_alike_from_a_model_and_from_its_file_alone(tmp_path: Path):
    from digitpad.model.calibration import Calibration
    from digitpad.store.model_info import Accuracies
    from digitpad.store.modelfile import read_model_metadata

    model = MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))
    model.calibration = Calibration(1.0, 0.9, 0.99, 0.9, 100, accuracy=0.95)
    info = ModelInfo.of(model, metrics=Metrics(test_accuracy=0.98))
    save_model(model, tmp_path / "m.npz", **info.to_metadata())
    figures = Accuracies.of_model(model, info)
    assert figures == Accuracies(0.98, 0.95)
    assert Accuracies.of_metadata(read_model_metadata(tmp_path / "m.npz")) == figures


def test_a_model_is_worse_when_a_figure_both_recorded_is_lower():
    from digitpad.store.model_info import Accuracies

    shipped = Accuracies(0.9944, None)  # the shipped file records no pen figure
    assert Accuracies(0.9830, 0.97).worse_than(shipped)
    assert not Accuracies(0.9950, 0.90).worse_than(shipped)  # pen not comparable: not worse
    assert Accuracies(0.9950, 0.90).worse_than(Accuracies(0.99, 0.95))
    assert not Accuracies(None, None).worse_than(shipped)
