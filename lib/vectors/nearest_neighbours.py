"""Exact nearest neighbours by cosine or by Euclidean distance, and how much two neighbour lists agree.

For unit vectors the two searches are the same search:
``‖a − b‖² = 2 − 2 cos(a, b)``, so ordering by distance is ordering by cosine.
For raw trained vectors they differ, because a vector's length carries
information (it grows with a word's frequency, up to a point), and Euclidean
search prefers neighbours of similar length.

Simplified on purpose: brute force, one (q, n) matrix per search; fine for the
vocabularies of this course (about 10,000 words).
"""
from __future__ import annotations

import numpy as np

from lib.vectors.similarity import normalize_rows


def neighbours(X, queries, topn: int = 10, metric: str = "cosine") -> np.ndarray:
    """Indices of the ``topn`` nearest rows of X (n, d) to each query row, best first, shape (q, topn).

    Parameters
    ----------
    X : ndarray, shape (n, d)
    queries : array of int, shape (q,) — row indices; a row is never its own neighbour.
    metric : ``"cosine"`` (largest cosine) or ``"euclidean"`` (smallest distance).

    Example: rows [1, 0], [0.9, 0.1], [-1, 0] with query 0 → ``[[1, 2]]``.
    """
    X = np.asarray(X, dtype=float)
    queries = np.asarray(queries)
    if metric == "cosine":
        U = normalize_rows(X)
        score = U[queries] @ U.T                                          # (q, n), higher = nearer
    elif metric == "euclidean":
        sq = np.sum(X ** 2, axis=1)
        score = -(sq[queries][:, None] - 2 * X[queries] @ X.T + sq[None, :])  # minus squared distance
    else:
        raise ValueError(f"metric must be 'cosine' or 'euclidean', got {metric!r}")
    score[np.arange(len(queries)), queries] = -np.inf
    top = np.argpartition(-score, topn, axis=1)[:, :topn]
    order = np.argsort(-np.take_along_axis(score, top, axis=1), axis=1, kind="stable")
    return np.take_along_axis(top, order, axis=1)


def neighbour_overlap(A, B) -> float:
    """Mean share of neighbours that two lists of neighbour sets have in common (order ignored).

    Parameters
    ----------
    A, B : array of int, shape (q, k) — e.g. from :func:`neighbours`.

    Example: ``neighbour_overlap([[1, 2]], [[2, 3]])`` → 0.5.
    """
    A, B = np.asarray(A), np.asarray(B)
    return float(np.mean([len(set(a) & set(b)) / len(a) for a, b in zip(A, B)]))


def norm_frequency_correlation(kv) -> float:
    """Spearman correlation between each word's vector length and its corpus count.

    Needs the ``count`` attribute that the course's KeyedVectors carry.
    Example: → about 0.3 for vectors whose frequent words are longer.
    """
    from scipy.stats import spearmanr
    counts = np.array([kv.get_vecattr(w, "count") for w in kv.index_to_key])
    return float(spearmanr(np.linalg.norm(kv.vectors, axis=1), counts).statistic)
