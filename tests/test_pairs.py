"""Specifications of lib.text.pairs: fixed and dynamic context windows."""
import numpy as np
import pytest

from lib.text.corpus import toy_tokens
from lib.text.cooccurrence import cooccurrence_counts
from lib.text.pairs import pair_count, sentence_pairs, window_pairs, word_pairs


@pytest.mark.parametrize("window, expected", [(1, 16), (2, 30), (3, 42), (5, 60)])
def test_pair_counts_of_the_toy_sentence(window, expected):
    """The slide's counts for the 9-token sentence hold (16, 30, 42, 60)."""
    assert pair_count(9, window) == expected
    assert len(word_pairs(toy_tokens(), window)) == expected


def test_fixed_window_pairs_in_position_order():
    assert sentence_pairs([7, 8, 9], 1).tolist() == [[7, 8], [8, 7], [8, 9], [9, 8]]
    assert word_pairs(["a", "b", "c"], 2)[:2] == [("a", "b"), ("a", "c")]


def test_windows_never_cross_sentences():
    centers, contexts = window_pairs(np.array([0, 0, 0, 1, 1]), 2)
    assert list(zip(centers.tolist(), contexts.tolist())) == [
        (0, 1), (0, 2), (1, 0), (1, 2), (2, 0), (2, 1), (3, 4), (4, 3)]


def test_dynamic_window_keeps_distance_k_with_probability_w_minus_k_plus_1_over_w():
    centers, contexts = window_pairs(np.zeros(200_000, dtype=int), 5, np.random.default_rng(0))
    per_side = np.bincount(np.abs(centers - contexts))[1:] / 200_000 / 2
    assert per_side == pytest.approx([1.0, 0.8, 0.6, 0.4, 0.2], abs=0.01)


def test_dynamic_window_is_reproducible_by_seed():
    a = window_pairs(np.zeros(100, dtype=int), 3, np.random.default_rng(1))
    b = window_pairs(np.zeros(100, dtype=int), 3, np.random.default_rng(1))
    assert all(np.array_equal(x, y) for x, y in zip(a, b))


def test_window_must_be_positive():
    with pytest.raises(ValueError, match="window"):
        window_pairs(np.zeros(3, dtype=int), 0)


def test_cooccurrence_counts_are_symmetric_and_harmonic_weighted():
    X = cooccurrence_counts([0, 1, 2], [0, 0, 0], V=3, window=2, weighting="harmonic")
    assert np.allclose(X, X.T)
    assert X[0, 1] == 1.0 and X[0, 2] == 0.5
