"""Specifications of lib.skipgram.negative_sampling: the slide's objective, update rule and noise statistics.

Worked example (``test_loss_at_initialisation``): word2vec starts with every
output vector at 0, so each of the k + 1 scores is 0, σ(0) = 1/2 and each term
costs −log(1/2) = ln 2: with k = 5 the first loss is 6 ln 2 = 4.159 whatever V is.
"""
import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check
from lib.skipgram.negative_sampling import (expected_objective, loss_at_initialisation, noise_shares,
                                            output_gradients, slide_gradient, slide_objective, slide_update)
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads


def pair(seed=0, d=5, k=4):
    rng = np.random.default_rng(seed)
    return rng.normal(size=d), rng.normal(size=d), rng.normal(size=(k, d))


def test_slide_objective_is_minus_the_engines_loss():
    v, u_o, u_neg = pair()
    loss, grad_v, grad_o, grad_neg = negative_sampling_loss_and_grads(v[None], u_o[None], u_neg[None])
    assert slide_objective(v, u_o, u_neg) == pytest.approx(-loss[0])
    assert np.allclose(slide_gradient(v, u_o, u_neg), grad_v[0])
    go, gn = output_gradients(v, u_o, u_neg)
    assert np.allclose(go, grad_o[0]) and np.allclose(gn, grad_neg[0])


@pytest.mark.parametrize("which", ["v", "u_o", "u_neg"])
def test_slide_gradients_pass_the_check(which):
    v, u_o, u_neg = pair(1)
    args = {"v": v, "u_o": u_o, "u_neg": u_neg}

    def f(x):
        a = dict(args, **{which: x})
        loss = -slide_objective(a["v"], a["u_o"], a["u_neg"])
        grads = {"v": slide_gradient(a["v"], a["u_o"], a["u_neg"]),
                 "u_o": output_gradients(a["v"], a["u_o"], a["u_neg"])[0],
                 "u_neg": output_gradients(a["v"], a["u_o"], a["u_neg"])[1]}
        return loss, grads[which]

    assert gradient_check(f, args[which]).passed


def test_slide_update_climbs_the_objective():
    v, u_o, u_neg = pair(2)
    assert slide_objective(slide_update(v, u_o, u_neg, 0.01), u_o, u_neg) > slide_objective(v, u_o, u_neg)
    assert slide_update(np.zeros(2), np.array([1.0, 0]), np.zeros((0, 2)), 0.1) == pytest.approx([0.05, 0])


def test_loss_at_initialisation():
    v, _, _ = pair(3, k=5)
    assert loss_at_initialisation(5) == pytest.approx(6 * np.log(2)) == pytest.approx(4.1588830)
    assert -slide_objective(v, np.zeros(5), np.zeros((5, 5))) == pytest.approx(loss_at_initialisation(5))


def test_sampled_objective_averages_to_the_exact_expectation():
    rng = np.random.default_rng(4)
    V, d, k = 30, 4, 5
    U, v = rng.normal(size=(V, d)), rng.normal(size=d)
    noise = rng.random(V) ** 3
    noise /= noise.sum()
    draws = rng.choice(V, size=(100_000, k), p=noise)
    from lib.skipgram.numpy_engine import log_sigmoid
    sampled = log_sigmoid(U[0] @ v) + log_sigmoid(-(U @ v))[draws].sum(axis=1)    # one objective per draw
    assert [slide_objective(v, U[0], U[n]) for n in draws[:5]] == pytest.approx(sampled[:5])
    standard_error = sampled.std() / np.sqrt(len(sampled))
    exact = expected_objective(v, U[0], U, noise, k)
    assert abs(sampled.mean() - exact) < 4 * standard_error
    assert expected_objective(v, np.zeros(d), np.zeros((V, d)), noise, k) == pytest.approx(-(k + 1) * np.log(2))


def test_noise_shares():
    shares = noise_shares([3, 1], powers=(0.0, 0.75, 1.0), top=1)
    assert shares[0.0] == 0.5 and shares[1.0] == 0.75
    assert shares[0.0] < shares[0.75] < shares[1.0]
