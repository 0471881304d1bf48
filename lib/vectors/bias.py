"""A bias direction from word pairs, words projected on it, and what removing it leaves.

A *bias direction* g is a unit vector along which definitional pairs differ
("he"/"she", "man"/"woman"): Bolukbasi et al. (2016) take the first principal
component of the pairs' differences. A word's *projection* cos(w, g) says how
far it leans to one side. *Neutralising* a word removes its component along
g; Gonen and Goldberg (2019) showed that this hides the bias from the
projection but not from the neighbours, which :func:`neighbour_recovery` measures.
The association test of Caliskan et al. (2017) is in :mod:`lib.vectors.association_test`.

Simplified on purpose: one direction (no subspace of several) and cosine throughout.
"""
from __future__ import annotations

import numpy as np

from lib.vectors.similarity import normalize_rows


# ----------------------------------------------------------------------------- word lists

DEFINITIONAL_PAIRS = [("he", "she"), ("his", "her"), ("man", "woman"), ("men", "women"), ("father", "mother"),
                      ("son", "daughter"), ("brother", "sister"), ("king", "queen"), ("boy", "girl"),
                      ("male", "female"), ("husband", "wife"), ("boys", "girls")]
"""Pairs that differ by gender by definition (after Bolukbasi et al. 2016), male word first."""

OCCUPATIONS = ["president", "minister", "secretary", "captain", "officer", "professor", "lawyer", "worker",
               "pilot", "judge", "student", "manager", "doctor", "actor", "scientist", "teacher", "priest",
               "player", "writer", "artist", "engineer", "nurse", "farmer", "poet", "physician", "singer",
               "composer", "politician", "dancer", "librarian", "housekeeper", "receptionist", "hairdresser"]
"""Occupation words to project; a corpus keeps those it has seen often enough."""

SEAT_TEMPLATES = ["This is the {}.", "That is the {}.", "Here is the {}.", "The {} is here.", "The {} is there."]
"""Sentences that put one word in a neutral context, for a sentence encoder (after May et al. 2019)."""


def pair_direction(A, B, method: str = "pca") -> tuple[np.ndarray, float]:
    """The unit direction g along which the rows of ``A`` differ from the rows of ``B``.

    Parameters
    ----------
    A, B : array_like, shape (n, d)
        Vectors of n definitional pairs, A[i] paired with B[i] ("he" with "she").
    method : {"pca", "mean"}
        "pca": the first principal component of the pairs centred on their means
        (Bolukbasi et al. 2016), which is the top right singular vector of the
        differences of the unit vectors; "mean": their mean difference.

    Returns
    -------
    g : ndarray, shape (d,)
        Unit length, signed so that the A side is positive.
    share : float
        Share of the differences' energy along g: 1 for a single pair, and well
        above what pairs of unrelated words give only when the pairs share a direction.

    Example: ``pair_direction([[1, 1]], [[1, -1]])`` → ``(array([0., 1.]), 1.0)``.
    """
    D = normalize_rows(np.asarray(A, float)) - normalize_rows(np.asarray(B, float))
    if D.ndim != 2 or len(D) == 0:
        raise ValueError("pair_direction needs at least one pair: A and B of shape (n, d) with n ≥ 1")
    if method == "pca":
        g = np.linalg.svd(D, full_matrices=False)[2][0]
    elif method == "mean":
        g = D.mean(axis=0)
    else:
        raise ValueError(f"method must be 'pca' or 'mean', got {method!r}")
    g = g / np.linalg.norm(g)
    share = float(((D @ g) ** 2).sum() / (D ** 2).sum())
    return (g if (D @ g).mean() >= 0 else -g), share


def projection_on(E, g) -> np.ndarray:
    """cos(w, g) for each row w of ``E``: how far each word leans to the A side (+) or the B side (−).

    Parameters
    ----------
    E : array_like, shape (n, d)
    g : array_like, shape (d,)

    Returns
    -------
    ndarray, shape (n,), in [−1, 1].

    Example: ``projection_on([[3, 4]], [0, 1])`` → ``array([0.8])``.
    """
    g = np.asarray(g, float)
    return normalize_rows(np.atleast_2d(np.asarray(E, float))) @ (g / np.linalg.norm(g))


def bootstrap_projections(A, B, E, n_boot: int = 1000, seed: int = 0) -> np.ndarray:
    """Projections of ``E`` on directions from pairs resampled with replacement: how much g depends on the pairs.

    Parameters
    ----------
    A, B : array_like, shape (n, d) — the definitional pairs.
    E : array_like, shape (m, d) — the words to project.
    n_boot : int
    seed : int

    Returns
    -------
    ndarray, shape (n_boot, m); percentiles over axis 0 give an interval per word.

    Example: with 10 pairs and 5 occupations → an array of shape (1000, 5).
    """
    A, B = np.asarray(A, float), np.asarray(B, float)
    rng = np.random.default_rng(seed)
    draws = rng.integers(0, len(A), size=(n_boot, len(A)))
    return np.stack([projection_on(E, pair_direction(A[i], B[i])[0]) for i in draws])


