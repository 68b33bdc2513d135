import numpy as np
import pytest

from digitpad.model.optimizers import OPTIMIZERS, Adam, make_optimizer
from digitpad.model.schedules import SCHEDULES, learning_rate


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_each_optimiser_minimises_a_quadratic(name):
    target = np.array([[1.0, -2.0], [0.5, 3.0]], np.float32)
    w = np.zeros((2, 2), np.float32)
    opt = make_optimizer(name, [w])
    lr = 0.05 if name == "adam" else 0.1
    for _ in range(500):
        opt.step([w - target], lr)  # gradient of 0.5 * |w - target|^2
    np.testing.assert_allclose(w, target, atol=0.05)


def test_adam_matches_the_textbook_update():
    rng = np.random.default_rng(0)
    p = rng.normal(size=(3, 4))
    ref = p.copy()
    m = np.zeros_like(p)
    v = np.zeros_like(p)
    opt = Adam([p])
    for t in range(1, 6):
        g = rng.normal(size=p.shape)
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g * g
        ref -= 0.01 * (m / (1 - 0.9**t)) / (np.sqrt(v / (1 - 0.999**t)) + 1e-8)
        opt.step([g.copy()], 0.01)
    np.testing.assert_allclose(p, ref, rtol=1e-6, atol=1e-9)


@pytest.mark.parametrize("name", OPTIMIZERS)
def test_weight_decay_shrinks_weights_not_biases(name):
    w = np.ones((2, 2))
    b = np.ones(2)
    opt = make_optimizer(name, [w, b], weight_decay=0.1)
    opt.step([np.zeros_like(w), np.zeros_like(b)], 0.1)
    assert (w < 1).all()
    np.testing.assert_array_equal(b, 1.0)


def test_nesterov_differs_from_plain_momentum():
    a, b = np.ones(3), np.ones(3)
    plain, nesterov = make_optimizer("momentum", [a]), make_optimizer("nesterov", [b])
    for _ in range(3):
        plain.step([a.copy()], 0.1)
        nesterov.step([b.copy()], 0.1)
    assert not np.allclose(a, b)


@pytest.mark.parametrize("schedule", SCHEDULES)
def test_schedules_start_sensibly_and_stay_positive(schedule):
    rates = [learning_rate(schedule, 0.1, t, 100, warmup=0.1) for t in range(101)]
    assert all(0 <= r <= 0.1 + 1e-12 for r in rates)
    if schedule != "constant":
        assert rates[-1] < 0.1 * 0.5
    with pytest.raises(ValueError):
        learning_rate("zigzag", 0.1, 0, 10)


def test_onecycle_peaks_at_the_base_rate():
    rates = [learning_rate("onecycle", 1.0, t, 1000) for t in range(1000)]
    assert max(rates) == pytest.approx(1.0, abs=1e-3)
    assert rates[0] == pytest.approx(1 / 25)


def test_chunked_threaded_adam_matches_the_plain_update():
    """Large parameters take the chunked, multi-threaded path; it must equal the plain formula."""
    rng = np.random.default_rng(1)
    shapes = [(700, 900), (900,), (900, 10)]
    params = [rng.normal(size=s).astype(np.float32) for s in shapes]
    reference = [p.copy() for p in params]
    opt = Adam(params, weight_decay=0.01)
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    grads = [np.empty_like(p) for p in params]
    for t in range(1, 4):
        for g in grads:
            g[...] = rng.normal(size=g.shape)
        for k, (p, g) in enumerate(zip(reference, grads)):
            if p.ndim == 2:
                p *= 1 - 0.01 * 0.01
            m[k] = 0.9 * m[k] + 0.1 * g
            v[k] = 0.999 * v[k] + 0.001 * g * g
            p -= 0.01 * (m[k] / (1 - 0.9**t)) / (np.sqrt(v[k] / (1 - 0.999**t)) + 1e-8)
        opt.step(grads, 0.01)
    for p, ref in zip(params, reference):
        np.testing.assert_allclose(p, ref, rtol=1e-4, atol=1e-6)


def test_adam_refuses_parameters_it_could_not_update_in_place():
    with pytest.raises(ValueError, match="contiguous"):
        Adam([np.zeros((4, 6), np.float32)[:, ::2]])


def test_adam_reads_a_reused_strided_gradient_afresh_each_step():
    """A non-contiguous gradient is copied to walk it in chunks; the copy must not go stale."""
    big = np.zeros((4, 6))
    grad = big[:, ::2]
    p = np.zeros((4, 3))
    ref = p.copy()
    opt, twin = Adam([p]), Adam([ref])
    for value in (1.0, -3.0, 2.0):
        big[...] = value
        opt.step([grad], 0.1)
        twin.step([np.ascontiguousarray(grad)], 0.1)
    np.testing.assert_allclose(p, ref)
