import numpy as np
import pytest

from digitpad.model.activations import ACTIVATIONS
from digitpad.model.losses import LOSSES, NO_DIGIT
from digitpad.model.network import MLP, init_params


def numeric_gradients(model, x, labels, dropout, eps=1e-6):
    """Central differences of the loss for every parameter (float64), same dropout masks."""
    out = []
    for p in model.params:
        num = np.zeros_like(p)
        flat, nflat = p.reshape(-1), num.reshape(-1)
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + eps
            plus = model.loss_and_gradients(x, labels, dropout=dropout, rng=np.random.default_rng(7))[0]
            flat[i] = old - eps
            minus = model.loss_and_gradients(x, labels, dropout=dropout, rng=np.random.default_rng(7))[0]
            flat[i] = old
            nflat[i] = (plus - minus) / (2 * eps)
        out.append(num)
    return out


@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("dropout", [0.0, 0.4])
@pytest.mark.parametrize("hidden", [(6,), (5, 4), (4, 5, 3)])
@pytest.mark.parametrize("non_digits", [False, True])
def test_gradients_match_finite_differences(activation, loss, dropout, hidden, non_digits):
    rng = np.random.default_rng(1)
    sizes = [6, *hidden, 4]
    params = init_params(sizes, "xavier", rng, dtype=np.float64)
    for p in params[1::2]:  # non-zero biases keep ReLU units away from their kink
        p += rng.normal(0, 0.3, p.shape)
    model = MLP(sizes, activation, loss, params)
    x = rng.normal(size=(9, 6))
    labels = rng.integers(0, 4, 9)
    if non_digits:  # drawings of no digit, whose target is the flat answer
        labels[[1, 4, 5]] = NO_DIGIT
    _, _, grads = model.loss_and_gradients(x, labels, dropout=dropout, rng=np.random.default_rng(7))
    grads = [g.copy() for g in grads]
    for analytic, numeric in zip(grads, numeric_gradients(model, x, labels, dropout)):
        np.testing.assert_allclose(analytic, numeric, rtol=1e-5, atol=1e-7)


def test_forward_shapes_dtype_and_probabilities():
    model = MLP.create([784, 32, 10], "relu", "ce", np.random.default_rng(0))
    x = np.random.default_rng(1).random((5, 784), dtype=np.float32)
    probs = model.forward(x)
    assert probs.shape == (5, 10) and probs.dtype == np.float32
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_forward_does_not_disturb_training_buffers():
    rng = np.random.default_rng(0)
    model = MLP.create([784, 16, 10], "tanh", "ce", rng)
    x = rng.random((8, 784), dtype=np.float32)
    labels = rng.integers(0, 10, 8)
    before = model.loss_and_gradients(x, labels)[0]
    model.forward(rng.random((8, 784), dtype=np.float32))
    assert model.loss_and_gradients(x, labels)[0] == before


def test_copy_is_independent():
    model = MLP.create([784, 8, 10], "sigmoid", "mse", np.random.default_rng(0))
    twin = model.copy()
    twin.params[0] += 1
    assert not np.allclose(twin.params[0], model.params[0])


def test_same_seed_same_weights_and_initialisers():
    a = init_params([10, 7, 3], "he", np.random.default_rng(5))
    b = init_params([10, 7, 3], "he", np.random.default_rng(5))
    assert all(np.array_equal(p, q) for p, q in zip(a, b))
    normal = init_params([784, 100, 10], "normal:0.01", np.random.default_rng(0))
    assert abs(normal[0].std() - 0.01) < 0.001 and abs(normal[1].std() - 0.01) < 0.003
    with pytest.raises(ValueError):
        init_params([3, 2], "bogus", np.random.default_rng(0))


def test_invalid_construction_is_refused():
    with pytest.raises(ValueError):
        MLP([784, 10], "swish", "ce", init_params([784, 10], "he", np.random.default_rng(0)))
    with pytest.raises(ValueError):
        MLP([784, 10], "relu", "hinge", init_params([784, 10], "he", np.random.default_rng(0)))
    with pytest.raises(ValueError):
        MLP([784, 5, 10], "relu", "ce", init_params([784, 10], "he", np.random.default_rng(0)))


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_updating_each_layer_as_its_gradient_arrives_equals_one_step_after_backward(optimizer):
    """The trainer updates a layer during backward (on_gradient); backward must not read a
    parameter after handing it over, so the result equals computing all gradients first."""
    from digitpad.model.optimizers import make_optimizer

    rng = np.random.default_rng(3)
    x = rng.random((16, 784), dtype=np.float32)
    y = rng.integers(0, 10, 16)
    early = MLP.create([784, 40, 30, 10], "relu", "ce", np.random.default_rng(0))
    late = early.copy()
    opt_early, opt_late = make_optimizer(optimizer, early.params), make_optimizer(optimizer, late.params)
    for _ in range(3):
        opt_early.begin_step(0.01)
        early.loss_and_gradients(
            x, y, dropout=0.2, rng=np.random.default_rng(1), on_gradient=opt_early.update
        )
        _, _, grads = late.loss_and_gradients(x, y, dropout=0.2, rng=np.random.default_rng(1))
        opt_late.step(grads, 0.01)
    for a, b in zip(early.params, late.params):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-7)


def test_no_update_is_handed_over_when_the_loss_is_not_finite():
    net = MLP.create([784, 8, 10], "relu", "ce", np.random.default_rng(0))
    net.params[0][:] = np.nan
    calls = []
    with np.errstate(invalid="ignore"):
        loss, _, _ = net.loss_and_gradients(
            np.ones((4, 784), np.float32), np.zeros(4, int), on_gradient=lambda i, g: calls.append(i)
        )
    assert not np.isfinite(loss)
    assert calls == []


def test_layers_and_the_one_forward_pass_agree():
    rng = np.random.default_rng(3)
    net = MLP.create([784, 12, 9, 10], "tanh", "ce", rng)
    assert [(w.shape, b.shape) for w, b in net.layers()] == [
        ((784, 12), (12,)),
        ((12, 9), (9,)),
        ((9, 10), (10,)),
    ]
    x = rng.random((5, 784), dtype=np.float32)
    acts = net.activations(x)
    assert [a.shape for a in acts] == [(5, 12), (5, 9), (5, 10)]
    np.testing.assert_array_equal(acts[-1], net.forward(x))
    scores = net.activations(x, dtype=np.float64, logits=True)[-1]
    assert scores.dtype == np.float64
    probs = np.exp(scores - scores.max(axis=1, keepdims=True))
    np.testing.assert_allclose(probs / probs.sum(axis=1, keepdims=True), acts[-1], atol=1e-5)
