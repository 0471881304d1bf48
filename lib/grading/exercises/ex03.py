"""Exercise 3 checks: one-hot vectors, sparsity and cosine similarity.

Slides: "Starting Point: One-Hot Encoding", "The Sparsity Problem",
"Measuring Word Similarity" and "Cosine Similarity: Geometric
Interpretation / Mathematical Properties". Expected values come from the
reference implementations in :mod:`lib.vectors.representations` and
:mod:`lib.vectors.similarity`; each check also recognises the usual wrong answers
(a cosine that forgets a norm, a sparsity that is a fraction, …) and says so.

Notebook use::

    from lib.grading.exercises import ex03
    ex03.check("q1")               # one question; its answer `one_hot` is looked up by name
    ex03.check_all(globals())      # every question, with the total
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import (CheckFailed, NotAnswered, as_array, as_number, call, case, close, fail, how_close,
                                needs, raises, short_repr)
from lib.grading.loops import fail_if_loops
from lib.grading.questions import Exercise
from lib.vectors.representations import one_hot as ref_one_hot
from lib.vectors.representations import sparsity_percent as ref_sparsity
from lib.vectors.similarity import cosine_matrix as ref_cosine_matrix
from lib.vectors.similarity import cosine_similarity as ref_cosine

exercise = Exercise("ex03", "One-hot vectors, sparsity and cosine similarity", notebook="03_onehot_cosine")
check = exercise.check
check_all = exercise.check_all

VOCAB = ["cat", "dog", "mat", "sat", "hat"]
"""The slide's five-word vocabulary (V = 5)."""


@exercise.question("q1", points=2, answer="one_hot")
def check_one_hot(one_hot):
    """one_hot(word, vocabulary): a length-V vector with a single 1 at the word's index."""
    with case("vectors", 1.5) as vectors:
        _check_one_hot_vectors(one_hot)
    with case("unknown word", 0.5):
        needs(vectors)
        if raises(one_hot, "unicorn", list(VOCAB)) is None:
            fail("one_hot('unicorn', vocab) returned a vector for a word that is not in the vocabulary; "
                 "raise a KeyError (or ValueError) instead, since an all-zero vector would silently mean no word")
    return "right for the first, a middle and the last word, a second vocabulary, and an unknown word"


def _check_one_hot_vectors(one_hot):
    for vocab, words in [(VOCAB, ["dog", "cat", "hat"]),
                         (["the", "quick", "brown", "fox", "jumps", "over", "lazy"], ["fox"])]:
        V = len(vocab)
        for word in words:
            label = f"one_hot({word!r}, {short_repr(vocab, 45)})"
            vec = as_array(call(one_hot, word, list(vocab)), label)
            if vec.ndim != 1:
                fail(f"{label} returned an array of shape {vec.shape}; expected a 1-D vector of shape ({V},)")
            if vec.shape != (V,):
                fail(f"{label} returned a vector of length {len(vec)}, expected {V} "
                     "(one entry per vocabulary word)")
            nonzero = np.flatnonzero(vec)
            if len(nonzero) != 1:
                fail(f"{label} has {len(nonzero)} non-zero entries; a one-hot vector has exactly one")
            if vec[nonzero[0]] != 1:
                fail(f"{label} has the value {vec[nonzero[0]]:g} at its non-zero entry, expected 1")
            if not close(vec, ref_one_hot(word, vocab)):
                fail(f"{label} puts the 1 at index {nonzero[0]}, expected index {vocab.index(word)} "
                     "(the word's position in the vocabulary, counting from 0)")


