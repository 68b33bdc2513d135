"""Training settings and the named presets.

``seed``   the original teaching recipe: 784-100-10 sigmoid, quadratic cost, SGD lr 0.5, batch 50,
           30 epochs, N(0, 0.01^2) weights and biases, data in file order.
``fast``   >= 98% MNIST test accuracy in well under half a minute on two cores.
``best``   the shipped model: a wide ReLU MLP with dropout and augmentation.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

from digitpad.activations import ACTIVATIONS
from digitpad.errors import ConfigError
from digitpad.losses import LOSSES
from digitpad.optimizers import OPTIMIZERS
from digitpad.schedules import SCHEDULES


@dataclass(frozen=True)
class TrainConfig:
    hidden: tuple[int, ...] = (800,)
    activation: str = "relu"
    loss: str = "ce"
    optimizer: str = "adam"
    lr: float = 1e-3
    momentum: float = 0.9
    schedule: str = "constant"
    warmup: float = 0.0
    batch_size: int = 128
    epochs: int = 10
    weight_decay: float = 0.0
    dropout: float = 0.0
    init: str = "auto"
    augment: bool = False
    shuffle: bool = True
    seed: int = 0
    validation: float = 0.0
    # Share of each batch that is pen-drawn digits (the UNIPEN strokes shipped in resources/, drawn
    # through the stroke renderer with random looks and writing styles), added to the batch_size
    # MNIST images; 0 = MNIST only.
    pen_fraction: float = 0.0
    extra: dict = field(default_factory=dict, compare=False)

    def replace(self, **changes) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict:
        out = dataclasses.asdict(self)
        out["hidden"] = list(self.hidden)
        return out

    def validate(self) -> TrainConfig:
        """Raise ConfigError naming the first setting that is out of range; returns self."""
        checks = [
            (
                len(self.hidden) >= 1 and all(0 < n <= 8192 for n in self.hidden),
                "hidden layers must be 1 to 8192 units each",
            ),
            (len(self.hidden) <= 8, "at most 8 hidden layers"),
            (self.activation in ACTIVATIONS, f"activation must be one of {', '.join(ACTIVATIONS)}"),
            (self.loss in LOSSES, f"loss must be one of {', '.join(LOSSES)}"),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {', '.join(OPTIMIZERS)}"),
            (self.schedule in SCHEDULES, f"schedule must be one of {', '.join(SCHEDULES)}"),
            (0.0 < self.lr <= 100.0, "learning rate must be above 0 and at most 100"),
            (0.0 <= self.momentum < 1.0, "momentum must be in [0, 1)"),
            (0.0 <= self.warmup < 1.0, "warm-up must be a fraction in [0, 1)"),
            (1 <= self.batch_size <= 60000, "batch size must be 1 to 60000"),
            (1 <= self.epochs <= 1000, "epochs must be 1 to 1000"),
            (0.0 <= self.weight_decay < 1.0, "weight decay must be in [0, 1)"),
            (0.0 <= self.dropout < 1.0, "dropout must be in [0, 1)"),
            (0.0 <= self.validation < 1.0, "validation fraction must be in [0, 1)"),
            (0.0 <= self.pen_fraction <= 0.9, "pen-digit share must be in [0, 0.9]"),
            (0 <= self.seed < 2**63, "seed must be a non-negative integer"),
            (
                self.init in ("auto", "he", "xavier") or _is_normal_init(self.init),
                "init must be auto, he, xavier or normal:STD",
            ),
        ]
        for ok, message in checks:
            if not ok:
                raise ConfigError(message)
        return self


def _is_normal_init(init: str) -> bool:
    if not init.startswith("normal:"):
        return False
    try:
        return float(init.split(":", 1)[1]) > 0
    except ValueError:
        return False


PRESETS: dict[str, TrainConfig] = {
    "seed": TrainConfig(
        hidden=(100,),
        activation="sigmoid",
        loss="mse",
        optimizer="sgd",
        lr=0.5,
        batch_size=50,
        epochs=30,
        init="normal:0.01",
        shuffle=False,
    ),
    "fast": TrainConfig(
        hidden=(800,),
        activation="relu",
        loss="ce",
        optimizer="adam",
        lr=2e-3,
        schedule="onecycle",
        batch_size=128,
        epochs=5,
    ),
    "best": TrainConfig(
        hidden=(1024, 1024),
        activation="relu",
        loss="ce",
        optimizer="adam",
        lr=1e-3,
        schedule="cosine",
        warmup=0.02,
        batch_size=128,
        epochs=36,
        dropout=0.2,
        weight_decay=1e-4,
        augment=True,
        pen_fraction=0.2,
    ),
}
