"""Exercise 9 checks: normalise-then-search, the L2-versus-cosine pitfall, and embedding memory.

Slides: "Production Pipeline Architecture" (normalise), "Common Pitfalls" (L2 instead
of cosine, not normalising) and "Optimization Techniques" (the memory formula).
Expected values come from :mod:`lib.vectors.similarity`, :mod:`lib.vectors.quantization` and
:mod:`lib.vectors.pipeline`.

Notebook use::

    from lib.grading.exercises import ex09
    ex09.check("q1")
    ex09.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail
from lib.grading.questions import Exercise
from lib.vectors.pipeline import memory_actual_bytes
from lib.vectors.similarity import normalize_rows

exercise = Exercise("ex09", "Normalise, search, and count the memory", notebook="09_practical_implementation")
check = exercise.check
check_all = exercise.check_all

RNG = np.random.default_rng(7)
DOCS = RNG.normal(size=(30, 5)) * RNG.uniform(0.1, 10, size=(30, 1))   # rows of very different lengths
QUERIES = RNG.normal(size=(4, 5))


@exercise.question("q1", points=1, answer="normalize")
def check_normalize(normalize):
    """normalize(X): every row of X (n, d) scaled to length 1; an all-zero row stays zero."""
    with case("unit rows", 0.5):
        X = DOCS[:5]
        got = as_array(call(normalize, X.copy()), "normalize(X)")
        if got.shape != X.shape:
            fail(f"normalize(X) returned shape {got.shape}, expected {X.shape}, the shape of X")
        if not close(got, normalize_rows(X)):
            if close(got, X / np.linalg.norm(X, axis=0, keepdims=True)):
                fail("normalize(X) scaled the columns; scale each row (one vector) to length 1, axis=1")
            if close(got, X / X.sum(axis=1, keepdims=True)):
                fail("normalize(X) divided by the sum of each row; divide by its Euclidean length")
            fail("normalize(X) does not return unit-length rows")
    with case("zero row", 0.5):
        Xz = np.vstack([DOCS[:5], np.zeros(5)])
        got = as_array(call(normalize, Xz.copy()), "normalize(X) with a zero last row")
        if got.shape == Xz.shape and not np.all(np.isfinite(got[5])):
            fail("the all-zero row became nan: leave rows of length 0 as they are")
        if not close(got, normalize_rows(Xz)):
            fail("normalize(X) with a zero last row: the other rows should have length 1 and the zero row stay 0")
    return "unit rows, zero row kept at zero"


@exercise.question("q2", points=2, answer="search")
def check_search(search):
    """search(queries, docs, k): indices (Q, k) of each query's k most cosine-similar docs, best first."""
    for k in [1, 3, 30]:
        label = f"search(queries, docs, k={k})"
        got = np.asarray(call(search, QUERIES.copy(), DOCS.copy(), k))
        want = np.argsort(-(normalize_rows(QUERIES) @ normalize_rows(DOCS).T), axis=1)[:, :k]
        if got.shape != want.shape:
            fail(f"{label} returned shape {got.shape}, expected {want.shape}")
        if np.array_equal(got, want):
            continue
        l2 = np.argsort(((QUERIES[:, None] - DOCS[None]) ** 2).sum(-1), axis=1)[:, :k]
        dot = np.argsort(-(QUERIES @ DOCS.T), axis=1)[:, :k]
        if np.array_equal(got, l2):
            fail(f"{label} ranks by L2 distance on the raw vectors: long and short documents are "
                 "penalised for their length; normalise first")
        if np.array_equal(got, dot):
            fail(f"{label} ranks by the raw dot product, which favours long vectors; normalise first")
        if np.array_equal(got, want[:, ::-1]) or np.array_equal(np.sort(got, 1), np.sort(want, 1)):
            fail(f"{label} finds the right documents in the wrong order: best (highest cosine) first")
        fail(f"{label} returned {got.tolist()[:2]}…, expected {want.tolist()[:2]}…")
    return "cosine ranking, best first, for k = 1, 3 and all documents"


@exercise.question("q3", points=1, answer="memory_bytes")
def check_memory(memory_bytes):
    """memory_bytes(V, D, P, B, L): the table V·D·P plus one batch of looked-up vectors B·L·D·P."""
    for args in [(10_000, 100, 4, 32, 20), (50_000, 300, 2, 64, 128), (1, 1, 1, 1, 1)]:
        label = f"memory_bytes{args}"
        got = as_number(call(memory_bytes, *args), label)
        want = memory_actual_bytes(*args)["total"]
        if got == want:
            continue
        V, D, P, B, L = args
        if got == V * D * P * B:
            fail(f"{label} returned {got:,.0f} = V·D·P·B, the slide's formula: the table is stored once, "
                 "not once per batch item")
        if got == V * D * P:
            fail(f"{label} returned only the table V·D·P; add the batch's vectors B·L·D·P")
        fail(f"{label} returned {got:,.0f}, expected {want:,}")
    return "table once plus the batch's activations"


@exercise.question("q4", points=1, answer="l2_from_cosine")
def check_l2(l2_from_cosine):
    """l2_from_cosine(c): the Euclidean distance between two unit vectors whose cosine is c."""
    for c in [1.0, 0.0, -1.0, 0.5, 0.9]:
        label = f"l2_from_cosine({c})"
        got = as_number(call(l2_from_cosine, c), label)
        want = float(np.sqrt(2 - 2 * c))
        if close(got, want):
            continue
        if close(got, 2 - 2 * c):
            fail(f"{label} returned {got:.4f} = 2 − 2c, the *squared* distance; take the square root")
        if close(got, 1 - c):
            fail(f"{label} returned {got:.4f} = 1 − c, the cosine distance; expand ‖a − b‖² = ‖a‖² − 2a·b + ‖b‖²")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "‖a − b‖ = √(2 − 2 cos θ) for unit vectors"


# ----------------------------------------------------------------------------- typical wrong answers

def _normalize_columns(X):
    return X / np.linalg.norm(X, axis=0, keepdims=True)


def _normalize_nan(X):
    return X / np.linalg.norm(X, axis=1, keepdims=True)


def _search_l2(Q, D, k):
    return np.argsort(((Q[:, None] - D[None]) ** 2).sum(-1), axis=1)[:, :k]


def _search_dot(Q, D, k):
    return np.argsort(-(Q @ D.T), axis=1)[:, :k]


def _search_ascending(Q, D, k):
    return np.argsort(normalize_rows(Q) @ normalize_rows(D).T, axis=1)[:, -k:]


WRONG_ANSWERS = {
    "q1": [("columns", _normalize_columns), ("nan for a zero row", _normalize_nan, 0.5)],
    "q2": [("raw L2", _search_l2), ("raw dot product", _search_dot), ("worst first", _search_ascending)],
    "q3": [("slide formula", lambda V, D, P, B, L: V * D * P * B), ("table only", lambda V, D, P, B, L: V * D * P)],
    "q4": [("squared distance", lambda c: 2 - 2 * c), ("cosine distance", lambda c: 1 - c)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
