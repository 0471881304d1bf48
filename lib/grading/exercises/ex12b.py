"""Exercise 12b checks: PPMI with context-distribution smoothing, FastText's character n-grams, the phrase score.

Chapter: "Counts, Subwords and Phrases" (no slide states these formulas; the slides name
FastText (2016) and that it "includes subwords"). Expected values come from
:mod:`lib.models.ppmi`, :mod:`lib.text.subwords` and :mod:`lib.text.phrases`.

Notebook use::

    from lib.grading.exercises import ex12b
    ex12b.check("q1")
    ex12b.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, close, fail, short_repr
from lib.grading.questions import Exercise
from lib.models.ppmi import ppmi_matrix
from lib.text.phrases import phrase_score as ref_phrase_score
from lib.text.subwords import char_ngrams as ref_char_ngrams

exercise = Exercise("ex12b", "Counts, subwords and phrases: PPMI, character n-grams, the phrase score",
                    notebook="12b_counts_subwords_phrases")
check = exercise.check
check_all = exercise.check_all

COUNTS = [np.array([[0, 4, 1], [4, 0, 1], [1, 1, 2]], dtype=float),
          np.array([[2, 9, 0, 1], [9, 0, 3, 0], [0, 3, 0, 7], [1, 0, 7, 1]], dtype=float),
          np.array([[0, 30, 2, 1], [30, 4, 1, 0], [2, 1, 0, 1], [1, 0, 1, 0]], dtype=float)]
"""Symmetric counts with empty cells and contexts of very different frequencies."""


def _pmi(X, alpha, rows_smoothed=False):
    """Dense PMI (−inf on empty cells), smoothing the context (or, wrongly, the word) distribution."""
    D = X.sum()
    p_w, p_c = X.sum(axis=1) / D, X.sum(axis=0) ** alpha
    p_c = p_c / p_c.sum()
    if rows_smoothed:
        p_w, p_c = X.sum(axis=1) ** alpha / (X.sum(axis=1) ** alpha).sum(), X.sum(axis=0) / D
    with np.errstate(divide="ignore"):
        return np.log(X / D) - np.log(p_w)[:, None] - np.log(p_c)[None, :]


@exercise.question("q1", points=2, answer="ppmi")
def check_ppmi(ppmi):
    """ppmi(X, alpha): max(PMI, 0) with P_α(c) ∝ #(c)^α, 0 on empty cells, shape (V, V)."""
    for X in COUNTS:
        for alpha in (0.75, 1.0):
            label = f"ppmi(X, alpha={alpha:g}) for X = {short_repr(X)}"
            got = as_array(call(ppmi, X.copy(), alpha), label)
            want = ppmi_matrix(X, alpha).toarray()
            if got.shape != X.shape:
                fail(f"{label} returned shape {got.shape}, expected {X.shape}: one value per (w, c) cell")
            if np.isnan(got).any() or np.isinf(got).any():
                fail(f"{label} holds nan or inf; empty cells (#(w, c) = 0) must be 0 in PPMI")
            if close(got, want):
                continue
            pmi = _pmi(X, alpha)
            if np.any(got < 0) and close(got, np.where(X > 0, pmi, 0.0)):
                fail(f"{label} keeps negative PMI values; PPMI is max(PMI, 0)")
            if alpha != 1 and close(got, ppmi_matrix(X, 1.0).toarray()):
                fail(f"{label} ignores alpha: raise the context counts #(c) to alpha before normalising")
            if alpha != 1 and close(got, np.maximum(np.where(X > 0, _pmi(X, alpha, rows_smoothed=True), 0), 0)):
                fail(f"{label} smooths the word distribution P(w); smoothing applies to the contexts, P_α(c)")
            i, j = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
            fail(f"{label}: entry [{i}, {j}] is {got[i, j]:.4g}, expected {want[i, j]:.4g}")
    return "right on three count matrices with and without smoothing: clipped at 0, empty cells 0"


WORDS = [("where", 3, 6), ("her", 3, 6), ("a", 3, 6), ("cat", 2, 3), ("running", 3, 4), ("naïve", 3, 5)]


