"""Word–word co-occurrence counts for a real vocabulary, stored sparse, and GloVe's probability ratios.

Notation (slides, "GloVe: Global Vectors Mathematical Framework"):

* ``X[i, j]`` — X_ij, how often word j appears in the context of word i;
* ``X_i = Σ_k X_ik`` — the row sum;
* ``P(k | i) = X_ik / X_i`` — P_ik, the probability that k appears near i;
* the ratio ``P_ik / P_jk`` — what GloVe's vectors are built to reproduce.

The dense V × V matrix of :func:`lib.text.cooccurrence.cooccurrence_counts` is fine for a
toy sentence but not for a corpus: at V = 10,000 it holds 10⁸ numbers (800 MB),
of which a few per cent are non-zero. Here the same counts are accumulated one
window offset at a time into a SciPy sparse matrix.

Simplified on purpose: windows are symmetric and stop at sentence ends, and a
pair at distance k adds 1/k (``'harmonic'``, as GloVe does) or 1 (``'uniform'``);
out-of-vocabulary tokens are removed before the windows are taken, as word2vec does.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from lib.text.pairs import window_pairs

WEIGHTINGS = ("harmonic", "uniform")


def distance_weight(k: int, weighting: str = "harmonic") -> float:
    """What one pair at distance k adds to X: 1/k (``'harmonic'``) or 1 (``'uniform'``).

    Example: ``distance_weight(4)`` → 0.25; ``distance_weight(4, 'uniform')`` → 1.0.
    """
    if weighting not in WEIGHTINGS:
        raise ValueError(f"weighting must be one of {WEIGHTINGS}, got {weighting!r}")
    return 1.0 / k if weighting == "harmonic" else 1.0


# ----------------------------------------------------------------------------
# Counting
# ----------------------------------------------------------------------------

def cooccurrence_matrix(ids, sentence_of, V: int, window: int = 10,
                        weighting: str = "harmonic") -> sp.csr_matrix:
    """Sparse co-occurrence matrix X, shape (V, V), symmetric.

    Parameters
    ----------
    ids : ndarray of int, shape (N,)
        Word ids of the corpus laid end to end.
    sentence_of : ndarray of int, shape (N,)
        Sentence number of each token; windows never cross a sentence boundary.
    V : int
        Vocabulary size.
    window : int
        Largest distance w counted (GloVe's default is 10).
    weighting : ``'harmonic'`` or ``'uniform'``
        A pair at distance k adds 1/k or 1.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (V, V), float64
        ``X[i, j]`` = Σ over the occurrences of j within ``window`` of an occurrence of i
        of the pair's weight. Equal to :func:`lib.text.cooccurrence.cooccurrence_counts` (dense).

    Example: ids ``[0, 1, 2]`` in one sentence, w = 2 → X[0, 1] = 1, X[0, 2] = 0.5.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    ids, sent = np.asarray(ids), np.asarray(sentence_of)
    if ids.shape != sent.shape:
        raise ValueError(f"ids and sentence_of differ in shape: {ids.shape} vs {sent.shape}")
    X = sp.csr_matrix((V, V))
    for k in range(1, min(window, max(len(ids) - 1, 0)) + 1):
        same = sent[:-k] == sent[k:]                        # (N − k,): both tokens in one sentence
        left, right = ids[:-k][same], ids[k:][same]
        weights = np.full(len(left), distance_weight(k, weighting))
        # One offset at a time: duplicates are summed when converting, so memory stays O(nnz + N).
        X = X + sp.coo_matrix((weights, (left, right)), shape=(V, V)).tocsr()
    return (X + X.T).tocsr()                                # the pair (j, i) counts as (i, j)


def corpus_cooccurrence(sentences, vocab, window: int = 10, weighting: str = "harmonic") -> sp.csr_matrix:
    """:func:`cooccurrence_matrix` of a tokenised corpus over ``vocab`` (a :class:`lib.text.vocabulary.Vocabulary`).

    Example: vocabulary ``['a', 'b']``, ``[['a', 'b', 'a']]``, w = 1 → ``[[0, 2], [2, 0]]``.
    """
    ids, sentence_of = vocab.encode_corpus(sentences)
    return cooccurrence_matrix(ids, sentence_of, len(vocab), window, weighting)


# ----------------------------------------------------------------------------
# Probabilities and ratios
# ----------------------------------------------------------------------------

def conditional_probability(X, i: int, k) -> np.ndarray:
    """P(k | i) = X_ik / X_i for one row i and one or more columns k.

    Parameters
    ----------
    X : sparse or dense matrix, shape (V, V)
    i : int
        The conditioning word.
    k : int or array of int, shape (K,)

    Returns
    -------
    ndarray, shape (K,) (or a 0-d array for an int k)

    Example: X = ``[[0, 3, 1], …]`` → P(1 | 0) = 0.75.
    """
    row = np.asarray(X[i].toarray()).ravel() if sp.issparse(X) else np.asarray(X[i], dtype=float)
    total = row.sum()
    if total == 0:
        raise ValueError(f"row {i} of X is empty: the word never co-occurs with anything")
    return row[np.asarray(k)] / total


def ratio_table(X, vocab, word_i: str, word_j: str, probes) -> "pandas.DataFrame":
    """The slide's P_ik / P_jk for probe words k, with the counts behind each probability.

    Parameters
    ----------
    X : sparse matrix, shape (V, V)
    vocab : lib.text.vocabulary.Vocabulary
    word_i, word_j : str
        The two words compared (the paper's "ice" and "steam").
    probes : list of str
        The probe words k (the paper's "solid", "gas", "water", "fashion").

    Returns
    -------
    pandas.DataFrame, one row per probe: ``X_ik``, ``X_jk``, ``P(k|i)``, ``P(k|j)``, ``ratio``
    (``inf`` where X_jk = 0, ``nan`` where both are 0). Raises a helpful KeyError for an unknown word.

    Example: ``ratio_table(X, vocab, "ice", "water", ["snow"])`` → one row for k = snow.
    """
    import pandas as pd
    i, j = vocab.id(word_i), vocab.id(word_j)
    ks = np.array([vocab.id(w) for w in probes], dtype=np.int64)
    counts = X[[i, j]][:, ks] if sp.issparse(X) else np.asarray(X)[[i, j]][:, ks]
    counts = np.asarray(counts.todense() if sp.issparse(counts) else counts, dtype=np.float64)
    p_i, p_j = conditional_probability(X, i, ks), conditional_probability(X, j, ks)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = p_i / p_j
    return pd.DataFrame({f"X({word_i}, k)": counts[0], f"X({word_j}, k)": counts[1],
                         f"P(k|{word_i})": p_i, f"P(k|{word_j})": p_j,
                         f"P(k|{word_i}) / P(k|{word_j})": ratio},
                        index=pd.Index(list(probes), name="k"))


def cooccurrence_counts(token_ids, sentence_of, V: int, window: int, weighting: str = "uniform") -> np.ndarray:
    """Dense V × V co-occurrence matrix X with X[i, j] = weighted count of j within the window of i.

    ``weighting='uniform'`` counts every pair once; ``'harmonic'`` counts a pair at
    distance k as 1/k (GloVe's weighting). Example: ids ``[0, 1]``, w = 1 → ``[[0, 1], [1, 0]]``.
    """
    ids = np.asarray(token_ids)
    c, o = window_pairs(np.asarray(sentence_of), window)
    weights = np.ones(len(c)) if weighting == "uniform" else 1.0 / np.abs(c - o)
    X = np.zeros((V, V))
    np.add.at(X, (ids[c], ids[o]), weights)
    return X
