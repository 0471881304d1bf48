"""Exercise 13b checks: a bias direction, projections on it, WEAT's effect size, neutralising; and an open question.

Chapter "Bias: What the Vectors Learned About People". Expected values come from
:mod:`lib.vectors.bias`, which the chapter uses. The open question (q5) is read
by the instructor: its automatic point only says that there is an answer to read.

Notebook use::

    from lib.grading.exercises import ex13b
    ex13b.check("q1")
    ex13b.check_all(globals())
"""
from __future__ import annotations

import re

import numpy as np

from lib.grading.checks import as_array, call, close, fail
from lib.grading.questions import Exercise
from lib.vectors.bias import neutralise as ref_neutralise, pair_direction, projection_on
from lib.vectors.association_test import association

exercise = Exercise("ex13b", "Measuring bias in word vectors", notebook="13b_bias")
check = exercise.check
check_all = exercise.check_all

MIN_WORDS = 60
"""Length an answer to the open question needs before it is worth an instructor's reading."""


def _rows(rng, n: int, d: int) -> np.ndarray:
    """n random vectors of very different lengths, so that forgetting to normalise shows."""
    return rng.normal(size=(n, d)) * rng.uniform(0.2, 5.0, size=(n, 1))


@exercise.question("q1", points=2, answer="bias_direction")
def check_direction(bias_direction):
    """bias_direction(A, B) → g: the unit mean of the differences of the pairs' unit vectors."""
    rng = np.random.default_rng(131)
    for n, d in [(1, 3), (6, 10), (12, 50)]:
        A, B = _rows(rng, n, d), _rows(rng, n, d)
        label = f"bias_direction(A, B) with {n} pairs of {d}-d vectors"
        g = as_array(call(bias_direction, A.copy(), B.copy()), label)
        want = pair_direction(A, B, method="mean")[0]
        if g.shape != (d,):
            fail(f"{label} returned shape {g.shape}, expected ({d},): one direction")
        if close(g, want, atol=1e-9):
            continue
        if close(g, -want, atol=1e-9):
            fail(f"{label} points to the B side; the differences are A − B, so g leans towards A")
        if not close(np.linalg.norm(g), 1.0):
            fail(f"{label} has length {np.linalg.norm(g):.4g}; divide g by its norm")
        raw = (A - B).mean(axis=0)
        if close(g, raw / np.linalg.norm(raw), atol=1e-9):
            fail(f"{label}: normalise each word vector before taking differences; "
                 "otherwise long vectors (frequent words) decide the direction")
        fail(f"{label} is {np.degrees(np.arccos(np.clip(g @ want, -1, 1))):.1f}° away from the expected direction")
    return "right for 1, 6 and 12 pairs"


@exercise.question("q2", points=1, answer="leanings")
def check_leanings(leanings):
    """leanings(E, g) → cos(w, g) for each row w of E."""
    rng = np.random.default_rng(132)
    E, g = _rows(rng, 7, 20), rng.normal(size=20) * 3
    label = "leanings(E, g) with E of shape (7, 20)"
    got = as_array(call(leanings, E.copy(), g.copy()), label)
    want = projection_on(E, g)
    if got.shape != (7,):
        fail(f"{label} returned shape {got.shape}, expected (7,): one number per word")
    if close(got, want, atol=1e-9):
        return "right: cosines with g, in [−1, 1]"
    if close(got, E @ g, atol=1e-9) or close(got, E @ g / np.linalg.norm(g), atol=1e-9):
        fail(f"{label} returned dot products; divide by the lengths of the word vectors and of g")
    fail(f"{label} differs from cos(w, g) by up to {np.abs(got - want).max():.3g}")


