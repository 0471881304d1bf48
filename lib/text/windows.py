"""What one context window sees: context positions, pair counts and the slide's count formula.

A sentence of n tokens, window w: the token at position i (0-based) has the
contexts j with 0 < |i − j| ≤ w and 0 ≤ j < n, that is

    min(i, w) words on its left  +  min(n − 1 − i, w) words on its right.

The exact number of (center, context) pairs of the sentence is the sum of that
over i (:func:`lib.text.pairs.pair_count` computes it; :func:`pair_count_closed_form`
gives it without a loop). The slides write ``Σ_{i=1}^{n} min(2w, n − 1)``,
which gives every position the same number of neighbours and so ignores that
words near either end have fewer: :func:`slide_pair_formula` computes it so a
chapter can show the difference.

Simplified on purpose: fixed windows only. word2vec's *dynamic* window, which
keeps a context at distance k with probability (w − k + 1)/w, is in
:mod:`lib.text.pairs`; :func:`expected_dynamic_pair_count` gives its average count.
"""
from __future__ import annotations

import numpy as np

from lib.text.pairs import pair_count


def context_positions(n: int, center: int, window: int) -> list[int]:
    """Positions of the context words of the token at ``center`` (0-based), left to right.

    Parameters
    ----------
    n : int — sentence length.
    center : int — position i of the center word, 0 ≤ i < n.
    window : int — the window w ≥ 1.

    Example: ``context_positions(9, 0, 2)`` → ``[1, 2]``; ``context_positions(9, 4, 1)`` → ``[3, 5]``.
    """
    if not 0 <= center < n:
        raise ValueError(f"center must be a position in 0..{n - 1}, got {center}")
    if window < 1:
        raise ValueError(f"window must be at least 1, got {window}")
    return [j for j in range(max(0, center - window), min(n, center + window + 1)) if j != center]


def contexts_per_position(n: int, window: int) -> np.ndarray:
    """Number of context words of each position, ``min(i, w) + min(n − 1 − i, w)``, shape (n,).

    Example: ``contexts_per_position(9, 2)`` → ``[2, 3, 4, 4, 4, 4, 4, 3, 2]``.
    """
    i = np.arange(n)
    return np.minimum(i, window) + np.minimum(n - 1 - i, window)


def slide_pair_formula(n: int, window: int) -> int:
    """The slides' pair count ``Σ_{i=1}^{n} min(2w, n − 1) = n · min(2w, n − 1)``.

    It gives every position min(2w, n − 1) contexts, also near the ends of the
    sentence where there are fewer, so it overcounts unless w ≥ n − 1.
    Example: ``slide_pair_formula(9, 1)`` → 18 (the sentence has 16 pairs).
    """
    return int(n * min(2 * window, n - 1))


def pair_count_closed_form(n: int, window: int) -> int:
    """Exact pair count without a loop: ``m(2n − m − 1)`` with ``m = min(w, n − 1)``.

    Every distance k = 1..m occurs in n − k position pairs on each side (left
    and right context), and ``2 Σ_{k=1}^{m} (n − k) = m(2n − m − 1)``.
    Example: ``pair_count_closed_form(9, 2)`` → 30; ``pair_count_closed_form(9, 20)`` → 72.
    """
    if n <= 0:
        return 0
    m = min(window, n - 1)
    return int(m * (2 * n - m - 1))


def expected_dynamic_pair_count(n: int, window: int) -> float:
    """Average pair count of one sentence under word2vec's dynamic window.

    A context at distance k is kept with probability (w − k + 1)/w, and distance
    k occurs 2(n − k) times. Example: ``expected_dynamic_pair_count(9, 1)`` → 16.0.
    """
    k = np.arange(1, min(window, n - 1) + 1)
    return float(np.sum(2 * (n - k) * (window - k + 1) / window))


def pair_count_table(n: int, windows, stated: dict | None = None):
    """The exact count, the closed form and the slide formula for each window, as a DataFrame.

    Parameters
    ----------
    n : int — sentence length.
    windows : iterable of int.
    stated : dict of int → int, optional — the numbers written on the slide, per window.

    Example: ``pair_count_table(9, [1, 2])`` → rows w = 1 (16, 16, 18) and w = 2 (30, 30, 36).
    """
    import pandas as pd
    rows = []
    for w in windows:
        row = {"window w": w, "counted pairs": pair_count(n, w),
               "Σ min(i,w) + min(n−1−i,w)": int(contexts_per_position(n, w).sum()),
               "m(2n − m − 1)": pair_count_closed_form(n, w),
               "slide: n · min(2w, n−1)": slide_pair_formula(n, w)}
        if stated is not None:
            row["slide's number"] = stated.get(w)
        rows.append(row)
    return pd.DataFrame(rows).set_index("window w")
