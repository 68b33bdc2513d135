"""The settings table: one description that validate(), the CLI and the Train form share."""

import dataclasses

import pytest

from digitpad.cli import build_parser
from digitpad.errors import ConfigError, MetadataError, NetworkTooLarge
from digitpad.store.metadata_check import MAX_PARAMETERS, check_model_metadata, parameter_count
from digitpad.training.config import FIELD, FIELDS, PRESETS, TrainConfig


def test_every_setting_is_described_once():
    names = [f.name for f in FIELDS]
    assert len(names) == len(set(names))
    attributes = {f.name for f in dataclasses.fields(TrainConfig)}
    assert set(names) <= attributes
    assert attributes - set(names) == {"init", "shuffle"}  # recipe details the presets set


@pytest.mark.parametrize("f", [f for f in FIELDS if f.low is not None and f.kind in (int, float)])
def test_validate_follows_the_table_at_both_ends(f):
    inside_low = f.low + (1e-6 if f.low_open else 0)
    inside_high = f.high - (1e-6 if f.high_open else 0)
    for ok in (inside_low, inside_high):
        TrainConfig(**{f.name: f.kind(ok)}).validate()
    step = 1 if f.kind is int else 1e-6
    for bad in (f.low if f.low_open else f.low - step, f.high if f.high_open else f.high + step):
        with pytest.raises(ConfigError, match=f.label.lower()):
            TrainConfig(**{f.name: f.kind(bad)}).validate()


def test_choices_come_from_the_registries():
    from digitpad.model.activations import ACTIVATIONS
    from digitpad.model.schedules import SCHEDULES

    assert FIELD["activation"].choices == tuple(ACTIVATIONS)
    assert FIELD["schedule"].choices == SCHEDULES
    with pytest.raises(ConfigError, match="activation must be one of"):
        TrainConfig(activation="softplus").validate()


def test_hidden_layers_are_checked_one_by_one():
    TrainConfig(hidden=(8192, 1)).validate()
    with pytest.raises(ConfigError, match="8192"):
        TrainConfig(hidden=(10, 8193)).validate()
    with pytest.raises(ConfigError, match="hidden layers"):
        TrainConfig(hidden=()).validate()


def test_presets_are_valid():
    for config in PRESETS.values():
        config.validate()


def test_the_cli_has_one_option_per_setting_with_its_help():
    train = build_parser()._subparsers._group_actions[0].choices["train"]
    options = {a.option_strings[0]: a for a in train._actions if a.option_strings}
    for f in FIELDS:
        assert f.option in options, f.name
        assert options[f.option].help
        if f.choices:
            assert tuple(options[f.option].choices) == f.choices
    args = build_parser().parse_args(["train", "--lr", "50", "--batch-size", "7"])
    from digitpad.cli import _config_from_args

    assert _config_from_args(args) == PRESETS["fast"].replace(lr=50.0, batch_size=7)


@pytest.mark.parametrize(
    "name", ["lr", "dropout", "weight_decay", "pen_fraction", "validation", "warmup"]
)
def test_nan_is_never_in_range(name):
    with pytest.raises(ConfigError):
        TrainConfig(**{name: float("nan")}).validate()


def test_a_network_the_model_loader_would_refuse_is_refused_before_training():
    # Each layer is within the per-layer limit; together they exceed what a model file may hold.
    hidden = (8000, 8000)
    assert parameter_count([784, *hidden, 10]) > MAX_PARAMETERS
    with pytest.raises(NetworkTooLarge, match=f"{MAX_PARAMETERS:,}") as caught:
        TrainConfig(hidden=hidden).validate()
    assert caught.value.setting == "hidden" and caught.value.limit == MAX_PARAMETERS
    assert caught.value.parameters == parameter_count([784, *hidden, 10])
    TrainConfig(hidden=(8192, 4096)).validate()  # 40 M parameters: allowed


@pytest.mark.parametrize("second", [5311, 5312])  # 49,999,x and 50,008,x parameters
def test_validate_and_the_model_loader_draw_the_line_at_the_same_place(second):
    hidden = (8192, second)
    meta = {"format": "digitpad-model", "format_version": 1, "activation": "relu", "loss": "ce"}
    try:
        check_model_metadata(dict(meta, layer_sizes=[784, *hidden, 10]))
        loads = True
    except MetadataError:
        loads = False
    try:
        TrainConfig(hidden=hidden).validate()
        trains = True
    except NetworkTooLarge:
        trains = False
    assert trains == loads == (second == 5311)


def test_errors_say_which_setting_and_what_is_wrong_apart():
    with pytest.raises(ConfigError) as caught:
        TrainConfig(lr=0.0).validate()
    assert caught.value.setting == "lr" and caught.value.problem == "must be in (0, 100]"
    assert str(caught.value) == "learning rate must be in (0, 100]"
