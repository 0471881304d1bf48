"""A collection of sentence vectors to search: passages of the shipped corpora, encoded, and more like them.

An index only pays off on a large collection, and encoding text with a
Transformer on a CPU is slow (tens to hundreds of passages per second). So a
large collection is built in two parts:

* real vectors: fixed-length passages of the shipped corpora, encoded by the
  packaged all-MiniLM-L6-v2 (:func:`lib.models.contextual.load_encoder`);
* synthetic vectors around them (:func:`synthetic_like`): each is a real vector
  r plus Gaussian noise with the real vectors' covariance C, scaled by σ, then
  normalised; σ is chosen (:func:`calibrate_spread`) so that a synthetic vector
  is as similar to its anchor as a real vector is to its nearest real neighbour.

The synthetic part keeps the mean, the covariance's shape and the
neighbour similarities of the real vectors; it does not keep any meaning.
Simplified on purpose: one passage length, a single σ.
"""
from __future__ import annotations

import numpy as np

from lib.vectors.similarity import normalize_rows


def passage_texts(sentences, words: int = 16, limit: int | None = None) -> list[str]:
    """Consecutive passages of ``words`` tokens from tokenised sentences, as strings.

    Example: ``passage_texts([["a", "b", "c", "d", "e"]], words=2)`` → ``["a b", "c d"]``.
    """
    tokens = [w for sentence in sentences for w in sentence]
    out = [" ".join(tokens[i:i + words]) for i in range(0, len(tokens) - words + 1, words)]
    return out[:limit] if limit is not None else out


def encode_passages(texts, batch_size: int = 64, encoder=None) -> np.ndarray:
    """Unit-length MiniLM vectors (n, 384) of ``texts`` with the packaged encoder.

    Example: ``encode_passages(["a cat sat"]).shape`` → ``(1, 384)``.
    """
    if encoder is None:
        from lib.models.contextual import load_encoder
        encoder = load_encoder()
    X = encoder.encode(list(texts), batch_size=batch_size, normalize_embeddings=True, convert_to_numpy=True)
    return np.asarray(X, dtype=np.float32)


def nearest_cosines(X) -> np.ndarray:
    """Each row's cosine (n,) with its nearest *other* row of X (n, d).

    Example: rows ``[1, 0]``, ``[0.8, 0.6]``, ``[0, 1]`` → ``[0.8, 0.8, 0.6]``.
    """
    Xn = normalize_rows(np.asarray(X, np.float32))
    sims = Xn @ Xn.T
    np.fill_diagonal(sims, -np.inf)
    return sims.max(axis=1)


def _noisy(R, anchors, spread, rng, factor):
    noise = rng.standard_normal((len(anchors), R.shape[1])).astype(np.float32) @ factor.T
    return normalize_rows(R[anchors] + spread * noise).astype(np.float32)


def _covariance_factor(R):
    C = np.cov(np.asarray(R, np.float64).T)
    values, vectors = np.linalg.eigh(C)
    return (vectors * np.sqrt(np.clip(values, 0, None))).astype(np.float32)    # F with F Fᵀ = C


def calibrate_spread(R, target: float | None = None, samples: int = 2000, seed: int = 0) -> float:
    """The noise scale σ at which cos(synthetic, its anchor) averages ``target``.

    ``target`` defaults to the mean nearest-neighbour cosine of the real vectors R (n, d).
    Found by bisection (the cosine falls as σ grows). Example: real passages whose nearest
    neighbours have cosine 0.6 on average → σ such that noisy copies keep cosine 0.6 to their anchor.
    """
    R = normalize_rows(np.asarray(R, np.float32))
    target = float(nearest_cosines(R).mean()) if target is None else target
    rng = np.random.default_rng(seed)
    anchors = rng.integers(0, len(R), samples)
    factor = _covariance_factor(R)
    noise = rng.standard_normal((samples, R.shape[1])).astype(np.float32) @ factor.T
    lo, hi = 0.0, 100.0
    for _ in range(50):
        mid = (lo + hi) / 2
        cos = np.mean(np.sum(normalize_rows(R[anchors] + mid * noise) * R[anchors], axis=1))
        lo, hi = (mid, hi) if cos > target else (lo, mid)
    return (lo + hi) / 2


def synthetic_like(R, n: int, spread: float | None = None, seed: int = 0) -> np.ndarray:
    """``n`` unit vectors (n, d) around the real vectors R (n_real, d): r + σ·z, z ~ N(0, C), normalised.

    Parameters
    ----------
    R : array (n_real, d)
        Real unit vectors (anchors); C is their covariance.
    n : int
        How many synthetic vectors to make.
    spread : float, optional
        σ; by default :func:`calibrate_spread` (R).

    Returns
    -------
    array (n, d), float32
        Example: ``synthetic_like(R, 100_000)`` with R of shape (2000, 384) → (100000, 384).
    """
    R = normalize_rows(np.asarray(R, np.float32))
    spread = calibrate_spread(R, seed=seed) if spread is None else spread
    rng = np.random.default_rng(seed + 1)
    factor = _covariance_factor(R)
    chunks = [_noisy(R, rng.integers(0, len(R), min(20_000, n - start)), spread, rng, factor)
              for start in range(0, n, 20_000)]
    return np.concatenate(chunks) if chunks else np.zeros((0, R.shape[1]), np.float32)


def collection_statistics(vectors: dict) -> "object":
    """A table comparing collections (name → (n, d) unit vectors): mean-vector length,
    variance share of the top 10 principal directions, and mean nearest-neighbour cosine (on 2,000 rows).

    Example: ``collection_statistics({"real": R, "synthetic": S})`` → a DataFrame with two rows.
    """
    import pandas as pd
    rows = {}
    for name, X in vectors.items():
        X = np.asarray(X, np.float32)
        sample = X[np.random.default_rng(0).permutation(len(X))[:2000]]
        values = np.linalg.eigvalsh(np.cov(sample.T.astype(np.float64)))[::-1]
        rows[name] = {"vectors": len(X), "mean-vector length": float(np.linalg.norm(X.mean(axis=0))),
                      "top-10 variance share": float(values[:10].sum() / values.sum()),
                      "mean nearest-neighbour cosine (2,000 rows)": float(nearest_cosines(sample).mean())}
    return pd.DataFrame(rows).T
