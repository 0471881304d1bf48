"""Specifications of lib.vectors.similarity and lib.vectors.representations (slides: one-hot, sparsity, cosine)."""
import numpy as np
import pytest

from lib.vectors.representations import (ascii_codes, dense_bytes, one_hot, one_hot_bytes, one_hot_matrix,
                                         sparsity_percent)
from lib.vectors.similarity import (angle_degrees, cosine_matrix, cosine_similarity, normalize_rows,
                                    paired_cosines)


def test_character_codes_of_cat():
    assert ascii_codes("cat") == [99, 97, 116]


def test_one_hot_vectors_are_rows_of_the_identity():
    words = ["cat", "dog", "mat", "sat", "hat"]
    assert one_hot("mat", words).tolist() == [0, 0, 1, 0, 0]
    assert np.array_equal(one_hot_matrix(words), np.eye(5))
    with pytest.raises(KeyError, match="not in the vocabulary"):
        one_hot("kitten", words)
    with pytest.raises(ValueError, match="repeated"):
        one_hot("cat", ["cat", "cat"])


@pytest.mark.parametrize("V, expected", [(10, 90.0), (50_000, 99.998), (1, 0.0)])
def test_sparsity_is_v_minus_1_over_v(V, expected):
    assert sparsity_percent(V) == pytest.approx(expected)


def test_memory_of_one_hot_and_dense_vectors():
    assert one_hot_bytes(50_000) == 200_000 and dense_bytes(300) == 1_200


def test_cosine_properties_from_the_slides():
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=(2, 50))
    assert cosine_similarity(a, b) == pytest.approx(cosine_similarity(b, a))          # symmetric
    assert cosine_similarity(3.0 * a, b) == pytest.approx(cosine_similarity(a, b))    # k > 0
    assert cosine_similarity(-2.0 * a, b) == pytest.approx(-cosine_similarity(a, b))  # k < 0 flips the sign
    assert -1 <= cosine_similarity(a, b) <= 1
    assert angle_degrees([1, 0], [0, 1]) == pytest.approx(90.0)


def test_cosine_of_a_zero_vector_or_mismatched_shapes_is_refused():
    with pytest.raises(ValueError, match="zero vector"):
        cosine_similarity([0, 0], [1, 0])
    with pytest.raises(ValueError, match="different dimensions"):
        cosine_similarity([1, 0], [1, 0, 0])


def test_matrix_and_paired_cosines_agree_with_the_scalar_version():
    rng = np.random.default_rng(1)
    X, Y = rng.normal(size=(2, 6, 4))
    M = cosine_matrix(X, Y)
    assert M[2, 3] == pytest.approx(cosine_similarity(X[2], Y[3]))
    assert paired_cosines(X, Y) == pytest.approx(np.diag(M))
    assert np.allclose(np.diag(cosine_matrix(X)), 1.0)
    assert np.linalg.norm(normalize_rows([[3, 4], [0, 0]]), axis=1).tolist() == [1.0, 0.0]


def test_normalize_rows_keeps_zero_rows_and_can_return_the_norms():
    assert normalize_rows([[3, 4], [0, 0]]).tolist() == [[0.6, 0.8], [0.0, 0.0]]     # no nan for a zero row
    X = np.random.default_rng(2).normal(size=(5, 3))
    assert np.array_equal(normalize_rows(X), X / np.linalg.norm(X, axis=1, keepdims=True))   # bit for bit
    assert normalize_rows(X.astype(np.float32)).dtype == np.float64
    unit, norms = normalize_rows([[3.0, 4.0], [0.0, 2.0]], return_norms=True)
    assert norms.tolist() == [[5.0], [2.0]] and unit.tolist() == [[0.6, 0.8], [0.0, 1.0]]
