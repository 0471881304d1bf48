"""Specifications of the step profile, the cost count, and chapter 15's figures and explorer."""
import numpy as np
import pandas as pd
import pytest

from lib.measure.cost_model import step_cost
from lib.figures.scaling import (plot_engine_speeds, plot_loss_per_epoch, plot_profile,
                                 plot_throughput_vs_batch)
from lib.measure.profiling import kernel_choices, pairs_per_second, random_batch, step_profile
from lib.widgets.scaling import cost_explorer


def test_step_cost_counts_the_softmax_and_negative_sampling_from_their_formulas():
    cost = step_cost(10_000, d=100, negative=5, batch=1024)
    assert cost["softmax_madds_per_pair"] == 2 * 10_000 * 100
    assert cost["ns_madds_per_pair"] == 2 * 6 * 100 + 100
    assert cost["speedup"] == pytest.approx(2_000_000 / 1_300)
    assert cost["ns_rows_per_batch"] == 1024 * 6 + 1024
    assert step_cost(100, batch=1024)["ns_rows_per_batch"] == 200        # never more rows than the tables have
    with pytest.raises(ValueError, match="positive"):
        step_cost(0)


def test_random_batch_has_the_documented_shapes_and_is_seeded():
    W_in, W_out, c, o, n = random_batch(V=50, d=4, batch=8, negative=3, seed=1)
    assert W_in.shape == W_out.shape == (50, 4) and c.shape == o.shape == (8,) and n.shape == (8, 3)
    assert (random_batch(V=50, d=4, batch=8, negative=3, seed=1)[0] == W_in).all()


def test_profile_lists_the_operations_of_a_step_with_shares_summing_to_one():
    table = step_profile(V=500, batch=64, steps=3)
    assert {"aten::index_select", "aten::index_add_"} <= set(table.index)
    assert table["share"].sum() == pytest.approx(1.0)
    assert table["ms_per_step"].is_monotonic_decreasing


def test_both_ways_of_each_kernel_give_the_same_result_and_are_timed():
    table = kernel_choices(V=500, batch=64, repeats=2)
    assert len(table) == 4 and table["same_result"].all() and (table["ms"] > 0).all()


def test_pairs_per_second_returns_one_positive_rate_per_batch_size():
    rates = pairs_per_second([16, 64], V=300, pairs=256, repeats=1)
    assert rates.shape == (2,) and (rates > 0).all()
    assert pairs_per_second([64], V=300, pairs=256, repeats=1, compiled=True) > 0
    assert pairs_per_second([64], V=300, pairs=256, repeats=1, compiled=True, threads=2) > 0


def test_figures_draw_what_they_are_given():
    fig, ax = plot_throughput_vs_batch([64, 1024], {"a": [1e5, 2e5], "b": [1e5, 3e5]})
    assert len(ax.lines) == 2 and ax.lines[1].get_ydata()[1] == pytest.approx(300)
    profile = pd.DataFrame({"ms_per_step": [2.0, 1.0], "share": [2 / 3, 1 / 3]}, index=["aten::mul", "aten::sum"])
    fig, ax = plot_profile(profile)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["sum", "mul"]
    fig, ax = plot_loss_per_epoch({"plain": [4.0, np.nan], "damped": [4.0, 3.0]})
    assert len(ax.lines) == 3                        # two curves and the cross of the diverged run
    table = pd.DataFrame({"tokens_per_s": [3e5, 6e4], "speed_ratio": [1.0, 0.2]}, index=["gensim-all", "torch-cpu"])
    fig, ax = plot_engine_speeds(table)
    assert any("0.20×" in t.get_text() for t in ax.texts)


def test_cost_explorer_shows_the_corpus_vocabulary_first():
    box = cost_explorer(V=10_000)
    box.widget
    assert "V = 10,000" in box.readout.value


def test_exercise_15_damping_reference_equals_the_engine():
    import torch

    from lib.grading.exercises.ex15 import _damping_loop
    from lib.skipgram.torch_engine import row_damping
    rows, curvature = np.array([0, 3, 3, 1, 3]), np.array([0.5, 1.0, 2.0, 0.1, 0.5])
    engine = row_damping(torch.from_numpy(rows), torch.from_numpy(curvature), 4, 0.3).numpy()
    assert _damping_loop(rows, curvature, 0.3) == pytest.approx(engine)
