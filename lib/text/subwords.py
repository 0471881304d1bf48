"""Subword units as FastText uses them: character n-grams with boundary markers, hashed into buckets.

FastText (Bojanowski, Grave, Joulin & Mikolov, 2016; published 2017) represents a
word w by the set G_w of its character n-grams, 3 ≤ n ≤ 6, taken from the word
wrapped in boundary markers: "where" becomes "<where>", whose 3-grams are
``<wh, whe, her, ere, re>``. The markers make a prefix ("<wh") differ from the same
letters inside a word ("wh" in "nowhere"), and the whole marked word is one of its
n-grams when it is short enough (at most 6 characters with its markers).

There are far more distinct n-grams than memory allows, so each is hashed into
one of B buckets (2,000,000 by default) with the 32-bit FNV-1a hash, and n-grams
that collide share a vector. fastText hashes the UTF-8 bytes and, reading them as
signed chars, sign-extends bytes ≥ 128 before the XOR; :func:`fnv1a_32` does the same
(so non-ASCII words land in the buckets fastText and Gensim use).

A word's vector is built from the vectors z_g of its n-grams: the paper's score is
a sum over g ∈ G_w; fastText and Gensim divide that sum by the number of terms
(an average, which points in the same direction). :func:`subword_vector` does both.
"""
from __future__ import annotations

import numpy as np

MIN_N, MAX_N = 3, 6
"""fastText's default n-gram lengths (characters, markers included)."""
BUCKETS = 2_000_000
"""fastText's and Gensim's default number of hash buckets."""
FNV_OFFSET, FNV_PRIME = 2166136261, 16777619
"""The 32-bit FNV-1a offset basis and prime."""


def char_ngrams(word: str, min_n: int = MIN_N, max_n: int = MAX_N) -> list[str]:
    """The character n-grams of ``"<" + word + ">"``, shortest first, each length left to right.

    Parameters
    ----------
    word : str — one word, without markers.
    min_n, max_n : int — the n-gram lengths kept, markers counted as characters.

    Returns
    -------
    list of str — every n-gram with min_n ≤ n ≤ max_n, including the whole marked word
    when it is no longer than max_n (Gensim's ``compute_ngrams`` order).

    Example: ``char_ngrams("cat", 3, 4)`` → ``['<ca', 'cat', 'at>', '<cat', 'cat>']``.
    """
    if not isinstance(word, str) or not word:
        raise ValueError(f"word must be a non-empty string, got {word!r}")
    if not 1 <= min_n <= max_n:
        raise ValueError(f"need 1 ≤ min_n ≤ max_n, got min_n={min_n}, max_n={max_n}")
    marked = f"<{word}>"
    return [marked[i:i + n] for n in range(min_n, min(len(marked), max_n) + 1)
            for i in range(len(marked) - n + 1)]


def fnv1a_32(data: bytes) -> int:
    """fastText's 32-bit FNV-1a hash of ``data``: for each byte, XOR (sign-extended) then multiply by the prime.

    Parameters
    ----------
    data : bytes — e.g. an n-gram encoded as UTF-8.

    Returns
    -------
    int in [0, 2³²).

    Example: ``fnv1a_32(b"")`` → 2166136261 (the offset basis); ``fnv1a_32(b"<wh")`` → 1048167652.
    """
    h = FNV_OFFSET
    for byte in data:
        h ^= (byte - 256 if byte >= 128 else byte) & 0xFFFFFFFF   # fastText reads bytes as signed chars
        h = (h * FNV_PRIME) & 0xFFFFFFFF
    return h


def ngram_buckets(word: str, buckets: int = BUCKETS, min_n: int = MIN_N, max_n: int = MAX_N) -> np.ndarray:
    """Bucket index ``fnv1a_32(g) mod B`` of each n-gram g of :func:`char_ngrams`, shape (|G_w|,).

    Example: ``ngram_buckets("where")[:1]`` → ``[167652]`` (= 1048167652 mod 2,000,000, the bucket of "<wh").
    """
    if buckets < 1:
        raise ValueError(f"buckets must be at least 1, got {buckets}")
    return np.array([fnv1a_32(g.encode("utf-8")) % buckets for g in char_ngrams(word, min_n, max_n)],
                    dtype=np.int64)


def subword_vector(word: str, ngram_vectors: np.ndarray, word_vector=None, min_n: int = MIN_N,
                   max_n: int = MAX_N, average: bool = True) -> np.ndarray:
    """A word's vector from the vectors of its hashed n-grams (and its own vector, if it has one).

    Parameters
    ----------
    word : str
    ngram_vectors : ndarray, shape (B, d) — one row z_g per bucket.
    word_vector : ndarray, shape (d,), optional — the word's own vector (words seen in training
        have one; a word never seen has none, and is made of its n-grams alone).
    min_n, max_n : int — n-gram lengths.
    average : bool — divide the sum by the number of vectors added, as fastText and Gensim do;
        False gives the paper's plain sum.

    Returns
    -------
    ndarray, shape (d,)

    Example: with B = 10 and ``ngram_vectors = np.eye(10)``, ``subword_vector("a", …, min_n=3, max_n=3)``
    → the row of the bucket of "<a>" (its only 3-gram).
    """
    ngram_vectors = np.asarray(ngram_vectors)
    rows = ngram_buckets(word, len(ngram_vectors), min_n, max_n)
    total = ngram_vectors[rows].sum(axis=0)
    terms = len(rows)
    if word_vector is not None:
        total = total + np.asarray(word_vector)
        terms += 1
    if terms == 0:
        raise ValueError(f"{word!r} has no n-gram of {min_n} to {max_n} characters with its markers "
                         "and no word vector; lower min_n")
    return total / terms if average else total


def ngram_table(words, min_n: int = MIN_N, max_n: int = MAX_N, buckets: int = BUCKETS):
    """Each word's n-grams and buckets, one row per n-gram, as a pandas DataFrame.

    Example: ``ngram_table(["cat"], 3, 3)`` → 3 rows: ``<ca``, ``cat``, ``at>`` with their buckets.
    """
    import pandas as pd
    rows = [{"word": w, "n": len(g), "n-gram": g, "FNV-1a": fnv1a_32(g.encode("utf-8")),
             "bucket": fnv1a_32(g.encode("utf-8")) % buckets} for w in words for g in char_ngrams(w, min_n, max_n)]
    return pd.DataFrame(rows)


def bucket_collisions(words, buckets: int, min_n: int = MIN_N, max_n: int = MAX_N) -> dict:
    """How many distinct n-grams the words have, how many buckets they fill, and how many share one.

    Returns
    -------
    dict — ``ngrams`` (distinct n-grams), ``buckets_used``, ``shared`` (n-grams whose bucket holds
    another n-gram too).

    Example: ``bucket_collisions(["cat", "act"], 1)`` → 12 n-grams, 1 bucket, all 12 shared.
    """
    grams = {g for w in words for g in char_ngrams(w, min_n, max_n)}
    ids = np.array([fnv1a_32(g.encode("utf-8")) % buckets for g in grams], dtype=np.int64)
    _, inverse, per_bucket = np.unique(ids, return_inverse=True, return_counts=True)
    return {"ngrams": len(grams), "buckets_used": int(len(per_bucket)),
            "shared": int(np.sum(per_bucket[inverse] > 1))}
