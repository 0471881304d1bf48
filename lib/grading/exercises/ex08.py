"""Exercise 8 checks: int8 and binary quantisation, recall@k, and the InfoNCE loss.

Slides: "Efficiency Revolution" (binary embeddings, quantisation) and "Contrastive
Learning" (the InfoNCE objective with temperature τ). Expected values come from
:mod:`lib.vectors.quantization` and :mod:`lib.models.contrastive` (itself tested against PyTorch).

Notebook use::

    from lib.grading.exercises import ex08
    ex08.check("q1")
    ex08.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, pair
from lib.grading.questions import Exercise
from lib.models.contrastive import info_nce_loss_and_grads
from lib.softmax import log_softmax
from lib.vectors.quantization import quantize_int8 as ref_int8
from lib.vectors.quantization import recall_at_k as ref_recall
from lib.vectors.similarity import normalize_rows

exercise = Exercise("ex08", "Quantisation, recall@k and InfoNCE", notebook="08_latest_research")
check = exercise.check
check_all = exercise.check_all

RNG = np.random.default_rng(6)
X = RNG.normal(size=(50, 8)) * np.array([0.1, 1, 2, 0.5, 3, 0.2, 1, 1])
"""A test matrix (50, 8) whose columns have very different ranges."""


@exercise.question("q1", points=2, answer="quantize_int8")
def check_int8(quantize_int8):
    """quantize_int8(X) → (codes, scale): int8 codes (N, d), per-dimension scale max|X_j| / 127 (d,)."""
    ref = ref_int8(X)
    with case("scale", 1):
        scale = as_array(pair(call(quantize_int8, X.copy()), "quantize_int8(X)", ["codes", "scale"])[1], "the scale")
        if scale.shape != (X.shape[1],):
            fail(f"the scale has shape {scale.shape}; use one scale per dimension, shape ({X.shape[1]},)")
        if close(scale, np.abs(X).max(0) / 255, 1e-5) or close(scale, (X.max(0) - X.min(0)) / 255, 1e-5):
            fail("the scale uses 255 steps: symmetric int8 has 127 steps on each side of 0, s = max|X_j| / 127")
        if not close(scale, ref.scale, 1e-5):
            fail(f"scale[0] is {scale[0]:.5g}, expected max|X_0| / 127 = {ref.scale[0]:.5g}")
    with case("codes", 1):
        codes = np.asarray(pair(call(quantize_int8, X.copy()), "quantize_int8(X)", ["codes", "scale"])[0])
        if codes.dtype != np.int8:
            fail(f"the codes have dtype {codes.dtype}; store them as np.int8 (1 byte each)")
        if not np.array_equal(codes, ref.codes):
            if np.array_equal(codes, np.trunc(X / ref.scale).astype(np.int8)):
                fail("the codes are truncated towards 0; round to the nearest integer (np.rint)")
            fail("the codes differ from round(X / max|X_j| · 127), the nearest integer")
    return "int8 codes with per-dimension scales; every value within half a step"


@exercise.question("q2", points=1, answer="sign_cosine")
def check_sign_cosine(sign_cosine):
    """sign_cosine(a, b): the cosine of the ±1 sign vectors of a and b, from their Hamming distance, 1 − 2h/d."""
    rng = np.random.default_rng(10)
    for a, b in [(X[0], X[1]), (X[2], X[2]), (X[3], -X[3]), (rng.normal(size=100), rng.normal(size=100))]:
        label = f"sign_cosine(a, b) with d = {len(a)}"
        got = as_number(call(sign_cosine, a.copy(), b.copy()), label)
        sa, sb = np.where(a > 0, 1.0, -1.0), np.where(b > 0, 1.0, -1.0)
        want = sa @ sb / len(a)
        h = int((sa != sb).sum())
        if close(got, want):
            continue
        if close(got, 1 - h / len(a)):
            fail(f"{label} returned {got:.4f} = 1 − h/d; each differing sign changes a·b by 2, so cos = 1 − 2h/d")
        if close(got, h / len(a)) or close(got, h):
            fail(f"{label} returned {got:.4f}, the Hamming distance; convert it to a cosine, 1 − 2h/d")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "right for random, identical and opposite vectors"


@exercise.question("q3", points=1, answer="recall_at_k")
def check_recall(recall_at_k):
    """recall_at_k(found, truth): mean share of each row's true neighbours that appear anywhere in its found row."""
    cases = [(np.array([[1, 2, 3]]), np.array([[3, 2, 1]])), (np.array([[1, 2], [4, 5]]), np.array([[2, 9], [7, 8]])),
             (np.array([[0, 1, 2, 3]]), np.array([[3, 7]]))]
    for found, truth in cases:
        label = f"recall_at_k({found.tolist()}, {truth.tolist()})"
        got = as_number(call(recall_at_k, found.copy(), truth.copy()), label)
        want = ref_recall(found, truth)
        if close(got, want):
            continue
        if close(got, np.mean(found[:, :truth.shape[1]] == truth)):
            fail(f"{label} returned {got:.3f}: it compares positions; neighbours count wherever they appear")
        if close(got, np.mean([len(set(f) & set(t)) / len(f) for f, t in zip(found, truth)])):
            fail(f"{label} returned {got:.3f}: divide by the number of *true* neighbours, not found ones")
        fail(f"{label} returned {got:.3f}, expected {want:.3f}")
    return "order-free, divided by the true neighbours, averaged over queries"


