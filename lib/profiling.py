"""Where skip-gram's time goes: timing the pieces of one training step.

The numbers here are wall-clock medians of a few repetitions on whatever
machine runs them; they are meant for ratios measured side by side in one
run (the full softmax against negative sampling, one step's phases against
each other), not for absolute claims.
"""
from __future__ import annotations

import time

import numpy as np

from lib.skipgram_numpy import negative_sampling_score_grads, scatter_add_rows, sgd_step_softmax


def median_seconds(fn, repeats: int = 5) -> float:
    """Median wall time of ``fn()`` over ``repeats`` calls, after one warm-up call.

    Example: ``median_seconds(lambda: sum(range(1000)))`` → about 1e-5.
    """
    fn()
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return float(np.median(times))


def random_problem(V: int, d: int, B: int, K: int, seed: int = 0):
    """Random weights and a random batch: W_in (V, d), W_out (V, d), centers (B,), contexts (B,), negatives (B, K)."""
    rng = np.random.default_rng(seed)
    W_in = ((rng.random((V, d)) - 0.5) / d).astype(np.float32)
    W_out = (rng.normal(size=(V, d)) * 0.1).astype(np.float32)
    return W_in, W_out, rng.integers(0, V, B), rng.integers(0, V, B), rng.integers(0, V, (B, K))


def softmax_vs_sampling_seconds(V: int, d: int = 100, B: int = 256, K: int = 5, repeats: int = 3) -> dict:
    """Seconds per pair for one full-softmax SGD step and one negative-sampling step at vocabulary size V.

    Returns ``{"V": V, "softmax": s, "negative_sampling": s}`` (seconds per pair).
    """
    from lib.skipgram_numpy import sgd_step_negative_sampling
    W_in, W_out, c, o, neg = random_problem(V, d, B, K)
    softmax = median_seconds(lambda: sgd_step_softmax(W_in, W_out, c, o, 1e-6), repeats)
    sampling = median_seconds(lambda: sgd_step_negative_sampling(W_in, W_out, c, o, neg, 1e-6), repeats)
    return {"V": V, "softmax": softmax / B, "negative_sampling": sampling / B}


def step_phases_seconds(V: int = 10_000, d: int = 100, B: int = 1024, K: int = 5, repeats: int = 5) -> dict:
    """Time the phases of one NumPy negative-sampling step (seconds per batch of B pairs).

    Phases: ``gather`` (look up v_c and the 1+K output rows), ``scores`` (dot
    products, loss and σ), ``input gradient`` (Σ_w g_w u_w), ``scatter`` (the two
    sparse row updates).
    """
    W_in, W_out, c, o, neg = random_problem(V, d, B, K)
    outputs = np.concatenate([o[:, None], neg], axis=1)
    v_c, u = W_in[c], W_out[outputs]
    _, g = negative_sampling_score_grads(v_c, u)
    grad_v_c = np.einsum("bk,bkd->bd", g, u)
    W_in_copy, W_out_copy = W_in.copy(), W_out.copy()
    return {
        "gather": median_seconds(lambda: (W_in[c], W_out[outputs]), repeats),
        "scores": median_seconds(lambda: negative_sampling_score_grads(v_c, u), repeats),
        "input gradient": median_seconds(lambda: np.einsum("bk,bkd->bd", g, u), repeats),
        "scatter": median_seconds(lambda: (scatter_add_rows(W_out_copy, outputs, -1e-6 * g, v_c),
                                           scatter_add_rows(W_in_copy, c[:, None], np.full((B, 1), -1e-6),
                                                            grad_v_c)), repeats),
    }


def rows_touched(V: int, B: int, K: int, probabilities: np.ndarray | None = None, seed: int = 0) -> dict:
    """How many distinct rows of W_out one batch updates, and how often the busiest row is hit.

    With a Zipfian noise distribution the busiest rows (frequent words) take many
    summed contributions per batch — the source of large-batch instability.
    """
    rng = np.random.default_rng(seed)
    p = probabilities if probabilities is not None else np.full(V, 1.0 / V)
    draws = rng.choice(V, size=B * (K + 1), p=p)
    counts = np.bincount(draws, minlength=V)
    return {"batch": B, "distinct_rows": int((counts > 0).sum()), "busiest_row_hits": int(counts.max())}
