"""Specifications of lib.vectors.geometry, against closed forms, scipy and simulation.

Worked example (``test_predicted_range_matches_simulation``): 1,000 Gaussian
points and a Gaussian query in 500 dimensions. Each distance is about
sqrt(1000) = 31.6 plus a normal wobble of standard deviation sqrt(3)/2 = 0.87,
and the expected range of 1,000 standard normals is 6.48, so (max − min)/mean
≈ 6.48 · 0.87 / 31.6 = 0.178, which the simulation reproduces within a few percent.
"""
import math

import numpy as np
import pytest
from scipy import special

from lib.vectors.geometry import (concentration_curve, data_concentration, expected_normal_range,
                                  inner_fraction, log10_factorial, predicted_range_over_mean, query_distances,
                                  radius_holding, sample_in_ball, slide_ratio_formula, spread,
                                  squared_distance_moment_ratio, stirling, unit_ball_volume, volume_peak)


def test_ball_volumes_of_low_dimensions():
    assert unit_ball_volume([1, 2, 3, 4, 5]) == pytest.approx(
        [2, np.pi, 4 * np.pi / 3, np.pi ** 2 / 2, 8 * np.pi ** 2 / 15])


def test_ball_volume_agrees_with_scipy_gamma_and_stays_finite():
    d = np.arange(1, 150)
    assert unit_ball_volume(d) == pytest.approx(np.pi ** (d / 2) / special.gamma(d / 2 + 1), rel=1e-10)
    assert 0 < unit_ball_volume(2000) < 1e-300 or unit_ball_volume(2000) == 0.0
    assert float(unit_ball_volume(100)) == pytest.approx(2.368e-40, rel=1e-3)


def test_volume_peaks_at_five():
    peak = volume_peak()
    assert peak["integer_d"] == 5 and peak["integer_volume"] == pytest.approx(5.263789, rel=1e-6)
    from scipy import optimize
    root = optimize.brentq(lambda d: special.digamma(d / 2 + 1) - np.log(np.pi), 1, 20)
    assert peak["real_d"] == pytest.approx(root, abs=1e-6)
    assert peak["real_volume"] > peak["integer_volume"]


def test_factorials_and_stirling():
    assert log10_factorial(50) == pytest.approx(math.log10(math.factorial(50)))
    assert 10 ** log10_factorial(50) == pytest.approx(3.0414e64, rel=1e-4)
    assert stirling(10) == pytest.approx(3598695.6, rel=1e-7)
    assert stirling(50) / math.factorial(50) == pytest.approx(1 - 1 / 600, abs=1e-4)


def test_inner_fraction_and_its_inverse():
    assert inner_fraction([10, 50, 100, 1000]) == pytest.approx([0.3487, 0.005154, 2.656e-5, 1.748e-46], rel=1e-3)
    assert 1 - inner_fraction(768, 0.99) == pytest.approx(0.999556, abs=1e-6)
    assert radius_holding(768, 1e-8) ** 768 == pytest.approx(1e-8)


def test_uniform_points_in_the_ball_fill_it_like_r_to_the_d():
    rng = np.random.default_rng(0)
    for d in [2, 10]:
        radii = np.linalg.norm(sample_in_ball(40_000, d, rng), axis=1)
        assert radii.max() < 1
        assert np.mean(radii < 0.9) == pytest.approx(0.9 ** d, abs=0.01)


def test_spread_example():
    s = spread([9.0, 10.0, 11.0])
    assert s["range_over_mean"] == pytest.approx(0.2)
    assert s["max_over_min"] == pytest.approx(11 / 9)
    assert s["min_over_mean"] == pytest.approx(0.9)
    assert s["within_10pct"] == 1.0 and s["max_deviation"] == pytest.approx(0.1)


def test_distances_have_mean_sqrt_2d():
    D = query_distances(5000, 400, np.random.default_rng(1))
    assert D.mean() == pytest.approx(np.sqrt(800), rel=0.05)
    assert D.std() == pytest.approx(np.sqrt(3) / 2, rel=0.25)


def test_slide_formula_is_the_moment_ratio_of_squared_distances():
    rng = np.random.default_rng(2)
    for d in [2, 10, 100]:
        assert squared_distance_moment_ratio(100_000, d, rng) == pytest.approx(slide_ratio_formula(d), rel=0.01)
    assert slide_ratio_formula(1e9) == pytest.approx(1.0)          # tends to 1, not 0


def test_expected_normal_range_known_values_and_simulation():
    assert expected_normal_range(2) == pytest.approx(2 / np.sqrt(np.pi))
    assert expected_normal_range(3) == pytest.approx(3 / np.sqrt(np.pi))
    samples = np.random.default_rng(3).normal(size=(2000, 1000))
    assert expected_normal_range(1000) == pytest.approx(np.ptp(samples, axis=1).mean(), rel=0.01)
    assert expected_normal_range(1) == 0.0


def test_predicted_range_matches_simulation():
    rng = np.random.default_rng(4)
    measured = np.mean([spread(query_distances(1000, 500, rng))["range_over_mean"] for _ in range(20)])
    assert measured == pytest.approx(float(predicted_range_over_mean(1000, 500)), rel=0.05)


def test_concentration_curve_falls_with_dimension():
    curve = concentration_curve([2, 20, 200], 300, 3, np.random.default_rng(5))
    assert curve.index.tolist() == [2, 20, 200]
    assert np.all(np.diff(curve["range_over_mean"]) < 0)
    assert {"predicted", "slide sqrt(1+2/d)", "within_10pct"} <= set(curve.columns)


def test_data_concentration_of_gaussian_points_matches_the_prediction():
    X = np.random.default_rng(6).normal(size=(1001, 300))
    result = data_concentration(X, 20, np.random.default_rng(7))
    assert result["range_over_mean"] == pytest.approx(float(predicted_range_over_mean(1000, 300)), rel=0.1)
