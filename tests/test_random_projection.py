"""Specifications of lib.vectors.random_projection: the Johnson–Lindenstrauss bound and what a projection distorts.

Worked example (``test_distance_ratio_is_chi_square_over_k``): for one fixed
pair of points and 4,000 independent Gaussian matrices R (d = 50, k = 8), the
ratio ‖(x − y)R‖² / (k ‖x − y‖²) is χ²_8 / 8: mean 1 and standard deviation
sqrt(2/8) = 0.5, whatever x and y are.
"""
import numpy as np
import pytest

from lib.vectors.random_projection import (cosine_errors, distance_ratios, gaussian_projection,
                                           jl_min_dimension, projection_study, sample_pairs)


def test_jl_bound_values():
    assert jl_min_dimension(10_000, 0.1) == 7895
    assert jl_min_dimension(10_000, 0.5) == 443
    assert jl_min_dimension(10_000, 0.2) < jl_min_dimension(10_000, 0.1) < jl_min_dimension(100_000, 0.1)
    k = jl_min_dimension(5000, 0.3)
    assert 4 * np.log(5000) / (0.3 ** 2 / 2 - 0.3 ** 3 / 3) <= k < 4 * np.log(5000) / (0.3 ** 2 / 2 - 0.3 ** 3 / 3) + 1


@pytest.mark.parametrize("eps", [0, 1, -0.1, 1.5])
def test_jl_bound_rejects_eps_outside_0_1(eps):
    with pytest.raises(ValueError, match="eps"):
        jl_min_dimension(100, eps)


def test_distance_ratio_is_chi_square_over_k():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(2, 50))
    ratios = [distance_ratios(X, gaussian_projection(X, 8, rng), [(0, 1)])[0] for _ in range(4000)]
    assert np.mean(ratios) == pytest.approx(1.0, abs=0.03)
    assert np.std(ratios) == pytest.approx(0.5, rel=0.06)


def test_ratios_and_cosine_errors_on_known_maps():
    rng = np.random.default_rng(1)
    X = rng.normal(size=(20, 6))
    pairs = sample_pairs(20, 50, rng)
    assert np.all(pairs[:, 0] != pairs[:, 1])
    assert distance_ratios(X, 2 * X, pairs) == pytest.approx(4.0)
    Q, _ = np.linalg.qr(rng.normal(size=(6, 6)))                  # a rotation keeps everything
    assert distance_ratios(X, X @ Q, pairs) == pytest.approx(1.0)
    assert cosine_errors(X, X @ Q, pairs) == pytest.approx(0.0, abs=1e-12)


def test_projection_study_keeps_more_with_more_dimensions():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(400, 60)) @ rng.normal(size=(60, 60))
    study = projection_study(X, [2, 30, 300], rng, n_pairs=3000, n_queries=100)
    assert study.index.tolist() == [2, 30, 300]
    assert study["neighbour overlap"].is_monotonic_increasing
    assert study["ratio std"].is_monotonic_decreasing
    # one matrix R for all pairs: their ratios are correlated, so only large k follow sqrt(2/k) closely
    assert study["ratio std"].loc[[30, 300]].tolist() == pytest.approx(study["theory sqrt(2/k)"].loc[[30, 300]].tolist(),
                                                                     rel=0.25)
    assert (study["JL k for this ε"] == jl_min_dimension(400, 0.1)).all()
