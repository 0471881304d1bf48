"""Specifications of lib.profiling: the measurements have the right form and the expected order."""
import numpy as np

from lib.profiling import median_seconds, rows_touched, softmax_vs_sampling_seconds, step_phases_seconds


def test_median_seconds_is_positive_and_small_for_trivial_work():
    assert 0 < median_seconds(lambda: None, repeats=3) < 0.01


def test_full_softmax_costs_more_per_pair_than_negative_sampling_at_large_V():
    timing = softmax_vs_sampling_seconds(V=20_000, d=50, B=128, repeats=1)
    assert timing["softmax"] > 3 * timing["negative_sampling"]


def test_step_phases_are_all_measured():
    phases = step_phases_seconds(V=1000, d=16, B=64, repeats=1)
    assert set(phases) == {"gather", "scores", "input gradient", "scatter"}
    assert all(t > 0 for t in phases.values())


def test_a_zipfian_noise_distribution_hits_one_row_many_times_per_batch():
    V = 5000
    zipf = 1 / np.arange(1, V + 1) ** 0.75
    uniform = rows_touched(V, B=8192, K=5)
    skewed = rows_touched(V, B=8192, K=5, probabilities=zipf / zipf.sum())
    assert skewed["busiest_row_hits"] > 20 * uniform["busiest_row_hits"]
