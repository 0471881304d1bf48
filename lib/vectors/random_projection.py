"""Johnson–Lindenstrauss random projection: the bound, the projection, and the distortion it causes.

The Johnson–Lindenstrauss lemma: any n points can be mapped to
k ≥ 4 ln n / (ε²/2 − ε³/3) dimensions (Dasgupta & Gupta, 2003) so that every
squared pairwise distance is kept within a factor 1 ± ε; a random Gaussian
matrix does it with high probability. The bound depends on n and ε only, not
on the original dimension d: it is useful when d is much larger than
ln n / ε², and says nothing for 100-dimensional word vectors when n = 10,000
and ε = 0.1 (it asks for k ≈ 7,900 > d). What a projection does to *trained*
vectors can still be measured: :func:`projection_study`.

For a Gaussian projection ``Y = X R / sqrt(k)`` with R of shape (d, k) and
N(0, 1) entries, the ratio ``‖y_i − y_j‖² / ‖x_i − x_j‖²`` of any fixed pair is
distributed, over the draw of R, as χ²_k / k whatever the data: mean 1,
standard deviation sqrt(2/k). With one R for all pairs, the ratios of pairs
pointing in similar directions move together, so their spread across pairs
can be smaller when the data occupy few directions.

Simplified on purpose: dense Gaussian matrices only (no sparse or Achlioptas
variants); distortions are measured on a sample of pairs.
"""
from __future__ import annotations

import numpy as np

from lib.vectors.nearest_neighbours import neighbour_overlap, neighbours
from lib.vectors.similarity import paired_cosines


def jl_min_dimension(n: int, eps: float) -> int:
    """Smallest k the Johnson–Lindenstrauss bound allows: ``ceil(4 ln n / (ε²/2 − ε³/3))``.

    Parameters
    ----------
    n : int — number of points.
    eps : float — allowed distortion, 0 < ε < 1.

    Example: ``jl_min_dimension(10_000, 0.1)`` → 7,895; ``jl_min_dimension(10_000, 0.5)`` → 443.
    """
    if not 0 < eps < 1:
        raise ValueError(f"eps must lie strictly between 0 and 1, got {eps}")
    return int(np.ceil(4 * np.log(n) / (eps ** 2 / 2 - eps ** 3 / 3)))


def gaussian_projection(X, k: int, rng: np.random.Generator) -> np.ndarray:
    """Project the rows of X (n, d) to k dimensions: ``X R / sqrt(k)``, R of shape (d, k) with N(0, 1) entries.

    Example: ``gaussian_projection(np.eye(3), 2, rng).shape`` → (3, 2).
    """
    X = np.asarray(X, dtype=float)
    R = rng.normal(size=(X.shape[1], k))
    return X @ R / np.sqrt(k)


def sample_pairs(n: int, count: int, rng: np.random.Generator) -> np.ndarray:
    """``count`` random pairs (i, j) of distinct row indices below n, shape (count, 2).

    Example: ``sample_pairs(5, 3, rng)`` → e.g. ``[[0, 3], [4, 1], [2, 0]]``.
    """
    i = rng.integers(0, n, size=count)
    j = (i + rng.integers(1, n, size=count)) % n
    return np.stack([i, j], axis=1)


def distance_ratios(X, Y, pairs) -> np.ndarray:
    """``‖y_i − y_j‖² / ‖x_i − x_j‖²`` for each pair (i, j), shape (P,).

    Example: Y = 2X → every ratio is 4.
    """
    i, j = np.asarray(pairs).T
    return np.sum((Y[i] - Y[j]) ** 2, axis=1) / np.sum((X[i] - X[j]) ** 2, axis=1)


def cosine_errors(X, Y, pairs) -> np.ndarray:
    """Change in cosine, ``cos(y_i, y_j) − cos(x_i, x_j)``, for each pair, shape (P,).

    Example: Y = X → all zeros.
    """
    i, j = np.asarray(pairs).T
    return paired_cosines(Y[i], Y[j]) - paired_cosines(X[i], X[j])


def projection_study(X, ks, rng: np.random.Generator, n_pairs: int = 20_000, n_queries: int = 300,
                     topn: int = 10, eps: float = 0.1):
    """Project X (n, d) to each k in ``ks`` and measure what survives, as a DataFrame indexed by k.

    Columns
    -------
    ``ratio std``  standard deviation of the squared-distance ratios (theory: sqrt(2/k));
    ``within ±ε``  share of pairs whose squared distance is kept within 1 ± ε;
    ``worst ratio``  the largest |ratio − 1| among the sampled pairs;
    ``cosine error``  mean |change in cosine|;
    ``neighbour overlap``  mean share of each query's ``topn`` cosine neighbours kept;
    ``JL k for this ε``  the bound for n points (the same in every row).

    Example: ``projection_study(X, [10, 50], rng)`` → two rows; overlap grows with k.
    """
    import pandas as pd
    X = np.asarray(X, dtype=float)
    pairs = sample_pairs(len(X), n_pairs, rng)
    queries = rng.choice(len(X), size=min(n_queries, len(X)), replace=False)
    before = neighbours(X, queries, topn, "cosine")
    rows = []
    for k in ks:
        Y = gaussian_projection(X, k, rng)
        ratios = distance_ratios(X, Y, pairs)
        rows.append({"k": k, "ratio std": float(ratios.std()),
                     "theory sqrt(2/k)": float(np.sqrt(2 / k)),
                     "within ±ε": float(np.mean(np.abs(ratios - 1) <= eps)),
                     "worst ratio": float(np.abs(ratios - 1).max()),
                     "cosine error": float(np.abs(cosine_errors(X, Y, pairs)).mean()),
                     "neighbour overlap": neighbour_overlap(before, neighbours(Y, queries, topn, "cosine")),
                     "JL k for this ε": jl_min_dimension(len(X), eps)})
    return pd.DataFrame(rows).set_index("k")
