"""Specifications of lib.models.ppmi: smoothed PMI, PPMI, truncated SVD, and the shifted PMI skip-gram reaches.

Worked example (``test_ppmi_by_hand_on_three_words``): X = [[0, 4, 1], [4, 0, 1], [1, 1, 2]]
holds D = 14 pairs. With no smoothing (α = 1), PMI(0, 1) = log(4/14) − log(5/14) − log(5/14)
= log(4 · 14 / 25) = 0.806, kept; PMI(0, 2) = log(1 · 14 / 20) < 0, clipped to 0.
"""
import numpy as np
import pytest
import scipy.sparse as sp
from scipy.optimize import minimize_scalar

from lib.models.ppmi import context_distribution, pmi_cells, ppmi_matrix, shifted_pmi, svd_vectors

X3 = np.array([[0, 4, 1], [4, 0, 1], [1, 1, 2]], dtype=float)


def dense_ppmi(X, alpha, shift=1.0):
    """The textbook formula cell by cell, with Python loops."""
    D = X.sum()
    ctx = X.sum(axis=0) ** alpha
    ctx = ctx / ctx.sum()
    out = np.zeros_like(X)
    for w in range(len(X)):
        for c in range(len(X)):
            if X[w, c] > 0:
                pmi = np.log((X[w, c] / D) / ((X[w].sum() / D) * ctx[c]))
                out[w, c] = max(pmi - np.log(shift), 0.0)
    return out


def test_ppmi_by_hand_on_three_words():
    M = ppmi_matrix(X3, alpha=1.0).toarray()
    assert M[0, 1] == pytest.approx(np.log(4 * 14 / 25))
    assert M[0, 2] == 0 and M[2, 0] == 0                              # negative PMI clipped
    assert M[2, 2] == pytest.approx(np.log(2 * 14 / (4 * 4)))


@pytest.mark.parametrize("alpha, shift", [(1.0, 1.0), (0.75, 1.0), (0.75, 5.0), (0.5, 2.0)])
def test_ppmi_equals_the_formula_on_random_counts(alpha, shift):
    rng = np.random.default_rng(1)
    X = rng.poisson(2.0, size=(12, 12)).astype(float) * (rng.random((12, 12)) < 0.6)
    X = X + X.T
    assert np.allclose(ppmi_matrix(sp.csr_matrix(X), alpha, shift).toarray(), dense_ppmi(X, alpha, shift))


def test_ppmi_stores_only_positive_cells():
    M = ppmi_matrix(X3, alpha=0.75)
    assert M.nnz == 3 and np.all(M.data > 0)


def test_smoothing_gives_rare_contexts_more_probability_and_less_pmi():
    p1, p75 = context_distribution(X3, 1.0), context_distribution(X3, 0.75)
    assert context_distribution(np.array([[16.0, 1.0], [0.0, 0.0]]), 0.75) == pytest.approx([8 / 9, 1 / 9])
    rare = np.argmin(X3.sum(axis=0))
    assert p75[rare] > p1[rare] and p75.sum() == pytest.approx(1.0)
    rows, cols, _, pmi1 = pmi_cells(X3, 1.0)
    _, _, _, pmi75 = pmi_cells(X3, 0.75)
    to_rare = cols == rare
    assert np.all(pmi75[to_rare] < pmi1[to_rare])


def test_shift_lowers_every_pmi_by_log_k():
    plain, shifted = ppmi_matrix(X3, 1.0).toarray(), ppmi_matrix(X3, 1.0, shift=2.0).toarray()
    assert np.allclose(shifted, np.maximum(plain - np.log(2.0), 0) * (plain > 0))


def test_svd_of_a_symmetric_psd_matrix_rebuilds_its_best_rank_d_approximation():
    rng = np.random.default_rng(0)
    A = rng.normal(size=(30, 4))
    M = A @ A.T + 0.01 * np.eye(30)
    E, S = svd_vectors(sp.csr_matrix(M), dim=3, eig=0.5)
    full = np.linalg.svd(M, compute_uv=False)
    assert S == pytest.approx(full[:3], rel=1e-6)
    assert np.all(np.diff(S) <= 0)                                     # largest first
    U, s, Vt = np.linalg.svd(M)
    assert np.allclose(E @ E.T, (U[:, :3] * s[:3]) @ Vt[:3], atol=1e-8)


