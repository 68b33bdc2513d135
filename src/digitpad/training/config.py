"""Training settings, the one table that describes each of them, and the named presets.

``seed``   the original teaching recipe: 784-100-10 sigmoid, quadratic cost, SGD lr 0.5, batch 50,
           30 epochs, N(0, 0.01^2) weights and biases, data in file order.
``fast``   about 98% MNIST test accuracy after 5 epochs: 16 s wall from the CLI on an idle 2-core
           machine (2 s an epoch), 52 s when other work kept it busy (8-10 s an epoch).
``best``   the shipped model: a wide ReLU MLP with dropout and augmentation.

``FIELDS`` is the single description of a setting: the Train form, the CLI's ``train`` options and
``TrainConfig.validate`` are all built from it. Adding a setting is a dataclass field plus one
``Field`` entry (and the translation of its label and tooltip).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from typing import Any

from digitpad.errors import ConfigError, NetworkTooLarge
from digitpad.model.activations import ACTIVATIONS
from digitpad.model.losses import LOSSES
from digitpad.model.optimizers import OPTIMIZERS
from digitpad.model.schedules import SCHEDULES
from digitpad.shapes import CLASSES, PIXELS
from digitpad.store.metadata_check import MAX_PARAMETERS, parameter_count

MAX_HIDDEN_LAYERS = 8
MAX_HIDDEN_UNITS = (
    8192  # the widest layer training offers (a file may hold up to metadata_check.MAX_UNITS)
)


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    """Marks ``text`` for translation (the GUI translates it in ``context``); the core has no Qt."""
    return text


# What can be wrong with a setting, "%1" standing for its name: the Train form translates the whole
# sentence (in "TrainForm") with its label; the CLI puts the option as typed (--lr) in its place.
MUST_BE_IN = QT_TRANSLATE_NOOP("TrainForm", "%1 must be in %2")
MUST_BE_ONE_OF = QT_TRANSLATE_NOOP("TrainForm", "%1 must be one of %2")
MUST_EACH_BE_IN = QT_TRANSLATE_NOOP("TrainForm", "%1 must each be in %2 (not %3)")
MUST_LIST_LAYERS = QT_TRANSLATE_NOOP("TrainForm", "%1 must list 1 to %2 layer sizes")
BAD_INIT = QT_TRANSLATE_NOOP("TrainForm", "init must be auto, he, xavier or normal:STD")


def fill(template: str, *parts: str) -> str:
    """``template`` (a translated sentence) with ``%1``, ``%2``... replaced by ``parts`` in one
    pass, so a part that holds "%2" stays as it is; a placeholder without a part is left."""
    return re.sub(
        r"%(\d)", lambda m: parts[int(m[1]) - 1] if int(m[1]) <= len(parts) else m[0], template
    )


@dataclass(frozen=True)
class Problem:
    """Why a value is out of range: ``template`` (one of the sentences above) and the texts of
    its ``%2``, ``%3``..."""

    template: str
    values: tuple[str, ...] = ()

    def sentence(self, name: str) -> str:
        return fill(self.template, name, *self.values)


@dataclass(frozen=True)
class Field:
    """One setting. ``low``/``high`` bound numbers; ``high_open`` excludes the upper bound (and
    ``low_open`` the lower). ``step`` and ``decimals`` shape the GUI's spin box."""

    name: str
    label: str
    tip: str
    kind: type = float
    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False
    choices: tuple[str, ...] = ()
    decimals: int = 0
    step: float = 1.0
    cli_help: str = ""  # when the tooltip does not suit a terminal
    in_form: bool = True

    @property
    def option(self) -> str:
        return "--" + self.name.replace("_", "-")

    def check(self, value: Any) -> Problem | None:
        """Why ``value`` is out of range, or None."""
        if self.choices:
            return None if value in self.choices else Problem(MUST_BE_ONE_OF, (", ".join(self.choices),))
        if self.low is None or self.high is None or self.kind is bool:
            return None
        too_low = value <= self.low if self.low_open else value < self.low
        too_high = value >= self.high if self.high_open else value > self.high
        # NaN compares false with everything, so it would pass both bounds: it is never in range.
        if not (too_low or too_high or value != value):
            return None
        left, right = "(" if self.low_open else "[", ")" if self.high_open else "]"
        return Problem(MUST_BE_IN, (f"{left}{_num(self.low)}, {_num(self.high)}{right}",))


def _fraction(name: str, label: str, tip: str, step: float) -> Field:
    """A share in [0, 1) set from the CLI (the form leaves it to the preset)."""
    return Field(
        name, label, tip, low=0.0, high=1.0, high_open=True, decimals=2, step=step, in_form=False
    )


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