@exercise.question("q2", points=1, answer="sparsity_percent")
def check_sparsity(sparsity_percent):
    """sparsity_percent(V): the percentage of zeros in a one-hot vector, (V − 1) / V × 100."""
    for V in [10, 5, 2, 50_000, 170_000, 1]:
        label = f"sparsity_percent({V})"
        got = as_number(call(sparsity_percent, V), label)
        want = ref_sparsity(V)
        if close(got, want, 1e-9):
            continue
        if close(got, want / 100, 1e-9):
            fail(f"{label} returned {got:g}, a fraction; the question asks for a percent (multiply by 100)")
        if V > 1 and (close(got, V / (V - 1) * 100, 1e-9) or close(got, V / (V - 1), 1e-9)):
            fail(f"{label} returned {got:g}: that is V / (V − 1); sparsity is (V − 1) / V, "
                 "the share of entries that are zero")
        if close(got, 100 / V, 1e-9) or close(got, 1 / V, 1e-9):
            fail(f"{label} returned {got:g}: that is the share of non-zero entries (1 / V); "
                 "sparsity counts the zeros")
        fail(f"{label} returned {got:g}, expected {want:.6g} ((V − 1) / V × 100)")
    return "right for V = 10, 5, 2, 50,000, 170,000 (99.99941 %) and 1 (0 %)"


@exercise.question("q3", points=2, answer="cosine_similarity")
def check_cosine(cosine_similarity):
    """cosine_similarity(a, b) = a · b / (||a|| ||b||), a float in [-1, 1]."""
    with case("cosines", 1.5):
        _check_cosines(cosine_similarity)
    with case("zero vector", 0.5):
        zero = [0.0, 0.0, 0.0]
        if raises(cosine_similarity, zero, [1.0, 2.0, 2.0]) is None:
            got = call(cosine_similarity, zero, [1.0, 2.0, 2.0])
            fail(f"cosine_similarity([0, 0, 0], [1, 2, 2]) returned {short_repr(got)}; a zero vector has "
                 "no direction, so raise a ValueError instead")
    return ("right on 6 pairs (same, opposite and orthogonal directions, a 300-d pair), symmetric, "
            "and a zero vector is refused")


def _check_cosines(cosine_similarity):
    rng = np.random.default_rng(0)
    cases = [([1, 2, 2], [0, 3, 4]),                       # ||a|| = 3, ||b|| = 5: a forgotten norm shows
             (np.array([3.0, 4.0]), np.array([4.0, 3.0])),
             (np.array([1.0, 2.0, 3.0]), np.array([2.5, 5.0, 7.5])),  # same direction: 1
             (np.array([1.0, 2.0]), np.array([-2.0, -4.0])),          # opposite: -1
             (np.array([2.0, 0.0, 0.0]), np.array([0.0, 3.0, 0.0])),  # orthogonal: 0
             (rng.normal(size=300), rng.normal(size=300))]            # a 300-d embedding pair
    for a, b in cases:
        label = f"cosine_similarity({short_repr(a)}, {short_repr(b)})"
        got = as_number(call(cosine_similarity, a, b), label)
        want = ref_cosine(a, b)
        if close(got, want):
            continue
        dot = float(np.dot(a, b))
        na, nb = float(np.linalg.norm(a)), float(np.linalg.norm(b))
        if close(got, dot):
            fail(f"{label} returned {got:.4g}, the plain dot product a · b; divide by ||a|| ||b|| "
                 f"to get the cosine {want:.4g}")
        if close(got, dot / na) or close(got, dot / nb):
            fail(f"{label} returned {got:.4g}: it divides by only one norm; divide by both, ||a|| × ||b||")
        if close(got, dot / (na ** 2 * nb ** 2)) or close(got, dot / (na * nb) ** 0.5):
            fail(f"{label} returned {got:.4g}: the norms are squared or square-rooted one time too many; "
                 "||a|| = sqrt(a · a)")
        if close(got, dot / (na + nb)):
            fail(f"{label} returned {got:.4g}: it divides by ||a|| + ||b||; the formula uses the product")
        fail(f"{label} returned {got:.4g}, expected {want:.4g} (a · b = {dot:.4g}, "
             f"||a|| = {na:.4g}, ||b|| = {nb:.4g})")
    a, b = np.array([0.6, 0.8]), np.array([0.8, 0.6])
    if not close(call(cosine_similarity, a, b), call(cosine_similarity, b, a)):
        fail("cosine_similarity(a, b) and cosine_similarity(b, a) differ; the cosine is symmetric")


