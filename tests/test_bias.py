"""Measuring bias: a direction from pairs, projections, WEAT, neutralising, and the figures that show them."""
import math

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from lib.figures.bias import plot_debiased_map, plot_leanings, plot_weat_nulls  # noqa: E402
from lib.vectors.bias import (bootstrap_projections, leaning_intervals, most_leaning, neighbour_recovery,  # noqa: E402
                              neutralise, pair_direction, pair_vectors, projection_on, random_pair_share)
from lib.vectors.association_test import association, weat, weat_words  # noqa: E402

RNG = np.random.default_rng(0)


def planted(n_pairs=8, d=30, strength=2.0, seed=0):
    """Pairs that differ along the first axis by ``strength`` plus noise: the direction to find is e_0."""
    rng = np.random.default_rng(seed)
    base = rng.normal(size=(n_pairs, d)) * 3
    shift = np.zeros(d)
    shift[0] = strength
    return base + shift + rng.normal(size=(n_pairs, d)) * 0.1, base - shift + rng.normal(size=(n_pairs, d)) * 0.1


# ----------------------------------------------------------------------------- the direction

def test_the_direction_of_planted_pairs_is_the_planted_axis_and_points_to_the_a_side():
    A, B = planted()
    for method in ["pca", "mean"]:
        g, share = pair_direction(A, B, method=method)
        assert np.isclose(np.linalg.norm(g), 1) and g[0] > 0.95, method
        assert share > 0.9


def test_one_pair_is_all_along_its_own_difference_and_swapping_sides_flips_the_sign():
    g, share = pair_direction([[1.0, 1.0]], [[1.0, -1.0]])
    assert np.allclose(g, [0, 1]) and share == pytest.approx(1.0)
    assert np.allclose(pair_direction([[1.0, -1.0]], [[1.0, 1.0]])[0], [0, -1])


def test_random_pairs_share_much_less_than_planted_ones():
    E = RNG.normal(size=(500, 30))
    chance = random_pair_share(E, n_pairs=8, n_draws=50, seed=1)
    assert chance.shape == (50,) and np.percentile(chance, 95) < pair_direction(*planted())[1]
    assert np.array_equal(chance, random_pair_share(E, n_pairs=8, n_draws=50, seed=1))   # same seed, same numbers


def test_pair_vectors_keeps_only_pairs_the_vocabulary_has_and_says_when_none_is_left():
    vectors = {"he": np.ones(2), "she": -np.ones(2), "man": np.ones(2)}
    A, B, kept = pair_vectors(vectors, [("he", "she"), ("man", "woman")])
    assert kept == [("he", "she")] and A.shape == B.shape == (1, 2)
    with pytest.raises(ValueError, match="none of the pairs"):
        pair_vectors(vectors, [("king", "queen")])


def test_unknown_method_is_refused_by_name():
    with pytest.raises(ValueError, match="'pca' or 'mean'"):
        pair_direction(*planted(), method="median")


# ----------------------------------------------------------------------------- projections and intervals

def test_projection_is_the_cosine_whatever_the_lengths():
    assert np.allclose(projection_on([[3.0, 4.0], [-6.0, 0.0]], [0.0, 10.0]), [0.8, 0.0])


def test_bootstrap_intervals_contain_the_value_and_narrow_when_the_pairs_agree():
    A, B = planted(strength=2.0)
    E = RNG.normal(size=(5, 30)) + np.eye(30)[0] * 2
    draws = bootstrap_projections(A, B, E, n_boot=200, seed=3)
    assert draws.shape == (200, 5)
    vectors = {f"w{i}": row for i, row in enumerate(E)}
    tight = leaning_intervals(vectors, A, B, list(vectors), n_boot=200)
    loose = leaning_intervals(vectors, *planted(strength=0.05), list(vectors), n_boot=200)
    for word, (value, low, high) in tight.items():
        assert low <= value <= high
    width = lambda table: np.mean([hi - lo for _, lo, hi in table.values()])
    assert width(tight) < width(loose)


def test_most_leaning_takes_each_side_furthest_first_and_skips_what_it_is_told():
    a_side, b_side = most_leaning([0.3, -0.2, 0.1, -0.4, 0.5], 2, skip=[4])
    assert a_side.tolist() == [0, 2] and b_side.tolist() == [3, 1]
    with pytest.raises(ValueError, match="only 1 words are left"):
        most_leaning([0.3, -0.2], 1, skip=[0])


# ----------------------------------------------------------------------------- WEAT

def test_association_is_mean_cosine_to_a_minus_mean_cosine_to_b():
    assert np.allclose(association([[1.0, 0.0], [0.0, 2.0]], [[1.0, 0.0]], [[0.0, 1.0]]), [1.0, -1.0])