@exercise.question("q3", points=2, answer="weat_effect_size")
def check_weat(weat_effect_size):
    """weat_effect_size(X, Y, A, B) → d: difference of mean associations over their sample standard deviation."""
    rng = np.random.default_rng(133)
    for n in [4, 6]:
        X, Y, A, B = (_rows(rng, n, 16) for _ in range(4))
        label = f"weat_effect_size(X, Y, A, B) with {n} words per set"
        got = call(weat_effect_size, X.copy(), Y.copy(), A.copy(), B.copy())
        try:
            got = float(got)
        except (TypeError, ValueError):
            fail(f"{label} returned {type(got).__name__}; return one number")
        s = association(np.vstack([X, Y]), A, B)
        gap = s[:n].mean() - s[n:].mean()
        if close(got, gap / s.std(ddof=1)):
            continue
        if close(got, gap / s.std(ddof=0)):
            fail(f"{label}: use the sample standard deviation (ddof=1), as Caliskan et al. do")
        if close(got, gap / s[:n].std(ddof=1)):
            fail(f"{label}: take the standard deviation over X and Y together, not over X alone")
        if close(got, gap):
            fail(f"{label} returned the difference of means; divide it by the standard deviation of s over X ∪ Y")
        fail(f"{label} is {got:.6g}, expected {gap / s.std(ddof=1):.6g}")
    return "right for 4 and 6 words per set"


@exercise.question("q4", points=1, answer="neutralise")
def check_neutralise(neutralise):
    """neutralise(E, g) → unit rows with no component along g."""
    rng = np.random.default_rng(134)
    E, g = _rows(rng, 5, 12), rng.normal(size=12) * 4
    label = "neutralise(E, g) with E of shape (5, 12)"
    got = as_array(call(neutralise, E.copy(), g.copy()), label)
    want = ref_neutralise(E, g)
    if got.shape != E.shape:
        fail(f"{label} returned shape {got.shape}, expected {E.shape}")
    if close(got, want, atol=1e-9):
        return "right: unit rows, orthogonal to g"
    if not close(got @ (g / np.linalg.norm(g)), np.zeros(5), atol=1e-9):
        fail(f"{label}: the rows still have a component along g; use the unit vector g / |g| in w − (w·g) g")
    fail(f"{label}: the rows are orthogonal to g but not of unit length; rescale each row by its norm")


@exercise.question("q5", points=1, answer="my_analysis")
def check_analysis(my_analysis):
    """my_analysis: your own measurement and what it shows (1 point for an answer to read; your instructor grades it)."""
    if not isinstance(my_analysis, str):
        fail(f"my_analysis is {type(my_analysis).__name__}; write your answer as a string")
    words = len(my_analysis.split())
    if words < MIN_WORDS:
        fail(f"my_analysis has {words} words; write at least {MIN_WORDS}: what you measured, the numbers, "
             "and how sure you are")
    if not re.search(r"\d", my_analysis):
        fail("my_analysis quotes no number; report what you measured (an effect size, a p-value, a projection)")
    return f"answered ({words} words); your instructor reads it and grades what it says"


WRONG_ANSWERS = {
    "q1": [("B side", lambda A, B: -pair_direction(A, B, method="mean")[0]),
           ("raw differences", lambda A, B: (np.asarray(A) - B).mean(axis=0)
            / np.linalg.norm((np.asarray(A) - B).mean(axis=0)))],
    "q2": [("dot products", lambda E, g: np.asarray(E) @ g)],
    "q3": [("population std", lambda X, Y, A, B: float(
               (lambda s: (s[:len(X)].mean() - s[len(X):].mean()) / s.std())(association(np.vstack([X, Y]), A, B)))),
           ("no standardisation", lambda X, Y, A, B: float(
               (lambda s: s[:len(X)].mean() - s[len(X):].mean())(association(np.vstack([X, Y]), A, B))))],
    "q4": [("not rescaled", lambda E, g: np.asarray(E) - np.outer(np.asarray(E) @ (g / np.linalg.norm(g)),
                                                                   g / np.linalg.norm(g)))],
    "q5": [("too short", "Nurse leans to the she side."), ("no number", " ".join(["word"] * MIN_WORDS))],
}
"""Typical wrong answers per question; the tests require each to lose that question's points."""