SHARP_Z1 = np.eye(3)
SHARP_Z2 = np.array([[1.0, 0.0, 0.1], [-0.3, -1.0, 0.0], [0.1, -0.2, 1.0]])
"""A batch whose rows of cosines have very different maxima (about 0.995, 0 and 0.98) and spreads
(row 1 reaches −0.96): at τ = 0.001 the logits span ±1000, so exp overflows unless each row's own
maximum is subtracted, and a shift by the batch's largest logit turns row 1 into 0 / 0."""


@exercise.question("q4", points=2, answer="info_nce")
def check_info_nce(info_nce):
    """info_nce(Z1, Z2, tau): mean over i of −log softmax_j(cos(z1_i, z2_j)/τ) at j = i, stable for small τ."""
    with case("three temperatures", 1.5):
        Z1, Z2 = np.random.default_rng(8).normal(size=(6, 4)) * 3, np.random.default_rng(9).normal(size=(6, 4))
        for tau in [0.1, 0.5, 2.0]:
            _check_info_nce_at(info_nce, Z1, Z2, tau)
    with case("small temperature", 0.5):
        label = "info_nce(Z1, Z2, tau=0.001) with logits from −1000 to 1000"
        got = as_number(call(info_nce, SHARP_Z1.copy(), SHARP_Z2.copy(), 0.001), label)
        want = info_nce_loss_and_grads(SHARP_Z1, SHARP_Z2, 0.001)[0]
        if not np.isfinite(got):
            fail(f"{label} returned {got}: exp overflows (or a whole row underflows to 0). Subtract each "
                 "ROW's own maximum before exponentiating, S - S.max(axis=1, keepdims=True)")
        if not close(got, want, 1e-5):
            fail(f"{label} returned {got:.6g}, expected {want:.6g}")
    return "right for τ = 0.1, 0.5 and 2, and finite and right for τ = 0.001"


def _check_info_nce_at(info_nce, Z1, Z2, tau):
    label = f"info_nce(Z1, Z2, tau={tau})"
    got = as_number(call(info_nce, Z1.copy(), Z2.copy(), tau), label)
    want = info_nce_loss_and_grads(Z1, Z2, tau)[0]
    if close(got, want, 1e-5):
        return
    A, B = normalize_rows(Z1), normalize_rows(Z2)
    if close(got, _ce(Z1 @ Z2.T / tau), 1e-5):
        fail(f"{label} returned {got:.4f}: sim is the cosine; normalise the rows first")
    if close(got, _ce(A @ B.T), 1e-5):
        fail(f"{label} returned {got:.4f}: divide the similarities by the temperature τ")
    if close(got, _ce(A @ B.T / tau) * len(Z1), 1e-5):
        fail(f"{label} returned {got:.4f}: that is the sum over the batch; return the mean")
    if close(got, _ce((A @ B.T / tau).T), 1e-5):
        fail(f"{label} returned {got:.4f}: the softmax runs over the candidates j for each anchor i (rows)")
    fail(f"{label} returned {got:.4f}, expected {want:.4f}")


# ----------------------------------------------------------------------------- typical wrong answers

def _int8_255(X):
    scale = np.abs(X).max(0) / 255
    return np.rint(X / scale).clip(-127, 127).astype(np.int8), scale


def _int8_truncated(X):
    scale = np.abs(X).max(0) / 127
    return np.trunc(X / scale).astype(np.int8), scale


def _int8_float_codes(X):
    scale = np.abs(X).max(0) / 127
    return np.rint(X / scale), scale


def _ce(S):
    """Mean cross-entropy of the rows of S (N, N) whose right answer is the diagonal."""
    return float(-np.mean(np.diag(log_softmax(S, axis=1))))


def _nce_unnormalised(Z1, Z2, tau):
    return _ce(Z1 @ Z2.T / tau)


def _nce_no_tau(Z1, Z2, tau):
    return _ce(normalize_rows(Z1) @ normalize_rows(Z2).T)


def _nce_shifted(Z1, Z2, tau, shift):
    """InfoNCE with the logits shifted by something other than each row's maximum."""
    A, B = normalize_rows(Z1), normalize_rows(Z2)
    S = A @ B.T / tau
    S = S - {"none": 0.0, "global max": S.max(), "row mean": S.mean(axis=1, keepdims=True)}[shift]
    E = np.exp(S)
    return float(-np.mean(np.log(np.diag(E) / E.sum(axis=1))))


def _sign_cos_half(a, b):
    return float(1 - np.mean((a > 0) != (b > 0)))


WRONG_ANSWERS = {
    "q1": [("255 steps", _int8_255), ("float codes", _int8_float_codes, 1),
           ("codes only", lambda X: ref_int8(X).codes), ("codes truncated", _int8_truncated, 1)],
    "q2": [("1 − h/d", _sign_cos_half), ("Hamming distance", lambda a, b: float(np.mean((a > 0) != (b > 0))))],
    "q3": [("compares positions", lambda f, t: float(np.mean(f[:, :t.shape[1]] == t)))],
    "q4": [("no normalisation", _nce_unnormalised), ("no temperature", _nce_no_tau),
           ("logits not shifted", lambda Z1, Z2, tau: _nce_shifted(Z1, Z2, tau, "none"), 1.5),
           ("logits shifted by the batch's maximum", lambda Z1, Z2, tau: _nce_shifted(Z1, Z2, tau, "global max"), 1.5),
           ("logits shifted by each row's mean", lambda Z1, Z2, tau: _nce_shifted(Z1, Z2, tau, "row mean"), 1.5)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
