"""Specifications of lib.measure.cost_model: timing steps and fitting power laws.

Worked example (``test_power_law_fit_recovers_exponent``): times 2, 20, 200
at V = 1, 10, 100 lie on t = 2 · V¹, so the fit returns p = 1 and a = 2.
"""
import numpy as np
import pytest

from lib.measure.cost_model import cost_table, fit_power_law, rows_touched, seconds_per_pair
from lib.measure.timing import best_time


def test_power_law_fit_recovers_exponent():
    assert fit_power_law([1, 10, 100], [2, 20, 200]) == pytest.approx((1.0, 2.0))
    p, a = fit_power_law([10, 100, 1000], [5, 5, 5])
    assert p == pytest.approx(0, abs=1e-12) and a == pytest.approx(5)
    with pytest.raises(ValueError):
        fit_power_law([1], [1])
    with pytest.raises(ValueError):
        fit_power_law([1, 0], [1, 1])


def test_best_time_is_the_minimum_of_positive_times():
    calls = []
    t = best_time(lambda: calls.append(1), repeats=3)
    assert len(calls) == 4 and t >= 0
    best_time(lambda: calls.append(1), repeats=3, warm_up=False)
    assert len(calls) == 7


@pytest.mark.parametrize("V", [50, 2000, 20_000])
def test_softmax_moves_every_output_row_and_negative_sampling_at_most_b_times_k_plus_1(V):
    assert rows_touched("softmax", V) == V
    touched = rows_touched("negative_sampling", V, batch=32, negative=5)
    assert 0 < touched <= min(V, 32 * 6)


def test_softmax_time_grows_with_V_and_negative_sampling_time_does_not():
    """A loose timing check (the machine may be busy): 250x more words must cost the softmax 3x more."""
    small = seconds_per_pair("softmax", 200, d=50, batch=64, repeats=3)
    large = seconds_per_pair("softmax", 50_000, d=50, batch=64, repeats=3)
    assert large > 3 * small
    ns_large = seconds_per_pair("negative_sampling", 50_000, d=50, batch=64, repeats=3)
    assert ns_large < large / 3


def test_cost_table_and_errors():
    table = cost_table([100, 200], ["negative_sampling"], progress=False, d=8, batch=16, repeats=1)
    assert list(table.columns) == ["V", "objective", "seconds_per_pair"] and len(table) == 2
    assert np.all(table["seconds_per_pair"] > 0)
    with pytest.raises(ValueError, match="objective"):
        seconds_per_pair("hierarchical", 10)
    with pytest.raises(ValueError, match="objective"):
        rows_touched("hierarchical", 10)
