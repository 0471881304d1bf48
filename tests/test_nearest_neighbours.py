"""Specifications of lib.vectors.nearest_neighbours, against brute-force distances from scipy.

Worked example (``test_unit_vectors_give_the_same_neighbours_either_way``):
for unit vectors ‖a − b‖² = 2 − 2 cos(a, b), so the nearest rows by distance are
the most similar rows by cosine, in the same order.
"""
import numpy as np
import pytest
from scipy.spatial.distance import cdist

from lib.vectors.keyed import to_keyed_vectors
from lib.vectors.nearest_neighbours import neighbour_overlap, neighbours, norm_frequency_correlation


def test_example_from_the_docstring():
    X = np.array([[1.0, 0.0], [0.9, 0.1], [-1.0, 0.0]])
    assert neighbours(X, [0], 2).tolist() == [[1, 2]]


@pytest.mark.parametrize("metric, scipy_metric", [("cosine", "cosine"), ("euclidean", "euclidean")])
def test_neighbours_match_brute_force(metric, scipy_metric):
    rng = np.random.default_rng(0)
    X = rng.normal(size=(300, 8)) * rng.uniform(0.2, 4, size=(300, 1))
    queries = np.arange(0, 300, 7)
    D = cdist(X[queries], X, scipy_metric)
    D[np.arange(len(queries)), queries] = np.inf
    assert neighbours(X, queries, 5, metric).tolist() == np.argsort(D, axis=1, kind="stable")[:, :5].tolist()


def test_unit_vectors_give_the_same_neighbours_either_way():
    rng = np.random.default_rng(1)
    U = rng.normal(size=(200, 10))
    U /= np.linalg.norm(U, axis=1, keepdims=True)
    q = np.arange(50)
    assert np.array_equal(neighbours(U, q, 10, "cosine"), neighbours(U, q, 10, "euclidean"))


def test_raw_lengths_change_euclidean_but_not_cosine_neighbours():
    rng = np.random.default_rng(2)
    X = rng.normal(size=(200, 10))
    scaled = X * rng.uniform(0.1, 10, size=(200, 1))
    q = np.arange(50)
    assert np.array_equal(neighbours(X, q, 10, "cosine"), neighbours(scaled, q, 10, "cosine"))
    assert neighbour_overlap(neighbours(X, q, 10, "euclidean"), neighbours(scaled, q, 10, "euclidean")) < 0.9


def test_overlap_and_unknown_metric():
    assert neighbour_overlap([[1, 2]], [[2, 3]]) == 0.5
    assert neighbour_overlap([[1, 2], [4, 5]], [[2, 1], [6, 7]]) == 0.5
    with pytest.raises(ValueError, match="metric"):
        neighbours(np.eye(3), [0], 1, "manhattan")


def test_norm_frequency_correlation():
    lengths = np.arange(1, 21, dtype=float)
    vectors = np.stack([lengths, np.zeros(20)], axis=1)
    kv = to_keyed_vectors([f"w{i}" for i in range(20)], vectors, counts=np.arange(20) * 3 + 1)
    assert norm_frequency_correlation(kv) == pytest.approx(1.0)
    kv = to_keyed_vectors([f"w{i}" for i in range(20)], vectors, counts=np.arange(20, 0, -1))
    assert norm_frequency_correlation(kv) == pytest.approx(-1.0)