@exercise.question("q4", points=1, answer="cos_to_degrees")
def check_degrees(cos_to_degrees):
    """cos_to_degrees(c): the angle θ in degrees whose cosine is c, robust to rounding past ±1."""
    with case("angles", 0.5):
        _check_angles(cos_to_degrees)
    with case("cosines rounded past ±1", 0.5):
        _check_clipping(cos_to_degrees)
    return ("right for 0°, 60°, 90°, 180°, the slides' cosines 0.95, 0.97, 0.1 and 0.09, "
            "and cosines rounded past ±1")


def _check_angles(cos_to_degrees):
    for c in [1.0, 0.0, -1.0, 0.5, 0.95, 0.1, 0.97, 0.09]:
        label = f"cos_to_degrees({c})"
        got = as_number(call(cos_to_degrees, c), label)
        want = float(np.degrees(np.arccos(c)))
        if close(got, want, 1e-6):
            continue
        if close(got, np.arccos(c)):
            fail(f"{label} returned {got:.4g}, the angle in radians; convert to degrees (× 180 / π)")
        fail(f"{label} returned {got:.4g}, expected {want:.4g}° (θ = arccos(c))")


def _check_clipping(cos_to_degrees):
    for c, want in [(1 + 1e-12, 0.0), (-1 - 1e-12, 180.0)]:
        label = f"cos_to_degrees({c!r})"
        hint = "rounding can push a computed cosine just past ±1, so clip c to [-1, 1] before arccos"
        try:
            got = as_number(call(cos_to_degrees, c), label)
        except NotAnswered:
            raise
        except CheckFailed as error:
            fail(f"{error}; {hint}")
        if not close(got, want, 1e-6):
            fail(f"{label} returned {got:.4g}, expected {want:g}: {hint}")


TOY_WORDS = ["cat", "dog", "car", "truck"]
TOY_VECTORS = np.array([[0.9, 0.1, 0.3],
                        [0.8, 0.2, 0.5],
                        [0.1, 0.9, 0.4],
                        [0.2, 1.6, 1.1]])
"""A made-up 3-d embedding of the slide's similarity-matrix words, shape (4, 3)."""


@exercise.question("q5", points=2, answer="similarity_matrix")
def check_matrix(similarity_matrix):
    """similarity_matrix(X): all pairwise cosines between the rows of X (n, d), shape (n, n), without a Python loop."""
    with case("values", 1) as values:
        _check_matrix_values(similarity_matrix)
    with case("no Python loop", 1):
        needs(values)
        fail_if_loops(similarity_matrix, "similarity_matrix")
    return ("right for the (4, 3) toy embedding, a (6, 8) random one with rows of different lengths, "
            "and a single word, without a Python loop")


def _check_matrix_values(similarity_matrix):
    rng = np.random.default_rng(1)
    uneven = rng.normal(size=(6, 8)) * rng.uniform(0.5, 3, size=(6, 1))  # rows of different lengths
    for X in [TOY_VECTORS, uneven, np.array([[3.0, 4.0]])]:
        n, d = X.shape
        label = f"similarity_matrix(X) with X of shape {X.shape}"
        got = as_array(call(similarity_matrix, X.copy()), label)
        want = ref_cosine_matrix(X)
        if got.shape == (d, d) and d != n:
            fail(f"{label} returned shape {got.shape}, which compares the {d} dimensions (columns); "
                 f"compare the {n} words (rows): expected shape ({n}, {n})")
        if got.shape != (n, n):
            fail(f"{label} returned shape {got.shape}, expected ({n}, {n}): one row and column per word")
        if close(got, want):
            continue
        if close(got, X @ X.T):
            fail(f"{label} returned the raw dot products X Xᵀ; normalise each row to length 1 first")
        Xc = X / np.linalg.norm(X, axis=0, keepdims=True)
        if close(got, Xc @ Xc.T):
            fail(f"{label} normalised the columns; normalise each row (one word) instead, axis=1")
        if not close(np.diag(got), np.ones(n)):
            fail(f"{label} has diagonal {short_repr(np.round(np.diag(got), 3))}; "
                 "every word has cosine 1 with itself")
        i, j = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
        fail(f"{label}: entry [{i}, {j}] is {got[i, j]:.4g}, expected {want[i, j]:.4g}")


