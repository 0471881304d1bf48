"""Exercise 15 checks: the arithmetic and the batched step behind scaling skip-gram up.

Chapter 15 ("Scaling up skip-gram"). Expected values come from
:func:`lib.measure.cost_model.step_cost` and plain NumPy loops written for clarity,
not speed (tests check the loops against :func:`lib.skipgram.torch_engine.row_damping`).

Notebook use::

    from lib.grading.exercises import ex15
    ex15.check("q1")
    ex15.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, how_close, needs, pair
from lib.grading.loops import fail_if_loops
from lib.grading.questions import Exercise
from lib.measure.cost_model import step_cost

exercise = Exercise("ex15", "Scaling up skip-gram: costs, batched steps and speed", notebook="15_scaling_up")
check = exercise.check
check_all = exercise.check_all

RUN = {"in_vocab_tokens": 487_467, "kept_tokens": 318_022, "pairs": 1_811_306, "epochs": 5, "seconds": 14.2}
"""An example run's log (made up for the exercise): tokens before and after subsampling, pairs per epoch, epochs, seconds."""


def _scores_loop(W_in, W_out, centers, outputs):
    B, width = outputs.shape
    return np.array([[W_out[outputs[b, j]] @ W_in[centers[b]] for j in range(width)] for b in range(B)])


def _batch(seed: int, V: int = 20, d: int = 6, B: int = 9, width: int = 4):
    rng = np.random.default_rng(seed)
    return (rng.normal(size=(V, d)), rng.normal(size=(V, d)), rng.integers(0, V, B),
            rng.integers(0, V, (B, width)))


def _damping_loop(rows, curvature, lr):
    """The factors of :func:`lib.skipgram.torch_engine.row_damping`, one entry at a time."""
    return np.array([1 / (1 + lr * curvature[rows == r].sum()) for r in rows])


@exercise.question("q1", points=1, answer="madds_per_pair")
def check_madds(madds_per_pair):
    """madds_per_pair(V, d, k) → (softmax, negative_sampling) multiply-adds per training pair."""
    settings = [(10_000, 100, 5), (71_290, 300, 15), (10, 4, 1)]
    with case("softmax count", 0.5):
        for V, d, k in settings:
            label, (soft, _) = _madds(madds_per_pair, V, d, k)
            if soft == V * d:
                fail(f"{label}: the softmax count {soft:,.0f} covers the scores only; the update of all V "
                     "output vectors costs V·d more")
            if not close(soft, step_cost(V, d, k)["softmax_madds_per_pair"]):
                fail(f"{label}: softmax count should be 2·V·d = {2 * V * d:,}")
    with case("negative-sampling count", 0.5):
        for V, d, k in settings:
            label, (_, ns) = _madds(madds_per_pair, V, d, k)
            if ns == 2 * (k + 1) * d:
                fail(f"{label}: the negative-sampling count forgets the center vector's own update (d more)")
            if not close(ns, step_cost(V, d, k)["ns_madds_per_pair"]):
                fail(f"{label}: negative sampling should be 2(k + 1)·d + d multiply-adds")
    return "right: 2Vd against 2(k + 1)d + d"


def _madds(madds_per_pair, V, d, k):
    label = f"madds_per_pair({V}, {d}, {k})"
    result = pair(call(madds_per_pair, V, d, k), label, ["softmax", "negative_sampling"])
    return label, (as_number(result[0], label), as_number(result[1], label))


@exercise.question("q2", points=2, answer="batched_scores")
def check_scores(batched_scores):
    """batched_scores(W_in, W_out, centers, outputs) → (B, 1+k) scores u_w · v_c, without a Python loop."""
    with case("values", 1) as values:
        _check_scores_values(batched_scores)
    with case("no Python loop", 1):
        needs(values)
        fail_if_loops(batched_scores, "batched_scores")
    return "right for three random batches, without a Python loop"


def _check_scores_values(batched_scores):
    for seed in range(3):
        W_in, W_out, centers, outputs = _batch(seed)
        label = "batched_scores(W_in, W_out, centers, outputs)"
        got = as_array(call(batched_scores, W_in.copy(), W_out.copy(), centers.copy(), outputs.copy()), label)
        want = _scores_loop(W_in, W_out, centers, outputs)
        if got.shape != want.shape:
            fail(f"{label}: shape {got.shape}, expected {want.shape} — one score per (pair, output word)")
        if close(got, _scores_loop(W_out, W_in, centers, outputs)):
            fail(f"{label}: the tables are swapped; v_c comes from W_in[centers], u_w from W_out[outputs]")
        if not close(got, want):
            fail(f"{label}: scores differ from u_w · v_c by up to {np.abs(got - want).max():.3g}")