# Labels and tooltips are translated in the "TrainForm" context.
FIELDS: tuple[Field, ...] = (
    Field(
        "hidden",
        QT_TRANSLATE_NOOP("TrainForm", "Hidden layers"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Sizes of the hidden layers, comma separated. '100' is one layer of 100 neurons; '800,800' two layers. More neurons can learn more but train slower.",
        ),
        kind=tuple,
        low=1,
        high=MAX_HIDDEN_UNITS,
        cli_help="hidden layer sizes, e.g. 800,800",
    ),
    Field(
        "activation",
        QT_TRANSLATE_NOOP("TrainForm", "Activation"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "The function each hidden neuron applies to its input sum. ReLU trains fastest; sigmoid is the classic S-curve of the teaching post.",
        ),
        kind=str,
        choices=tuple(ACTIVATIONS),
    ),
    Field(
        "loss",
        QT_TRANSLATE_NOOP("TrainForm", "Loss"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "How wrongness is measured. Cross-entropy (with softmax) suits classification; MSE (squared error on sigmoid outputs) is the original recipe.",
        ),
        kind=str,
        choices=LOSSES,
    ),
    Field(
        "optimizer",
        QT_TRANSLATE_NOOP("TrainForm", "Optimiser"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "How the weights are moved downhill. SGD takes plain gradient steps; momentum keeps rolling; Adam adapts the step for every weight.",
        ),
        kind=str,
        choices=OPTIMIZERS,
    ),
    Field(
        "lr",
        QT_TRANSLATE_NOOP("TrainForm", "Learning rate"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "The learning rate: how big each step is. Too big and training blows up; too small and it crawls. Adam likes about 0.001, SGD 0.1 to 0.5.",
        ),
        low=0.0,
        high=100.0,
        low_open=True,
        decimals=5,
        step=0.0005,
    ),
    _fraction(
        "momentum",
        QT_TRANSLATE_NOOP("TrainForm", "Momentum"),
        QT_TRANSLATE_NOOP("TrainForm", "How much of the previous step the momentum optimisers keep."),
        step=0.05,
    ),
    Field(
        "schedule",
        QT_TRANSLATE_NOOP("TrainForm", "Schedule"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "How the learning rate changes during training. Cosine and one-cycle lower it towards the end, which usually gains a little accuracy.",
        ),
        kind=str,
        choices=SCHEDULES,
    ),
    _fraction(
        "warmup",
        QT_TRANSLATE_NOOP("TrainForm", "Warm-up"),
        QT_TRANSLATE_NOOP(
            "TrainForm", "Fraction of training over which the learning rate ramps up from zero."
        ),
        step=0.01,
    ),
    Field(
        "batch_size",
        QT_TRANSLATE_NOOP("TrainForm", "Batch size"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "How many images are looked at before each weight update. Bigger batches are faster per image but take fewer steps.",
        ),
        kind=int,
        low=1,
        high=60000,
    ),
    Field(
        "epochs",
        QT_TRANSLATE_NOOP("TrainForm", "Epochs"),
        QT_TRANSLATE_NOOP("TrainForm", "How many times to go through all 60,000 training images."),
        kind=int,
        low=1,
        high=1000,
    ),
    Field(
        "dropout",
        QT_TRANSLATE_NOOP("TrainForm", "Dropout"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "The chance that a hidden neuron is switched off for one step. It stops the network from relying on single neurons and reduces overfitting.",
        ),
        low=0.0,
        high=0.9,
        decimals=2,
        step=0.05,
    ),
    Field(
        "weight_decay",
        QT_TRANSLATE_NOOP("TrainForm", "Weight decay"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Gently pulls all weights towards zero each step, which keeps the network simple. With Adam it is decoupled from the gradient (as in AdamW); with the SGD family it is added to the gradient (L2). 0 turns it off.",
        ),
        low=0.0,
        high=0.1,
        decimals=5,
        step=0.0001,
    ),
    Field(
        "average",
        QT_TRANSLATE_NOOP("TrainForm", "Weight averaging"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Keep a running average of the weights and make it the final network: each step moves the average by (1 - this) of the way to the current weights, so 0.999 averages roughly the last thousand steps (early in a run fewer: about the last ninth of the steps so far, until 9/(1 - this) steps). Steadier than the last step's weights. 0 turns it off.",
        ),
        low=0.0,
        high=1.0,
        high_open=True,
        decimals=4,
        step=0.001,
        in_form=False,
    ),
    Field(
        "augment",
        QT_TRANSLATE_NOOP("TrainForm", "Augmentation"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Show the network randomly rotated, scaled, shifted, warped and thickened digits, so it copes with how people really draw. Slower to learn, better on drawings.",
        ),
        kind=bool,
    ),
    Field(
        "pen_fraction",
        QT_TRANSLATE_NOOP("TrainForm", "Pen digits"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Share of every batch taken from real pen-written digits (shipped with the app), each drawn with a random brush, size, slant and writing style: slashed zeros, flagged ones, crossed sevens and more. Teaches the styles MNIST lacks. 0 trains on MNIST only.",
        ),
        low=0.0,
        high=0.9,
        decimals=2,
        step=0.05,
    ),
    Field(
        "non_digit_fraction",
        QT_TRANSLATE_NOOP("TrainForm", "Non-digits"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Share of every batch that is drawings of no digit at all (scribbles, doodles, hatching), taught to get a flat answer: 10% for every digit. The network then is not sure of a scribble. 0 turns it off.",
        ),
        low=0.0,
        high=0.5,
        decimals=2,
        step=0.05,
        in_form=False,
    ),
    Field(
        "styles",
        QT_TRANSLATE_NOOP("TrainForm", "Writing styles"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Which set of writing styles is added to the pen digits: 1 the set the shipped network was trained with; 2 also crosses zeros at any angle from a level bar to a steep slash, from inside the oval to twice its width, and draws ones' flags over their whole range (long flags on short stems).",
        ),
        kind=int,
        low=1,
        high=2,
        in_form=False,  # a recipe choice: the preset sets it, the CLI can change it
    ),
    Field(
        "nudge",
        QT_TRANSLATE_NOOP("TrainForm", "Nudged reading"),
        QT_TRANSLATE_NOOP(
            "TrainForm",
            "Read every digit five times, as drawn and moved one pixel up, down, left and right, and average the answers. Training is the same; the network reads a little more reliably because each of its weights belongs to one pixel.",
        ),
        kind=bool,
        in_form=False,  # a reading choice: the preset sets it (best: on), the CLI can change it
    ),
    Field(
        "seed",
        QT_TRANSLATE_NOOP("TrainForm", "Seed"),
        QT_TRANSLATE_NOOP(
            "TrainForm", "The random seed. The same seed and settings give exactly the same network."
        ),
        kind=int,
        low=0,
        high=2**31 - 1,
    ),
    _fraction(
        "validation",
        QT_TRANSLATE_NOOP("TrainForm", "Validation"),
        QT_TRANSLATE_NOOP(
            "TrainForm", "Fraction of the training images held out to check on unseen digits."
        ),
        step=0.05,
    ),
)
FIELD = {f.name: f for f in FIELDS}


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
    average: float = 0.0  # decay of the running average of the weights that becomes the model; 0 = off
    init: str = "auto"
    augment: bool = False
    shuffle: bool = True
    seed: int = 0
    validation: float = 0.0
    # Share of each batch that is pen-drawn digits (the UNIPEN strokes shipped in resources/, drawn
    # through the stroke renderer with random looks and writing styles), added to the batch_size
    # MNIST images; 0 = MNIST only.
    pen_fraction: float = 0.0
    # Read every digit also nudged one pixel each way and average the answers (digitpad.reading.nudge).
    nudge: bool = False
    # Share of each batch that is drawings of no digit (digitpad.pen.non_digits), taught a flat answer.
    non_digit_fraction: float = 0.0
    # Version of the writing styles added to pen digits (digitpad.pen.styles): 1 as the shipped
    # weights were trained, 2 with zeros crossed and ones flagged over a wider range.
    styles: int = 1

    def replace(self, **changes: Any) -> TrainConfig:
        return dataclasses.replace(self, **changes)

    def to_dict(self) -> dict[str, Any]:
        out = dataclasses.asdict(self)
        out["hidden"] = list(self.hidden)
        return out

    def validate(self) -> TrainConfig:
        """Raise ConfigError naming the first setting that is out of range, or NetworkTooLarge
        when the network would have more parameters than a model file may hold; returns self."""
        if not 1 <= len(self.hidden) <= MAX_HIDDEN_LAYERS:
            raise _setting_error("hidden", Problem(MUST_LIST_LAYERS, (str(MAX_HIDDEN_LAYERS),)))
        for f in FIELDS:
            values = getattr(self, f.name)
            for value in values if f.kind is tuple else (values,):
                problem = f.check(value)
                if problem and f.kind is tuple:
                    each = Problem(MUST_EACH_BE_IN, (*problem.values, str(value)))
                    raise _setting_error(f.name, each)
                if problem:
                    raise _setting_error(f.name, problem)
        if not (self.init in ("auto", "he", "xavier") or _is_normal_init(self.init)):
            raise ConfigError(BAD_INIT, template=BAD_INIT)
        self._check_size()
        return self

    def _check_size(self) -> None:
        # Training a network the model loader then refuses would waste the whole run.
        count = parameter_count([PIXELS, *self.hidden, CLASSES])
        if count > MAX_PARAMETERS:
            hidden = ",".join(str(n) for n in self.hidden)
            problem = (
                f"{hidden}: a network of {count:,} parameters; the limit is {MAX_PARAMETERS:,}, the "
                "most a model file may hold (a larger one could not be loaded). Use fewer or "
                "smaller layers."
            )
            message = _setting_message("hidden", problem)
            raise NetworkTooLarge(message, problem, hidden, count, MAX_PARAMETERS)


def _setting_message(name: str, problem: str) -> str:
    """``problem`` as a sentence naming the setting by its Train form label."""
    return f"{FIELD[name].label.lower()} {problem}"


def _setting_error(name: str, problem: Problem) -> ConfigError:
    """The error for ``problem``, worded with the setting's form label; its ``problem`` attribute
    leaves the name out (every template starts with "%1 ")."""
    message = problem.sentence(FIELD[name].label.lower())
    without_name = problem.sentence("").removeprefix(" ")
    return ConfigError(message, name, without_name, problem.template, problem.values)


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
        average=0.9995,
        augment=True,
        pen_fraction=0.2,
        nudge=True,
        non_digit_fraction=0.1,
    ),
}
