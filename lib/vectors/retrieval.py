"""Semantic search with an honest test: queries cut out of the documents they must find.

Slide "RAG-Optimized Embeddings". A retriever for retrieval-augmented
generation must find, for a query, the document it comes from. To measure
that without inventing relevance labels we use *held-out spans*: from each
document we cut a contiguous run of tokens; the run becomes the query, the
rest of the document is indexed, and the one relevant document is the one
the span was cut from (a known-item search).

Retrievers, all returning a score matrix (Q, N):

* TF-IDF cosine and BM25 (Robertson & Zaragoza, 2009; k1 = 1.5, b = 0.75) — lexical;
* averaged word vectors (optionally SIF-weighted, Arora et al., 2017) — dense;
* reciprocal-rank fusion of two rankings (Cormack et al., 2009) — hybrid.

Metrics: recall@k (the relevant document in the top k) and MRR (mean of
1 / rank of the relevant document).

Simplified on purpose: one relevant document per query; brute-force scoring.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from lib.vectors.similarity import normalize_rows


@dataclass
class SpanQueries:
    """Documents with a span cut out, the spans as queries, and each query's source document.

    Attributes: ``docs`` (list of token lists, the indexed collection), ``queries`` (list of token
    lists), ``relevant`` (ndarray (Q,) of document indices).
    """

    docs: list
    queries: list
    relevant: np.ndarray


def make_span_queries(docs, span: int = 12, min_length: int = 60, seed: int = 0) -> SpanQueries:
    """Cut one random span of ``span`` tokens from every document of at least ``min_length`` tokens.

    Shorter documents stay in the collection (as distractors) without a query.
    Example: 3 docs of 100 tokens, span 10 → 3 queries of 10 tokens, docs of 90 tokens.
    """
    rng = np.random.default_rng(seed)
    indexed, queries, relevant = [], [], []
    for i, doc in enumerate(docs):
        doc = list(doc)
        if len(doc) >= min_length:
            start = int(rng.integers(0, len(doc) - span + 1))
            queries.append(doc[start:start + span])
            relevant.append(i)
            doc = doc[:start] + doc[start + span:]
        indexed.append(doc)
    return SpanQueries(indexed, queries, np.array(relevant))


# ----------------------------------------------------------------------------
# Lexical retrievers
# ----------------------------------------------------------------------------

def term_matrix(token_lists, vocabulary: dict) -> sp.csr_matrix:
    """Sparse term counts (N, V) over ``vocabulary`` (word → column); unknown words are dropped.

    Example: ``term_matrix([["a", "b", "a"]], {"a": 0, "b": 1}).toarray()`` → ``[[2, 1]]``.
    """
    rows, cols = [], []
    for i, tokens in enumerate(token_lists):
        ids = [vocabulary[t] for t in tokens if t in vocabulary]
        rows += [i] * len(ids)
        cols += ids
    data = np.ones(len(rows))
    return sp.csr_matrix((data, (rows, cols)), shape=(len(token_lists), len(vocabulary)))


class LexicalIndex:
    """TF-IDF and BM25 scoring over a tokenised collection.

    Example: ``LexicalIndex([["cat", "sat"], ["dog"]]).bm25([["cat"]]).argmax()`` → 0.
    """

    def __init__(self, docs, k1: float = 1.5, b: float = 0.75):
        self.vocabulary = {w: i for i, w in enumerate(sorted({t for d in docs for t in d}))}
        self.tf = term_matrix(docs, self.vocabulary)                                 # (N, V)
        N = self.tf.shape[0]
        df = np.bincount(self.tf.indices, minlength=len(self.vocabulary))
        self.idf = np.log((N - df + 0.5) / (df + 0.5) + 1.0)                          # BM25's idf, always > 0
        self.k1, self.b = k1, b
        self.lengths = np.asarray(self.tf.sum(axis=1)).ravel()
        tfidf = self.tf.copy()
        tfidf.data = np.log1p(tfidf.data)
        tfidf = tfidf.multiply(self.idf).tocsr()
        norms = np.sqrt(np.asarray(tfidf.multiply(tfidf).sum(axis=1)).ravel())
        self.tfidf = sp.diags(1 / np.maximum(norms, 1e-12)) @ tfidf

    def tfidf_scores(self, queries) -> np.ndarray:
        """Cosine between log-TF·IDF vectors of queries and documents, shape (Q, N)."""
        q = term_matrix(queries, self.vocabulary)
        q.data = np.log1p(q.data)
        q = q.multiply(self.idf).tocsr()
        return np.asarray((q @ self.tfidf.T).todense())

    def bm25(self, queries) -> np.ndarray:
        """BM25 scores Σ_t idf(t) · tf (k1 + 1) / (tf + k1 (1 − b + b |D| / avgdl)), shape (Q, N)."""
        tf = self.tf.tocoo()
        norm = self.k1 * (1 - self.b + self.b * self.lengths / self.lengths.mean())
        weight = tf.data * (self.k1 + 1) / (tf.data + norm[tf.row]) * self.idf[tf.col]
        W = sp.csr_matrix((weight, (tf.row, tf.col)), shape=tf.shape)
        q = term_matrix(queries, self.vocabulary)
        q.data[:] = 1.0                                                              # each query term once
        return np.asarray((q @ W.T).todense())


# ----------------------------------------------------------------------------
# Dense retriever and fusion
# ----------------------------------------------------------------------------

def average_vectors(token_lists, kv, sif: float | None = None) -> np.ndarray:
    """Mean word vector of each token list (words missing from ``kv`` skipped), shape (N, d).

    ``sif=a`` weights each word by a / (a + p(w)), p from ``kv``'s ``count`` attribute.
    An empty list gives a zero row. Example: ``average_vectors([["cat", "dog"]], kv)`` → (1, d).
    """
    weights = None
    if sif is not None:
        counts = np.array([kv.get_vecattr(w, "count") for w in kv.index_to_key], float)
        weights = sif / (sif + counts / counts.sum())
    out = np.zeros((len(token_lists), kv.vector_size), np.float32)
    for i, tokens in enumerate(token_lists):
        ids = [kv.key_to_index[t] for t in tokens if t in kv.key_to_index]
        if ids:
            w = np.ones(len(ids)) if weights is None else weights[ids]
            out[i] = (w[:, None] * kv.vectors[ids]).sum(0) / w.sum()
    return out


def dense_scores(query_vectors, doc_vectors) -> np.ndarray:
    """Cosine scores (Q, N) between query and document vectors."""
    return normalize_rows(query_vectors) @ normalize_rows(doc_vectors).T


def reciprocal_rank_fusion(*score_matrices, k: float = 60.0) -> np.ndarray:
    """Fuse rankings: Σ_r 1 / (k + rank_r(doc)), rank counted from 1; shape (Q, N).

    Example: two retrievers that both rank doc 3 first → doc 3 first after fusion.
    """
    fused = 0.0
    for S in score_matrices:
        ranks = np.argsort(np.argsort(-S, axis=1, kind="stable"), axis=1) + 1
        fused = fused + 1.0 / (k + ranks)
    return fused


def rank_of_relevant(scores: np.ndarray, relevant: np.ndarray) -> np.ndarray:
    """1-based rank of each query's relevant document; ties counted pessimistically; shape (Q,).

    Example: scores ``[[0.2, 0.9, 0.5]]`` with relevant ``[2]`` → ``[2]``.
    """
    true = scores[np.arange(len(relevant)), relevant][:, None]
    return (scores >= true).sum(axis=1)


def retrieval_metrics(scores: np.ndarray, relevant: np.ndarray, ks=(1, 5, 10)) -> dict:
    """Recall@k for each k and MRR, from a score matrix (Q, N) and the relevant indices (Q,).

    Example: every relevant doc ranked first → ``{"recall@1": 1.0, …, "MRR": 1.0}``.
    """
    ranks = rank_of_relevant(scores, relevant)
    out = {f"recall@{k}": float(np.mean(ranks <= k)) for k in ks}
    out["MRR"] = float(np.mean(1.0 / ranks))
    return out


def hit_rate(found: np.ndarray, relevant: np.ndarray) -> float:
    """Fraction of queries whose relevant document is among the found ones; found (Q, k), relevant (Q,).

    This is recall@k when ``found`` holds each query's top k. Example: ``hit_rate([[3, 1], [0, 2]], [1, 5])`` → 0.5.
    """
    return float(np.mean([r in f for r, f in zip(relevant, np.asarray(found))]))
