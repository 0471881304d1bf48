"""Specs of lib.vectors.retrieval: span queries, BM25 and TF-IDF by hand, fusion and the metrics.

Worked example (``test_bm25_matches_the_formula``): for a two-document collection we compute
idf(t) = ln((N − df + 0.5)/(df + 0.5) + 1) and the saturating term weight by hand and compare.
"""
import numpy as np
import pytest
from gensim.models import KeyedVectors

from lib.vectors.retrieval import (LexicalIndex, average_vectors, dense_scores, make_span_queries,
                                   rank_of_relevant, reciprocal_rank_fusion, retrieval_metrics)


def test_span_queries_cut_spans_out():
    docs = [list(map(str, range(100))), ["a"] * 20]
    s = make_span_queries(docs, span=10, min_length=60, seed=0)
    assert len(s.queries) == 1 and s.relevant.tolist() == [0] and len(s.docs[0]) == 90
    assert not set(s.queries[0]) & set(s.docs[0]) and s.docs[1] == ["a"] * 20


def test_bm25_matches_the_formula():
    docs = [["cat", "cat", "sat"], ["dog", "sat", "on", "mat"]]
    idx = LexicalIndex(docs, k1=1.2, b=0.75)
    N, avgdl = 2, 3.5
    idf = lambda df: np.log((N - df + 0.5) / (df + 0.5) + 1)  # noqa: E731
    tf_w = lambda tf, dl: tf * 2.2 / (tf + 1.2 * (1 - 0.75 + 0.75 * dl / avgdl))  # noqa: E731
    S = idx.bm25([["cat", "sat"]])
    assert S[0, 0] == pytest.approx(idf(1) * tf_w(2, 3) + idf(2) * tf_w(1, 3))
    assert S[0, 1] == pytest.approx(idf(2) * tf_w(1, 4))
    T = idx.tfidf_scores([["cat"], ["unknown"]])
    assert T[0, 0] > 0 and T[0, 1] == 0 and np.all(T[1] == 0)


def test_metrics_ranks_and_fusion():
    S = np.array([[0.2, 0.9, 0.5], [0.9, 0.1, 0.0]])
    assert rank_of_relevant(S, np.array([2, 0])).tolist() == [2, 1]
    m = retrieval_metrics(S, np.array([2, 0]), ks=(1, 2))
    assert m == {"recall@1": 0.5, "recall@2": 1.0, "MRR": 0.75}
    fused = reciprocal_rank_fusion(S, S[:, ::-1] * 0 + np.array([0.0, 0.1, 0.9]))
    assert fused.shape == S.shape


def test_average_vectors_and_dense_scores():
    kv = KeyedVectors(2)
    kv.add_vectors(["a", "b"], np.array([[1.0, 0.0], [0.0, 1.0]]))
    kv.expandos["count"] = np.array([3, 1])
    V = average_vectors([["a", "b", "zzz"], []], kv)
    assert np.allclose(V, [[0.5, 0.5], [0, 0]])
    W = average_vectors([["a", "b"]], kv, sif=0.25)       # p(a) = .75, p(b) = .25: b weighs more
    assert W[0, 1] > W[0, 0]
    assert np.allclose(dense_scores(np.array([[1.0, 1.0]]), np.array([[2.0, 2.0], [1.0, 0.0]])),
                       [[1.0, np.sqrt(0.5)]])


def test_hit_rate():
    from lib.vectors.retrieval import hit_rate
    assert hit_rate([[3, 1], [0, 2]], [1, 5]) == 0.5
