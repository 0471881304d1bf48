"""Specifications of lib.softmax: the one softmax and log-softmax every module calls.

Worked example (``test_worked_examples``): scores [0, ln 3] give
exp → [1, 3], sum 4, so probabilities [0.25, 0.75]; four equal scores give
1/4 each, whose log is −ln 4 = −1.386.
"""
import numpy as np
import pytest
import scipy.special

from lib.softmax import log_softmax, softmax


def test_worked_examples():
    assert softmax(np.array([0.0, np.log(3.0)])) == pytest.approx([0.25, 0.75])
    assert log_softmax(np.zeros(4)) == pytest.approx([-np.log(4)] * 4)


def test_rows_sum_to_one_along_the_chosen_axis():
    X = np.random.default_rng(0).normal(size=(5, 7)) * 4
    assert softmax(X).sum(axis=1) == pytest.approx(np.ones(5))
    assert softmax(X, axis=0).sum(axis=0) == pytest.approx(np.ones(7))
    assert np.all(softmax(X) > 0)
    assert softmax(X).shape == log_softmax(X).shape == X.shape


@pytest.mark.parametrize("big", [1000.0, -1000.0])
def test_stable_for_scores_of_plus_minus_1000(big):
    z = np.array([big, big - 1.0, big - 2.0])
    with np.errstate(all="raise"):                       # no overflow, no inf / inf
        p, log_p = softmax(z), log_softmax(z)
    assert p == pytest.approx(softmax(np.array([0.0, -1.0, -2.0])))
    assert log_p == pytest.approx(np.log(p))
    assert softmax([1000.0, 1000.0]) == pytest.approx([0.5, 0.5])
    assert log_softmax([0.0, 1000.0]) == pytest.approx([-1000.0, 0.0])


def test_log_softmax_is_the_log_of_softmax():
    X = np.random.default_rng(1).normal(size=(4, 6)) * 3
    for axis in (0, 1, -1):
        np.testing.assert_allclose(log_softmax(X, axis=axis), np.log(softmax(X, axis=axis)), rtol=1e-12)
        np.testing.assert_allclose(np.exp(log_softmax(X, axis=axis)).sum(axis=axis), 1.0)


def test_equal_to_scipy():
    X = np.random.default_rng(2).normal(size=(3, 4, 5)) * 10
    for axis in (0, 1, 2, -1):
        np.testing.assert_allclose(softmax(X, axis=axis), scipy.special.softmax(X, axis=axis), rtol=1e-12)
        np.testing.assert_allclose(log_softmax(X, axis=axis), scipy.special.log_softmax(X, axis=axis),
                                   rtol=1e-12, atol=1e-12)


def test_minus_infinity_gets_probability_zero():
    assert softmax(np.array([0.0, -np.inf])).tolist() == [1.0, 0.0]


def test_float32_stays_float32_and_integers_become_float64():
    z32 = np.array([1.0, 2.0, 3.0], dtype=np.float32)
    assert softmax(z32).dtype == log_softmax(z32).dtype == np.float32
    assert softmax([1, 2, 3]).dtype == log_softmax([1, 2, 3]).dtype == np.float64
    assert softmax([1, 2, 3]) == pytest.approx(softmax(np.array([1.0, 2.0, 3.0])))


def test_same_numbers_as_the_exponential_over_its_sum():
    """The order of operations of the formula: shift, exp, divide by the sum — bit for bit."""
    z = np.random.default_rng(3).normal(size=50) * 5
    e = np.exp(z - z.max())
    assert np.array_equal(softmax(z), e / e.sum())
    S = np.random.default_rng(4).normal(size=(6, 6))
    shifted = S - S.max(axis=1, keepdims=True)
    assert np.array_equal(log_softmax(S, axis=1), shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True)))