def test_weat_finds_a_planted_association_and_not_an_absent_one():
    A, B = RNG.normal(size=(6, 20)), RNG.normal(size=(6, 20))
    X = A.mean(axis=0) + RNG.normal(size=(6, 20)) * 0.5
    Y = B.mean(axis=0) + RNG.normal(size=(6, 20)) * 0.5
    found = weat(X, Y, A, B)
    assert found.exact and len(found.null) == math.comb(12, 6)
    assert found.effect_size > 1.5 and found.p_value < 0.01
    swapped = weat(Y, X, A, B)
    assert swapped.effect_size == pytest.approx(-found.effect_size) and swapped.p_value > 0.99
    absent = weat(RNG.normal(size=(6, 20)), RNG.normal(size=(6, 20)), A, B)
    assert absent.p_value > 0.01


def test_weat_effect_size_uses_the_sample_standard_deviation_over_both_sets():
    X, Y, A, B = (RNG.normal(size=(4, 8)) for _ in range(4))
    s = association(np.vstack([X, Y]), A, B)
    assert weat(X, Y, A, B).effect_size == pytest.approx((s[:4].mean() - s[4:].mean()) / s.std(ddof=1))


def test_weat_samples_the_splits_when_there_are_too_many_and_repeats_with_its_seed():
    X, Y, A, B = (RNG.normal(size=(10, 8)) for _ in range(4))
    first, again = weat(X, Y, A, B, n_permutations=500, seed=4), weat(X, Y, A, B, n_permutations=500, seed=4)
    assert not first.exact and len(first.null) == 500 and first.p_value == again.p_value
    assert 0 < first.p_value <= 1


def test_weat_refuses_target_sets_of_different_sizes():
    with pytest.raises(ValueError, match="same size"):
        weat(np.ones((3, 2)), np.ones((2, 2)), np.ones((1, 2)), np.ones((1, 2)))


def test_weat_words_cuts_the_targets_to_equal_length_and_explains_a_vocabulary_too_small():
    sets = {"X": ["a", "b", "c"], "Y": ["d", "e", "zz"], "A": ["f"], "B": ["g"]}
    assert weat_words(set("abcdefg"), sets) == {"X": ["a", "b"], "Y": ["d", "e"], "A": ["f"], "B": ["g"]}
    with pytest.raises(ValueError, match="too few WEAT words"):
        weat_words({"a", "d", "f", "g"}, sets)


# ----------------------------------------------------------------------------- neutralising

def test_neutralised_rows_are_unit_and_orthogonal_to_the_direction():
    E, g = RNG.normal(size=(6, 10)) * 4, RNG.normal(size=10)
    after = neutralise(E, g)
    assert np.allclose(np.linalg.norm(after, axis=1), 1) and np.allclose(projection_on(after, g), 0)


def test_neutralising_leaves_the_neighbours_when_the_groups_differ_in_other_directions_too():
    """Worked example: two groups apart along g *and* along a second axis. Removing g leaves the second
    axis, so each word's neighbours are still from its own group (Gonen and Goldberg's finding)."""
    d, n = 12, 20
    g, other = np.eye(d)[0], np.eye(d)[1]
    side = np.repeat([True, False], n)
    E = RNG.normal(size=(2 * n, d)) * 0.3 + np.where(side[:, None], 1, -1) * (g + other)
    assert neighbour_recovery(E, side) == 1.0
    assert neighbour_recovery(neutralise(E, g), side) > 0.9
    only_g = RNG.normal(size=(2 * n, d)) * 0.3 + np.where(side[:, None], 1, -1) * g * 3
    assert neighbour_recovery(neutralise(only_g, g), side) < 0.8      # nothing else told the groups apart


def test_neighbour_recovery_needs_an_odd_k():
    with pytest.raises(ValueError, match="odd"):
        neighbour_recovery(np.eye(4), [True, True, False, False], k=2)


# ----------------------------------------------------------------------------- figures

def test_figures_draw_one_row_per_word_one_histogram_per_model_and_two_maps():
    leanings = {"m1": {"a": (0.1, 0.0, 0.2), "b": (-0.1, -0.2, 0.0)}, "m2": {"a": (0.2, 0.1, 0.3)}}
    fig, ax = plot_leanings(leanings)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["b", "a"]
    X, Y, A, B = (RNG.normal(size=(4, 6)) for _ in range(4))
    fig, axes = plot_weat_nulls({"one": weat(X, Y, A, B), "two": weat(Y, X, A, B)})
    assert len(axes) == 2 and "d = " in axes[0].get_title()
    E = RNG.normal(size=(10, 5))
    fig, axes = plot_debiased_map(E, neutralise(E, np.eye(5)[0]), np.arange(10) < 5)
    assert len(axes) == 2 and len(axes[0].collections) == 2
