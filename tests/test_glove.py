"""Specifications of lib.models.glove: the weighting function, the objective and its gradients, AdaGrad training.

Worked example (``test_weighting_values``): with the slide's x_max = 100 and
α = 3/4, a pair seen 10 times gets weight (10/100)^0.75 = 0.1778, a pair seen
100 or 500 times gets 1, and an empty cell gets 0 — it drops out of J.
"""
import numpy as np
import pytest
import scipy.sparse as sp
import torch

from lib.models.glove import (GloVeModel, adagrad_step, glove_loss_and_grads, init_parameters, sum_rows,
                              train_glove, weighting)
from lib.measure.gradcheck import gradient_check


def test_weighting_values():
    assert weighting(np.array([0, 10, 50, 100, 500])) == pytest.approx([0, 0.1778279, 0.5946036, 1, 1])
    assert weighting(5, x_max=10, alpha=1.0) == pytest.approx(0.5)
    x = np.linspace(0, 200, 2001)
    assert np.all(np.diff(weighting(x)) >= 0)                      # never decreasing
    assert np.all(weighting(x) <= 1)


def small_problem(seed=0, V=6, d=3):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 4, size=(V, V)) * rng.uniform(0.5, 80, size=(V, V))
    X[0, 1] = 250.0                                                # one entry above x_max
    rows, cols = np.nonzero(X)
    params = [rng.normal(size=(V, d)), rng.normal(size=(V, d)), rng.normal(size=V), rng.normal(size=V)]
    return params, rows, cols, X[rows, cols]


def test_loss_is_the_slides_double_sum():
    (W, C, b, c), rows, cols, x = small_problem()
    loss, _ = glove_loss_and_grads(W, C, b, c, rows, cols, x)
    by_hand = sum(weighting(xn) * (W[i] @ C[j] + b[i] + c[j] - np.log(xn)) ** 2
                  for i, j, xn in zip(rows, cols, x))
    assert loss == pytest.approx(float(by_hand))


@pytest.mark.parametrize("which", [0, 1, 2, 3])
def test_gradients_pass_the_central_difference_check(which):
    params, rows, cols, x = small_problem(seed=which)

    def f(p):
        args = list(params)
        args[which] = p
        loss, grads = glove_loss_and_grads(*args, rows, cols, x)
        return loss, grads[which]

    result = gradient_check(f, params[which])
    assert result.passed, result.max_error


def test_loss_and_gradients_match_pytorch_autograd():
    params, rows, cols, x = small_problem(seed=7)
    loss, grads = glove_loss_and_grads(*params, rows, cols, x)
    t = [torch.tensor(p, requires_grad=True) for p in params]
    W, C, b, c = t
    r, k, xt = torch.tensor(rows), torch.tensor(cols), torch.tensor(x)
    f = torch.clamp(xt / 100.0, max=1.0) ** 0.75
    J = (f * ((W[r] * C[k]).sum(1) + b[r] + c[k] - torch.log(xt)) ** 2).sum()
    J.backward()
    assert loss == pytest.approx(J.item())
    for mine, theirs in zip(grads, t):
        assert np.allclose(mine, theirs.grad.numpy())


def test_zero_counts_are_refused():
    (W, C, b, c), rows, cols, x = small_problem()
    with pytest.raises(ValueError, match="positive"):
        glove_loss_and_grads(W, C, b, c, rows, cols, np.r_[x[:-1], 0.0])


def test_sum_rows_matches_add_at():
    assert [a.tolist() for a in sum_rows(np.array([2, 0, 2]), np.array([[1.0], [5.0], [3.0]]))] == \
        [[0, 2], [[5.0], [4.0]]]
    rng = np.random.default_rng(0)
    rows, values = rng.integers(0, 50, 500), rng.normal(size=(500, 4))
    unique, total = sum_rows(rows, values)
    reference = np.zeros((50, 4))
    np.add.at(reference, rows, values)
    assert np.allclose(total, reference[unique]) and np.all(reference[np.setdiff1d(np.arange(50), unique)] == 0)


