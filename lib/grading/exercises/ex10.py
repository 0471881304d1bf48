"""Exercise 10 checks: the softmax, the skip-gram loss of one pair and its gradients, the window sum, the cost fit.

Slides: "Mathematical Foundations: Skip-gram Objective" (softmax formulation,
gradient w.r.t. the input vector, O(W) complexity). Expected values come from
:func:`lib.skipgram.numpy_engine.softmax_loss_and_grads`, :mod:`lib.skipgram.objective`
and :func:`lib.measure.cost_model.fit_power_law`; gradients are also put through
:func:`lib.measure.gradcheck.gradient_check`, so a wrong formula is reported with the
first coordinate where it disagrees with central differences.

Notebook use::

    from lib.grading.exercises import ex10
    ex10.check("q2")
    ex10.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, pair, short_repr
from lib.grading.questions import Exercise
from lib.measure.cost_model import fit_power_law as ref_fit
from lib.measure.gradcheck import gradient_check
from lib.skipgram.numpy_engine import softmax_loss_and_grads as ref_loss_and_grads
from lib.skipgram.objective import softmax_probabilities
from lib.softmax import log_softmax
from lib.softmax import softmax as ref_softmax

exercise = Exercise("ex10", "The skip-gram objective: softmax loss and gradients", notebook="10_skipgram_objective")
check = exercise.check
check_all = exercise.check_all


@exercise.question("q1", points=1, answer="softmax")
def check_softmax(softmax):
    """softmax(scores): exp(z_w) / Σ exp(z), shape (V,), without overflow for large scores."""
    rng = np.random.default_rng(0)
    with case("values", 0.5):
        for z in [np.array([1.0, 2.0, 3.0]), rng.normal(size=50), np.zeros(4)]:
            _check_softmax_on(softmax, z)
    with case("large scores", 0.5):
        # [2000, 0] and [-2000, 0] overflow a softmax shifted by the mean or by the first score
        for z in [np.array([1000.0, 999.0, 0.0]), np.array([-1000.0, -1001.0]),
                  np.array([2000.0, 0.0]), np.array([-2000.0, 0.0])]:
            _check_softmax_on(softmax, z)
    return "right on 7 score vectors, including scores of ±1000 and ±2000 that overflow a naive exp"


def _check_softmax_on(softmax, z):
    label = f"softmax({short_repr(z)})"
    got = as_array(call(softmax, z.copy()), label)
    want = ref_softmax(z)
    if got.shape != want.shape:
        fail(f"{label} returned shape {got.shape}, expected {want.shape}: one probability per score")
    if not np.all(np.isfinite(got)):
        fail(f"{label} returned {short_repr(got)}: exp overflows for scores this large. Subtract the "
             "LARGEST score before exponentiating (not the mean or the first one): then every exponent "
             "is at most 0, and the shift cancels between numerator and denominator")
    if close(got, want):
        return
    if close(got, np.exp(z)) or close(got, np.exp(z - z.max())):
        fail(f"{label} returned exponentials that do not sum to 1: divide by their sum")
    if close(got, log_softmax(z)):
        fail(f"{label} returned log-probabilities; return the probabilities themselves")
    fail(f"{label} returned {short_repr(np.round(got, 4))}, expected {short_repr(np.round(want, 4))}")


def _pair(seed, V=7, d=4):
    rng = np.random.default_rng(seed)
    return rng.normal(size=d), rng.normal(size=(V, d)) * 0.7, int(rng.integers(V))


@exercise.question("q2", points=3, answer="softmax_loss_and_gradients")
def check_loss_and_gradients(softmax_loss_and_gradients):
    """softmax_loss_and_gradients(v_c, U, o) → (−log p(o|c), ∂/∂v_c of shape (d,), ∂/∂U of shape (V, d))."""
    f = softmax_loss_and_gradients
    for name, check_part in [("loss", _check_loss), ("grad_v_c", _check_grad_v), ("grad_U", _check_grad_U)]:
        with case(name, 1):
            for seed in range(3):
                check_part(f, *_answered(f, seed))
    return "loss and both gradients agree with the reference and with central differences on 3 random pairs"


def _answered(f, seed):
    """(label, pair, the student's three results, the reference's three, the probabilities p(w|c))."""
    v_c, U, o = _pair(seed)
    label = f"softmax_loss_and_gradients(v_c, U, o={o}) with V = {len(U)}, d = {len(v_c)}"
    result = pair(call(f, v_c.copy(), U.copy(), o), label, ["loss", "grad_v_c", "grad_U"])
    ref_losses, ref_vs, ref_U = ref_loss_and_grads(v_c[None], U, np.array([o]))   # a batch of one pair
    return label, (v_c, U, o), result, (float(ref_losses[0]), ref_vs[0], ref_U), softmax_probabilities(v_c, U)


def _check_loss(f, label, args, result, refs, p):
    loss, (v_c, U, o), ref_loss = as_number(result[0], f"the loss of {label}"), args, refs[0]
    if not close(loss, ref_loss):
        if close(loss, -ref_loss):
            fail(f"{label}: the loss is {loss:.4f}, the log-probability itself; the loss is −log p(o|c)")
        if close(loss, -p[o]) or close(loss, 1 - p[o]):
            fail(f"{label}: the loss is {loss:.4f}; take the logarithm: −log p(o|c) = {ref_loss:.4f}")
        fail(f"{label}: the loss is {loss:.4f}, expected −log p(o|c) = {ref_loss:.4f}")


def _check_grad_v(f, label, args, result, refs, p):
    (v_c, U, o), g_v, ref_v = args, as_array(result[1], label), refs[1]
    if g_v.shape != v_c.shape:
        fail(f"{label}: grad_v_c has shape {g_v.shape}, expected {v_c.shape}, the shape of v_c")
    if not close(g_v, ref_v):
        if close(g_v, p @ U):
            fail(f"{label}: grad_v_c is Σ_w p(w|c) u_w only; subtract u_o, the true context's vector")
        if close(g_v, -ref_v):
            fail(f"{label}: grad_v_c has the wrong sign; it is Σ_w p(w|c) u_w − u_o")
        check_v = gradient_check(lambda v: (call(f, v, U, o)[0], call(f, v, U, o)[1]), v_c)
        fail(f"{label}: grad_v_c fails the central-difference check at index {check_v.first_failure} "
             f"(numeric {check_v.numeric[check_v.first_failure]:.4f}, yours "
             f"{check_v.analytic[check_v.first_failure]:.4f})")


def _check_grad_U(f, label, args, result, refs, p):
    (v_c, U, o), g_U, ref_U = args, as_array(result[2], label), refs[2]
    if g_U.shape != U.shape:
        hint = " (it looks transposed)" if g_U.shape == U.shape[::-1] else ""
        fail(f"{label}: grad_U has shape {g_U.shape}, expected {U.shape}, one row per word{hint}")
    if not close(g_U, ref_U):
        if close(g_U, np.outer(p, v_c)):
            fail(f"{label}: grad_U is p(w|c) v_c for every row; the true context's row also gets −v_c "
                 "((p − y) v_c with y one-hot at o)")
        if close(g_U, -ref_U):
            fail(f"{label}: grad_U has the wrong sign; it is (p(w|c) − y_w) v_c")
        check_U = gradient_check(lambda M: (call(f, v_c, M, o)[0], call(f, v_c, M, o)[2]), U)
        fail(f"{label}: grad_U fails the central-difference check at index {check_U.first_failure}")


SENTENCE = np.array([0, 1, 2, 3, 4, 5, 0, 6, 7])
""""the quick brown fox jumps over the lazy dog" as word ids ("the" = 0 twice)."""


def _ref_window_gradient(v_c, U, sentence, t, c):
    p = softmax_probabilities(v_c, U)
    return sum(p @ U - U[sentence[t + j]] for j in range(-c, c + 1) if j != 0 and 0 <= t + j < len(sentence))


@exercise.question("q3", points=2, answer="window_gradient")
def check_window_gradient(window_gradient):
    """window_gradient(v_c, U, sentence, t, c): ∂/∂v_c of −Σ_{0<|j|≤c} log p(w_{t+j} | w_t)."""
    rng = np.random.default_rng(5)
    U = rng.normal(size=(8, 3))
    for t, c in [(3, 2), (0, 2), (8, 3), (6, 1), (1, 4)]:
        v_c = rng.normal(size=3)
        label = f"window_gradient(v_c, U, sentence, t={t}, c={c})"
        got = as_array(call(window_gradient, v_c.copy(), U.copy(), SENTENCE.copy(), t, c), label)
        want = _ref_window_gradient(v_c, U, SENTENCE, t, c)
        if got.shape != want.shape:
            fail(f"{label} returned shape {got.shape}, expected {want.shape}")
        if close(got, want):
            continue
        p = softmax_probabilities(v_c, U)
        if close(got, want + p @ U - U[SENTENCE[t]]):
            fail(f"{label} includes j = 0, the center word as its own context (the slide's sum as printed); "
                 "skip j = 0")
        wrapped = sum(p @ U - U[SENTENCE[(t + j) % len(SENTENCE)]] for j in range(-c, c + 1) if j != 0)
        if close(got, wrapped) or close(got, sum(p @ U - U[SENTENCE[t + j]] for j in range(-c, c + 1)
                                                   if j != 0 and t + j < len(SENTENCE))):
            fail(f"{label} uses positions outside the sentence (a negative index wraps around in Python); "
                 "keep only 0 ≤ t + j < len(sentence)")
        fail(f"{label} returned {short_repr(np.round(got, 4))}, expected {short_repr(np.round(want, 4))}")
    return "right in the middle, at both ends of the sentence, and with windows wider than the sentence"


@exercise.question("q4", points=1, answer="fit_exponent")
def check_fit_exponent(fit_exponent):
    """fit_exponent(V, t): the slope p of the least-squares line through (log V, log t), t ≈ a·V^p."""
    rng = np.random.default_rng(2)
    V = np.array([1e3, 3e3, 1e4, 3e4, 1e5])
    cases = [(V, 2e-8 * V), (V, 5e-6 * V ** 0.5), (V, 3e-9 * V ** 1.2 * np.exp(rng.normal(0, 0.05, 5)))]
    for x, y in cases:
        label = f"fit_exponent(V, t) for t ≈ {short_repr(np.round(y, 8))}"
        got = as_number(call(fit_exponent, x.copy(), y.copy()), label)
        want = ref_fit(x, y)[0]
        if close(got, want, 1e-4):
            continue
        if close(got, 1 / want, 1e-4):
            fail(f"{label} returned {got:.3f} = 1 / p: regress log t on log V, not log V on log t")
        if close(got, np.polyfit(x, y, 1)[0], 1e-4):
            fail(f"{label} returned {got:.3g}, the slope on linear axes; fit the logarithms")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "right for linear, square-root and noisy V^1.2 costs"


# ----------------------------------------------------------------------------- typical wrong answers

def _naive_softmax(z):
    return np.exp(z) / np.exp(z).sum()


def _softmax_shifted(z, shift):
    """A softmax shifted by something other than the largest score."""
    z = np.asarray(z, dtype=float)
    e = np.exp(z - {"mean": z.mean(), "first": z[0]}[shift])
    return e / e.sum()


def _loss_grads(v_c, U, o, variant):
    p = softmax_probabilities(v_c, U)
    y = np.zeros(len(U))
    y[o] = 1
    loss, g_v, g_U = -np.log(p[o]), p @ U - U[o], np.outer(p - y, v_c)
    if variant == "no -u_o":
        g_v = p @ U
    elif variant == "no -y":
        g_U = np.outer(p, v_c)
    elif variant == "log p":
        loss = np.log(p[o])
    elif variant == "transposed":
        g_U = g_U.T
    elif variant == "sign":
        g_v = -g_v
    return loss, g_v, g_U


def _window_with_center(v_c, U, sentence, t, c):
    p = softmax_probabilities(v_c, U)
    return sum(p @ U - U[sentence[t + j]] for j in range(-c, c + 1) if 0 <= t + j < len(sentence))


def _window_wraps(v_c, U, sentence, t, c):
    p = softmax_probabilities(v_c, U)
    return sum(p @ U - U[sentence[t + j]] for j in range(-c, c + 1) if j != 0 and t + j < len(sentence))


WRONG_ANSWERS = {
    "q1": [("naive exp overflows", _naive_softmax, 0.5), ("not normalised", lambda z: np.exp(z - np.max(z))),
           ("shifted by the mean score", lambda z: _softmax_shifted(z, "mean"), 0.5),
           ("shifted by the first score", lambda z: _softmax_shifted(z, "first"), 0.5)],
    "q2": [(name, lambda v, U, o, name=name: _loss_grads(v, U, o, name), 2)
           for name in ["no -u_o", "no -y", "log p", "transposed", "sign"]],
    "q3": [("includes j = 0", _window_with_center), ("negative indices wrap", _window_wraps)],
    "q4": [("inverse slope", lambda V, t: 1 / np.polyfit(np.log(V), np.log(t), 1)[0]),
           ("linear axes", lambda V, t: np.polyfit(V, t, 1)[0])],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
