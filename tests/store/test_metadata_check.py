"""Metadata of model and sample files: types, ranges, sizes and depth are checked at every read."""

import json

import pytest

from digitpad.errors import MetadataError
from digitpad.store.metadata_check import (
    MAX_DEPTH,
    MAX_METADATA_BYTES,
    check_model_metadata,
    check_sample_metadata,
    json_depth,
    parse_json,
)

GOOD = {
    "format": "digitpad-model",
    "format_version": 1,
    "layer_sizes": [784, 100, 10],
    "activation": "relu",
    "loss": "ce",
    "preset": "fast",
    "config": {"hidden": [100], "lr": 0.001},
    "metrics": {"test_accuracy": 0.98, "loss": 0.05},
    "created": "2026-11-30T08:00:00+00:00",
    "future_field": {"kept": [1, 2]},
}


def test_a_good_model_metadata_comes_back_checked():
    meta = check_model_metadata(dict(GOOD))
    assert meta["metrics"]["test_accuracy"] == 0.98 and meta["future_field"] == {"kept": [1, 2]}


@pytest.mark.parametrize(
    "change, message",
    [
        ({"metrics": "98%"}, "metrics"),
        ({"metrics": {"test_accuracy": 7}}, "between 0 and 1"),
        ({"activation": ["relu"]}, "activation"),
        ({"loss": None}, "activation and loss"),
        ({"layer_sizes": [784, True, 10]}, "layer sizes"),
        ({"layer_sizes": [784] + [8] * 20 + [10]}, "layer sizes"),
        ({"layer_sizes": [784, 65536, 65536, 10]}, "parameters"),
        ({"format_version": 1.0}, "format version"),
        ({"epochs_trained": -1}, "epochs_trained"),
        ({"created": 5}, "created"),
        ({"preset": "x" * 5000}, "preset"),
        ({"personalised_from": "someone"}, "personalised_from"),
        ({"personalised_from_id": "../../etc/passwd"}, "history"),
        ({"config": {"hidden": "800"}}, "hidden"),
        ({"future_field": "y" * 3000}, "longer"),
    ],
)
def test_bad_model_metadata_is_refused_with_a_reason(change, message):
    with pytest.raises(MetadataError, match=message):
        check_model_metadata(dict(GOOD, **change))


@pytest.mark.parametrize("raw", [[1], None, "x", {"label": None}, {"label": 10}, {"label": "3"}])
def test_bad_sample_metadata_is_refused(raw):
    with pytest.raises(MetadataError):
        check_sample_metadata(raw)


def test_sample_metadata():
    assert check_sample_metadata({"label": 3, "created": "today"}) == {"label": 3, "created": "today"}


def test_json_is_limited_in_size_and_depth_before_parsing():
    deep = b"[" * 100000 + b"]" * 100000
    with pytest.raises(MetadataError, match="nested"):
        parse_json(deep[: MAX_METADATA_BYTES - 10])
    with pytest.raises(MetadataError, match="bytes"):
        parse_json(b" " * (MAX_METADATA_BYTES + 1))
    with pytest.raises(MetadataError, match="JSON"):
        parse_json(b'{"a": NaN}')
    with pytest.raises(MetadataError, match="UTF-8"):
        parse_json(b"\xff\xfe")
    assert json_depth('{"a": "[[[[[[[[[[", "b": [1]}') == 2
    assert parse_json(json.dumps({"a": [[1]]}).encode()) == {"a": [[1]]}
    assert json_depth("[" * MAX_DEPTH + "]" * MAX_DEPTH) == MAX_DEPTH
