"""Temperature scaling and the "sure" threshold; a model carries its calibration in its file."""

import json
import zipfile

import numpy as np
import pytest

from digitpad.errors import ModelFileError
from digitpad.model.network import MLP
from digitpad.reading.calibration import (
    CROSS_SITE_FLOOR,
    DEFAULT_NO_DIGIT_LEVEL,
    NO_DIGIT_FLOOR,
    Calibration,
    calibrate,
    choose_no_digit_level,
    choose_threshold,
    fit_temperature,
    flatness,
    tempered,
)
from digitpad.reading.predictor import predict_input
from digitpad.reading.reader import Reader
from digitpad.store.modelfile import load_model, save_model


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
    return Reader(MLP.create([784, 16, 10], "relu", "ce", np.random.default_rng(0)))


def test_calibration_travels_with_the_model_file(tmp_path):
    model = tiny_model()
    model.calibration = Calibration(2.0, 0.8, 0.995, 0.96, 1234, accuracy=0.97)
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
        {"temperature": 1.0, "sure_threshold": 0.5, "no_digit_level": 0.3},  # names candidates
        {"temperature": 1.0, "sure_threshold": 0.5, "no_digit_level": 1.5},
        {"temperature": 1.0, "sure_threshold": 0.5, "no_digit_level": "flat"},
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
    raw = model.network.forward(x[None])[0]
    # A tiny random network's answer is nearly flat: only an exactly flat one is "no digit?" here.
    model.calibration = Calibration(temperature=4.0, sure_threshold=0.05, no_digit_level=1.0)
    pred = predict_input(model, x)
    np.testing.assert_allclose(pred.probabilities, tempered(raw[None], 4.0)[0], atol=1e-6)
    assert pred.sure and pred.sure_threshold == 0.05
    assert pred.runner_up == int(np.argsort(raw)[-2])
    model.calibration = Calibration(temperature=4.0, sure_threshold=0.99, no_digit_level=1.0)
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


def test_flatness_runs_from_one_sure_digit_to_the_flat_answer():
    sure, flat = np.eye(10)[3], np.full(10, 0.1)
    five_way = np.r_[np.full(5, 0.2), np.zeros(5)]
    np.testing.assert_allclose(
        flatness(np.stack([sure, flat, five_way])), [0, 1, NO_DIGIT_FLOOR], atol=1e-4
    )


def test_a_near_flat_answer_is_no_digit_and_a_two_way_doubt_is_not():
    cal = Calibration(no_digit_level=0.75)
    scribble = np.full(10, 0.1) + np.r_[0.03, -0.03, np.zeros(8)]
    doubt = np.r_[0.5, 0.45, np.full(8, 0.05 / 8)]  # "8 or 2?", not "no digit?"
    five_way = np.r_[np.full(5, 0.2), np.zeros(5)]
    assert cal.no_digit(np.stack([scribble, doubt, five_way])).tolist() == [True, False, False]


def test_the_no_digit_level_lets_almost_no_calibration_digit_reach_it():
    rng = np.random.default_rng(5)
    flat = rng.beta(1, 8, 20000)  # most real digits' answers are far from flat
    level = choose_no_digit_level(flat)
    assert (flat >= level).mean() <= 0.0006
    assert choose_no_digit_level(np.zeros(100)) == NO_DIGIT_FLOOR  # never names five candidates


def test_calibrate_chooses_the_no_digit_level_and_older_files_get_the_default(tmp_path):
    rng = np.random.default_rng(6)
    logits = rng.normal(0, 4, (3000, 10))
    labels = np.array([rng.choice(10, p=p) for p in softmax(logits)])
    cal = calibrate(softmax(logits * 2), labels)
    flat = flatness(tempered(softmax(logits * 2), cal.temperature))
    assert cal.no_digit_level == max(round(float(np.quantile(flat, 0.9995)), 4), NO_DIGIT_FLOOR)
    older = {k: v for k, v in cal.to_dict().items() if k != "no_digit_level"}
    assert Calibration.from_dict(older).no_digit_level == DEFAULT_NO_DIGIT_LEVEL
    assert Calibration.from_dict(cal.to_dict()) == cal


def test_a_near_flat_answer_is_predicted_as_no_digit_with_its_reason():
    from digitpad.reading.predictor import SCRIBBLE

    model = tiny_model()
    x = np.random.default_rng(4).uniform(0, 1, 784).astype(np.float32)
    model.calibration = Calibration(temperature=20.0, no_digit_level=0.9)
    pred = predict_input(model, x)
    assert pred.digit is None and pred.reason == SCRIBBLE and not pred.sure and pred.read
    assert pred.probabilities.sum() == pytest.approx(1.0) and pred.input is x
    assert pred.confidence == pytest.approx(pred.probabilities.max())
    model.calibration = Calibration(temperature=0.05, no_digit_level=0.9)
    assert predict_input(model, x).digit is not None
