"""Count-based word vectors: PMI, positive PMI with context-distribution smoothing, and truncated SVD.

Notation (Levy, Goldberg & Dagan, 2015; Levy & Goldberg, 2014):

* ``X[w, c]`` — #(w, c), how often context word c occurs in the window of word w;
* ``D = Σ X`` — the number of (w, c) pairs; ``#(w) = Σ_c X[w, c]`` — the row sum;
* ``P_α(c) = #(c)^α / Σ_c' #(c')^α`` — the smoothed context distribution (α = 0.75,
  the exponent of word2vec's noise distribution; α = 1 is no smoothing);
* ``PMI_α(w, c) = log( #(w, c) · D / (#(w) · D · P_α(c)) ) = log( P(w, c) / (P(w) · P_α(c)) )``;
* ``SPPMI_k(w, c) = max(PMI_α(w, c) − log k, 0)`` — shifted positive PMI; k = 1 is plain PPMI.

Skip-gram with negative sampling (k negatives drawn from P_α) has its optimum, for
each pair seen in the corpus and with enough dimensions, at ``w · c = PMI_α(w, c) − log k``
(Levy & Goldberg, 2014): :func:`shifted_pmi` computes the right-hand side.

Simplified on purpose: cells with #(w, c) = 0 have PMI −∞ and are left out (they
are zero in PPMI, as in every count-based recipe); the SVD is PROPACK's, via
``scipy.sparse.linalg.svds``, which touches only the non-zero cells, so V can be tens of thousands.
"""
from __future__ import annotations

import numpy as np
import scipy.sparse as sp


def context_distribution(X, alpha: float = 0.75) -> np.ndarray:
    """The smoothed context distribution P_α(c) ∝ #(c)^α from the column sums of X, shape (V,).

    Parameters
    ----------
    X : sparse or dense matrix, shape (V, V) — counts #(w, c).
    alpha : float — the smoothing exponent α (1 = none, 0.75 = word2vec's).

    Returns
    -------
    ndarray of float64, shape (V,), summing to 1 (columns with no count get 0).

    Example: column sums ``[16, 1]``, α = 0.75 → ``[8/9, 1/9]``; α = 1 → ``[16/17, 1/17]``.
    """
    if not 0 < alpha <= 1:
        raise ValueError(f"alpha must lie in (0, 1] (0.75 smooths as word2vec does, 1 does not), got {alpha}")
    column = np.asarray(X.sum(axis=0), dtype=np.float64).ravel()
    if column.sum() <= 0:
        raise ValueError("X holds no counts: every cell is zero; count co-occurrences on a non-empty corpus first")
    weights = column ** alpha
    return weights / weights.sum()


def pmi_cells(X, alpha: float = 0.75, context_p=None):
    """PMI_α(w, c) of every non-zero cell of X.

    Parameters
    ----------
    X : sparse or dense matrix, shape (V, V) — non-negative counts #(w, c).
    alpha : float — smoothing exponent of the context distribution.
    context_p : ndarray, shape (V,), optional — a context distribution to use instead of
        :func:`context_distribution` (e.g. word2vec's noise distribution from the vocabulary counts).

    Returns
    -------
    rows, cols : ndarray of int, shape (nnz,) — the cells (w, c) with #(w, c) > 0.
    counts : ndarray, shape (nnz,) — #(w, c).
    pmi : ndarray, shape (nnz,) — ``log(#(w, c) / D) − log(#(w) / D) − log P_α(c)``.

    Example: X = ``[[0, 2], [2, 0]]``, α = 1 → both cells have PMI log(2/4) − log(2/4) − log(1/2) = log 2.
    """
    X = sp.coo_matrix(X)
    if X.shape[0] != X.shape[1]:
        raise ValueError(f"X must be square (V, V), got shape {X.shape}")
    if X.nnz and X.data.min() < 0:
        raise ValueError("X holds negative counts; pass co-occurrence counts, which are ≥ 0")
    keep = X.data > 0
    rows, cols, counts = X.row[keep], X.col[keep], X.data[keep].astype(np.float64)
    total = counts.sum()
    p_c = context_distribution(X, alpha) if context_p is None else np.asarray(context_p, dtype=np.float64)
    if p_c.shape != (X.shape[0],):
        raise ValueError(f"context_p must have shape ({X.shape[0]},), got {p_c.shape}")
    row_sums = np.bincount(rows, weights=counts, minlength=X.shape[0])
    pmi = np.log(counts / total) - np.log(row_sums[rows] / total) - np.log(p_c[cols])
    return rows, cols, counts, pmi