def test_svd_is_reproducible_and_eig_scales_columns():
    rng = np.random.default_rng(2)
    M = sp.random(40, 40, density=0.3, random_state=3)
    E1, S = svd_vectors(M, dim=5, eig=1.0, seed=4)
    E2, _ = svd_vectors(M, dim=5, eig=1.0, seed=4)
    E0, _ = svd_vectors(M, dim=5, eig=0.0, seed=4)
    assert np.array_equal(E1, E2)
    assert np.allclose(E1, E0 * S)
    assert np.allclose(E0.T @ E0, np.eye(5), atol=1e-8)                # U has orthonormal columns
    del rng


def test_shifted_pmi_is_where_the_skipgram_pair_loss_is_smallest():
    # Pair (w, c) seen n_wc times; k · n_w · P_n(c) negatives of c are drawn for w's pairs.
    X = np.array([[3.0, 10.0, 7.0], [10.0, 0.0, 5.0], [7.0, 5.0, 1.0]])
    noise = np.array([0.5, 0.3, 0.2])
    k = 5
    rows, cols, counts, spmi = shifted_pmi(sp.csr_matrix(X), noise, k)
    n_w = X.sum(axis=1)
    for w, c, n_wc, target in zip(rows, cols, counts, spmi):
        def loss(x):
            return -(n_wc * np.log(1 / (1 + np.exp(-x))) + k * n_w[w] * noise[c] * np.log(1 / (1 + np.exp(x))))
        best = minimize_scalar(loss, bounds=(-20, 20), method="bounded", options={"xatol": 1e-9}).x
        assert best == pytest.approx(target, abs=1e-5)


def test_shifted_pmi_example_of_the_docstring():
    X = sp.csr_matrix(np.array([[0.0, 10.0], [90.0, 0.0]]))
    _, _, _, spmi = shifted_pmi(X, np.array([0.99, 0.01]), k=5)
    assert spmi[0] == pytest.approx(np.log(10 / (5 * 10 * 0.01)))    # row 0: #(w) = 10, P_n(c=1) = 0.01


@pytest.mark.parametrize("call, message", [
    (lambda: ppmi_matrix(-X3), "negative counts"),
    (lambda: ppmi_matrix(np.zeros((3, 3))), "no counts"),
    (lambda: ppmi_matrix(X3, alpha=0.0), "alpha must lie in"),
    (lambda: ppmi_matrix(X3, shift=0.5), "at least 1"),
    (lambda: ppmi_matrix(np.ones((2, 3))), "square"),
    (lambda: svd_vectors(sp.eye(4), dim=4), "dim must satisfy"),
    (lambda: shifted_pmi(sp.eye(3), np.ones(3) / 3, k=0), "at least 1"),
])
def test_bad_input_is_refused_with_the_fix(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_counted_skipgram_learns_shifted_pmi_on_frequent_pairs():
    # 1,500 sentences of 12 words, each from one of four random topic mixtures, so PMI varies between pairs.
    from lib.skipgram import TrainingSettings
    from lib.skipgram.gensim_variants import train_counted_skipgram
    from lib.text import Vocabulary, corpus_cooccurrence
    rng = np.random.default_rng(0)
    words = [f"w{i}" for i in range(12)]
    topics = rng.dirichlet(np.full(12, 0.3), size=4)
    corpus = [list(rng.choice(words, size=12, p=topics[rng.integers(4)])) for _ in range(1500)]
    model = train_counted_skipgram(corpus, TrainingSettings(dim=12, window=2, negative=3, min_count=1, epochs=10))
    kept = list(model.wv.index_to_key)
    vocab = Vocabulary(kept, [model.wv.get_vecattr(w, "count") for w in kept])
    X = corpus_cooccurrence(corpus, vocab, window=2, weighting="uniform")
    noise = vocab.counts ** 0.75 / (vocab.counts ** 0.75).sum()
    rows, cols, counts, spmi = shifted_pmi(X, noise, k=3)
    dots = np.einsum("nd,nd->n", model.wv.vectors[rows], model.syn1neg[cols])
    frequent = counts >= 20
    assert frequent.sum() > 100 and spmi[frequent].std() > 0.5                 # a real spread to follow
    assert np.corrcoef(dots[frequent], spmi[frequent])[0, 1] > 0.95
    assert np.mean(np.abs(dots[frequent] - spmi[frequent])) < 0.25


def test_counted_skipgram_keeps_every_pair_and_a_fixed_window():
    from lib.skipgram import TrainingSettings
    from lib.skipgram.gensim_variants import train_counted_skipgram
    model = train_counted_skipgram([["a", "b", "c", "d"]] * 20, TrainingSettings(min_count=1, epochs=1, window=3))
    assert model.sample == 0 and model.shrink_windows is False and model.window == 3
    assert model.sg == 1 and model.hs == 0 and model.negative == 5 and model.workers == 1
