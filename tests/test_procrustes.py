"""Specs of lib.vectors.procrustes against scipy's orthogonal_procrustes and hand-made rotations."""
import numpy as np
import pytest
from scipy.linalg import orthogonal_procrustes as scipy_procrustes

from lib.vectors.procrustes import (align_sequence, orthogonal_procrustes, project_sequence, random_rotation,
                                    translation_accuracy)

RNG = np.random.default_rng(0)


def test_matches_scipy_and_recovers_a_rotation():
    X, Q = RNG.normal(size=(50, 6)), random_rotation(6, seed=3)
    R = orthogonal_procrustes(X, X @ Q)
    assert np.allclose(R, Q)
    Y = RNG.normal(size=(50, 6))
    assert np.allclose(orthogonal_procrustes(X, Y), scipy_procrustes(X, Y)[0])
    assert np.allclose(R @ R.T, np.eye(6))


def test_shape_mismatch_is_refused():
    with pytest.raises(ValueError, match="same shape"):
        orthogonal_procrustes(np.ones((3, 2)), np.ones((3, 3)))


def test_align_and_project_sequence_undo_rotations_and_scale():
    X = RNG.normal(size=(20, 5))
    snaps = [X @ random_rotation(5, s) * (0.01 + s) for s in range(4)] + [X]
    aligned = align_sequence(snaps)
    for A in aligned:
        assert np.allclose(A, aligned[-1])
    P = project_sequence(snaps)
    assert P.shape == (5, 20, 2) and np.allclose(P[0], P[-1])


def test_translation_accuracy():
    X, Q = RNG.normal(size=(200, 10)), random_rotation(10, seed=1)
    assert translation_accuracy(X, X @ Q, Q) == 1.0
    assert translation_accuracy(X, X @ Q) < 0.1
    assert translation_accuracy(X, X @ Q, orthogonal_procrustes(X[:50], (X @ Q)[:50])) == 1.0


def test_alignment_overfits_when_there_are_fewer_points_than_dimensions():
    """A random cloud of 25 points in 100-d rotates to within ~35 % of an unrelated target; 200 points cannot."""
    def residual(n, d):
        target, cloud = RNG.normal(size=(n, d)), RNG.normal(size=(n, d))
        a, b = align_sequence([cloud, target])
        return np.linalg.norm(a - b) / np.linalg.norm(b)

    assert residual(25, 100) < 0.45 and residual(200, 100) > 0.85
    target, cloud = RNG.normal(size=(25, 100)), RNG.normal(size=(25, 100))
    P = project_sequence([cloud, target], align=False)
    assert np.linalg.norm(P[0] - P[1]) / np.linalg.norm(P[1]) > 0.8
