"""Specs of lib.vectors.quantization: round trips, code sizes, and searches that agree with float32 where they must.

Worked example (``test_binary_cosine_is_one_minus_twice_the_hamming_fraction``): for ±1 vectors of
length d that differ in h coordinates, a·b = (d − h) − h, and ‖a‖‖b‖ = d, so cos = 1 − 2h/d.
"""
import numpy as np
import pytest

from lib.vectors.quantization import (binarize, exact_search, hamming_search, int8_search, pq_search,
                                      quantize_int8, recall_at_k, top_k, train_pq)
from lib.vectors.similarity import normalize_rows

RNG = np.random.default_rng(0)
X = normalize_rows(RNG.normal(size=(600, 32))).astype(np.float32)
Q = normalize_rows(RNG.normal(size=(20, 32))).astype(np.float32)


def test_top_k_and_recall():
    assert top_k(np.array([[0.1, 0.9, 0.5, 0.7]]), 3).tolist() == [[1, 3, 2]]
    assert recall_at_k(np.array([[1, 2]]), np.array([[2, 3]])) == 0.5
    S = RNG.normal(size=(5, 50))
    assert np.array_equal(top_k(S, 50), np.argsort(-S, axis=1))


def test_int8_round_trip_error_is_at_most_half_a_step():
    codes = quantize_int8(X)
    assert codes.codes.dtype == np.int8 and codes.nbytes == X.size + 4 * 32
    assert np.all(np.abs(codes.decode() - X) <= codes.scale / 2 + 1e-7)
    assert quantize_int8([[1.0, -0.5], [0.5, 0.25]]).codes.tolist() == [[127, -127], [64, 64]]


def test_int8_search_nearly_matches_exact():
    db = quantize_int8(X)
    q = quantize_int8(np.vstack([Q, X]))        # shared scales with the database
    q.codes = q.codes[:len(Q)]
    assert recall_at_k(int8_search(db, q, 10), exact_search(X, Q, 10)) > 0.95


def test_binary_codes_and_cosine_is_one_minus_twice_the_hamming_fraction():
    b = binarize(X)
    assert b.bits.shape == (600, 4) and b.nbytes * 32 == X.nbytes
    signs = b.decode()
    assert np.array_equal(signs, np.where(X > 0, 1.0, -1.0))
    h = np.bitwise_count(b.bits[0] ^ b.bits[1]).sum()
    assert signs[0] @ signs[1] / 32 == pytest.approx(1 - 2 * h / 32)
    assert binarize([[0.3, -0.2, 0.1]]).bits.tolist() == [[160]]


def test_hamming_search_returns_the_closest_codes():
    b = binarize(X)
    found = hamming_search(b, binarize(X[:5]), 1)
    assert found[:, 0].tolist() == [0, 1, 2, 3, 4]
    dist = np.bitwise_count(b.bits[:1] ^ b.bits).sum(1)
    top = hamming_search(b, binarize(X[:1]), 10)[0]
    assert sorted(dist[top]) == sorted(np.sort(dist)[:10])


def test_product_quantisation():
    pq = train_pq(X, M=8, n_centroids=64, seed=0)
    assert pq.codes.shape == (600, 8) and pq.codes.dtype == np.uint8 and pq.nbytes == 600 * 8
    err = np.linalg.norm(pq.decode() - X) / np.linalg.norm(X)
    assert err < 0.8
    scores_ref = Q @ pq.decode().T                    # asymmetric search = exact scores on decoded vectors
    assert np.array_equal(pq_search(pq, Q, 5), top_k(scores_ref, 5))
    with pytest.raises(ValueError):
        train_pq(X, M=5)


def test_one_shared_scale_keeps_integer_search_and_agrees_with_decoded_ranking():
    db = quantize_int8(X, per_dimension=False)
    assert np.all(db.scale == db.scale[0])
    q = type(db)(db.codes[:5], db.scale)
    assert np.array_equal(int8_search(db, q, 10), top_k(db.decode()[:5] @ db.decode().T, 10))
