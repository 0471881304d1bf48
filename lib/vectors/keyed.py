"""Word vectors as gensim ``KeyedVectors``: the one form every engine and chapter hands around.

gensim's ``KeyedVectors`` holds words, their vectors and their counts, and
answers similarity queries; the course converts every matrix of word vectors
into it, whichever engine trained them.
"""
from __future__ import annotations

import numpy as np


def to_keyed_vectors(words, vectors, counts=None):
    """Wrap a (V, d) matrix and its V words as a gensim ``KeyedVectors``.

    Parameters
    ----------
    words : list of str, length V
    vectors : ndarray, shape (V, d)
    counts : ndarray of int, shape (V,), optional — stored as each word's ``count`` attribute.
    """
    from gensim.models import KeyedVectors
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or len(words) != len(vectors):
        raise ValueError(f"need one row per word: {len(words)} words, vectors of shape {vectors.shape}")
    kv = KeyedVectors(vectors.shape[1])
    kv.add_vectors(list(words), vectors)
    if counts is not None:
        kv.expandos["count"] = np.asarray(counts, dtype=np.int64)
    return kv


def pick_present(kv, options) -> list:
    """For each list of candidate words, the first one in ``kv``'s vocabulary (and not picked yet).

    Lets a chapter ask for "cat, or failing that cats, or animal" and say which word it got,
    whatever corpus size the vectors were trained on. ``None`` where no candidate is present.
    Example: vocabulary {cat, cats, car} and ``[["kitten", "cats"], ["truck", "car"]]`` → ``["cats", "car"]``.
    """
    picked = []
    for candidates in options:
        picked.append(next((w for w in candidates if w in kv and w not in picked), None))
    return picked
