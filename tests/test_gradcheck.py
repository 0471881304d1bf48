"""Specifications of lib.measure.gradcheck: it passes correct gradients and catches wrong ones."""
import numpy as np
import pytest

from lib.measure.gradcheck import gradient_check


def test_correct_gradient_passes():
    result = gradient_check(lambda x: ((x ** 3).sum(), 3 * x ** 2), np.array([0.5, -1.0, 2.0]))
    assert result.passed and result.max_error < 1e-6


def test_wrong_gradient_fails_and_names_the_first_bad_index():
    def f(x):
        grad = 2 * x
        grad[1, 0] += 0.1
        return (x ** 2).sum(), grad
    result = gradient_check(f, np.ones((2, 2)))
    assert not result.passed
    assert result.first_failure == (1, 0)
    with pytest.raises(AssertionError, match=r"index \(1, 0\)"):
        result.raise_if_failed()


def test_all_zero_gradient_stub_fails():
    result = gradient_check(lambda x: ((x ** 2).sum(), np.zeros_like(x)), np.ones(3))
    assert not result


def test_seed_makes_a_random_loss_checkable():
    """A loss that draws a random sign is only checkable if every evaluation sees the same draw."""
    def f(x):
        sign = np.random.choice([-1.0, 1.0])
        return sign * (x ** 2).sum(), sign * 2 * x
    assert gradient_check(f, np.ones(4), seed=3).passed


def test_shape_mismatch_is_reported():
    with pytest.raises(ValueError, match="shape"):
        gradient_check(lambda x: (x.sum(), np.ones(5)), np.ones(3))