@exercise.question("q2", points=1, answer="char_ngrams")
def check_ngrams(char_ngrams):
    """char_ngrams(word, min_n, max_n): every n-gram of '<' + word + '>' with min_n ≤ n ≤ max_n (any order)."""
    for word, lo, hi in WORDS:
        label = f"char_ngrams({word!r}, {lo}, {hi})"
        got = call(char_ngrams, word, lo, hi)
        if isinstance(got, str) or not all(isinstance(g, str) for g in got):
            fail(f"{label} returned {short_repr(got)}; return a list of strings")
        got, want = sorted(got), sorted(ref_char_ngrams(word, lo, hi))
        if got == want:
            continue
        plain = sorted(word[i:i + n] for n in range(lo, min(len(word), hi) + 1) for i in range(len(word) - n + 1))
        if got == plain or not any(g.startswith("<") or g.endswith(">") for g in got):
            fail(f"{label} has no boundary markers; take the n-grams of '<' + word + '>'")
        if sorted(set(want) - {f"<{word}>"}) == got:
            fail(f"{label} leaves out the whole marked word <{word}>, "
                 f"which is an n-gram when it has at most {hi} characters")
        if len(got) != len(want) and set(got) <= set(want):
            missing = sorted(set(want) - set(got))
            fail(f"{label} misses {short_repr(missing)}: check that n runs from min_n to max_n inclusive")
        extra = sorted(set(got) - set(want))
        fail(f"{label} returned {short_repr(got)}; unexpected: {short_repr(extra)}, expected {short_repr(want)}")
    return "right for six words, short and long, ASCII and not, with several (min_n, max_n)"


PHRASE_CASES = [(20, 40, 25, 5), (7, 7, 9, 5), (3, 100, 100, 5), (500, 600, 700, 10), (12, 30, 12, 0)]


@exercise.question("q3", points=1, answer="phrase_score")
def check_phrase_score(phrase_score):
    """phrase_score(count_ab, count_a, count_b, delta): (count(ab) − δ) / (count(a) · count(b))."""
    for ab, a, b, delta in PHRASE_CASES:
        label = f"phrase_score({ab}, {a}, {b}, delta={delta})"
        got = as_number(call(phrase_score, ab, a, b, delta), label)
        want = ref_phrase_score(ab, a, b, delta)
        if close(got, want):
            continue
        if delta and close(got, ab / (a * b)):
            fail(f"{label} returned {got:.4g}: subtract the discount δ from count(a b)")
        if close(got, (ab - delta) / (a + b)):
            fail(f"{label} divides by count(a) + count(b); divide by their product")
        fail(f"{label} returned {got:.4g}, expected {want:.4g}")
    return "right for five pairs, including one seen fewer than δ times (a negative score)"


# ----------------------------------------------------------------------------- typical wrong answers

def _unclipped(X, alpha=0.75):
    return np.where(X > 0, _pmi(X, alpha), 0.0)


def _unsmoothed(X, alpha=0.75):
    return ppmi_matrix(X, 1.0).toarray()


def _no_markers(word, min_n=3, max_n=6):
    return [word[i:i + n] for n in range(min_n, min(len(word), max_n) + 1) for i in range(len(word) - n + 1)]


def _without_whole_word(word, min_n=3, max_n=6):
    return [g for g in ref_char_ngrams(word, min_n, max_n) if g != f"<{word}>"]


WRONG_ANSWERS = {
    "q1": [("negative PMI not clipped", _unclipped), ("no smoothing", _unsmoothed)],
    "q2": [("no boundary markers", _no_markers), ("whole word left out", _without_whole_word),
           ("max_n exclusive", lambda word, min_n=3, max_n=6: ref_char_ngrams(word, min_n, max_n - 1)
            if max_n > min_n else ref_char_ngrams(word, min_n, max_n))],
    "q3": [("no discount", lambda ab, a, b, delta=5: ab / (a * b)),
           ("sum instead of product", lambda ab, a, b, delta=5: (ab - delta) / (a + b))],
}
"""Typical wrong answers per question; the tests require each to lose that question's points."""
