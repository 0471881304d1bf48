"""Orthogonal Procrustes: the rotation that best maps one embedding space onto another.

Two embedding spaces trained separately (two seeds, two corpora, a text and an
"image" encoder) can describe the same things in differently oriented
coordinates. Given n paired rows X (n, d) and Y (n, d), the orthogonal matrix

    R* = argmin_{RᵀR = I} ‖X R − Y‖_F  =  U Vᵀ,   where  U Σ Vᵀ = svd(Xᵀ Y)

(Schönemann, 1966) rotates X onto Y. A rotation keeps every cosine inside a
space, so aligning loses nothing of either space's own structure.

Used for: keeping 2-D pictures of a training run steady across epochs
(chapter 7), aligning two spaces on a seed dictionary (chapter 8) and
migrating an index between two model versions (chapter 9).

Simplified on purpose: both spaces must have the same dimension d (pad or
project first otherwise); no scaling or translation beyond optional centring.
"""
from __future__ import annotations

import numpy as np

from lib.vectors.similarity import normalize_rows


def orthogonal_procrustes(X, Y) -> np.ndarray:
    """The orthogonal R (d, d) minimising ‖X R − Y‖_F for paired rows X, Y of shape (n, d).

    Example: ``Y = X @ Q`` for a rotation Q → ``orthogonal_procrustes(X, Y)`` ≈ Q.
    """
    X, Y = np.asarray(X, float), np.asarray(Y, float)
    if X.shape != Y.shape:
        raise ValueError(f"X and Y must have the same shape, got {X.shape} and {Y.shape}")
    U, _, Vt = np.linalg.svd(X.T @ Y)
    return U @ Vt


def random_rotation(d: int, seed: int = 0) -> np.ndarray:
    """A random orthogonal matrix (d, d), from the QR decomposition of a Gaussian matrix.

    Example: ``Q = random_rotation(3)`` → ``Q @ Q.T`` ≈ identity.
    """
    Q, R = np.linalg.qr(np.random.default_rng(seed).normal(size=(d, d)))
    return Q * np.sign(np.diag(R))


def align_sequence(snapshots, reference=None) -> list[np.ndarray]:
    """Rotate each (n, d) snapshot onto ``reference`` (default: the last one), after centring and scaling.

    Each snapshot is centred and scaled to unit RMS row length first, so early,
    tiny vectors are drawn as large as late ones. Returns a list of (n, d) arrays.
    Example: snapshots that differ only by a rotation → identical arrays after alignment.
    """
    def standardise(S):
        S = np.asarray(S, float) - np.mean(S, axis=0)
        return S / np.sqrt((S ** 2).sum(axis=1).mean())

    ref = standardise(snapshots[-1] if reference is None else reference)
    return [standardise(S) @ orthogonal_procrustes(standardise(S), ref) for S in snapshots]


def project_sequence(snapshots, align: bool = True) -> np.ndarray:
    """Project all snapshots (each (n, d)) on the last one's first two principal axes; shape (T, n, 2).

    Each snapshot is centred and scaled to unit RMS row length. With ``align`` each is first rotated
    onto the last by :func:`align_sequence`. Do not align when n ≤ d: a rotation in d dimensions can
    then move *any* n points close to the target, even a random cloud. Training by SGD never rotates
    the space, so without alignment the last epoch's axes are already comparable across epochs.
    Example: ten epochs of 20 words → array of shape (10, 20, 2).
    """
    if align:
        frames = align_sequence(snapshots)
    else:
        frames = [np.asarray(S, float) - np.mean(S, axis=0) for S in snapshots]
        frames = [S / np.sqrt((S ** 2).sum(axis=1).mean()) for S in frames]
    _, _, Vt = np.linalg.svd(frames[-1], full_matrices=False)
    axes = Vt[:2].T * np.sign(Vt[:2].sum(axis=1))           # fixed signs: a deterministic picture
    return np.stack([A @ axes for A in frames])


def translation_accuracy(X, Y, R=None, topn: int = 1) -> float:
    """Fraction of rows i for which Y[i] is among the ``topn`` cosine-nearest rows of Y to X[i] R.

    Parameters
    ----------
    X, Y : ndarray, shape (n, d) — paired rows (row i of X belongs with row i of Y).
    R : ndarray (d, d), optional — map applied to X first (identity if omitted).

    Example: ``Y = X @ Q`` and ``R = Q`` → 1.0; unaligned random spaces → about topn / n.
    """
    X = np.asarray(X, float) if R is None else np.asarray(X, float) @ R
    S = normalize_rows(X) @ normalize_rows(np.asarray(Y, float)).T               # (n, n) cosines
    rank = (S > np.diag(S)[:, None]).sum(axis=1)                                  # rows scoring above the true one
    return float(np.mean(rank < topn))
