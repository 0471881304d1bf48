"""Exercise 5 checks: analogies by 3CosAdd and 3CosMul, the rank of an answer, offset consistency.

Slides: "Vector Relationships in 3D Space", "Vector Arithmetic: Mathematical
Demonstration" and "Vector Arithmetic: Mathematical Proof". Expected values
come from :mod:`lib.vectors.analogies` (the functions chapter 5 uses on trained
vectors); each check runs the student's function on the small matrix of the
notebook and on seeded random matrices whose rows have very different lengths,
and recognises the usual wrong answers (question words not excluded, rows not
normalised, the offset taken the wrong way round, …).

Notebook use::

    from lib.grading.exercises import ex05
    ex05.check("q1")
    ex05.check_all(globals())
"""
from __future__ import annotations

import itertools

import numpy as np

from lib.grading.checks import as_number, call, close, fail
from lib.grading.questions import Exercise
from lib.vectors.analogies import analogy_scores
from lib.vectors.analogies import answer_rank as ref_rank
from lib.vectors.analogies import offset_cosines
from lib.vectors.similarity import normalize_rows

exercise = Exercise("ex05", "Vector arithmetic and analogies", notebook="05_vector_arithmetic")
check = exercise.check
check_all = exercise.check_all

WORDS = ["man", "woman", "king", "queen", "prince", "princess", "apple", "the"]
VECTORS = np.array([[1.0, 0.0, 0.0, 0.3],      # man
                    [-1.0, 0.0, 0.0, 0.3],     # woman
                    [1.0, 1.0, 0.0, 0.3],      # king
                    [-1.2, 0.8, 0.0, 0.3],     # queen
                    [0.6, 0.6, 0.1, 0.2],      # prince
                    [-0.5, 0.6, 0.3, 0.2],     # princess
                    [0.0, 0.0, 1.0, 0.1],      # apple
                    [-2.0, 3.0, 0.0, 3.0]])    # the: a frequent word with a long vector
"""The notebook's toy embedding, shape (8, 4): gender, royalty, fruit, and a frequency-like direction."""


def _random_cases(seed: int, n_matrices: int = 3, per_matrix: int = 25):
    """Seeded (E, words, question) cases: 12 × 6 random matrices with row lengths from 0.2 to 5."""
    rng = np.random.default_rng(seed)
    cases = []
    for m in range(n_matrices):
        E = rng.normal(size=(12, 6)) * rng.uniform(0.2, 5.0, size=(12, 1))
        words = [f"w{m}_{i}" for i in range(12)]
        for _ in range(per_matrix):
            cases.append((E, words, tuple(int(i) for i in rng.choice(12, size=3, replace=False))))
    return cases


def _toy_cases():
    questions = list(itertools.permutations(range(len(WORDS)), 3))
    return [(VECTORS, WORDS, q) for q in questions[::7]]


def _variants(E, a, b, c):
    """Answers of typical wrong 3CosAdd implementations, by name."""
    U = normalize_rows(E)
    raw = E @ (E[b] - E[a] + E[c])
    unexcluded = U @ (U[b] - U[a] + U[c])
    swapped = U @ (U[a] - U[b] + U[c])
    excluded = lambda s: int(np.argmax(np.where(np.isin(np.arange(len(s)), [a, b, c]), -np.inf, s)))  # noqa: E731
    return {"raw": excluded(raw), "unexcluded": int(np.argmax(unexcluded)), "swapped": excluded(swapped)}


