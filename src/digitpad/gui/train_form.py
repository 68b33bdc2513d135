"""The training settings form, built from ``config.FIELDS``: presets fill it, ``config_or_error``
reads it back. Editing a preset turns it into "custom", which keeps the preset's hidden settings."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from digitpad.errors import ConfigError, NetworkTooLarge
from digitpad.training.config import FIELD, FIELDS, PRESETS, Field, TrainConfig, fill

CUSTOM = "custom"

PRESET_TIP = QT_TRANSLATE_NOOP(
    "TrainForm",
    "Ready-made recipes. 'seed' is the teaching post's original network; 'fast' reaches about 98% in under a minute on two idle cores; 'best' is how the shipped model was trained (about 14 minutes on two cores).",
)
PRESET_HELP = {
    "seed": QT_TRANSLATE_NOOP(
        "TrainForm",
        "The teaching post's recipe: 784-100-10 sigmoid, MSE, SGD lr 0.5, batch 50, 30 epochs.",
    ),
    "fast": QT_TRANSLATE_NOOP(
        "TrainForm",
        "One wide ReLU layer, Adam with a one-cycle schedule: about 98% after 5 epochs, measured at 16 s on an idle 2-core machine (minutes while other programs keep it busy).",
    ),
    "best": QT_TRANSLATE_NOOP(
        "TrainForm",
        "Two wide ReLU layers, dropout, augmentation: the shipped model (about 14 minutes on two cores).",
    ),
}


def _translate(text: str) -> str:
    return QCoreApplication.translate("TrainForm", text)


class TrainForm(QWidget):
    """``widgets[name]`` is the editor of the setting ``name``."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.base = "fast"  # the preset the form's hidden settings come from
        self.preset = QComboBox()
        for name in PRESETS:  # preset names are names: the same in every language
            self.preset.addItem(name, name)
        self.preset.addItem(self.tr("custom"), CUSTOM)
        self.preset.setToolTip(self.tr(PRESET_TIP))
        self.preset.currentIndexChanged.connect(lambda i: self._preset_chosen(self.preset.itemData(i)))
        form = QFormLayout()
        form.setVerticalSpacing(4)  # every row in view at the default size, CJK fonts' taller lines too
        form.addRow(self.tr("Preset"), self.preset)
        self.widgets: dict[str, QWidget] = {}
        for f in FIELDS:
            if f.in_form:
                widget = self._editor(f)
                widget.setToolTip(_translate(f.tip))
                self.widgets[f.name] = widget
                form.addRow(_translate(f.label), widget)
        self.preset_help = QLabel(wordWrap=True)
        self.error = QLabel(wordWrap=True)  # what is wrong with the settings, as they are edited
        self.error.setObjectName("formError")
        self.error.setStyleSheet("color: #b00020")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.preset_help)
        self.apply_preset("fast")

    def _editor(self, f: Field) -> QWidget:
        if f.kind is tuple:
            widget = QLineEdit()
            widget.textEdited.connect(self._mark_custom)
            widget.textChanged.connect(self._check)
        elif f.choices:
            widget = QComboBox()
            widget.addItems(list(f.choices))
            widget.activated.connect(self._mark_custom)
        elif f.kind is bool:
            widget = QCheckBox(self.tr("Distort training digits"))
            widget.clicked.connect(self._mark_custom)
        elif f.kind is int:
            widget = QSpinBox(minimum=-(2**31) + 1, maximum=2**31 - 1, singleStep=int(f.step))
            widget.editingFinished.connect(self._mark_custom)
        else:
            widget = QDoubleSpinBox(decimals=f.decimals, minimum=-1e9, maximum=1e9, singleStep=f.step)
            widget.editingFinished.connect(self._mark_custom)
        if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
            # Qt's own range is wide so that it never drops a key or clamps what was typed; the
            # setting's range (config.FIELDS, as validate checks it) is checked as it is typed.
            widget.valueChanged.connect(self._check)
        return widget

    def _set(self, name: str, value) -> None:
        widget = self.widgets[name]
        if isinstance(widget, QLineEdit):
            widget.setText(",".join(str(n) for n in value))
        elif isinstance(widget, QComboBox):
            widget.setCurrentText(value)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(value)
        else:
            widget.setValue(value)

    def _get(self, name: str):
        widget = self.widgets[name]
        if isinstance(widget, QLineEdit):
            return tuple(int(p) for p in widget.text().replace(" ", "").split(",") if p)
        if isinstance(widget, QComboBox):
            return widget.currentText()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        return widget.value()

    def _check(self, *args) -> None:
        """Show at once what Start would refuse (the same sentence), or nothing."""
        if hasattr(self, "error"):  # not while the editors are being built
            error = self.config_or_error()[1]
            self.error.setText(error[:1].upper() + error[1:] if error else "")
            self.error.setVisible(bool(error))

    def _preset_chosen(self, name: str) -> None:
        if name in PRESETS:
            self.apply_preset(name)

    def apply_preset(self, name: str) -> None:
        self.base = name
        self._show_preset(name)
        cfg = PRESETS[name]
        for field_name in self.widgets:
            self._set(field_name, getattr(cfg, field_name))
        self.preset_help.setText(self.tr(PRESET_HELP[name]))
        self._check()

    @property
    def preset_name(self) -> str | None:
        """The chosen preset, None once it has been edited."""
        name = self.preset.currentData()
        return None if name == CUSTOM else name

    def _show_preset(self, name: str) -> None:
        self.preset.blockSignals(True)
        self.preset.setCurrentIndex(self.preset.findData(name))
        self.preset.blockSignals(False)

    def _mark_custom(self, *args) -> None:
        if self.preset_name is not None and self.config_or_error()[0] != PRESETS[self.base]:
            self._show_preset(CUSTOM)
            self.preset_help.setText(fill(self.tr("Your own settings, starting from '%1'."), self.base))

    def config_or_error(self) -> tuple[TrainConfig | None, str | None]:
        try:
            hidden = self._get("hidden")
        except ValueError:
            return None, self.tr(
                "Hidden layers must be whole numbers separated by commas, like 800,800."
            )
        changes = {name: self._get(name) for name in self.widgets if name != "hidden"}
        cfg = PRESETS[self.base].replace(hidden=hidden, **changes)
        try:
            return cfg.validate(), None
        except NetworkTooLarge as exc:
            return None, self._too_large(exc)
        except ConfigError as exc:
            return None, describe(exc)

    def _too_large(self, exc: NetworkTooLarge) -> str:
        text = self.tr(
            "Hidden layers %1 make a network of %2 parameters, more than the %3 a model file may hold: the app could not load it. Use fewer or smaller layers."
        )
        return fill(text, exc.hidden, f"{exc.parameters:,}", f"{exc.limit:,}")


def describe(exc: ConfigError) -> str:
    """``exc`` in the interface's language, the setting named by its (translated) form label."""
    if exc.template is None:  # every error validate raises has one; this is only a safety net
        return str(exc)
    template = _translate(exc.template)
    name = _translate(FIELD[exc.setting].label) if exc.setting else ""
    if template == exc.template:  # English: the label goes mid-sentence
        name = name.lower()
    return fill(template, name, *exc.values)
