"""The Word Embedding Association Test (WEAT) of Caliskan et al. (2017), with its permutation p-value.

WEAT asks whether two sets of target words X, Y (career, family) differ in
their association with two sets of attribute words A, B (male, female terms).
A word's association is s(w, A, B) = mean cos(w, a) − mean cos(w, b); the
effect size is the difference of the target sets' mean associations in units
of their standard deviation, and the p-value counts how many re-partitions of
X ∪ Y into two equal sets give at least the observed difference.

Simplified on purpose: cosine only, and the test one-sided as in Caliskan et al.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from lib.vectors.similarity import normalize_rows

WEAT_CAREER_FAMILY = {
    "X": ["executive", "management", "professional", "corporation", "salary", "office", "business", "career"],
    "Y": ["home", "parents", "children", "family", "cousins", "marriage", "wedding", "relatives"],
    "A": ["he", "him", "his", "man", "men", "father", "son", "brother", "boy", "male"],
    "B": ["she", "her", "hers", "woman", "women", "mother", "daughter", "sister", "girl", "female"],
}
"""Caliskan et al.'s (2017) career/family targets (their WEAT 6) with gendered terms as attributes
(their test uses first names, which a small corpus rarely has)."""


def association(W, A, B) -> np.ndarray:
    """s(w, A, B) = mean cos(w, a) − mean cos(w, b) for each row w of ``W``.

    Parameters
    ----------
    W : array_like, shape (n, d) — target words.
    A, B : array_like, shapes (p, d) and (q, d) — attribute words.

    Returns
    -------
    ndarray, shape (n,).

    Example: ``association([[1, 0]], [[1, 0]], [[0, 1]])`` → ``array([1.])``.
    """
    W, A, B = (normalize_rows(np.atleast_2d(np.asarray(M, float))) for M in (W, A, B))
    return (W @ A.T).mean(axis=1) - (W @ B.T).mean(axis=1)


@dataclass
class WeatResult:
    """One WEAT: effect size d, test statistic S, one-sided p-value, and the null distribution of S."""
    effect_size: float
    statistic: float
    p_value: float
    null: np.ndarray
    exact: bool


def weat(X, Y, A, B, n_permutations: int = 10_000, seed: int = 0) -> WeatResult:
    """The Word Embedding Association Test of Caliskan et al. (2017).

    S(X, Y, A, B) = Σ_x s(x, A, B) − Σ_y s(y, A, B); the effect size is
    (mean_x s − mean_y s) / std_{w ∈ X ∪ Y} s(w) (sample standard deviation);
    the p-value is the share of equal-size re-partitions (X_i, Y_i) of X ∪ Y with
    S(X_i, Y_i) ≥ S(X, Y): all of them when there are at most ``n_permutations``,
    else that many drawn at random (then counted as (hits + 1) / (draws + 1)).

    Parameters
    ----------
    X, Y : array_like, shapes (n, d) — target words (e.g. career, family), n each.
    A, B : array_like — attribute words (e.g. male, female terms).
    n_permutations : int
    seed : int

    Returns
    -------
    WeatResult

    Example: X close to A and Y close to B → effect size near +2 and a small p-value.
    """
    X, Y = np.atleast_2d(np.asarray(X, float)), np.atleast_2d(np.asarray(Y, float))
    if len(X) != len(Y) or len(X) < 2:
        raise ValueError(f"WEAT needs two target sets of the same size ≥ 2, got {len(X)} and {len(Y)}")
    s = association(np.vstack([X, Y]), A, B)
    n = len(X)
    observed = s[:n].sum() - s[n:].sum()
    effect = (s[:n].mean() - s[n:].mean()) / s.std(ddof=1)
    exact = math.comb(2 * n, n) <= n_permutations
    if exact:
        firsts = np.array([list(c) for c in combinations(range(2 * n), n)])
    else:
        rng = np.random.default_rng(seed)
        firsts = np.argsort(rng.random((n_permutations, 2 * n)), axis=1)[:, :n]
    null = 2 * s[firsts].sum(axis=1) - s.sum()        # Σ over X_i minus Σ over the rest
    hits = int((null >= observed - 1e-12).sum())
    p = hits / len(null) if exact else (hits + 1) / (len(null) + 1)
    return WeatResult(float(effect), float(observed), float(p), null, exact)


def weat_words(vocabulary, sets: dict = None) -> dict:
    """The words of a WEAT that ``vocabulary`` has, with the two target sets cut to the same length.

    Parameters
    ----------
    vocabulary : container of str (a gensim ``KeyedVectors`` works)
    sets : dict with keys "X", "Y", "A", "B" → list of str; defaults to :data:`WEAT_CAREER_FAMILY`.

    Returns
    -------
    dict of the same keys → list of str.

    Example: a vocabulary with 7 of X's and 5 of Y's words → 5 of each, in list order.
    """
    sets = sets or WEAT_CAREER_FAMILY
    present = {key: [w for w in words if w in vocabulary] for key, words in sets.items()}
    n = min(len(present["X"]), len(present["Y"]))
    if n < 2 or not present["A"] or not present["B"]:
        raise ValueError(f"too few WEAT words in the vocabulary: {({k: len(v) for k, v in present.items()})}; "
                         "train on a larger corpus or choose words it has")
    return {**present, "X": present["X"][:n], "Y": present["Y"][:n]}
