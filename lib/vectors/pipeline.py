"""A production embedding pipeline, small enough to read: clean → tokenise → embed → normalise → quantise → index → query.

Slide "Production Pipeline Architecture" (Raw text → Preprocess → Tokenize →
Embed → Post-process → Store/Index) and "Common Pitfalls and Solutions".
The pieces that the pitfalls are about are explicit objects:

* the tokenizer is part of the model (:class:`EmbeddingModel` carries it), so
  queries and documents are always tokenised the same way;
* every model has a *version* — a fingerprint of its vectors and tokenizer —
  and an index remembers the version it was built with; a query embedded by
  another version is refused (:class:`VersionMismatchError`) instead of
  silently returning nonsense;
* vectors are normalised before indexing, so dot product, cosine and L2
  rankings agree.

The embedder is averaged word vectors (no sub-word model): simple, fast, and
enough to show every step. Simplified on purpose: brute-force search over an
in-memory matrix stands in for a vector database.
"""
from __future__ import annotations

import functools
import hashlib
import html
import re
import unicodedata
from dataclasses import dataclass, field

import numpy as np

from lib.text.corpus import tokenize
from lib.vectors.quantization import Int8Codes, quantize_int8, top_k
from lib.vectors.similarity import normalize_rows

_TAG = re.compile(r"<[^>]+>")


def clean_text(text: str, max_chars: int = 20_000) -> str:
    """Preprocess raw text: drop HTML tags, decode entities, NFKC-normalise Unicode, collapse spaces, cut to length.

    Example: ``clean_text("<p>Caf&eacute;\u00a0ﬁne</p>")`` → ``"Café fine"``.
    """
    text = html.unescape(_TAG.sub(" ", text))
    text = unicodedata.normalize("NFKC", text)
    return " ".join(text.split())[:max_chars]


def whitespace_tokenize(text: str) -> list[str]:
    """The naive tokenizer: split on spaces, keep case and punctuation.

    Example: ``whitespace_tokenize("The cat's lives!")`` → ``['The', "cat's", 'lives!']``.
    """
    return text.split()


TOKENIZERS = {"letters-lower": tokenize, "whitespace": whitespace_tokenize}
"""Tokenizers by name; ``letters-lower`` is the one every course model is trained with."""


class VersionMismatchError(RuntimeError):
    """Query vectors come from a different model version than the index."""


@dataclass
class EmbeddingModel:
    """Word vectors plus the tokenizer they were trained with, and a version fingerprint.

    Parameters
    ----------
    kv : gensim KeyedVectors — the word vectors (V, d).
    tokenizer : str — a key of :data:`TOKENIZERS`.
    max_tokens : int — longer texts are truncated to this many tokens (the "length limit").
    """

    kv: object
    tokenizer: str = "letters-lower"
    max_tokens: int = 512
    version: str = field(init=False)

    def __post_init__(self):
        digest = hashlib.sha256(np.ascontiguousarray(self.kv.vectors).tobytes())
        digest.update(f"{self.tokenizer}|{self.max_tokens}|{len(self.kv)}".encode())
        self.version = digest.hexdigest()[:12]

    def tokens(self, text: str) -> list[str]:
        """Clean and tokenise one text with this model's own tokenizer, truncated to ``max_tokens``."""
        return TOKENIZERS[self.tokenizer](clean_text(text))[:self.max_tokens]

    def embed_tokens(self, token_lists) -> np.ndarray:
        """Average the vectors of known tokens of each list, shape (n, d); unknown-only lists give zeros."""
        kv, out = self.kv, np.zeros((len(token_lists), self.kv.vector_size), np.float32)
        for i, tokens in enumerate(token_lists):
            ids = [kv.key_to_index[t] for t in tokens if t in kv.key_to_index]
            if ids:
                out[i] = kv.vectors[ids].mean(axis=0)
        return out

    def embed(self, texts) -> np.ndarray:
        """Texts → averaged word vectors, shape (n, d) (not normalised)."""
        return self.embed_tokens([self.tokens(t) for t in texts])

    def oov_rate(self, token_lists) -> float:
        """Fraction of tokens missing from the vocabulary. Example: ``[["the", "Zzz"]]`` → 0.5."""
        tokens = [t for ts in token_lists for t in ts]
        return float(np.mean([t not in self.kv.key_to_index for t in tokens])) if tokens else 0.0


