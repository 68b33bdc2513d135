"""Temperature scaling and the "sure" threshold; a model carries its calibration in its file."""

import json
import zipfile

import numpy as np
import pytest

from digitpad.calibration import (
    CROSS_SITE_FLOOR,
    Calibration,
    calibrate,
    choose_threshold,
    fit_temperature,
    tempered,
)
from digitpad.errors import ModelFileError
from digitpad.modelfile import load_model, save_model
from digitpad.network import MLP
from digitpad.predictor import predict_input


def softmax(z):
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def test_tempered_is_softmax_of_scaled_logits():
    rng = np.random.default_rng(0)
    logits = rng.normal(0, 3, (20, 10))
    np.testing.assert_allclose(tempered(softmax(logits), 2.5), softmax(logits / 2.5), atol=1e-6)
    np.testing.assert_allclose(tempered(softmax(logits), 1.0), softmax(logits), atol=1e-6)


def test_fit_temperature_recovers_an_over_confident_model():
    rng = np.random.default_rng(1)
    n = 4000
    logits = rng.normal(0, 2.0, (n, 10))
    labels = np.array([rng.choice(10, p=p) for p in softmax(logits)])  # calibrated at T = 1
    over_confident = softmax(logits * 3.0)  # the same model, three times too sure
    assert fit_temperature(over_confident, labels) == pytest.approx(3.0, rel=0.1)


def test_threshold_gives_the_asked_precision_on_its_sample():
    rng = np.random.default_rng(2)
    confidence = rng.uniform(0, 1, 5000)
    right = rng.uniform(0, 1, 5000) < confidence**0.2  # surer answers are right more often
    t = choose_threshold(confidence, right, precision=0.99)
    sure = confidence >= t
    assert right[sure].mean() >= 0.99
    # And it is the lowest such threshold: one more answer would break the precision.
    below = confidence[confidence < t].max()
    assert right[confidence >= below].mean() < 0.99
    assert choose_threshold(np.array([0.9, 0.8]), np.array([False, False])) == 1.0


def test_calibrate_reports_what_it_measured():
    rng = np.random.default_rng(3)
    logits = rng.normal(0, 4, (3000, 10))
    labels = np.array([rng.choice(10, p=p) for p in softmax(logits)])
    cal = calibrate(softmax(logits * 2), labels)
    assert cal.samples == 3000 and CROSS_SITE_FLOOR <= cal.sure_threshold < 1
    assert cal.temperature == pytest.approx(2.0, rel=0.15)
    p = tempered(softmax(logits * 2), cal.temperature)
    sure = p.max(1) >= cal.sure_threshold
    assert cal.answered_sure == pytest.approx(sure.mean())
    assert cal.right_when_sure == pytest.approx((p.argmax(1) == labels)[sure].mean())
    assert cal.right_when_sure >= 0.99
    # What "Use this model" compares: how many of the held-out writers' digits it reads right.
    assert cal.accuracy == pytest.approx((p.argmax(1) == labels).mean())


def tiny_model():
    return MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0))


def test_calibration_travels_with_the_model_file(tmp_path):
    model = tiny_model()
    model.calibration = Calibration(2.0, 0.8, 0.995, 0.96, 1234, 0.97)
    save_model(model, tmp_path / "m.npz")
    back, meta = load_model(tmp_path / "m.npz")
    assert back.calibration == model.calibration
    assert meta["calibration"]["sure_threshold"] == 0.8
    assert back.copy().calibration == model.calibration


@pytest.mark.parametrize(
    "bad",
    [
        "warm",
        {"temperature": 0, "sure_threshold": 0.5},
        {"temperature": 1.0, "sure_threshold": 1.5},
        {"temperature": float("nan"), "sure_threshold": 0.5},
        {"temperature": 1.0, "sure_threshold": 0.5, "samples": -1},
        {"temperature": True, "sure_threshold": 0.5},
        {"temperature": 1.0, "sure_threshold": 0.5, "accuracy": 1.5},
    ],
)
def test_a_malformed_calibration_is_refused(tmp_path, bad):
    path = tmp_path / "m.npz"
    save_model(tiny_model(), path)
    with zipfile.ZipFile(path) as z:
        arrays = {n[:-4]: np.load(z.open(n)) for n in z.namelist()}
    meta = json.loads(arrays["metadata"].tobytes())
    meta["calibration"] = bad
    arrays["metadata"] = np.frombuffer(json.dumps(meta).encode(), np.uint8)
    np.savez(path, **arrays)
    with pytest.raises(ModelFileError, match="calibration"):
        load_model(path)


def test_prediction_uses_the_models_temperature_and_threshold():
    model = tiny_model()
    x = np.random.default_rng(4).uniform(0, 1, 784).astype(np.float32)
    raw = model.forward(x[None])[0]
    model.calibration = Calibration(temperature=4.0, sure_threshold=0.05)
    pred = predict_input(model, x)
    np.testing.assert_allclose(pred.probabilities, tempered(raw[None], 4.0)[0], atol=1e-6)
    assert pred.sure and pred.sure_threshold == 0.05
    assert pred.runner_up == int(np.argsort(raw)[-2])
    model.calibration = Calibration(temperature=4.0, sure_threshold=0.99)
    assert not predict_input(model, x).sure
    assert predict_input(model, None).runner_up is None


def test_the_threshold_never_drops_below_the_cross_site_floor():
    # A model nearly always right on its calibration writers would call almost everything sure.
    rng = np.random.default_rng(5)
    logits = rng.normal(0, 3, (3000, 10))
    probs = softmax(logits)
    labels = probs.argmax(1)
    unsure = np.argsort(probs.max(1))[:6]  # wrong only on a few of the least confident
    labels[unsure] = (labels[unsure] + 1) % 10
    assert choose_threshold(probs.max(1), probs.argmax(1) == labels) < CROSS_SITE_FLOOR
    cal = calibrate(probs, labels)
    assert cal.sure_threshold == CROSS_SITE_FLOOR
    sure = tempered(probs, cal.temperature).max(1) >= CROSS_SITE_FLOOR
    assert cal.answered_sure == pytest.approx(sure.mean()) and cal.answered_sure < 1
