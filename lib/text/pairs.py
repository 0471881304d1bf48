"""Training pairs (center, context) from context windows — fixed and word2vec-style dynamic.

A sentence of n tokens with window w gives, for the token at position i,
the contexts at positions j with 0 < |i − j| ≤ w. word2vec's *dynamic*
window draws, for every center, a reduced window b uniformly from {1, …, w},
so nearer words are seen more often (a context at distance k is kept with
probability (w − k + 1) / w).

Everything is vectorised over a whole corpus laid end to end: a pair is
valid only if both positions lie in the same sentence.
"""
from __future__ import annotations

import numpy as np


def pair_count(n: int, window: int) -> int:
    """Exact number of (center, context) pairs in one sentence of ``n`` tokens with a fixed window.

    Each position i has ``min(i, w) + min(n − 1 − i, w)`` neighbours.
    Example: ``pair_count(9, 1)`` → 16; ``pair_count(9, 2)`` → 30.
    """
    i = np.arange(n)
    return int(np.sum(np.minimum(i, window) + np.minimum(n - 1 - i, window)))


def window_pairs(positions_sentence: np.ndarray, window: int, rng: np.random.Generator | None = None,
                 reach: np.ndarray | None = None):
    """Position pairs (i, j) within ``window`` of each other and in the same sentence.

    Parameters
    ----------
    positions_sentence : ndarray of int, shape (N,)
        Sentence number of each token of a corpus laid end to end.
    window : int
        The maximum distance w (≥ 1).
    rng : numpy Generator, optional
        If given, use word2vec's dynamic window: each center i draws
        ``b_i ~ Uniform{1..w}`` and keeps contexts with ``|i − j| ≤ b_i``.
    reach : ndarray of int, shape (N,), optional
        Each center's window b_i, already drawn (takes the place of ``rng``).

    Returns
    -------
    centers, contexts : ndarray of int64, shape (P,)
        Token positions, ordered by center position then context position.

    Example: one sentence of 3 tokens, w = 1 → centers ``[0, 1, 1, 2]``, contexts ``[1, 0, 2, 1]``.
    """
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    sent = np.asarray(positions_sentence)
    n = len(sent)
    if reach is None:
        reach = np.full(n, window) if rng is None else rng.integers(1, window + 1, size=n)
    offsets = np.concatenate([np.arange(-window, 0), np.arange(1, window + 1)])  # (2w,)
    centers = np.arange(n)[:, None]                                             # (N, 1)
    contexts = centers + offsets[None, :]                                       # (N, 2w)
    inside = (contexts >= 0) & (contexts < n) & (np.abs(offsets)[None, :] <= reach[:, None])
    inside[inside] = sent[contexts[inside]] == np.broadcast_to(sent[:, None], contexts.shape)[inside]
    return np.broadcast_to(centers, contexts.shape)[inside], contexts[inside]


def sentence_pairs(token_ids, window: int, rng: np.random.Generator | None = None) -> np.ndarray:
    """(center id, context id) pairs of one sentence, shape (P, 2).

    Example: ids ``[7, 8, 9]``, w = 1 → ``[[7, 8], [8, 7], [8, 9], [9, 8]]``.
    """
    ids = np.asarray(token_ids)
    c, o = window_pairs(np.zeros(len(ids), dtype=np.int64), window, rng)
    return np.stack([ids[c], ids[o]], axis=1)


def word_pairs(tokens: list[str], window: int) -> list[tuple[str, str]]:
    """The fixed-window (center, context) word pairs of one tokenised sentence.

    Example: ``word_pairs(['a', 'b', 'c'], 1)`` → ``[('a','b'), ('b','a'), ('b','c'), ('c','b')]``.
    """
    c, o = window_pairs(np.zeros(len(tokens), dtype=np.int64), window)
    return [(tokens[i], tokens[j]) for i, j in zip(c, o)]