@exercise.question("q6", points=1, answer="onehot_cosine")
def check_onehot_cosine(onehot_cosine):
    """onehot_cosine: the cosine similarity between the one-hot vectors of two different words (within 1e-6)."""
    got = as_number(onehot_cosine, "onehot_cosine", verb="is")
    if close(got, 0.0, atol=1e-6):
        return "right: one-hot vectors of different words are orthogonal, so cat and kitten score 0"
    if close(got, 1.0):
        fail("onehot_cosine is 1, which would mean the same direction; two different one-hot vectors "
             "share no non-zero entry, so what is their dot product?")
    fail(f"onehot_cosine: {how_close(got, 0.0, atol=1e-6)}; compute it with your one_hot and "
         "cosine_similarity for two different words, e.g. 'cat' and 'kitten'")


# ----------------------------------------------------------------------------- typical wrong answers

def _wrong_one_hot_length(word, vocabulary):
    vec = np.zeros(len(vocabulary) - 1)
    vec[min(vocabulary.index(word), len(vec) - 1)] = 1
    return vec


def _wrong_one_hot_unknown(word, vocabulary):
    return np.array([1.0 if w == word else 0.0 for w in vocabulary])


def _wrong_one_hot_index(word, vocabulary):
    vec = np.zeros(len(vocabulary))
    vec[(vocabulary.index(word) + 1) % len(vocabulary)] = 1
    return vec


def _wrong_cosine_dot(a, b):
    return float(np.dot(a, b))


def _wrong_cosine_one_norm(a, b):
    return float(np.dot(a, b) / np.linalg.norm(a))


def _wrong_cosine_squared(a, b):
    return float(np.dot(a, b) / (np.dot(a, a) * np.dot(b, b)))


def _wrong_cosine_nan(a, b):
    a, b = np.asarray(a, float), np.asarray(b, float)
    return float(a @ b / (np.linalg.norm(a) * np.linalg.norm(b)))


def _wrong_matrix_columns(X):
    Xn = X / np.linalg.norm(X, axis=0, keepdims=True)
    return Xn.T @ Xn


def _wrong_matrix_cols_normalised(X):
    Xn = X / np.linalg.norm(X, axis=0, keepdims=True)
    return Xn @ Xn.T


def _matrix_with_loops(X):
    X = np.asarray(X, dtype=float)
    out = np.empty((len(X), len(X)))
    for i in range(len(X)):
        for j in range(len(X)):
            out[i, j] = X[i] @ X[j] / (np.linalg.norm(X[i]) * np.linalg.norm(X[j]))
    return out


WRONG_ANSWERS = {
    "q1": [("vector one entry too short", _wrong_one_hot_length),
           ("all-zero vector for an unknown word", _wrong_one_hot_unknown, 1.5),
           ("1 at the wrong index", _wrong_one_hot_index)],
    "q2": [("fraction instead of percent", lambda V: (V - 1) / V),
           ("V / (V - 1)", lambda V: V / (V - 1) * 100),
           ("share of non-zeros", lambda V: 100 / V)],
    "q3": [("plain dot product", _wrong_cosine_dot),
           ("divides by one norm", _wrong_cosine_one_norm),
           ("divides by squared norms", _wrong_cosine_squared),
           ("nan for a zero vector", _wrong_cosine_nan, 1.5)],
    "q4": [("radians", lambda c: float(np.arccos(np.clip(c, -1, 1)))),
           ("no clipping", lambda c: float(np.degrees(np.arccos(c))), 0.5)],
    "q5": [("compares columns", _wrong_matrix_columns),
           ("raw dot products", lambda X: X @ X.T),
           ("normalises columns", _wrong_matrix_cols_normalised),
           ("a Python loop", _matrix_with_loops, 1)],
    "q6": [("one", 1.0), ("an array", np.zeros(1))],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns);
the tests require each to earn exactly that (0 when not given)."""