def _check_analogy(fn, method: str):
    name = "three_cos_add" if method == "3cosadd" else "three_cos_mul"
    for E, words, (a, b, c) in _toy_cases() + _random_cases(3 if method == "3cosadd" else 4):
        label = f"{name}(E, words, {words[a]!r}, {words[b]!r}, {words[c]!r})"
        got = call(fn, E.copy(), list(words), words[a], words[b], words[c])
        if not isinstance(got, str):
            fail(f"{label} returned {type(got).__name__} {got!r}; return the answer word (a string)")
        want = words[int(np.argmax(analogy_scores(E, a, b, c, method)))]
        if got == want:
            continue
        if got in (words[a], words[b], words[c]):
            fail(f"{label} returned {got!r}, one of the question words; exclude a, b and c from the search")
        wrong = _variants(E, a, b, c)
        if method == "3cosadd" and got == words[wrong["raw"]] != want:
            fail(f"{label} returned {got!r}: that is the largest raw dot product; normalise every row "
                 f"to length 1 first, so that long vectors do not win (expected {want!r})")
        if method == "3cosadd" and got == words[wrong["swapped"]] != want:
            fail(f"{label} returned {got!r}: for a : b :: c : ? the target is b − a + c (king − man + woman), "
                 f"not a − b + c (expected {want!r})")
        if method == "3cosmul":
            add = words[int(np.argmax(analogy_scores(E, a, b, c, "3cosadd")))]
            if got == add != want:
                fail(f"{label} returned {got!r}, the 3CosAdd answer; 3CosMul multiplies the shifted cosines "
                     f"cos'(x, b) · cos'(x, c) / (cos'(x, a) + ε) (expected {want!r})")
            if got == _mul_unshifted(E, words, words[a], words[b], words[c]) != want:
                fail(f"{label} returned {got!r}: shift every cosine to cos' = (cos + 1)/2 first, so that "
                     f"negative cosines cannot flip the product's sign (expected {want!r})")
        fail(f"{label} returned {got!r}, expected {want!r}")
    return None


@exercise.question("q1", points=2, answer="three_cos_add")
def check_add(three_cos_add):
    """three_cos_add(E, words, a, b, c): the word x ∉ {a, b, c} maximising cos(x, b) − cos(x, a) + cos(x, c)."""
    _check_analogy(three_cos_add, "3cosadd")
    return "right on the toy matrix and on 75 questions over random matrices with rows of very different lengths"


@exercise.question("q2", points=2, answer="three_cos_mul")
def check_mul(three_cos_mul):
    """three_cos_mul(E, words, a, b, c): the word maximising cos'(x, b) cos'(x, c) / (cos'(x, a) + 0.001)."""
    _check_analogy(three_cos_mul, "3cosmul")
    return "right on the toy matrix and on 75 questions over random matrices"


@exercise.question("q3", points=2, answer="offset_consistency")
def check_consistency(offset_consistency):
    """offset_consistency(E, words, pairs): mean cosine between the offsets b − a of every two different pairs."""
    rng = np.random.default_rng(5)
    cases = [(VECTORS, WORDS, [("man", "king"), ("woman", "queen"), ("prince", "princess")]),
             (VECTORS, WORDS, [("man", "woman"), ("king", "queen"), ("prince", "princess"), ("apple", "the")])]
    for m in range(3):
        E = rng.normal(size=(10, 5)) * rng.uniform(0.2, 5.0, size=(10, 1))
        words = [f"v{i}" for i in range(10)]
        order = rng.permutation(10)
        cases.append((E, words, [(words[order[2 * k]], words[order[2 * k + 1]]) for k in range(3 + m)]))
    for E, words, pairs in cases:
        label = f"offset_consistency(E, words, {pairs[:2]}{'…' if len(pairs) > 2 else ''})"
        got = as_number(call(offset_consistency, E.copy(), list(words), list(pairs)), label)
        U = normalize_rows(E)
        index = {w: i for i, w in enumerate(words)}
        O = np.array([U[index[b]] - U[index[a]] for a, b in pairs])
        want = float(offset_cosines(O).mean())
        if close(got, want, rtol=1e-5, atol=1e-6):
            continue
        P = len(pairs)
        if close(got, (want * P * (P - 1) + P) / P ** 2, rtol=1e-5, atol=1e-6):
            fail(f"{label} returned {got:.4f}: it includes each offset's cosine with itself (always 1); "
                 f"average over pairs of *different* offsets (expected {want:.4f})")
        raw = np.array([E[index[b]] - E[index[a]] for a, b in pairs])
        if close(got, offset_cosines(raw).mean(), rtol=1e-5, atol=1e-6):
            fail(f"{label} returned {got:.4f}: normalise the word vectors to length 1 before taking "
                 f"differences, as the chapter does (expected {want:.4f})")
        dots = (O @ O.T)[np.triu_indices(P, 1)].mean()
        if close(got, dots, rtol=1e-5, atol=1e-6):
            fail(f"{label} returned {got:.4f}, the mean dot product of the offsets; divide each by the "
                 f"offsets' lengths to get cosines (expected {want:.4f})")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "right on the toy matrix (a consistent and a mixed relation) and on three random ones"


