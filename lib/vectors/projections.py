"""Principal-component projections: the 2-D maps of word vectors that the figures and explorers draw.

Simplified on purpose: an exact SVD of the centred rows, fine for the few
hundred vectors a figure shows. The signs of the two axes are fixed (the
largest coordinate of each axis is positive), so the same vectors always give
the same picture.
"""
from __future__ import annotations

import numpy as np


def pca_basis(X):
    """Mean and first two principal directions of the rows of ``X``, signs fixed.

    Parameters
    ----------
    X : array_like, shape (n, d)

    Returns
    -------
    mean : ndarray, shape (d,)
    components : ndarray, shape (2, d) — each direction's sign chosen so that the row of X
        lying farthest along it has a positive coordinate.

    Project new rows with ``(Y - mean) @ components.T``.
    Example: points on a line in 3-D → the first direction is that line.
    """
    X = np.asarray(X, dtype=float)
    mean = X.mean(axis=0)
    _, _, vt = np.linalg.svd(X - mean, full_matrices=False)
    coords = (X - mean) @ vt[:2].T
    signs = np.sign(coords[np.abs(coords).argmax(axis=0), [0, 1]])
    return mean, vt[:2] * np.where(signs == 0, 1, signs)[:, None]


def pca_2d(X) -> np.ndarray:
    """Project the rows of ``X`` (shape (n, d)) onto their first two principal components.

    Returns shape (n, 2), with the signs of :func:`pca_basis`, so the picture is
    deterministic. Example: 3 points on a line in 5-D → 3 points on the first
    axis with second coordinates ≈ 0.
    """
    X = np.asarray(X, dtype=float)
    mean, components = pca_basis(X)
    return (X - mean) @ components.T