def test_adagrad_step_example():
    P, G = np.array([[0.0]]), np.array([[1.0]])
    adagrad_step(P, G, np.array([0]), np.array([[3.0]]), 0.1)
    assert G[0, 0] == 10.0 and P[0, 0] == pytest.approx(-0.3 / np.sqrt(10))


def test_one_full_batch_epoch_is_one_adagrad_step_on_the_exact_gradient():
    """With one batch holding every entry, the trainer must take exactly one AdaGrad step on ∇J."""
    _, rows, cols, x = small_problem(seed=3)
    V, d, lr = 6, 3, 0.3
    X = sp.coo_matrix((x, (rows, cols)), shape=(V, V)).tocsr()
    model = train_glove(X, list("abcdef"), dim=d, epochs=1, lr=lr, batch_size=len(x), seed=5,
                        progress=False, dtype=np.float64)
    Wb, Cc = init_parameters(V, d, np.random.default_rng(5), np.float64)
    W0, C0, b0, c0 = Wb[:, :d], Cc[:, :d], Wb[:, d], Cc[:, d]
    loss, (dW, dC, db, dc) = glove_loss_and_grads(W0, C0, b0, c0, rows, cols, x)
    assert model.history[0]["loss"] == pytest.approx(loss)
    for new, old, g in [(model.W, W0, dW), (model.C, C0, dC), (model.b, b0, db), (model.c, c0, dc)]:
        touched = np.any(np.atleast_2d(g.T).T != 0, axis=1)
        expected = old - lr * g / np.sqrt(1 + g ** 2)
        assert np.allclose(new[touched], expected[touched])


def low_rank_counts(V=40, d=4, seed=0):
    """Counts whose logarithms are exactly a rank-d model plus biases: GloVe can fit them."""
    rng = np.random.default_rng(seed)
    A, B = rng.normal(size=(V, d)) * 0.6, rng.normal(size=(V, d)) * 0.6
    logX = A @ B.T + rng.normal(size=(V, 1)) + rng.normal(size=(1, V)) + 2.0
    X = np.exp(logX) * (rng.random((V, V)) < 0.7)                  # 30 % of the cells empty
    return sp.csr_matrix(X)


def test_training_drives_the_loss_down_and_is_seeded():
    X = low_rank_counts()
    words = [f"w{i}" for i in range(40)]
    a = train_glove(X, words, dim=8, epochs=60, lr=0.2, batch_size=256, seed=1, progress=False)
    b = train_glove(X, words, dim=8, epochs=60, lr=0.2, batch_size=256, seed=1, progress=False)
    losses = [h["loss"] for h in a.history]
    assert losses[-1] < 0.02 * losses[0]
    assert np.array_equal(a.W, b.W) and np.array_equal(a.c, b.c)
    c = train_glove(X, words, dim=8, epochs=1, lr=0.2, batch_size=256, seed=2, progress=False)
    assert not np.array_equal(c.W, train_glove(X, words, dim=8, epochs=1, lr=0.2, batch_size=256,
                                                seed=1, progress=False).W)


def test_model_vectors_and_keyed_vectors():
    m = GloVeModel(["a", "b"], np.ones((2, 3)), 2 * np.ones((2, 3)), np.zeros(2), np.zeros(2))
    assert np.all(m.vectors() == 3) and np.all(m.vectors("word") == 1) and np.all(m.vectors("context") == 2)
    with pytest.raises(ValueError, match="combine"):
        m.vectors("mean")
    kv = m.keyed_vectors()
    assert kv.index_to_key == ["a", "b"] and kv.vector_size == 3


def test_train_glove_checks_the_word_list():
    with pytest.raises(ValueError, match="words"):
        train_glove(low_rank_counts(V=5), ["a"], dim=2, epochs=1, progress=False)