@exercise.question("q3", points=2, answer="add_rows")
def check_add_rows(add_rows):
    """add_rows(W, rows, updates) → W (returned) with every update added to its row, repeated rows included."""
    rng = np.random.default_rng(3)
    W = rng.normal(size=(6, 3))
    rows = np.array([1, 4, 1, 1, 0])
    updates = rng.normal(size=(5, 3))
    want = W.copy()
    for r, u in zip(rows, updates):
        want[r] += u
    got = as_array(call(add_rows, W.copy(), rows.copy(), updates.copy()), "add_rows(W, rows, updates)")
    if got.shape != W.shape:
        fail(f"add_rows returned shape {got.shape}; return W, shape {W.shape}, with the updates added")
    lost = W.copy()
    lost[rows] += updates
    if close(got, lost):
        fail("row 1 appears three times but received one update: W[rows] += updates keeps only the last "
             "of repeated rows; use np.add.at(W, rows, updates)")
    if not close(got, want):
        fail("the rows do not hold W plus the sum of their updates")
    return "right: repeated rows receive every update"


@exercise.question("q4", points=2, answer="damping_factors")
def check_damping(damping_factors):
    """damping_factors(rows, curvature, V, lr) → per entry 1 / (1 + lr · Σ curvature of its row)."""
    rng = np.random.default_rng(4)
    for lr in (1.0, 0.025):
        rows, curvature = rng.integers(0, 5, 12), rng.uniform(0, 2, 12)
        label = f"damping_factors(rows, curvature, 5, {lr})"
        got = as_array(call(damping_factors, rows.copy(), curvature.copy(), 5, lr), label)
        want = _damping_loop(rows, curvature, lr)
        if got.shape != want.shape:
            fail(f"{label}: shape {got.shape}, expected {want.shape} — one factor per batch entry")
        if close(got, 1 / (1 + lr * curvature)):
            fail(f"{label}: each entry uses only its own curvature; sum the curvature of every entry that "
                 "shares its row first (np.bincount or np.add.at)")
        if not close(got, want):
            fail(f"{label}: factors differ from 1 / (1 + lr · Σ_row curvature) by up to {np.abs(got - want).max():.3g}")
    return "right: busy rows get small factors, rows touched once keep almost the full step"


@exercise.question("q5", points=1, answer="tokens_per_second")
def check_speed(tokens_per_second):
    """tokens_per_second: word2vec.c's speed for the run in ``RUN``, within 0.01 %."""
    got = as_number(tokens_per_second, "tokens_per_second", verb="is")
    want = RUN["in_vocab_tokens"] * RUN["epochs"] / RUN["seconds"]
    if close(got, want, rtol=1e-4, atol=0):
        return f"right: {got:,.0f} tokens per second"
    if close(got, RUN["kept_tokens"] * RUN["epochs"] / RUN["seconds"], rtol=1e-4, atol=0):
        fail("you counted the tokens left after subsampling; word2vec counts the corpus tokens before it")
    if close(got, RUN["pairs"] * RUN["epochs"] / RUN["seconds"], rtol=1e-4, atol=0):
        fail("that is pairs per second; the definition counts corpus tokens")
    if close(got, RUN["in_vocab_tokens"] / RUN["seconds"], rtol=1e-4, atol=0):
        fail("multiply by the number of epochs: every epoch reads the corpus once")
    fail(f"tokens_per_second: {how_close(got, want, rtol=1e-4)}; it is in-vocabulary tokens × epochs ÷ seconds")


# ----------------------------------------------------------------------------- typical wrong answers

def _lost_updates(W, rows, updates):
    W[rows] += updates
    return W


def _scores_with_loop(W_in, W_out, centers, outputs):
    return np.array([W_out[outputs[b]] @ W_in[centers[b]] for b in range(len(centers))])


def _own_curvature(rows, curvature, V, lr):
    return 1 / (1 + lr * np.asarray(curvature))


def _swapped(W_in, W_out, centers, outputs):
    return _scores_loop(W_out, W_in, centers, outputs)


WRONG_ANSWERS = {
    "q1": [("scores only", lambda V, d, k: (V * d, 2 * (k + 1) * d + d), 0.5),
           ("no center update", lambda V, d, k: (2 * V * d, 2 * (k + 1) * d), 0.5)],
    "q2": [("tables swapped", _swapped), ("one score per pair", lambda W_in, W_out, c, o: _scores_loop(
        W_in, W_out, c, o)[:, 0]), ("a Python loop over the batch", _scores_with_loop, 1)],
    "q3": [("fancy-index assignment drops repeats", _lost_updates)],
    "q4": [("own curvature only", _own_curvature)],
    "q5": [("tokens after subsampling", RUN["kept_tokens"] * RUN["epochs"] / RUN["seconds"]),
           ("pairs per second", RUN["pairs"] * RUN["epochs"] / RUN["seconds"])],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
