"""Specifications of lib.skipgram.objective: J(θ) over a sentence and the slide's gradient formula.

Worked example (``test_objective_at_zero_output_vectors_is_ln_V``): with
every output vector u_w = 0, every score is 0, the softmax gives each of the V
words probability 1/V, every pair contributes ln V, and J is ln V times the
number of pairs divided by T.
"""
import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check
from lib.text.pairs import pair_count
from lib.skipgram.objective import (corpus_objective, position_loss, slide_input_gradient,
                                    softmax_probabilities)

IDS = np.array([0, 1, 2, 3, 4, 5, 0, 6, 7])     # "the quick brown fox jumps over the lazy dog"


def weights(seed=0, V=8, d=4):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(V, d)) * 0.5, rng.normal(size=(V, d)) * 0.5


def test_softmax_probabilities_sum_to_one_and_resist_overflow():
    p = softmax_probabilities(np.array([1.0, 2.0]), np.array([[1000.0, 0], [999.0, 0], [0, 0]]))
    assert p.sum() == pytest.approx(1) and np.all(np.isfinite(p))
    assert p[0] / p[1] == pytest.approx(np.e)
    assert softmax_probabilities(np.zeros(2), np.ones((4, 2))) == pytest.approx([0.25] * 4)


def test_objective_at_zero_output_vectors_is_ln_V():
    W_in, _ = weights()
    J, _, _ = corpus_objective(W_in, np.zeros((8, 4)), IDS, window=2)
    assert J == pytest.approx(pair_count(9, 2) * np.log(8) / 9)


def test_objective_is_minus_the_mean_log_probability_written_out():
    W_in, W_out = weights(1)
    J, _, _ = corpus_objective(W_in, W_out, IDS, window=2)
    total = sum(np.log(softmax_probabilities(W_in[IDS[t]], W_out)[IDS[t + j]])
                for t in range(9) for j in (-2, -1, 1, 2) if 0 <= t + j < 9)
    assert J == pytest.approx(-total / 9)


@pytest.mark.parametrize("which", [0, 1])
def test_gradients_of_J_pass_the_check(which):
    W = list(weights(2))

    def f(x):
        args = list(W)
        args[which] = x
        J, dW_in, dW_out = corpus_objective(*args, IDS, window=2)
        return J, (dW_in, dW_out)[which]

    assert gradient_check(f, W[which]).passed


def test_slide_formula_needs_j_not_0():
    """As printed (j = −c … c) the formula adds the center word as its own context; with j ≠ 0 it is exact."""
    W_in, W_out = weights(3)
    t = 3                                                          # "fox", which occurs once

    def f(v):
        W = W_in.copy()
        W[IDS[t]] = v
        return position_loss(W, W_out, IDS, t, 2), slide_input_gradient(W, W_out, IDS, t, 2, False)

    assert gradient_check(f, W_in[IDS[t]]).passed
    as_printed = slide_input_gradient(W_in, W_out, IDS, t, 2, include_center=True)
    fixed = slide_input_gradient(W_in, W_out, IDS, t, 2, include_center=False)
    extra = softmax_probabilities(W_in[IDS[t]], W_out) @ W_out - W_out[IDS[t]]
    assert np.allclose(as_printed - fixed, extra) and not np.allclose(as_printed, fixed)
    _, dW_in, _ = corpus_objective(W_in, W_out, IDS, 2)
    assert np.allclose(dW_in[IDS[t]], fixed / 9)                   # J carries the factor 1/T


def test_word_seen_twice_gets_the_sum_of_both_positions():
    W_in, W_out = weights(4)
    _, dW_in, _ = corpus_objective(W_in, W_out, IDS, 2)
    both = sum(slide_input_gradient(W_in, W_out, IDS, t, 2, include_center=False) for t in (0, 6))
    assert np.allclose(dW_in[0], both / 9)


def test_position_loss_sums_to_T_times_J():
    W_in, W_out = weights(5)
    J, _, _ = corpus_objective(W_in, W_out, IDS, 3)
    assert sum(position_loss(W_in, W_out, IDS, t, 3) for t in range(9)) == pytest.approx(9 * J)
