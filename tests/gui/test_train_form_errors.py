"""The Train form's errors read as whole sentences in the interface's language."""

import re

import pytest

from digitpad.errors import ConfigError, DataError, NetworkTooLarge, TrainingDiverged
from digitpad.gui.train_form import describe
from digitpad.training.config import FIELDS, TrainConfig
from tests.helpers.chinese import chinese_window
from tests.helpers.train_form import configure


def every_config_error() -> list[ConfigError]:
    """One error for each way a configuration can be out of range (the network's size apart)."""
    bad = [
        {f.name: "nope" if f.choices else (0,) if f.kind is tuple else -1}
        for f in FIELDS
        if f.kind is not bool
    ]
    bad += [{"hidden": (1,) * 9}, {"init": "normal:-1"}]
    errors = []
    for changes in bad:
        with pytest.raises(ConfigError) as caught:
            TrainConfig(**changes).validate()
        assert not isinstance(caught.value, NetworkTooLarge)
        errors.append(caught.value)
    return errors


# Words that are names, not English: the choices shown as they are in the form's menus and the
# init spellings.
NAMES = {c for f in FIELDS for c in f.choices} | {"init", "auto", "he", "xavier", "normal", "STD"}


def test_every_setting_error_is_translated_whole(qtbot, settings, monkeypatch):
    errors = every_config_error()
    with chinese_window(qtbot, settings, monkeypatch):
        texts = [describe(exc) for exc in errors]
    for text in texts:
        words = set(re.findall(r"[A-Za-z_]+", text))
        assert words <= NAMES, text
        assert re.search(r"[\u4e00-\u9fff]", text), text


def test_english_errors_read_as_before(qtbot):
    texts = {describe(exc) for exc in every_config_error()}
    assert "learning rate must be in (0, 100]" in texts
    assert "hidden layers must each be in [1, 8192] (not 0)" in texts
    assert "activation must be one of sigmoid, tanh, relu, leaky_relu" in texts


@pytest.mark.parametrize(
    "hidden, message",
    [
        ("64,0", "无法开始：隐藏层的每一项都必须在 [1, 8192] 范围内（不能是 0）"),
        ("9,9,9,9,9,9,9,9,9", "无法开始：隐藏层必须列出 1 到 8 个层的大小"),
    ],
)
def test_hidden_layer_errors_at_start_are_chinese(
    qtbot, settings, monkeypatch, tiny_mnist, hidden, message
):
    """Bug: "无法开始：hidden layers must …", English inside a Chinese sentence."""
    with chinese_window(qtbot, settings, monkeypatch) as win:
        configure(win.train_tab, tiny_mnist, hidden=hidden)
        assert not win.train_tab.start() and win.train_tab.job is None
        assert win.train_tab.message.text() == message


def test_form_labels_and_custom_preset_are_chinese(qtbot, settings, monkeypatch):
    """Bug: "Dropout" and the preset "custom" stayed English in zh_CN."""
    with chinese_window(qtbot, settings, monkeypatch) as win:
        form = win.train_tab.form
        labels = [
            form.layout().itemAt(0).layout().labelForField(w).text() for w in form.widgets.values()
        ]
        assert all(re.search(r"[\u4e00-\u9fff]", text) for text in labels), labels
        form.apply_preset("seed")
        form.widgets["epochs"].setValue(7)
        form.widgets["epochs"].editingFinished.emit()
        assert form.preset.currentText() == "自定义" and form.preset_name is None
        form.preset.setCurrentIndex(form.preset.findData("best"))
        assert form.preset.currentText() == "best" and form.preset_name == "best"
        assert form.widgets["epochs"].value() == 36


def failing_run(qtbot, exc):
    """What the Train tab says when a run fails with ``exc``."""
    from digitpad.gui.worker import Worker

    class Failing(Worker):
        def work(self):
            raise exc

    said = []
    worker = Failing()
    worker.failed.connect(said.append)
    worker.run()  # in this thread: failed is emitted at once
    return said[0]


@pytest.mark.parametrize(
    "exc",
    [
        TrainingDiverged("training diverged (loss became nan) at step 12; try a smaller learning rate"),
        DataError("/data/mnist: MNIST file t10k-labels-idx1-ubyte(.gz) not found"),
        MemoryError(),
    ],
)
def test_common_training_failures_are_said_in_chinese(qtbot, settings, monkeypatch, exc):
    """Bug: "训练失败：training diverged (loss became nan)…", English inside a Chinese sentence."""
    with chinese_window(qtbot, settings, monkeypatch) as win:
        text = failing_run(qtbot, exc)
        win.train_tab._on_failed(text)
        message = win.train_tab.message.text()
    assert message.startswith("训练失败：")
    assert set(re.findall(r"[A-Za-z]+", message)) <= {"MNIST"}, message


def test_other_failures_keep_the_cores_sentence(qtbot):
    assert failing_run(qtbot, DataError("x.gz: header truncated")).startswith("The training data")
    assert failing_run(qtbot, ConfigError("odd setting")) == "odd setting"
