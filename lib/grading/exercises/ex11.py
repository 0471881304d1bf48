"""Exercise 11 checks: the noise distribution, the negative-sampling loss and gradients, the slide's update, the expectation.

Slides: "Negative Sampling: Making Training Tractable" (modified objective, P_n(w) ∝ U(w)^{3/4},
gradient update). Expected values come from :mod:`lib.skipgram.negative_sampling` and
:meth:`lib.text.vocabulary.Vocabulary.noise_distribution`; gradients are also put through
:func:`lib.measure.gradcheck.gradient_check`.

Notebook use::

    from lib.grading.exercises import ex11
    ex11.check("q2")
    ex11.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, pair, short_repr
from lib.grading.questions import Exercise
from lib.measure.gradcheck import gradient_check
from lib.skipgram.negative_sampling import (expected_objective, output_gradients, slide_gradient,
                                            slide_objective, slide_update)
from lib.skipgram.numpy_engine import log_sigmoid, sigmoid
from lib.text.vocabulary import Vocabulary

exercise = Exercise("ex11", "Negative sampling: noise, loss, gradients and update", notebook="11_negative_sampling")
check = exercise.check
check_all = exercise.check_all


def _ref_noise(counts, power):
    return Vocabulary([str(i) for i in range(len(counts))], counts).noise_distribution(power)


@exercise.question("q1", points=1, answer="noise_distribution")
def check_noise(noise_distribution):
    """noise_distribution(counts, power): P_n(w) = count(w)^power / Σ count^power, shape (V,)."""
    rng = np.random.default_rng(0)
    cases = [(np.array([16, 1]), 0.75), (np.array([50, 30, 20, 5, 1]), 0.75), (np.array([50, 30, 20]), 0.0),
             (np.array([50, 30, 20]), 1.0), (rng.integers(5, 10_000, size=200), 0.75)]
    for counts, power in cases:
        label = f"noise_distribution({short_repr(counts)}, power={power})"
        got = as_array(call(noise_distribution, counts.copy(), power), label)
        want = _ref_noise(counts, power)
        if got.shape != want.shape:
            fail(f"{label} returned shape {got.shape}, expected {want.shape}: one probability per word")
        if close(got, want):
            continue
        if not close(got.sum(), 1, rtol=1e-5, atol=1e-8):
            fail(f"{label} sums to {got.sum():.4g}; divide by Σ_w count(w)^power so the probabilities sum to 1")
        if close(got, _ref_noise(counts, 0.75)) and power != 0.75:
            fail(f"{label} ignores `power`: it returned the 3/4 distribution")
        if close(got, _ref_noise(counts, 1 / power if power else 1.0)):
            fail(f"{label} uses the exponent 1/power; raise the counts to `power` itself")
        fail(f"{label} returned {short_repr(np.round(got, 4))}, expected {short_repr(np.round(want, 4))}")
    return "right for the slide's 3/4, for 0 (uniform) and 1 (unigram), and on 200 random counts"


def _pair(seed, d=4, k=3):
    rng = np.random.default_rng(seed)
    return rng.normal(size=d), rng.normal(size=d), rng.normal(size=(k, d))


EXTREME = (np.array([40.0, 0.0, 0.0, 0.0]), np.array([-20.0, 0.0, 0.0, 0.0]),
           np.array([[20.0, 0.0, 0.0, 0.0], [0.0, 1.0, 0.0, 0.0], [20.0, 1.0, 0.0, 0.0]]))
"""(v_c, u_o, u_neg) whose scores are s_o = −800 and s_i = 800, 0, 800: log σ(−800) = −800, but
log(sigmoid(−800)) = log 0 = −∞."""


@exercise.question("q2", points=3, answer="ns_loss_and_gradients")
def check_loss_and_gradients(ns_loss_and_gradients):
    """ns_loss_and_gradients(v_c, u_o, u_neg) → (loss, ∂/∂v_c (d,), ∂/∂u_o (d,), ∂/∂u_neg (k, d)), finite at ±800."""
    f = ns_loss_and_gradients
    with case("loss", 1):
        for seed in range(3):
            _check_ns_loss(f, *_ns_answered(f, *_pair(seed)))
    with case("gradients", 1.5):
        for seed in range(3):
            _check_ns_gradients(f, *_ns_answered(f, *_pair(seed)))
    with case("scores of ±800", 0.5):
        answered = _ns_answered(f, *EXTREME)
        _check_ns_loss(f, *answered)
        _check_ns_gradients(f, *answered)
    return ("loss and all three gradients agree with the reference and with central differences on 3 random pairs, "
            "and stay finite for scores of ±800")


def _ns_answered(f, v_c, u_o, u_neg):
    """(label, the arguments, the student's four results) of one call."""
    scores = short_repr(np.round(np.r_[u_o @ v_c, u_neg @ v_c], 2))
    label = f"ns_loss_and_gradients(v_c, u_o, u_neg) with scores {scores}"
    result = pair(call(f, v_c.copy(), u_o.copy(), u_neg.copy()), label, ["loss", "grad_v_c", "grad_u_o", "grad_u_neg"])
    return label, (v_c, u_o, u_neg), result


def _check_ns_loss(f, label, args, result):
    v_c, u_o, u_neg = args
    loss = as_number(result[0], f"the loss of {label}")
    want_loss = -slide_objective(v_c, u_o, u_neg)
    if not np.isfinite(loss):
        fail(f"{label}: the loss is {loss}. log σ(−800) is −800, but log(sigmoid(−800)) is log 0 = −∞ "
             "(and 1 / (1 + exp(800)) is 0): use the stable log_sigmoid defined above")
    if not close(loss, want_loss):
        if close(loss, -want_loss):
            fail(f"{label}: the loss is {loss:.4f}, the slide's objective; the loss to minimise is its negative")
        if close(loss, -log_sigmoid(u_o @ v_c) - log_sigmoid(u_neg @ v_c).sum()):
            fail(f"{label}: the loss uses log σ(+u_i·v_c) for the negatives; they enter as log σ(−u_i·v_c)")
        fail(f"{label}: the loss is {loss:.4f}, expected {want_loss:.4f}")


def _check_ns_gradients(f, label, args, result):
    v_c, u_o, u_neg = args
    g_v, g_o, g_n = (as_array(x, label) for x in result[1:])
    want_v, (want_o, want_n) = slide_gradient(v_c, u_o, u_neg), output_gradients(v_c, u_o, u_neg)
    s_o, s_n = u_o @ v_c, u_neg @ v_c
    for name, got, want in [("grad_v_c", g_v, want_v), ("grad_u_o", g_o, want_o), ("grad_u_neg", g_n, want_n)]:
        if got.shape != want.shape:
            fail(f"{label}: {name} has shape {got.shape}, expected {want.shape}")
    if not close(g_v, want_v):
        if close(g_v, sigmoid(s_o) * u_o + sigmoid(s_n) @ u_neg):
            fail(f"{label}: grad_v_c uses σ(s_o) u_o for the true context; it is (σ(s_o) − 1) u_o")
        if close(g_v, (sigmoid(s_o) - 1) * u_o + (sigmoid(s_n) - 1) @ u_neg):
            fail(f"{label}: grad_v_c uses σ(s_i) − 1 for the negatives; their label is 0, so it is σ(s_i) u_i")
        if close(g_v, -want_v):
            fail(f"{label}: grad_v_c has the wrong sign (that is the gradient of the objective, not the loss)")
        r = gradient_check(lambda v: (call(f, v, u_o, u_neg)[0], call(f, v, u_o, u_neg)[1]), v_c)
        fail(f"{label}: grad_v_c fails the central-difference check at index {r.first_failure}")
    if not close(g_o, want_o):
        fail(f"{label}: grad_u_o is {short_repr(np.round(g_o, 4))}, expected (σ(s_o) − 1) v_c = "
             f"{short_repr(np.round(want_o, 4))}")
    if not close(g_n, want_n):
        if close(g_n, (sigmoid(s_n) - 1)[:, None] * v_c):
            fail(f"{label}: grad_u_neg uses σ(s_i) − 1; for a negative it is σ(s_i) v_c")
        fail(f"{label}: grad_u_neg should be σ(s_i) v_c for each negative i, a (k, d) array")


@exercise.question("q3", points=1, answer="sgd_update")
def check_update(sgd_update):
    """sgd_update(v_c, u_o, u_neg, lr): the slide's v_c − η[(σ(s_o) − 1) u_o + Σ_i σ(s_i) u_i]."""
    for seed, lr in [(0, 0.025), (1, 0.5), (2, 1.0)]:
        v_c, u_o, u_neg = _pair(seed + 10)
        label = f"sgd_update(v_c, u_o, u_neg, lr={lr})"
        got = as_array(call(sgd_update, v_c.copy(), u_o.copy(), u_neg.copy(), lr), label)
        want = slide_update(v_c, u_o, u_neg, lr)
        if close(got, want):
            continue
        if close(got, v_c + lr * slide_gradient(v_c, u_o, u_neg)):
            fail(f"{label} adds η times the bracket; the bracket is the loss gradient, so subtract it")
        if close(got, -lr * slide_gradient(v_c, u_o, u_neg)):
            fail(f"{label} returned only the step; return the new vector v_c − η · bracket")
        fail(f"{label} returned {short_repr(np.round(got, 4))}, expected {short_repr(np.round(want, 4))}")
    return "right for three learning rates (0.025, 0.5 and 1)"


@exercise.question("q4", points=1, answer="expected_negative_term")
def check_expectation(expected_negative_term):
    """expected_negative_term(v_c, U, noise, k): k Σ_w P_n(w) log σ(−u_w·v_c), the slide's expectation."""
    rng = np.random.default_rng(3)
    with case("three vocabularies", 0.5):
        for V, k in [(6, 5), (40, 2), (40, 15)]:
            U, v_c = rng.normal(size=(V, 3)), rng.normal(size=3)
            noise = rng.random(V) ** 2
            _check_expectation_on(expected_negative_term, v_c, U, noise / noise.sum(), k)
    with case("scores of ±800", 0.5):
        U = np.array([[20.0, 0.0, 0.0], [0.0, 1.0, 0.0], [-20.0, 0.0, 0.0]])      # scores 800, 0, −800
        _check_expectation_on(expected_negative_term, np.array([40.0, 0.0, 0.0]), U, np.array([0.5, 0.3, 0.2]), 5)
    return "right for three vocabularies and k = 5, 2 and 15, and finite for scores of ±800"


def _check_expectation_on(expected_negative_term, v_c, U, noise, k):
    label = f"expected_negative_term(v_c, U, noise, k={k}) with V = {len(U)}"
    got = as_number(call(expected_negative_term, v_c.copy(), U.copy(), noise.copy(), k), label)
    want = expected_objective(v_c, np.zeros(len(v_c)), U, noise, k) - float(log_sigmoid(0.0))
    if close(got, want):
        return
    if not np.isfinite(got):
        fail(f"{label} returned {got} for scores u_w·v_c up to 800: log σ(−800) is −800, but "
             "log(sigmoid(−800)) is log 0 = −∞; use the stable log_sigmoid defined above")
    terms = log_sigmoid(-(U @ v_c))
    if close(got, want / k):
        fail(f"{label} returned one expectation; the sum over i = 1..k gives k of them")
    if close(got, k * terms.mean()):
        fail(f"{label} averages over the words uniformly; weight each word by P_n(w)")
    if close(got, k * noise @ log_sigmoid(U @ v_c)):
        fail(f"{label} uses log σ(+u_w·v_c); the negatives' term is log σ(−u_w·v_c)")
    fail(f"{label} returned {got:.4f}, expected {want:.4f}")


# ----------------------------------------------------------------------------- typical wrong answers

def _ns(v_c, u_o, u_neg, variant=""):
    s_o, s_n = u_o @ v_c, u_neg @ v_c
    loss = -log_sigmoid(s_o) - log_sigmoid(-s_n).sum()
    g_v = (sigmoid(s_o) - 1) * u_o + sigmoid(s_n) @ u_neg
    g_o, g_n = (sigmoid(s_o) - 1) * v_c, sigmoid(s_n)[:, None] * v_c
    if variant == "objective":
        loss = -loss
    elif variant == "no -1":
        g_v = sigmoid(s_o) * u_o + sigmoid(s_n) @ u_neg
    elif variant == "negatives labelled 1":
        g_v = (sigmoid(s_o) - 1) * u_o + (sigmoid(s_n) - 1) @ u_neg
        g_n = (sigmoid(s_n) - 1)[:, None] * v_c
    return loss, g_v, g_o, g_n


def _naive_log_sigmoid(x):
    return np.log(1 / (1 + np.exp(-np.asarray(x, dtype=float))))


def _ns_naive(v_c, u_o, u_neg):
    s_o, s_n = u_o @ v_c, u_neg @ v_c
    loss = -_naive_log_sigmoid(s_o) - _naive_log_sigmoid(-s_n).sum()
    return (loss, (sigmoid(s_o) - 1) * u_o + sigmoid(s_n) @ u_neg, (sigmoid(s_o) - 1) * v_c,
            sigmoid(s_n)[:, None] * v_c)


def _noise_unnormalised(counts, power):
    return np.asarray(counts, float) ** power


def _noise_fixed(counts, power):
    c = np.asarray(counts, float) ** 0.75
    return c / c.sum()


WRONG_ANSWERS = {
    "q1": [("not normalised", _noise_unnormalised), ("ignores power", _noise_fixed)],
    "q2": [("objective", lambda v, o, n: _ns(v, o, n, "objective"), 1.5),
           ("no -1", lambda v, o, n: _ns(v, o, n, "no -1"), 1),
           ("negatives labelled 1", lambda v, o, n: _ns(v, o, n, "negatives labelled 1"), 1),
           ("naive log(1 / (1 + exp(-x)))", _ns_naive, 2.5)],
    "q3": [("adds the bracket", lambda v, o, n, lr: v + lr * slide_gradient(v, o, n)),
           ("step only", lambda v, o, n, lr: -lr * slide_gradient(v, o, n))],
    "q4": [("no factor k", lambda v, U, p, k: float(p @ log_sigmoid(-(U @ v)))),
           ("uniform average", lambda v, U, p, k: float(k * log_sigmoid(-(U @ v)).mean())),
           ("naive log(1 / (1 + exp(-x)))", lambda v, U, p, k: float(k * p @ _naive_log_sigmoid(-(U @ v))), 0.5)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
