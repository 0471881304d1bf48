"""Compressing trained vectors: int8 scalar quantisation, binary codes and product quantisation.

Slide "Efficiency Revolution" ("Binary embeddings: 1-bit per dimension",
"Product quantization: 32x compression", "90% quality at 10x speed"). Each
scheme turns a float32 matrix X (V, d) of 4·d bytes per row into codes, and
comes with a brute-force search over those codes, so that memory, speed and
quality (recall@k against exact float32 search) can all be measured:

* int8: per-dimension scale s_j = max_i |X_ij| / 127, codes round(X / s) —
  1 byte per dimension (4x smaller);
* binary: the sign of each (optionally centred) coordinate, 8 per byte —
  1 bit per dimension (32x smaller); for ±1 vectors cos = 1 − 2·Hamming/d;
* product quantisation (Jégou et al., 2011): split the d dimensions into M
  sub-vectors, replace each by the nearest of 256 k-means centroids — 1 byte
  per sub-vector (4d/M times smaller); queries use asymmetric distances
  (exact query, quantised database) through M lookup tables.

Simplified on purpose: brute-force search everywhere (no inverted lists), and
search scores are dot products of unit vectors, i.e. cosines.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lib.vectors.similarity import normalize_rows


def top_k(scores: np.ndarray, k: int) -> np.ndarray:
    """Indices of the k largest scores in each row, best first; (Q, N) → (Q, k).

    Example: ``top_k(np.array([[0.1, 0.9, 0.5]]), 2)`` → ``[[1, 2]]``.
    """
    k = min(k, scores.shape[1])
    part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    order = np.take_along_axis(scores, part, axis=1).argsort(axis=1)[:, ::-1]
    return np.take_along_axis(part, order, axis=1)


def recall_at_k(found: np.ndarray, truth: np.ndarray) -> float:
    """Mean fraction of each row's true neighbours (Q, k) that the found ones (Q, k') contain.

    Example: ``recall_at_k(np.array([[1, 2]]), np.array([[2, 3]]))`` → 0.5.
    """
    return float(np.mean([len(set(f) & set(t)) / len(t) for f, t in zip(found, truth)]))


def exact_search(X: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    """float32 brute force: the k rows of X (N, d) with the highest cosine to each query (Q, d) → (Q, k)."""
    Xn = normalize_rows(X).astype(np.float32)
    return top_k(normalize_rows(queries).astype(np.float32) @ Xn.T, k)


# ----------------------------------------------------------------------------
# int8
# ----------------------------------------------------------------------------

@dataclass
class Int8Codes:
    """int8 codes (N, d) and per-dimension scales (d,): X ≈ codes · scale."""

    codes: np.ndarray
    scale: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes + self.scale.nbytes

    def decode(self) -> np.ndarray:
        """The float32 approximation of X, shape (N, d)."""
        return self.codes.astype(np.float32) * self.scale


def quantize_int8(X, per_dimension: bool = True) -> Int8Codes:
    """Symmetric int8 quantisation of X (N, d): s_j = max |X_·j| / 127, or one scale for all if not ``per_dimension``.

    One shared scale keeps search in pure integer arithmetic; per-dimension scales are more precise.
    Example: ``quantize_int8([[1.0, -0.5], [0.5, 0.25]]).codes`` → ``[[127, -127], [64, 64]]``.
    """
    X = np.asarray(X, np.float32)
    scale = np.abs(X).max(axis=0) / 127.0
    if not per_dimension:
        scale = np.full(X.shape[1], scale.max(), np.float32)
    scale[scale == 0] = 1.0
    return Int8Codes(np.clip(np.rint(X / scale), -127, 127).astype(np.int8), scale.astype(np.float32))


def int8_search(db: Int8Codes, queries: Int8Codes, k: int = 10) -> np.ndarray:
    """Top-k by integer dot products of int8 codes (both quantised with the same scales); (Q, k).

    Scores are Σ_j q_j x_j s_j², accumulated in int32 then scaled, so the ranking is that of the
    dequantised vectors' dot products. Build both from unit-length rows for cosine ranking.
    """
    weight = (db.scale.astype(np.float64) ** 2)
    if np.allclose(weight, weight[0]):
        scores = queries.codes.astype(np.int32) @ db.codes.T.astype(np.int32)   # one shared scale: pure int
    else:
        scores = (queries.codes * weight).astype(np.float32) @ db.codes.T.astype(np.float32)
    return top_k(scores, k)


# ----------------------------------------------------------------------------
# binary
# ----------------------------------------------------------------------------

@dataclass
class BinaryCodes:
    """Packed sign bits (N, ⌈d/8⌉) of X − center, and the dimension d."""

    bits: np.ndarray
    dim: int
    center: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.bits.nbytes

    def decode(self) -> np.ndarray:
        """The ±1 vectors (N, d) whose cosines are 1 − 2·Hamming/d."""
        return np.unpackbits(self.bits, axis=1, count=self.dim).astype(np.float32) * 2 - 1


def binarize(X, center=None) -> BinaryCodes:
    """One bit per dimension: 1 where X − center > 0. ``center=None`` uses 0; pass X.mean(0) to centre.

    Example: ``binarize([[0.3, -0.2, 0.1]]).bits`` → ``[[160]]`` (bits 1 0 1, then padding).
    """
    X = np.asarray(X, np.float32)
    center = np.zeros(X.shape[1], np.float32) if center is None else np.asarray(center, np.float32)
    return BinaryCodes(np.packbits(X - center > 0, axis=1), X.shape[1], center)


def hamming_search(db: BinaryCodes, queries: BinaryCodes, k: int = 10, chunk: int = 64) -> np.ndarray:
    """Top-k by smallest Hamming distance (XOR then popcount), (Q, k)."""
    out = []
    for start in range(0, len(queries.bits), chunk):
        q = queries.bits[start:start + chunk]
        dist = np.bitwise_count(q[:, None, :] ^ db.bits[None, :, :]).sum(axis=2, dtype=np.int32)
        out.append(top_k(-dist, k))
    return np.concatenate(out)


# ----------------------------------------------------------------------------
# product quantisation
# ----------------------------------------------------------------------------

@dataclass
class PQCodes:
    """Product-quantisation codes (N, M) of uint8 and codebooks (M, 256, d/M)."""

    codes: np.ndarray
    codebooks: np.ndarray

    @property
    def nbytes(self) -> int:
        return self.codes.nbytes

    def decode(self) -> np.ndarray:
        """Each row rebuilt from its M centroids, shape (N, d)."""
        M = self.codebooks.shape[0]
        return np.concatenate([self.codebooks[m][self.codes[:, m]] for m in range(M)], axis=1)


def train_pq(X, M: int, n_centroids: int = 256, iterations: int = 20, seed: int = 0) -> PQCodes:
    """Split d into M sub-vectors, run k-means (scipy's ``kmeans2``) in each, encode X.

    d must be divisible by M. Example: X of shape (1000, 100), M = 10 → codes (1000, 10), 10 bytes a row.
    """
    from scipy.cluster.vq import kmeans2
    X = np.asarray(X, np.float64)
    N, d = X.shape
    if d % M:
        raise ValueError(f"d = {d} is not divisible by M = {M}")
    rng = np.random.default_rng(seed)
    books, codes = [], []
    for part in np.split(X, M, axis=1):
        centroids, labels = kmeans2(part, min(n_centroids, N), iter=iterations, minit="++", seed=rng)
        books.append(centroids)
        codes.append(labels)
    return PQCodes(np.stack(codes, axis=1).astype(np.uint8), np.stack(books).astype(np.float32))


def pq_search(db: PQCodes, queries, k: int = 10) -> np.ndarray:
    """Asymmetric search: exact queries (Q, d) against PQ codes, via M lookup tables of 256 dot products."""
    M = db.codebooks.shape[0]
    parts = np.split(np.asarray(queries, np.float32), M, axis=1)
    tables = np.stack([p @ book.T for p, book in zip(parts, db.codebooks)], axis=1)   # (Q, M, 256)
    scores = np.zeros((len(queries), len(db.codes)), np.float32)
    for m in range(M):
        scores += tables[:, m, :][:, db.codes[:, m]]                                 # gather, then add
    return top_k(scores, k)