def pair_vectors(vectors, pairs) -> tuple[np.ndarray, np.ndarray, list]:
    """The vectors of the pairs both of whose words ``vectors`` has.

    Parameters
    ----------
    vectors : mapping of str → array of shape (d,) (a gensim ``KeyedVectors`` works)
    pairs : list of (str, str)

    Returns
    -------
    A, B : ndarray, shape (n, d) — first and second words of the n kept pairs.
    kept : list of (str, str)

    Example: vectors for he, she and man only, pairs [("he", "she"), ("man", "woman")] → one pair kept.
    """
    kept = [(a, b) for a, b in pairs if a in vectors and b in vectors]
    if not kept:
        raise ValueError("none of the pairs has both words in the vocabulary; choose pairs the corpus has")
    return np.array([vectors[a] for a, _ in kept]), np.array([vectors[b] for _, b in kept]), kept


def random_pair_share(E, n_pairs: int, n_draws: int = 200, seed: int = 0) -> np.ndarray:
    """The share along the first direction (as in :func:`pair_direction`) for pairs of random rows of ``E``.

    The baseline for definitional pairs: unrelated words share no direction, so
    their share is what n_pairs differences give by chance.

    Parameters
    ----------
    E : array_like, shape (V, d) — e.g. the most frequent words' vectors.
    n_pairs : int
    n_draws : int
    seed : int

    Returns
    -------
    ndarray, shape (n_draws,).

    Example: ``np.median(random_pair_share(E, 10))`` for 100-d vectors → a value near 0.2.
    """
    E = np.asarray(E, float)
    draws = np.random.default_rng(seed).choice(len(E), size=(n_draws, 2 * n_pairs))
    return np.array([pair_direction(E[i[:n_pairs]], E[i[n_pairs:]])[1] for i in draws])


def leaning_intervals(vectors, A, B, words, n_boot: int = 1000, seed: int = 0, percentiles=(5, 95)) -> dict:
    """Each word's projection on the direction of the pairs (A, B), with a bootstrap interval over the pairs.

    Parameters
    ----------
    vectors : mapping of str → array of shape (d,)
    A, B : array_like, shape (n, d) — the definitional pairs.
    words : list of str — every one in ``vectors``.
    n_boot : int
    seed : int
    percentiles : (float, float)

    Returns
    -------
    dict of str → (value, low, high)

    Example: ``leaning_intervals(kv, A, B, ["nurse"])`` → ``{"nurse": (-0.2, -0.3, -0.1)}``.
    """
    E = np.array([vectors[w] for w in words])
    low, high = np.percentile(bootstrap_projections(A, B, E, n_boot=n_boot, seed=seed), percentiles, axis=0)
    value = projection_on(E, pair_direction(A, B)[0])
    return {w: (float(v), float(lo), float(hi)) for w, v, lo, hi in zip(words, value, low, high)}

# ----------------------------------------------------------------------------- removing a direction

def neutralise(E, g) -> np.ndarray:
    """Remove each row's component along g and rescale it to unit length ("hard debiasing", Bolukbasi et al.).

    Parameters
    ----------
    E : array_like, shape (n, d)
    g : array_like, shape (d,)

    Returns
    -------
    ndarray, shape (n, d): unit rows with projection_on(result, g) = 0.

    Example: ``neutralise([[3, 4]], [0, 1])`` → ``array([[1., 0.]])``.
    """
    g = np.asarray(g, float) / np.linalg.norm(g)
    U = normalize_rows(np.atleast_2d(np.asarray(E, float)))
    return normalize_rows(U - np.outer(U @ g, g))


def most_leaning(leans, n: int, skip=()) -> tuple[np.ndarray, np.ndarray]:
    """Indices of the ``n`` words leaning furthest to each side, leaving out the indices in ``skip``.

    Parameters
    ----------
    leans : array_like, shape (V,) — e.g. :func:`projection_on` of every word.
    n : int
    skip : iterable of int — e.g. the definitional words themselves.

    Returns
    -------
    (a_side, b_side) : two int arrays of shape (n,), furthest first.

    Example: ``most_leaning([0.3, -0.2, 0.1, -0.4], 1)`` → ``(array([0]), array([3]))``.
    """
    leans, skip = np.asarray(leans, float), set(skip)
    order = [i for i in np.argsort(leans) if i not in skip]
    if 2 * n > len(order):
        raise ValueError(f"asked for {n} words on each side but only {len(order)} words are left")
    return np.array(order[::-1][:n]), np.array(order[:n])

def neighbour_recovery(E, labels, k: int = 5) -> float:
    """Share of words whose label is the majority label of their k nearest neighbours (cosine, leave-one-out).

    Gonen and Goldberg (2019): after neutralising, words that leaned to one side
    still sit among words that leaned the same way, so this stays far above 0.5.

    Parameters
    ----------
    E : array_like, shape (n, d)
    labels : array_like of bool, shape (n,) — e.g. "leaned to the A side before neutralising".
    k : int, odd, so that there are no ties.

    Returns
    -------
    float in [0, 1]; 0.5 is chance for two balanced groups.

    Example: two tight, distant clusters labelled by cluster → 1.0.
    """
    if k % 2 == 0:
        raise ValueError(f"k must be odd so that the majority is never a tie, got {k}")
    U = normalize_rows(np.asarray(E, float))
    labels = np.asarray(labels, bool)
    S = U @ U.T
    np.fill_diagonal(S, -np.inf)
    nearest = np.argsort(-S, axis=1)[:, :k]
    majority = labels[nearest].sum(axis=1) * 2 > k
    return float((majority == labels).mean())
