"""Cosine similarity and the angle between word vectors (slides: "Measuring Word Similarity").

    similarity(a, b) = cos(θ) = a · b / (||a|| ||b||)

We keep the arithmetic explicit — a dot product over two norms — so the
code reads like the slide. A zero vector has no direction, so its cosine
is undefined; we raise instead of silently returning ``nan``.
"""
from __future__ import annotations

import numpy as np


def _as_vector(x, name: str) -> np.ndarray:
    """Return ``x`` as a float 1-D array or raise a clear error.

    Example: ``[1, 2]`` → ``array([1., 2.])``.
    """
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D vector, got shape {arr.shape}")
    return arr


def cosine_similarity(a, b) -> float:
    """Cosine of the angle between two vectors.

    Parameters
    ----------
    a, b : array_like, shape (d,)
        Word vectors A and B of the same dimension d.

    Returns
    -------
    float
        ``a · b / (||a|| ||b||)``, in [-1, 1].

    Raises
    ------
    ValueError
        If the shapes differ or either vector is all zeros.

    Example: ``cosine_similarity([1, 0], [1, 1])`` → 0.7071…
    """
    a, b = _as_vector(a, "a"), _as_vector(b, "b")
    if a.shape != b.shape:
        raise ValueError(f"vectors have different dimensions: {a.shape} and {b.shape}")
    norm_a, norm_b = np.linalg.norm(a), np.linalg.norm(b)
    if norm_a == 0 or norm_b == 0:
        raise ValueError("cosine similarity is undefined for a zero vector; "
                         "check that the word has a trained (non-zero) embedding")
    return float(np.clip(a @ b / (norm_a * norm_b), -1.0, 1.0))


def angle_degrees(a, b) -> float:
    """Angle θ between two vectors in degrees, ``arccos(cos θ)``.

    Example: ``angle_degrees([1, 0], [0, 1])`` → 90.0
    """
    return float(np.degrees(np.arccos(cosine_similarity(a, b))))


def normalize_rows(X, return_norms: bool = False):
    """Scale every row of ``X`` to unit L2 length: ``X / ‖X‖`` row by row.

    Parameters
    ----------
    X : array_like, shape (n, d) (or any shape: the last axis is normalised)
        One vector per row; computed in float64, whatever its dtype.
    return_norms : bool
        Also return the lengths the rows had, shape (n, 1): what a backward
        pass through the normalisation divides by.

    Returns
    -------
    ndarray, shape (n, d) — unit rows; rows that are all zeros stay zero (no ``nan``).
    norms : ndarray, shape (n, 1) — only with ``return_norms=True``.

    Example: ``normalize_rows([[3, 4], [0, 0]])`` → ``[[0.6, 0.8], [0, 0]]``;
    ``normalize_rows([[3, 4]], return_norms=True)[1]`` → ``[[5.]]``.
    """
    X = np.asarray(X, dtype=float)
    norms = np.linalg.norm(X, axis=-1, keepdims=True)
    unit = np.divide(X, norms, out=np.zeros_like(X), where=norms > 0)
    return (unit, norms) if return_norms else unit


def cosine_matrix(X, Y=None) -> np.ndarray:
    """All pairwise cosines between the rows of ``X`` (n, d) and ``Y`` (m, d).

    Returns an array of shape (n, m); with ``Y`` omitted, (n, n) with ones on
    the diagonal. Example: ``cosine_matrix([[1, 0], [0, 2]])`` → ``[[1, 0], [0, 1]]``.
    """
    Xn = normalize_rows(X)
    Yn = Xn if Y is None else normalize_rows(Y)
    return np.clip(Xn @ Yn.T, -1.0, 1.0)


def paired_cosines(X, Y) -> np.ndarray:
    """Cosine of each row of ``X`` with the same row of ``Y``; both shape (n, d), result shape (n,).

    Example: ``paired_cosines([[1, 0], [1, 1]], [[0, 1], [1, 1]])`` → ``[0., 1.]``.
    """
    return np.clip(np.sum(normalize_rows(X) * normalize_rows(Y), axis=-1), -1.0, 1.0)


def vectors_at_angle(theta_degrees: float, length_a: float = 1.0, length_b: float = 1.0,
                     base_degrees: float = 20.0):
    """Two 2-D vectors with lengths ``length_a``, ``length_b`` and angle θ between them.

    Returns ``(a, b)``, each shape (2,); ``a`` points at ``base_degrees`` and ``b`` at
    ``base_degrees + θ``. Example: ``vectors_at_angle(90, base_degrees=0)`` → ``([1, 0], [0, 1])``.
    """
    angles = np.radians([base_degrees, base_degrees + theta_degrees])
    a = length_a * np.array([np.cos(angles[0]), np.sin(angles[0])])
    b = length_b * np.array([np.cos(angles[1]), np.sin(angles[1])])
    return a, b
