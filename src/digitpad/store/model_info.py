"""What is known about a model: its architecture, how it was trained, how well it does, where it came
from, and (while a run is live) which epoch it is at. Written to and read from a model file's JSON
metadata here and nowhere else; unknown keys are kept so a re-save loses nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from digitpad.reading.reader import Reader
from digitpad.store.metadata_check import GENERATED_KEYS

ORIGINS = ("shipped", "trained", "personalised", "unknown")

# Written by modelfile.save_model itself from the model and the clock; never taken from here.
_GENERATED = GENERATED_KEYS


@dataclass(frozen=True)
class Metrics:
    test_accuracy: float | None = None
    train_accuracy: float | None = None
    loss: float | None = None


@dataclass(frozen=True)
class LiveTraining:
    """A snapshot taken during a run that is still going: never saved to a file."""

    epoch: int
    epochs: int


@dataclass(frozen=True)
class ModelInfo:
    layer_sizes: tuple[int, ...]
    activation: str
    loss: str
    origin: str = "unknown"  # one of ORIGINS
    created: str = ""  # ISO 8601 UTC, set when the file is written
    preset: str | None = None
    config: dict[str, Any] | None = None  # TrainConfig.to_dict() of the run that made it
    metrics: Metrics = Metrics()
    epochs_trained: int | None = None
    train_seconds: float | None = None
    training_data: str | None = None
    personalised_from: str | None = None  # "shipped" or "user": what Undo goes back to
    personalised_from_id: str | None = None  # the model history entry Undo goes back to
    personal_samples: int | None = None
    personalise_steps: int | None = None
    training: LiveTraining | None = None
    other: dict[str, Any] = field(default_factory=dict)  # keys this version does not know

    @classmethod
    def of(cls, model: Reader, config: dict[str, Any] | None = None, **fields: Any) -> ModelInfo:
        """Info for ``model`` (architecture taken from its network) with the given fields."""
        network = model.network
        return cls(
            tuple(network.layer_sizes),
            network.activation,
            network.loss,
            config=config,
            **fields,
        )

    @classmethod
    def from_dict(cls, meta: dict[str, Any]) -> ModelInfo:
        """From a model file's (already validated) metadata."""
        known = {f.name for f in dataclasses.fields(cls)} - {"metrics", "training", "other"}
        metrics = meta.get("metrics") or {}
        values = {k: meta[k] for k in known if k in meta}
        values["layer_sizes"] = tuple(meta.get("layer_sizes", ()))
        values.setdefault("activation", "")
        values.setdefault("loss", "")
        values.setdefault("origin", _guess_origin(meta))
        other = {k: v for k, v in meta.items() if k not in known and k not in _GENERATED}
        other.pop("metrics", None)
        return cls(
            metrics=Metrics(**{k: metrics.get(k) for k in ("test_accuracy", "train_accuracy", "loss")}),
            other=other,
            **values,
        )

    def to_metadata(self) -> dict[str, Any]:
        """The entries ``save_model`` stores beside the ones it generates itself."""
        out: dict[str, Any] = dict(self.other)
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if f.name in _GENERATED or f.name in ("training", "other") or value is None:
                continue
            out[f.name] = dataclasses.asdict(value) if f.name == "metrics" else value
        return out

    def to_dict(self) -> dict[str, Any]:
        """All of it as plain data, generated entries included (for display and JSON)."""
        out = self.to_metadata()
        out.update(
            layer_sizes=list(self.layer_sizes),
            activation=self.activation,
            loss=self.loss,
            created=self.created,
        )
        return out

    @property
    def created_date(self) -> str:
        """The day the file was written (YYYY-MM-DD), or "" when unknown."""
        try:
            return dt.datetime.fromisoformat(self.created).date().isoformat()
        except (TypeError, ValueError):
            return ""

    def replace(self, **changes: Any) -> ModelInfo:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class Accuracies:
    """The figures models are compared by, as their files recorded them (None: not recorded):
    MNIST test accuracy, and pen digits by writers the model never saw (its calibration set)."""

    mnist_test: float | None
    pen_unseen_writers: float | None

    @classmethod
    def of_model(cls, model: Reader, info: ModelInfo) -> Accuracies:
        return cls(info.metrics.test_accuracy, model.calibration.accuracy)

    @classmethod
    def of_metadata(cls, meta: dict[str, Any]) -> Accuracies:
        """From a model file's metadata alone (the history lists models without loading them)."""
        calibration = meta.get("calibration") or {}
        return cls((meta.get("metrics") or {}).get("test_accuracy"), calibration.get("accuracy"))

    def worse_than(self, other: Accuracies) -> bool:
        """True when a figure both record is lower here."""
        pairs = [
            (self.mnist_test, other.mnist_test),
            (self.pen_unseen_writers, other.pen_unseen_writers),
        ]
        return any(mine < theirs for mine, theirs in pairs if mine is not None and theirs is not None)


def _guess_origin(meta: dict[str, Any]) -> str:
    """Files written before ``origin`` was recorded."""
    if "personalised_from" in meta:
        return "personalised"
    if "config" in meta:
        return "trained"
    return "unknown"
