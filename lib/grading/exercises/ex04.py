"""Exercise 4 checks: context windows, training pairs, the pair-count formula, co-occurrence counts.

Slides: "Context Windows: Learning from Neighbors", "Context Window Sizes in
Skip-gram Training" and "Context Window Theory". Expected values come from
:mod:`lib.text.pairs` and :mod:`lib.text.windows`; each check also recognises the usual
wrong answers (one-sided windows, the slides' overcounting formula, a center
word paired with itself, …) and says so.

Notebook use::

    from lib.grading.exercises import ex04
    ex04.check("q1")
    ex04.check_all(globals())
"""
from __future__ import annotations

from collections import Counter

import numpy as np

from lib.grading.checks import as_array, as_number, call, close, fail, short_repr
from lib.grading.questions import Exercise
from lib.text.cooccurrence import cooccurrence_counts
from lib.text.corpus import toy_tokens
from lib.text.pairs import pair_count, word_pairs
from lib.text.windows import expected_dynamic_pair_count, slide_pair_formula

exercise = Exercise("ex04", "Context windows and training pairs", notebook="04_context_windows")
check = exercise.check
check_all = exercise.check_all

SENTENCES = [toy_tokens(), ["a", "b", "c"], ["solo"], ["x", "y", "x", "y", "x"]]
"""Test sentences: the slides' 9 tokens, a short one, a one-word one, and one with repeated words."""


@exercise.question("q1", points=2, answer="context_pairs")
def check_pairs(context_pairs):
    """context_pairs(tokens, window): every (center, context) word pair with 0 < |i − j| ≤ window."""
    for tokens in SENTENCES:
        for w in [1, 2, 3, 5, 12]:
            label = f"context_pairs({short_repr(tokens, 40)}, {w})"
            got = call(context_pairs, list(tokens), w)
            try:
                got = [tuple(p) for p in got]
            except TypeError:
                fail(f"{label} returned {type(got).__name__}; expected a list of (center, context) tuples")
            want = word_pairs(list(tokens), w)
            if Counter(got) == Counter(want):
                continue
            n = len(tokens)
            if len(got) == len(want) // 2 and n > 1:
                fail(f"{label} returned {len(got)} pairs, half of the {len(want)} expected: "
                     "a window looks both left and right of the center word")
            if any(a == b for a, b in got) and len(got) > len(want):
                fail(f"{label} pairs a center word with itself; the context excludes the center position")
            shorter = word_pairs(list(tokens), w - 1) if w > 1 else []
            if Counter(got) == Counter(shorter):
                fail(f"{label} returned the pairs of window {w - 1}: include distance |i − j| = w itself")
            fail(f"{label} returned {len(got)} pairs, expected {len(want)} "
                 f"(first expected pairs: {want[:3]})")
    return "right for the slides' sentence (16, 30, 42, 60 pairs), a one-word sentence and repeated words"


@exercise.question("q2", points=2, answer="pair_count_formula")
def check_formula(pair_count_formula):
    """pair_count_formula(n, w): the exact number of pairs of an n-token sentence, for every n ≥ 0 and w ≥ 1."""
    for n in [9, 0, 1, 2, 3, 10, 50, 1000]:
        for w in [1, 2, 3, 5, 8, 9, 20]:
            label = f"pair_count_formula({n}, {w})"
            got = as_number(call(pair_count_formula, n, w), label)
            want = pair_count(n, w)
            if close(got, want, 1e-9):
                continue
            if n > 0 and close(got, slide_pair_formula(n, w), 1e-9):
                fail(f"{label} returned {got:g}, the slides' n · min(2w, n − 1), which assumes every word has "
                     f"2w neighbours; words near the ends have fewer (expected {want})")
            if close(got, 2 * n * w, 1e-9):
                fail(f"{label} returned {got:g} = 2nw: a window cannot reach past the ends of the sentence "
                     f"(expected {want})")
            if close(got, want / 2, 1e-9):
                fail(f"{label} returned {got:g}, half of {want}: count the left and the right context")
            fail(f"{label} returned {got:g}, expected {want}")
    return "matches the counted pairs for 56 (n, w) combinations, including w ≥ n and n = 0, 1"