@exercise.question("q4", points=1, answer="answer_rank")
def check_rank(answer_rank):
    """answer_rank(E, words, a, b, c, d): 1-based rank of d under 3CosAdd among the words other than a, b, c."""
    cases = [(VECTORS, WORDS, (0, 2, 1, 3))] + [(E, w, (*q, next(i for i in range(12) if i not in q)))
                                                   for E, w, q in _random_cases(6, 2, 10)]
    for E, words, (a, b, c, d) in cases:
        label = f"answer_rank(E, words, {words[a]!r}, {words[b]!r}, {words[c]!r}, {words[d]!r})"
        got = as_number(call(answer_rank, E.copy(), list(words), words[a], words[b], words[c], words[d]), label)
        want = ref_rank(E, a, b, c, d)
        if got == want:
            continue
        if got == want - 1:
            fail(f"{label} returned {got:g}: ranks start at 1 for the best answer (expected {want})")
        U = normalize_rows(E)
        score = U @ (U[b] - U[a] + U[c])
        if got == int(np.sum(score > score[d]) + 1):
            fail(f"{label} returned {got:g}: the question words a, b and c are not candidates, so do not "
                 f"count them (expected {want})")
        fail(f"{label} returned {got:g}, expected {want}")
    return "right on the toy question man : king :: woman : queen and 20 random questions"


# ----------------------------------------------------------------------------- typical wrong answers

def _add_no_exclusion(E, words, a, b, c):
    U, i = normalize_rows(E), {w: k for k, w in enumerate(words)}
    return words[int(np.argmax(U @ (U[i[b]] - U[i[a]] + U[i[c]])))]


def _add_raw(E, words, a, b, c):
    i = {w: k for k, w in enumerate(words)}
    score = E @ (E[i[b]] - E[i[a]] + E[i[c]])
    score[[i[a], i[b], i[c]]] = -np.inf
    return words[int(np.argmax(score))]


def _add_swapped(E, words, a, b, c):
    U, i = normalize_rows(E), {w: k for k, w in enumerate(words)}
    score = U @ (U[i[a]] - U[i[b]] + U[i[c]])
    score[[i[a], i[b], i[c]]] = -np.inf
    return words[int(np.argmax(score))]


def _mul_unshifted(E, words, a, b, c):
    U, i = normalize_rows(E), {w: k for k, w in enumerate(words)}
    score = (U @ U[i[b]]) * (U @ U[i[c]]) / (U @ U[i[a]] + 1e-3)
    score[[i[a], i[b], i[c]]] = -np.inf
    return words[int(np.argmax(score))]


def _mul_is_add(E, words, a, b, c):
    i = {w: k for k, w in enumerate(words)}
    return words[int(np.argmax(analogy_scores(E, i[a], i[b], i[c], "3cosadd")))]


def _consistency(E, words, pairs, self_pairs=False, normalise=True, cosines=True):
    i = {w: k for k, w in enumerate(words)}
    X = normalize_rows(E) if normalise else np.asarray(E, dtype=float)
    O = np.array([X[i[b]] - X[i[a]] for a, b in pairs])
    if cosines:
        O = normalize_rows(O)
    C = O @ O.T
    return float(C.mean() if self_pairs else C[np.triu_indices(len(O), 1)].mean())


def _rank(E, words, a, b, c, d, zero_based=False, exclude=True):
    i, U = {w: k for k, w in enumerate(words)}, normalize_rows(E)
    score = analogy_scores(E, i[a], i[b], i[c]) if exclude else U @ (U[i[b]] - U[i[a]] + U[i[c]])
    return int(np.sum(score > score[i[d]]) + (0 if zero_based else 1))


WRONG_ANSWERS = {
    "q1": [("question words not excluded", _add_no_exclusion),
           ("raw dot products", _add_raw),
           ("a − b + c", _add_swapped)],
    "q2": [("cosines not shifted to (cos + 1)/2", _mul_unshifted),
           ("3CosAdd instead", _mul_is_add)],
    "q3": [("self-pairs included", lambda E, w, p: _consistency(E, w, p, self_pairs=True)),
           ("words not normalised", lambda E, w, p: _consistency(E, w, p, normalise=False)),
           ("dot products, not cosines", lambda E, w, p: _consistency(E, w, p, cosines=False))],
    "q4": [("rank from 0", lambda *args: _rank(*args, zero_based=True)),
           ("question words counted", lambda *args: _rank(*args, exclude=False))],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
