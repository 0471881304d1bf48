"""Exercise 16 checks: a recap quiz whose answers are numbers the course computes.

One question per key idea of the course (slides "Key Takeaways: What We've
Learned"); every expected answer is computed here from the course library, so
nothing is a matter of opinion.

Notebook use::

    from lib.grading.exercises import ex16
    ex16.check("q1")
    ex16.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_number, close, fail, how_close
from lib.grading.questions import Exercise
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads
from lib.text.corpus import toy_tokens
from lib.text.pairs import pair_count
from lib.vectors.representations import sparsity_percent
from lib.vectors.similarity import cosine_similarity

exercise = Exercise("ex16", "Recap quiz: the course in numbers", notebook="16_conclusion")
check = exercise.check
check_all = exercise.check_all


def _expected() -> dict:
    """Every expected answer, computed from the library (see each question for the idea behind it)."""
    zeros = np.zeros((1, 100))
    loss, *_ = negative_sampling_loss_and_grads(zeros, zeros, np.zeros((1, 5, 100)))
    return {
        "sparsity_50k": sparsity_percent(50_000),
        "cos_example": cosine_similarity([1, 2, 2], [2, 1, 2]),
        "n_pairs": pair_count(len(toy_tokens()), 2),
        "n_distinct": len(set(toy_tokens())),
        "shell_share": 1 - 0.99 ** 100,
        "initial_ns_loss": float(loss[0]),
        "mask_share": 0.15 * 0.8,
    }


EXPECTED = _expected()


def _value_question(qid: str, answer: str, title: str, hints: dict, tol: float = 1e-3):
    """Register a numeric question: right within ``tol`` (relative; 1e-3 lets an answer rounded to 4
    significant digits pass), with a message for each known wrong value."""
    def check_value(value):
        got = as_number(value, answer, verb="is")
        want = EXPECTED[answer]
        if close(got, want, rtol=tol, atol=tol * 1e-3):
            return f"right: {want:.6g}"
        for wrong, message in hints.items():
            if close(got, wrong, rtol=tol, atol=tol * 1e-3):
                fail(f"{answer} is {got:.6g}: {message}")
        fail(f"{answer}: {how_close(got, want, rtol=tol, atol=tol * 1e-3)}; see the hint above the question")
    check_value.__doc__ = f"{title} (within {tol:.0e} relative)"
    exercise.question(qid, points=1, answer=answer)(check_value)


_value_question("q1", "sparsity_50k", "sparsity_50k: percentage of zeros in a one-hot vector over 50,000 words",
                {EXPECTED["sparsity_50k"] / 100: "that is a fraction; give a percentage",
                 100 / 50_000: "that is the share of non-zero entries"})
_value_question("q2", "cos_example", "cos_example: cosine similarity of [1, 2, 2] and [2, 1, 2]",
                {8.0: "that is the dot product; divide by both lengths (3 × 3)",
                 float(np.degrees(np.arccos(8 / 9))): "that is the angle in degrees, not its cosine"})
_value_question("q3", "n_pairs", "n_pairs: training pairs in the toy sentence with a window of 2",
                {36.0: "2c·T assumes every word has 2c neighbours; words near the ends have fewer",
                 39.0: "that counts j = 0 too; a word is not its own context"})
_value_question("q4", "n_distinct", "n_distinct: distinct words in 'the quick brown fox jumps over the lazy dog'",
                {9.0: "that counts tokens; 'the' occurs twice", 10.0: "that is the slide's V, which is wrong"})
_value_question("q5", "shell_share", "shell_share: share of a 100-d ball's volume within 1 % of its surface",
                {0.01: "in one dimension it would be 1 %; volume scales as r^d",
                 0.99 ** 100: "that is the share INSIDE radius 0.99; the shell is the rest"})
_value_question("q6", "initial_ns_loss", "initial_ns_loss: negative-sampling loss with k = 5 when all vectors are 0",
                {float(np.log(2)): "that is only the positive term; each of the 5 negatives adds log 2 too",
                 float(5 * np.log(2)): "that is only the negatives; the positive pair adds log 2 as well"})
_value_question("q7", "mask_share", "mask_share: share of all tokens that BERT replaces by [MASK]",
                {0.15: "15 % are chosen, but only 80 % of those become [MASK]",
                 0.8: "80 % is a share of the chosen tokens, not of all tokens"})


WRONG_ANSWERS = {
    "q1": [("fraction", EXPECTED["sparsity_50k"] / 100)],
    "q2": [("dot product", 8.0)],
    "q3": [("2cT", 36.0)],
    "q4": [("tokens", 9.0), ("the slide's V", 10.0)],
    "q5": [("one-dimensional intuition", 0.01), ("inside share", 0.99 ** 100)],
    "q6": [("positive term only", float(np.log(2)))],
    "q7": [("chosen share", 0.15), ("share of chosen", 0.8)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
