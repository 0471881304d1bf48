"""Exercise 13 checks: scaled dot-product attention, √d_k, positional encoding and BERT's masking.

Slides: "Self-Attention: Mathematical Formulation", "Positional Encoding:
Injecting Order Information" and "BERT: Bidirectional Training Mathematics".
Expected values come from :mod:`lib.models.attention`, :mod:`lib.models.positional` and
:mod:`lib.models.mlm`, which the tests compare with PyTorch.

Notebook use::

    from lib.grading.exercises import ex13
    ex13.check("q1")
    ex13.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, how_close, pair, short_repr
from lib.grading.questions import Exercise
from lib.models.attention import scaled_dot_product_attention as ref_attention
from lib.models.positional import sinusoidal_encoding as ref_pe
from lib.softmax import softmax

exercise = Exercise("ex13", "Attention, positional encoding and BERT's masking", notebook="13_attention_bert")
check = exercise.check
check_all = exercise.check_all

MASK_ID = 1
"""Id of the [MASK] token in question 4; ordinary words have ids 2 … V − 1."""


SCALED_Q = np.array([[500.0, 500.0, 500.0, 500.0], [-500.0, -500.0, -500.0, -500.0], [0.001, 0.0, 0.0, 0.0]])
SCALED_K = np.array([[1.0, 1.0, 1.0, 1.0], [1.0, -1.0, 0.0, 0.0], [-1.0, -1.0, -1.0, -1.0]])
SCALED_V = np.array([[1.0, 0.0], [0.0, 1.0], [2.0, -1.0]])
"""Queries of very different scales: scaled scores [1000, 0, −1000], [−1000, 0, 1000] and about [0, 0, 0].
Without a shift exp(1000) overflows; shifted by the largest score of the whole matrix, the third
row becomes exp(−1000) = 0 everywhere and its weights 0 / 0."""


@exercise.question("q1", points=3, answer="attention")
def check_attention(attention):
    """attention(Q, K, V) → (O, A): softmax(QKᵀ/√d_k) V and the weights A, each row shifted by its own maximum."""
    with case("weights and output", 2):
        rng = np.random.default_rng(11)
        for n, m, d_k, d_v in [(3, 3, 4, 2), (2, 5, 16, 3), (1, 4, 64, 1)]:
            Q, K, V = rng.normal(size=(n, d_k)), rng.normal(size=(m, d_k)), rng.normal(size=(m, d_v))
            _check_attention_on(attention, Q, K, V)
    with case("rows of very different scales", 1):
        _check_attention_on(attention, SCALED_Q, SCALED_K, SCALED_V)
    return ("right for square and rectangular attention, d_k = 4, 16 and 64, and for rows of scores "
            "from ±1000 to about 0")


def _check_attention_on(attention, Q, K, V):
    (n, d_k), (m, d_v) = Q.shape, V.shape
    label = f"attention(Q, K, V) with Q {Q.shape}, K {K.shape}, V {V.shape}"
    O, A = pair(call(attention, Q.copy(), K.copy(), V.copy()), label, ["O", "A"])
    O, A = as_array(O, label), as_array(A, label)
    want_O, want_A = ref_attention(Q, K, V)
    if A.shape != (n, m):
        fail(f"{label}: A has shape {A.shape}, expected ({n}, {m}): one row per query, one column per key")
    if O.shape != (n, d_v):
        fail(f"{label}: O has shape {O.shape}, expected ({n}, {d_v})")
    if not (np.all(np.isfinite(A)) and np.all(np.isfinite(O))):
        fail(f"{label}: the result holds nan or inf, with scaled scores up to "
             f"{np.abs(Q @ K.T).max() / np.sqrt(d_k):.4g}. Subtract each ROW's own maximum before np.exp "
             "(S.max(axis=1, keepdims=True)): without a shift exp overflows, and shifted by the largest score "
             "of the whole matrix a row of small scores underflows to 0 / 0")
    if close(A, want_A) and close(O, want_O):
        return
    S = Q @ K.T
    if close(A, softmax(S)):
        fail(f"{label}: the weights are softmax(QKᵀ) — divide the scores by √d_k = {np.sqrt(d_k):g} first")
    if close(A, softmax(S / d_k)):
        fail(f"{label}: the scores are divided by d_k; the slide divides by √d_k")
    if m > 1 and close(A, softmax(S / np.sqrt(d_k), axis=0)):
        fail(f"{label}: the softmax runs down the columns; each query's row of weights must sum to 1 (axis=-1)")
    if not close(A.sum(axis=1), np.ones(n)):
        fail(f"{label}: the rows of A sum to {short_repr(np.round(A.sum(axis=1), 3))}, not 1")
    if close(A, want_A):
        fail(f"{label}: A is right but O is not; O = A V")
    fail(f"{label}: A differs from the expected weights by up to {np.abs(A - want_A).max():.3g}")


@exercise.question("q2", points=1, answer="var_scores_64")
def check_variance(var_scores_64):
    """var_scores_64: the measured variance of q · k for q, k with 64 independent N(0, 1) entries (within 10 %)."""
    got = as_number(var_scores_64, "var_scores_64", verb="is")
    if abs(got - 64) <= 64 * 0.1:
        return f"right: {got:.1f}, close to d_k = 64 — which is why the scores are divided by √64 = 8"
    if abs(got - 8) <= 1:
        fail(f"var_scores_64 is {got:.2f}: that is the standard deviation (√64 = 8); the variance is its square")
    if abs(got - 1) <= 0.2:
        fail(f"var_scores_64 is {got:.2f}: that is the variance after dividing by √d_k; measure q · k unscaled")
    fail(f"var_scores_64: {how_close(got, 64.0, rtol=0.1)}; draw many pairs q, k of shape (64,), "
         "take q · k for each, then np.var")


@exercise.question("q3", points=2, answer="positional_encoding")
def check_positional(positional_encoding):
    """positional_encoding(n_positions, d_model) → PE, shape (n_positions, d_model), the slide's sinusoids."""
    for n, d in [(10, 4), (50, 16), (3, 512)]:
        label = f"positional_encoding({n}, {d})"
        got = as_array(call(positional_encoding, n, d), label)
        want = ref_pe(n, d)
        if got.shape != want.shape:
            fail(f"{label} has shape {got.shape}, expected {want.shape}")
        if close(got, want, 1e-8):
            continue
        swapped = want.copy()
        swapped[:, 0::2], swapped[:, 1::2] = want[:, 1::2], want[:, 0::2]
        if close(got, swapped, 1e-8):
            fail(f"{label}: sine and cosine are swapped; even dimensions 2i take sin, odd ones 2i+1 take cos")
        w = 10000.0 ** (-np.arange(d // 2) / d)
        wrong = np.empty((n, d))
        wrong[:, 0::2], wrong[:, 1::2] = np.sin(np.arange(n)[:, None] * w), np.cos(np.arange(n)[:, None] * w)
        if close(got, wrong, 1e-8):
            fail(f"{label}: the exponent is i/d_model; the slide uses 2i/d_model (i counts dimension pairs)")
        r, c = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
        fail(f"{label}: entry [{r}, {c}] is {got[r, c]:.4g}, expected {want[r, c]:.4g}")
    return "right for d_model = 4, 16 and 512"


@exercise.question("q4", points=3, answer="bert_mask", timeout=20)
def check_mask(bert_mask):
    """bert_mask(ids, V, seed) → (inputs, labels): 15 % chosen; of those 80 % [MASK], 10 % random, 10 % kept."""
    V = 1000
    ids = np.random.default_rng(0).integers(2, V, size=(400, 250))
    label = "bert_mask(ids, 1000, seed=1) on 100,000 tokens"
    inputs, labels = (np.asarray(a) for a in pair(call(bert_mask, ids.copy(), V, 1), label, ["inputs", "labels"]))
    if inputs.shape != ids.shape or labels.shape != ids.shape:
        fail(f"{label}: inputs {inputs.shape} and labels {labels.shape} must both have the shape of ids {ids.shape}")
    chosen = labels != -100
    share = chosen.mean()
    if abs(share - 0.15) > 0.01:
        if abs(share - 1.0) < 0.01:
            fail(f"{label}: every position has a label; positions that are not chosen must get -100 (ignored)")
        fail(f"{label}: {share:.1%} of the positions are chosen (labels != -100), expected about 15 %")
    if not np.array_equal(labels[chosen], ids[chosen]):
        fail(f"{label}: at chosen positions the label must be the ORIGINAL id, the word to predict")
    if not np.array_equal(inputs[~chosen], ids[~chosen]):
        fail(f"{label}: positions that are not chosen must stay unchanged in inputs (the 80 % [MASK] "
             "applies only to the 15 % chosen)")
    n = chosen.sum()
    masked = (inputs == MASK_ID) & chosen
    kept = (inputs == ids) & chosen
    other = chosen & ~masked & ~kept
    shares = masked.sum() / n, other.sum() / n, kept.sum() / n
    if abs(shares[0] - 1.0) < 0.01:
        fail(f"{label}: every chosen token became [MASK]; BERT masks only 80 % of them, "
             "replaces 10 % by a random word and keeps 10 %")
    if abs(shares[0] - 0.8) > 0.02 or abs(shares[1] - 0.1) > 0.02 or abs(shares[2] - 0.1) > 0.025:
        fail(f"{label}: of the chosen tokens {shares[0]:.1%} are [MASK], {shares[1]:.1%} random, "
             f"{shares[2]:.1%} unchanged; expected about 80 %, 10 %, 10 %")
    if other.any() and (inputs[other].min() < 2 or inputs[other].max() >= V):
        fail(f"{label}: random replacements must be ordinary words, ids 2 … V − 1 (not [MASK] or padding)")
    return (f"right: {share:.1%} chosen; of those {shares[0]:.1%} [MASK], {shares[1]:.1%} random, "
            f"{shares[2]:.1%} unchanged")


# ----------------------------------------------------------------------------- typical wrong answers

def _attention_unscaled(Q, K, V):
    A = softmax(np.asarray(Q) @ np.asarray(K).T)
    return A @ V, A


def _attention_by_d(Q, K, V):
    A = softmax(np.asarray(Q) @ np.asarray(K).T / np.shape(Q)[1])
    return A @ V, A


def _attention_columns(Q, K, V):
    A = softmax(np.asarray(Q) @ np.asarray(K).T / np.sqrt(np.shape(Q)[1]), axis=0)
    return A @ V, A


def _attention_shifted(Q, K, V, shift):
    """Attention whose softmax is shifted by something other than each row's maximum."""
    S = np.asarray(Q) @ np.asarray(K).T / np.sqrt(np.shape(Q)[1])
    E = np.exp(S - {"none": 0.0, "global max": S.max()}[shift])
    A = E / E.sum(axis=1, keepdims=True)
    return A @ V, A


def _pe_swapped(n, d):
    PE = ref_pe(n, d)
    return np.concatenate([PE[:, 1::2, None], PE[:, 0::2, None]], axis=2).reshape(n, d)


def _pe_exponent(n, d):
    w = 10000.0 ** (-np.arange(d // 2) / d)
    PE = np.empty((n, d))
    PE[:, 0::2], PE[:, 1::2] = np.sin(np.arange(n)[:, None] * w), np.cos(np.arange(n)[:, None] * w)
    return PE


def _mask_all(ids, V, seed):
    rng = np.random.default_rng(seed)
    chosen = rng.random(ids.shape) < 0.15
    return np.where(chosen, MASK_ID, ids), np.where(chosen, ids, -100)


def _mask_labels_everywhere(ids, V, seed):
    inputs, _ = _mask_all(ids, V, seed)
    return inputs, ids.copy()


def _mask_80_of_all(ids, V, seed):
    rng = np.random.default_rng(seed)
    u = rng.random(ids.shape)
    chosen = rng.random(ids.shape) < 0.15
    inputs = np.where(u < 0.8, MASK_ID, ids)
    return inputs, np.where(chosen, ids, -100)


WRONG_ANSWERS = {
    "q1": [("no √d_k scaling", _attention_unscaled), ("divides by d_k", _attention_by_d),
           ("softmax over columns", _attention_columns),
           ("no shift before exp", lambda Q, K, V: _attention_shifted(Q, K, V, "none"), 2),
           ("shifted by the matrix's maximum", lambda Q, K, V: _attention_shifted(Q, K, V, "global max"), 2)],
    "q2": [("standard deviation", 8.0), ("scaled variance", 1.0)],
    "q3": [("sine and cosine swapped", _pe_swapped), ("exponent i/d", _pe_exponent)],
    "q4": [("every chosen token masked", _mask_all), ("labels everywhere", _mask_labels_everywhere),
           ("80 % of all tokens masked", _mask_80_of_all)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