@exercise.question("q3", points=2, answer="cooccurrence_matrix")
def check_cooccurrence(cooccurrence_matrix):
    """cooccurrence_matrix(tokens, vocabulary, window): X[a, b] = times b occurs within the window of a."""
    for tokens, w in [(toy_tokens(), 2), (["x", "y", "x", "y", "x"], 1), (toy_tokens(), 5)]:
        vocab = list(dict.fromkeys(tokens))
        label = f"cooccurrence_matrix({short_repr(tokens, 30)}, vocabulary, {w})"
        got = as_array(call(cooccurrence_matrix, list(tokens), list(vocab), w), label)
        V = len(vocab)
        if got.shape != (V, V):
            fail(f"{label} returned shape {got.shape}, expected ({V}, {V}): one row and column per vocabulary word")
        ids = [vocab.index(t) for t in tokens]
        want = cooccurrence_counts(ids, np.zeros(len(ids), dtype=int), V, w)
        if close(got, want, 1e-9):
            continue
        if close(got + got.T, want, 1e-9):
            fail(f"{label} counts each pair in one direction only; a window looks both ways, "
                 "so the matrix is symmetric")
        if close(got, (want > 0).astype(float), 1e-9):
            fail(f"{label} holds 0/1 entries; count how many times each pair occurs")
        occurrences = np.diag([tokens.count(word) for word in vocab]).astype(float)
        if close(got - want, occurrences, 1e-9):
            fail(f"{label} has the wrong diagonal: a word co-occurs with itself only when it appears twice "
                 "within one window, never with its own position")
        if not close(got.sum(), want.sum(), 1e-9):
            fail(f"{label} adds up to {got.sum():g}; the entries must add up to the number of pairs, {want.sum():g}")
        i, j = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
        fail(f"{label}: entry [{vocab[i]!r}, {vocab[j]!r}] is {got[i, j]:g}, expected {want[i, j]:g}")
    return "right for the slides' sentence with w = 2 and 5 and a sentence of repeated words"


@exercise.question("q4", points=1, answer="expected_dynamic_pairs")
def check_dynamic(expected_dynamic_pairs):
    """expected_dynamic_pairs(n, w): average pair count when each center keeps distance k with probability (w − k + 1)/w."""
    for n, w in [(9, 1), (9, 2), (9, 5), (3, 5), (100, 10), (1, 3)]:
        label = f"expected_dynamic_pairs({n}, {w})"
        got = as_number(call(expected_dynamic_pairs, n, w), label)
        want = expected_dynamic_pair_count(n, w)
        if close(got, want, 1e-6):
            continue
        if close(got, pair_count(n, w), 1e-9):
            fail(f"{label} returned {got:g}, the fixed-window count; with the dynamic window a context at "
                 "distance k is kept only with probability (w − k + 1)/w")
        k = np.arange(1, min(w, n - 1) + 1)
        if close(got, np.sum(2 * (n - k) * (w - k) / w), 1e-6):
            fail(f"{label} returned {got:g}: the keep probability is (w − k + 1)/w, so distance 1 is always kept")
        fail(f"{label} returned {got:g}, expected {want:.6g}")
    return "right for the slides' sentence and longer ones, e.g. 23 pairs on average for n = 9, w = 2"


# ----------------------------------------------------------------------------- typical wrong answers

def _wrong_pairs_right_only(tokens, window):
    return [(tokens[i], tokens[j]) for i in range(len(tokens))
            for j in range(i + 1, min(len(tokens), i + window + 1))]


def _wrong_pairs_with_self(tokens, window):
    return [(tokens[i], tokens[j]) for i in range(len(tokens))
            for j in range(max(0, i - window), min(len(tokens), i + window + 1))]


def _wrong_pairs_short(tokens, window):
    return [(tokens[i], tokens[j]) for i in range(len(tokens))
            for j in range(max(0, i - window + 1), min(len(tokens), i + window)) if j != i]


def _wrong_cooc_one_way(tokens, vocabulary, window):
    X = np.zeros((len(vocabulary), len(vocabulary)))
    for i, t in enumerate(tokens):
        for j in range(i + 1, min(len(tokens), i + window + 1)):
            X[vocabulary.index(t), vocabulary.index(tokens[j])] += 1
    return X


def _wrong_cooc_binary(tokens, vocabulary, window):
    X = np.zeros((len(vocabulary), len(vocabulary)))
    for a, b in word_pairs(list(tokens), window):
        X[vocabulary.index(a), vocabulary.index(b)] = 1
    return X


def _wrong_cooc_self(tokens, vocabulary, window):
    X = np.zeros((len(vocabulary), len(vocabulary)))
    for a, b in _wrong_pairs_with_self(tokens, window):
        X[vocabulary.index(a), vocabulary.index(b)] += 1
    return X


def _wrong_dynamic_shift(n, w):
    k = np.arange(1, min(w, n - 1) + 1)
    return float(np.sum(2 * (n - k) * (w - k) / w))


WRONG_ANSWERS = {
    "q1": [("right context only", _wrong_pairs_right_only),
           ("center paired with itself", _wrong_pairs_with_self),
           ("window one too short", _wrong_pairs_short)],
    "q2": [("the slides' formula", lambda n, w: n * min(2 * w, n - 1) if n else 0),
           ("2nw", lambda n, w: 2 * n * w),
           ("one side only", lambda n, w: pair_count(n, w) / 2)],
    "q3": [("one direction only", _wrong_cooc_one_way),
           ("0/1 instead of counts", _wrong_cooc_binary),
           ("center counted with itself", _wrong_cooc_self)],
    "q4": [("fixed window", lambda n, w: pair_count(n, w)),
           ("keep probability (w − k)/w", _wrong_dynamic_shift)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