def ppmi_matrix(X, alpha: float = 0.75, shift: float = 1.0) -> sp.csr_matrix:
    """Shifted positive PMI, ``max(PMI_α(w, c) − log shift, 0)``, as a sparse matrix of shape (V, V).

    Parameters
    ----------
    X : sparse or dense matrix, shape (V, V) — counts #(w, c).
    alpha : float — context-distribution smoothing (0.75; 1 for none).
    shift : float — k of SPPMI_k; 1 (no shift) gives PPMI.

    Returns
    -------
    scipy.sparse.csr_matrix, shape (V, V), float64 — only the positive cells are stored.

    Example: ``ppmi_matrix(np.array([[0, 4, 1], [4, 0, 1], [1, 1, 2]]), alpha=1).toarray()``
    → ``[[0, 0.81, 0], [0.81, 0, 0], [0, 0, 0.56]]`` (rounded; the cells with 1 are below chance, so 0).
    """
    if shift < 1:
        raise ValueError(f"shift is the k of SPPMI_k, at least 1 (1 = plain PPMI), got {shift}")
    rows, cols, _, pmi = pmi_cells(X, alpha)
    value = pmi - np.log(shift)
    keep = value > 0
    V = X.shape[0]
    return sp.csr_matrix((value[keep], (rows[keep], cols[keep])), shape=(V, V))


def svd_vectors(M, dim: int = 100, eig: float = 0.5, seed: int = 0):
    """Word vectors from a truncated SVD ``M ≈ U_d Σ_d V_dᵀ``: the rows of ``U_d Σ_d^eig``.

    Parameters
    ----------
    M : sparse matrix, shape (V, V) — e.g. :func:`ppmi_matrix`.
    dim : int — d, the number of singular triplets kept (d < V).
    eig : float — exponent p of Σ^p: 1 keeps the singular values, 0.5 (the usual choice,
        Levy, Goldberg & Dagan 2015) splits them between words and contexts, 0 drops them.
    seed : int — seeds the solver's starting vector, so the result is reproducible.

    Returns
    -------
    vectors : ndarray, shape (V, d) — row w is word w's vector, columns by decreasing singular value.
    singular_values : ndarray, shape (d,) — σ_1 ≥ … ≥ σ_d.

    Example: ``svd_vectors(ppmi_matrix(X), dim=2)`` on a 5 × 5 X → a (5, 2) array and two σ's.
    """
    from scipy.sparse.linalg import svds
    V = min(M.shape)
    if not 1 <= dim < V:
        raise ValueError(f"dim must satisfy 1 ≤ dim < V = {V} (svds needs fewer triplets than rows), got {dim}")
    # PROPACK's Lanczos bidiagonalisation: on the course's PPMI matrices about ten times faster than ARPACK.
    U, S, _ = svds(sp.csr_matrix(M, dtype=np.float64), k=dim, solver="propack", random_state=seed)
    order = np.argsort(-S)
    U, S = U[:, order], S[order]
    U = U * np.where(U[np.abs(U).argmax(axis=0), range(dim)] < 0, -1.0, 1.0)   # a fixed sign per column
    return U * S ** eig, S


def shifted_pmi(X, noise, k: int):
    """The value ``PMI(w, c) − log k`` that skip-gram with k negatives drawn from ``noise`` reaches at its optimum.

    Levy & Goldberg (2014): with #(w, c) pairs seen and k · #(w) · P_n(c) negatives drawn
    for them, the loss of the one number ``x = w · c`` is minimised at
    ``x = log( #(w, c) / (k · #(w) · P_n(c)) )``, which is PMI with context distribution P_n, minus log k.

    Parameters
    ----------
    X : sparse matrix, shape (V, V) — the (center, context) pair counts skip-gram trains on
        (same window, no distance weighting, no subsampling).
    noise : ndarray, shape (V,) — the noise distribution P_n(c), e.g. counts^0.75 normalised.
    k : int — negatives per pair.

    Returns
    -------
    rows, cols, counts, spmi : ndarrays of shape (nnz,) — as :func:`pmi_cells`, with the shift applied.

    Example: a pair with #(w, c) = 10, #(w) = 100, P_n(c) = 0.01 and k = 5 → log(10 / 5) = 0.693.
    """
    if k < 1:
        raise ValueError(f"k (negatives per pair) must be at least 1, got {k}")
    rows, cols, counts, pmi = pmi_cells(X, context_p=noise)
    return rows, cols, counts, pmi - np.log(k)
