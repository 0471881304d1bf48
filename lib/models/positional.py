"""Sinusoidal positional encoding and its relative-position property.

Notation (slides, "Positional Encoding: Injecting Order Information"):

* PE(pos, 2i)   = sin(ω_i · pos)
* PE(pos, 2i+1) = cos(ω_i · pos),  with ω_i = 1 / 10000^(2i / d_model)

For a fixed offset k, each pair of coordinates (2i, 2i+1) turns by the angle
ω_i · k, so PE(pos + k) = M_k PE(pos) with M_k block-diagonal, made of 2×2
rotations, the same matrix for every pos (:func:`shift_matrix`). The slide's
proof writes out only the sine row; the cosine row follows from
cos(a + b) = cos a cos b − sin a sin b.

Simplified on purpose: d_model must be even (one sine and one cosine per frequency).
"""
from __future__ import annotations

import numpy as np


def frequencies(d_model: int, base: float = 10_000.0) -> np.ndarray:
    """Angular frequencies ω_i = base^(−2i / d_model) for i = 0 … d_model/2 − 1, shape (d_model/2,).

    Example: ``frequencies(4)`` → ``[1.0, 0.01]``.
    """
    if d_model % 2:
        raise ValueError(f"d_model must be even, got {d_model}")
    i = np.arange(d_model // 2)
    return base ** (-2.0 * i / d_model)


def encode_positions(positions, d_model: int, base: float = 10_000.0) -> np.ndarray:
    """The slide's encoding of any positions (not necessarily consecutive), shape (len(positions), d_model).

    ``PE[r, 2i] = sin(ω_i positions[r])``, ``PE[r, 2i+1] = cos(ω_i positions[r])``.
    Example: ``encode_positions([0], 4)`` → ``[[0, 1, 0, 1]]``.
    """
    angles = np.asarray(positions, dtype=float)[:, None] * frequencies(d_model, base)[None, :]   # ω_i · pos
    PE = np.empty((len(angles), d_model))
    PE[:, 0::2] = np.sin(angles)
    PE[:, 1::2] = np.cos(angles)
    return PE


def sinusoidal_encoding(n_positions: int, d_model: int, base: float = 10_000.0, start: int = 0) -> np.ndarray:
    """The slide's encoding for positions ``start … start + n_positions − 1``, shape (n_positions, d_model).

    Example: ``sinusoidal_encoding(1, 4)`` → ``[[0, 1, 0, 1]]`` (position 0).
    """
    return encode_positions(np.arange(start, start + n_positions), d_model, base)


def shift_matrix(k: float, d_model: int, base: float = 10_000.0) -> np.ndarray:
    """The matrix M_k with PE(pos + k) = M_k PE(pos) for every pos, shape (d_model, d_model).

    Block i is the 2×2 rotation ``[[cos ω_i k, sin ω_i k], [−sin ω_i k, cos ω_i k]]``
    acting on the pair (sin ω_i pos, cos ω_i pos). It does not depend on pos.

    Example: ``shift_matrix(0, 4)`` → the 4×4 identity.
    """
    M = np.zeros((d_model, d_model))
    for i, w in enumerate(frequencies(d_model, base)):
        c, s = np.cos(w * k), np.sin(w * k)
        M[2 * i:2 * i + 2, 2 * i:2 * i + 2] = [[c, s], [-s, c]]
    return M


def fit_linear_map(X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Least-squares matrix M with Y ≈ X Mᵀ (row vectors), i.e. y_pos ≈ M x_pos, shape (d, d).

    Used to *learn* the shift from examples, without the formula. Positions spread
    widely make the fit well conditioned (the slowest dimensions barely change over
    a few hundred consecutive positions).
    Example: X = PE(p), Y = PE(p + k) for 500 random p < 100,000 → M ≈ :func:`shift_matrix` (k).
    """
    solution, *_ = np.linalg.lstsq(np.asarray(X, float), np.asarray(Y, float), rcond=None)
    return solution.T


def min_pairwise_distance(PE: np.ndarray) -> float:
    """Smallest Euclidean distance between two different rows (positions) of PE.

    Greater than 0 means every position gets its own encoding.
    Example: ``min_pairwise_distance(sinusoidal_encoding(3, 2))`` → ``2 sin(1/2)`` ≈ 0.959.
    """
    from scipy.spatial.distance import pdist
    return float(pdist(np.asarray(PE, dtype=float)).min())
