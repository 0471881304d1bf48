"""Specifications of lib.models.positional: the slide's formula, and PE(pos + k) = M_k PE(pos) for every pos.

Worked example (test_the_slide_formula_entry_by_entry): for d_model = 4 the
frequencies are ω_0 = 1 and ω_1 = 10000^(-2/4) = 0.01, so position 3 is
[sin 3, cos 3, sin 0.03, cos 0.03].
"""
import numpy as np
import pytest
import torch

from lib.models.positional import (fit_linear_map, frequencies, min_pairwise_distance, shift_matrix,
                                   sinusoidal_encoding)


def test_the_slide_formula_entry_by_entry():
    PE = sinusoidal_encoding(10, 4)
    np.testing.assert_allclose(PE[3], [np.sin(3), np.cos(3), np.sin(0.03), np.cos(0.03)])
    d = 16
    PE = sinusoidal_encoding(50, d)
    for pos in (0, 7, 49):
        for i in range(d // 2):
            assert PE[pos, 2 * i] == pytest.approx(np.sin(pos / 10000 ** (2 * i / d)))
            assert PE[pos, 2 * i + 1] == pytest.approx(np.cos(pos / 10000 ** (2 * i / d)))


def test_odd_dimension_is_refused():
    with pytest.raises(ValueError, match="even"):
        frequencies(5)


@pytest.mark.parametrize("k", [1, 5, 37, -3])
def test_shift_matrix_moves_every_position_by_k(k):
    d = 32
    PE = sinusoidal_encoding(200, d, start=10)
    shifted = sinusoidal_encoding(200, d, start=10 + k)
    M = shift_matrix(k, d)
    np.testing.assert_allclose(PE @ M.T, shifted, atol=1e-9)
    np.testing.assert_allclose(M @ M.T, np.eye(d), atol=1e-12)          # a rotation: lengths kept


def test_a_shift_learned_from_positions_0_to_255_predicts_positions_1000_on():
    d, k = 16, 4
    M = fit_linear_map(sinusoidal_encoding(256, d), sinusoidal_encoding(256, d, start=k))
    np.testing.assert_allclose(M, shift_matrix(k, d), atol=1e-4)
    far = sinusoidal_encoding(100, d, start=1000)
    np.testing.assert_allclose(far @ M.T, sinusoidal_encoding(100, d, start=1000 + k), atol=1e-6)


def test_positions_are_distinct_and_dot_products_depend_only_on_the_offset():
    PE = sinusoidal_encoding(512, 64)
    assert min_pairwise_distance(PE) > 0.1
    assert min_pairwise_distance(np.vstack([PE[:3], PE[1:2]])) == 0.0
    dots = [PE[p] @ PE[p + 7] for p in (0, 100, 300)]
    assert np.ptp(dots) < 1e-9


def test_matches_an_independent_torch_computation():
    d, n = 8, 20
    pos = torch.arange(n, dtype=torch.float64)[:, None]
    div = torch.exp(torch.arange(0, d, 2, dtype=torch.float64) * (-np.log(10000.0) / d))
    ref = torch.zeros(n, d, dtype=torch.float64)
    ref[:, 0::2], ref[:, 1::2] = torch.sin(pos * div), torch.cos(pos * div)
    np.testing.assert_allclose(sinusoidal_encoding(n, d), ref.numpy(), atol=1e-12)
