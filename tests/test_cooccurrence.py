"""Specifications of lib.text.cooccurrence: sparse co-occurrence counts and GloVe's probability ratios.

Worked example (``test_toy_sentence_counts``): in "a b c" with window 2 and
harmonic weighting, b is 1 word from a (adds 1) and c is 2 words away (adds
1/2), so X[a, b] = 1 and X[a, c] = 0.5; X is symmetric, so X[c, a] = 0.5 too.
"""
import numpy as np
import pytest
import scipy.sparse as sp

from lib.text.cooccurrence import (conditional_probability, cooccurrence_matrix, corpus_cooccurrence,
                                   distance_weight, ratio_table)
from lib.text.cooccurrence import cooccurrence_counts
from lib.text.vocabulary import Vocabulary


def test_toy_sentence_counts():
    X = cooccurrence_matrix(np.array([0, 1, 2]), np.zeros(3, int), V=3, window=2)
    assert sp.issparse(X)
    assert X.toarray().tolist() == [[0, 1, 0.5], [1, 0, 1], [0.5, 1, 0]]


@pytest.mark.parametrize("window", [1, 2, 5, 10])
@pytest.mark.parametrize("weighting", ["harmonic", "uniform"])
def test_sparse_counts_equal_the_dense_reference(window, weighting):
    """lib.text.cooccurrence.cooccurrence_counts (dense, pair by pair) is the trusted reference."""
    rng = np.random.default_rng(window)
    ids = rng.integers(0, 30, size=400)
    sentence_of = np.sort(rng.integers(0, 12, size=400))          # 12 sentences of random lengths
    dense = cooccurrence_counts(ids, sentence_of, 30, window, weighting)
    sparse = cooccurrence_matrix(ids, sentence_of, 30, window, weighting)
    assert np.allclose(sparse.toarray(), dense)
    assert np.allclose(sparse.toarray(), sparse.toarray().T)


def test_windows_stop_at_sentence_ends():
    X = cooccurrence_matrix(np.array([0, 1, 2, 3]), np.array([0, 0, 1, 1]), V=4, window=3)
    assert X[1, 2] == 0 and X[0, 3] == 0 and X[0, 1] == 1 and X[2, 3] == 1


def test_total_weight_of_a_long_sentence():
    """A sentence of n tokens has n − k pairs at distance k, each counted in both directions."""
    n, w = 50, 4
    X = cooccurrence_matrix(np.zeros(n, int), np.zeros(n, int), V=1, window=w)
    assert X[0, 0] == pytest.approx(2 * sum((n - k) / k for k in range(1, w + 1)))


def test_corpus_counts_drop_unknown_words_before_windowing():
    vocab = Vocabulary(["a", "b"], [2, 1])
    X = corpus_cooccurrence([["a", "x", "b", "a"]], vocab, window=1)
    assert X.toarray().tolist() == [[0, 2], [2, 0]]


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError, match="window"):
        cooccurrence_matrix([0, 1], [0, 0], V=2, window=0)
    with pytest.raises(ValueError, match="shape"):
        cooccurrence_matrix([0, 1], [0], V=2)
    with pytest.raises(ValueError, match="weighting"):
        distance_weight(2, "gaussian")
    assert distance_weight(4) == 0.25 and distance_weight(4, "uniform") == 1.0


def test_conditional_probabilities_sum_to_one_and_empty_rows_raise():
    X = sp.csr_matrix(np.array([[0, 3, 1], [3, 0, 0], [1, 0, 0.0]]))
    assert conditional_probability(X, 0, np.arange(3)).sum() == pytest.approx(1)
    assert conditional_probability(X, 0, 1) == pytest.approx(0.75)
    assert conditional_probability(X.toarray(), 0, 1) == pytest.approx(0.75)
    with pytest.raises(ValueError, match="empty"):
        conditional_probability(sp.csr_matrix((2, 2)), 0, 1)


def test_ratio_table_by_hand():
    vocab = Vocabulary(["ice", "steam", "solid", "gas", "fashion"], [5, 4, 3, 2, 1])
    X = np.zeros((5, 5))
    X[0, [2, 3]] = [8, 2]            # ice: solid 8, gas 2          → P = 0.8, 0.2
    X[1, [2, 3]] = [1, 4]            # steam: solid 1, gas 4        → P = 0.2, 0.8
    table = ratio_table(sp.csr_matrix(X), vocab, "ice", "steam", ["solid", "gas", "fashion"])
    ratio = table["P(k|ice) / P(k|steam)"]
    assert ratio["solid"] == pytest.approx(4.0) and ratio["gas"] == pytest.approx(0.25)
    assert np.isnan(ratio["fashion"])                             # 0 / 0: no evidence either way
    assert table["X(ice, k)"].tolist() == [8, 2, 0]
    with pytest.raises(KeyError, match="unicorn"):
        ratio_table(sp.csr_matrix(X), vocab, "ice", "unicorn", ["solid"])