@dataclass
class VectorIndex:
    """Document vectors stored normalised (float32 or int8), tagged with the model version that made them."""

    vectors: np.ndarray | Int8Codes
    version: str

    @classmethod
    def build(cls, vectors, version: str, quantize: bool = False) -> "VectorIndex":
        """Normalise rows (so dot product = cosine), optionally int8-quantise, remember ``version``."""
        unit = normalize_rows(vectors).astype(np.float32)
        return cls(quantize_int8(unit) if quantize else unit, version)

    @property
    def nbytes(self) -> int:
        return self.vectors.nbytes

    def search(self, query_vectors, version: str, k: int = 10) -> np.ndarray:
        """Top-k document indices (Q, k) by cosine; refuses queries from another model version."""
        if version != self.version:
            raise VersionMismatchError(
                f"the index was built with model version {self.version}, the queries come from "
                f"{version}: vectors of different models are not comparable. Re-embed the documents "
                "with the new model (or query with the old one).")
        q = normalize_rows(query_vectors).astype(np.float32)
        db = self.vectors.decode() if isinstance(self.vectors, Int8Codes) else self.vectors
        return top_k(q @ db.T, k)


class SearchPipeline:
    """The whole pipeline: a model, the documents' index, and a query path with optional caching.

    Example::

        pipe = SearchPipeline(EmbeddingModel(kv)).add(["first document", "second one"])
        pipe.query(["a question"], k=1)   # → array([[i]])
    """

    def __init__(self, model: EmbeddingModel, quantize: bool = False, cache_size: int = 0):
        self.model, self.quantize, self.index = model, quantize, None
        self._embed_one = functools.lru_cache(maxsize=cache_size)(self._embed_uncached) if cache_size else None

    def add(self, documents, batch_size: int = 256) -> "SearchPipeline":
        """Embed ``documents`` in batches and (re)build the index."""
        parts = [self.model.embed(documents[i:i + batch_size]) for i in range(0, len(documents), batch_size)]
        vectors = np.concatenate(parts) if parts else np.zeros((0, self.model.kv.vector_size))
        self.index = VectorIndex.build(vectors, self.model.version, self.quantize)
        return self

    def _embed_uncached(self, text: str) -> tuple:
        return tuple(self.model.embed([text])[0])

    def embed_queries(self, texts) -> np.ndarray:
        """Query vectors (Q, d); through the LRU cache when the pipeline has one."""
        if self._embed_one is None:
            return self.model.embed(texts)
        return np.array([self._embed_one(t) for t in texts], dtype=np.float32)

    def query(self, texts, k: int = 10) -> np.ndarray:
        """Top-k document indices for each query text, shape (Q, k)."""
        return self.index.search(self.embed_queries(texts), self.model.version, k)

    def cache_info(self):
        """``functools`` cache statistics (hits, misses, …), or None without a cache."""
        return self._embed_one.cache_info() if self._embed_one else None


def memory_formula_bytes(V: int, D: int, P: int, B: int) -> int:
    """The slide's memory formula M = V × D × P × B, in bytes.

    Example: ``memory_formula_bytes(10_000, 100, 4, 32)`` → 128,000,000.
    """
    return V * D * P * B


def memory_actual_bytes(V: int, D: int, P: int, B: int, L: int) -> dict:
    """What an embedding layer really holds: the table V·D·P once, plus a batch's lookups B·L·D·P.

    Example: ``memory_actual_bytes(10_000, 100, 4, 32, 20)`` → table 4,000,000, activations 256,000.
    """
    return {"table": V * D * P, "activations": B * L * D * P, "total": V * D * P + B * L * D * P}


def similarity_scores(Q, D, metric: str = "cosine") -> np.ndarray:
    """Scores (Q, N), higher = closer, of query rows Q (Q, d) against document rows D (N, d).

    ``metric``: ``"cosine"``, ``"dot"`` (raw dot product) or ``"l2"`` (negative Euclidean distance).
    On unit-length rows all three rank identically, since ‖q − x‖² = 2 − 2 q·x.
    Example: ``similarity_scores([[1, 0]], [[2, 0], [0.5, 0.1]], "l2")`` ranks the second row first.
    """
    Q, D = np.asarray(Q, np.float64), np.asarray(D, np.float64)
    if metric == "cosine":
        return normalize_rows(Q) @ normalize_rows(D).T
    if metric == "dot":
        return Q @ D.T
    if metric == "l2":
        sq = (Q ** 2).sum(1)[:, None] - 2 * Q @ D.T + (D ** 2).sum(1)[None, :]
        return -np.sqrt(np.maximum(sq, 0.0))
    raise ValueError(f"metric must be 'cosine', 'dot' or 'l2', got {metric!r}")
