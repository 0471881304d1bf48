"""Three ways a computer can see a word: character codes, one-hot vectors, dense vectors.

The slides' "Beyond ASCII" and "The Sparsity Problem" sections. One-hot
vectors are built densely here because the vocabularies in the chapters are
small; :func:`one_hot_bytes` reports what a real vocabulary would cost.
"""
from __future__ import annotations

import numpy as np


def ascii_codes(word: str) -> list[int]:
    """Character codes of ``word`` (its Unicode code points; ASCII for English letters).

    Example: ``ascii_codes("cat")`` → ``[99, 97, 116]``.
    """
    return [ord(ch) for ch in word]


def one_hot(word: str, vocabulary: list[str]) -> np.ndarray:
    """One-hot vector of ``word`` over ``vocabulary``.

    Parameters
    ----------
    word : str
        The word to encode; must be in ``vocabulary``.
    vocabulary : list of str, length V
        Distinct words, in the order that defines the dimensions.

    Returns
    -------
    ndarray, shape (V,)
        1.0 at the word's index and 0.0 elsewhere.

    Example: ``one_hot("dog", ["cat", "dog", "mat"])`` → ``[0., 1., 0.]``.
    """
    if len(set(vocabulary)) != len(vocabulary):
        raise ValueError("vocabulary has repeated words; one-hot needs each word once")
    try:
        index = list(vocabulary).index(word)
    except ValueError:
        raise KeyError(f"{word!r} is not in the vocabulary of {len(vocabulary)} words; "
                       "add it to the vocabulary or map it to an <unk> token") from None
    vector = np.zeros(len(vocabulary))
    vector[index] = 1.0
    return vector


def one_hot_matrix(vocabulary: list[str]) -> np.ndarray:
    """Stack the one-hot vectors of every vocabulary word: the identity matrix, shape (V, V).

    Example: ``one_hot_matrix(["a", "b"])`` → ``[[1, 0], [0, 1]]``.
    """
    return np.stack([one_hot(w, vocabulary) for w in vocabulary]) if vocabulary else np.zeros((0, 0))


def sparsity_percent(V: int) -> float:
    """Percentage of zeros in a one-hot vector over V words: (V − 1) / V × 100.

    Example: ``sparsity_percent(10)`` → 90.0; ``sparsity_percent(50_000)`` → 99.998.
    """
    if V < 1:
        raise ValueError(f"vocabulary size must be at least 1, got {V}")
    return (V - 1) / V * 100.0


def one_hot_bytes(V: int, n_words: int = 1, bytes_per_value: int = 4) -> int:
    """Memory for ``n_words`` dense one-hot vectors of length V, in bytes (float32 by default).

    Example: ``one_hot_bytes(50_000)`` → 200_000.
    """
    return V * n_words * bytes_per_value


def dense_bytes(d: int, n_words: int = 1, bytes_per_value: int = 4) -> int:
    """Memory for ``n_words`` dense embeddings of dimension d, in bytes.

    Example: ``dense_bytes(300)`` → 1200.
    """
    return d * n_words * bytes_per_value


def sparsity_summary(V: int, d: int = 300, bytes_per_value: int = 4) -> dict:
    """What a one-hot and a dense representation cost for a vocabulary of V words.

    Parameters
    ----------
    V : int
        Vocabulary size (length of a one-hot vector).
    d : int
        Embedding dimension of the dense vectors.
    bytes_per_value : int
        4 for float32.

    Returns
    -------
    dict
        ``sparsity_percent`` ((V − 1)/V × 100), ``one_hot_bytes`` and ``dense_bytes``
        (one word), ``one_hot_table_bytes`` (V × V, every word) and ``dense_table_bytes``
        (V × d), and ``ratio`` = V / d, how many times shorter a dense vector is.

    Example: ``sparsity_summary(50_000, 300)["ratio"]`` → 166.66…
    """
    return {
        "V": V, "d": d,
        "sparsity_percent": sparsity_percent(V),
        "one_hot_bytes": one_hot_bytes(V, 1, bytes_per_value),
        "dense_bytes": dense_bytes(d, 1, bytes_per_value),
        "one_hot_table_bytes": one_hot_bytes(V, V, bytes_per_value),
        "dense_table_bytes": dense_bytes(d, V, bytes_per_value),
        "ratio": V / d,
    }
