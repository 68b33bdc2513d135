"""A model's metadata as one typed record, written and read in one place."""

from pathlib import Path

import numpy as np
import pytest

from digitpad.model.network import MLP
from digitpad.reading.reader import Reader
from digitpad.store.model_info import LiveTraining, Metrics, ModelInfo
from digitpad.store.modelfile import load_model, save_model
from digitpad.training.config import PRESETS


def small_model():
    return Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0)))


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
    from digitpad.reading.calibration import Calibration
    from digitpad.store.model_info import Accuracies
    from digitpad.store.modelfile import read_model_metadata

    model = Reader(MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0)))
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


def test_the_metadata_keys_are_listed_once_and_the_record_and_the_writer_keep_to_them():
    """metadata_check's table is the one list of keys: every field ModelInfo saves is checked
    there, and what saving adds by itself is exactly the generated keys."""
    from dataclasses import fields

    from digitpad.store.metadata_check import GENERATED_KEYS, MODEL_CHECKED, REQUIRED_KEYS
    from digitpad.store.modelfile import metadata_for

    saved = {f.name for f in fields(ModelInfo)} - {"training", "other"}  # live only; unknown keys
    assert saved <= MODEL_CHECKED, saved - MODEL_CHECKED
    assert set(metadata_for(small_model())) == GENERATED_KEYS
    assert REQUIRED_KEYS <= GENERATED_KEYS <= MODEL_CHECKED


def test_an_origin_that_is_not_a_short_name_is_refused():
    from digitpad.errors import MetadataError
    from digitpad.store.metadata_check import MODEL_FORMAT, check_model_metadata

    meta = {"format": MODEL_FORMAT, "format_version": 1, "layer_sizes": [784, 10]}
    meta.update(activation="relu", loss="ce")
    assert check_model_metadata({**meta, "origin": "trained"})["origin"] == "trained"
    with pytest.raises(MetadataError):
        check_model_metadata({**meta, "origin": ["trained"]})
