"""Exercise 12 checks: GloVe's weighting function, harmonic co-occurrence counts, the loss and its gradients, ratios.

Slides: "GloVe: Global Vectors Mathematical Framework" (co-occurrence matrix,
ratio of probabilities, objective function, f(x), typical values). Expected
values come from :mod:`lib.models.glove`, :mod:`lib.text.pairs` and :mod:`lib.text.cooccurrence`;
gradients are also put through :func:`lib.measure.gradcheck.gradient_check`.

Notebook use::

    from lib.grading.exercises import ex12
    ex12.check("q3")
    ex12.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, needs, pair, short_repr
from lib.grading.loops import fail_if_loops
from lib.grading.questions import Exercise
from lib.measure.gradcheck import gradient_check
from lib.models.glove import glove_loss_and_grads as ref_loss_and_grads
from lib.models.glove import weighting as ref_weighting
from lib.text.cooccurrence import conditional_probability, cooccurrence_counts

exercise = Exercise("ex12", "GloVe: weighting, co-occurrence counts, loss and gradients", notebook="12_glove")
check = exercise.check
check_all = exercise.check_all


@exercise.question("q1", points=1, answer="glove_weight")
def check_weight(glove_weight):
    """glove_weight(x, x_max, alpha): (x / x_max)^α below x_max, 1 from x_max on, elementwise, without a loop."""
    with case("values", 0.5) as values:
        _check_weight_values(glove_weight)
    with case("no Python loop", 0.5):
        needs(values)
        fail_if_loops(glove_weight, "glove_weight")
    return "right below, at and above x_max, for three (x_max, α) settings, and f(0) = 0, without a Python loop"


def _check_weight_values(glove_weight):
    x = np.array([0.0, 0.5, 1.0, 10.0, 50.0, 99.0, 100.0, 101.0, 5000.0])
    for x_max, alpha in [(100.0, 0.75), (10.0, 0.5), (100.0, 1.0)]:
        label = f"glove_weight(x, x_max={x_max:g}, alpha={alpha:g}) for x = {short_repr(x)}"
        got = as_array(call(glove_weight, x.copy(), x_max, alpha), label)
        want = ref_weighting(x, x_max, alpha)
        if got.shape != x.shape:
            fail(f"{label} returned shape {got.shape}, expected {x.shape}: one weight per count")
        if close(got, want):
            continue
        if close(got, (x / x_max) ** alpha):
            fail(f"{label} keeps growing above x_max (f(5000) = {got[-1]:.3g}); cap it at 1")
        if close(got, np.minimum(1, x / x_max) ** (1 / alpha)):
            fail(f"{label} uses the exponent 1/α; raise x / x_max to α itself")
        with np.errstate(divide="ignore"):
            if close(got, np.minimum(1.0, (x_max / np.where(x > 0, x, np.nan)) ** alpha), equal_nan=True):
                fail(f"{label} divides x_max by x; the ratio is x / x_max")
        fail(f"{label} returned {short_repr(np.round(got, 4))}, expected {short_repr(np.round(want, 4))}")


SENTENCES = [np.array([0, 1, 2, 3, 4, 5, 0, 6, 7]), np.array([3, 3, 1, 0, 2]), np.array([5, 2])]


@exercise.question("q2", points=2, answer="harmonic_cooccurrence")
def check_cooccurrence(harmonic_cooccurrence):
    """harmonic_cooccurrence(ids, V, window): X (V, V) of one sentence, a pair at distance d adding 1/d."""
    for ids, window in zip(SENTENCES, [2, 3, 5]):
        V = 8
        label = f"harmonic_cooccurrence({short_repr(ids)}, V={V}, window={window})"
        got = as_array(call(harmonic_cooccurrence, ids.copy(), V, window), label)
        want = cooccurrence_counts(ids, np.zeros(len(ids), int), V, window, "harmonic")
        if got.shape != (V, V):
            fail(f"{label} returned shape {got.shape}, expected ({V}, {V})")
        if close(got, want):
            continue
        uniform = cooccurrence_counts(ids, np.zeros(len(ids), int), V, window, "uniform")
        if close(got, uniform):
            fail(f"{label} counts every pair as 1; a pair at distance d adds 1/d")
        if close(got + got.T, want) or close(got, np.triu(want)) or close(got, np.tril(want)):
            fail(f"{label} counts each pair in one direction only; j near i and i near j both count")
        if window > 1 and close(got, cooccurrence_counts(ids, np.zeros(len(ids), int), V, window - 1,
                                                           "harmonic")):
            fail(f"{label} stops one word short: the window includes distance {window}")
        i, j = np.unravel_index(np.argmax(np.abs(got - want)), want.shape)
        fail(f"{label}: X[{i}, {j}] = {got[i, j]:.4g}, expected {want[i, j]:.4g}")
    return "right on three sentences (a repeated word, a word next to itself, a window wider than the sentence)"


def _problem(seed, V=5, d=3):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, 3, size=(V, V)) * rng.uniform(0.5, 60, size=(V, V))
    X[0, 1] = 150.0                                       # one cell above x_max
    params = [rng.normal(size=(V, d)), rng.normal(size=(V, d)), rng.normal(size=V), rng.normal(size=V)]
    return params, X


@exercise.question("q3", points=3, answer="glove_loss_and_grads")
def check_loss(glove_loss_and_grads):
    """glove_loss_and_grads(W, C, b, c, X): J over the cells with X > 0 and (dW, dC, db, dc)."""
    f = glove_loss_and_grads
    with case("loss", 1):
        for seed in range(3):
            (W, C, b, c), X = _problem(seed)
            label = f"glove_loss_and_grads(W, C, b, c, X) with V = {len(W)}, d = {W.shape[1]}"
            result = pair(call(f, W.copy(), C.copy(), b.copy(), c.copy(), X.copy()), label,
                          ["loss", "dW", "dC", "db", "dc"])
            loss = as_number(result[0], f"the loss of {label}")
            rows, cols = np.nonzero(X)
            want_loss, _ = ref_loss_and_grads(W, C, b, c, rows, cols, X[rows, cols])
            if not np.isfinite(loss):
                fail(f"{label}: the loss is {loss}; sum only over the cells with X_ij > 0 (log 0 is −∞)")
            if not close(loss, want_loss):
                if close(loss, want_loss / 2):
                    fail(f"{label}: the loss is J / 2; the slide's J has no factor 1/2")
                fail(f"{label}: the loss is {loss:.4f}, expected J = {want_loss:.4f}")
    with case("gradients", 2):
        for seed in range(3):
            _check_glove_gradients(f, *_problem(seed))
    return "loss and all four gradients agree with the reference and with central differences on 3 problems"


def _check_glove_gradients(f, params, X):
    W, C, b, c = params
    label = f"glove_loss_and_grads(W, C, b, c, X) with V = {len(W)}, d = {W.shape[1]}"
    result = pair(call(f, W.copy(), C.copy(), b.copy(), c.copy(), X.copy()), label, ["loss", "dW", "dC", "db", "dc"])
    grads = [as_array(g, label) for g in result[1:]]
    rows, cols = np.nonzero(X)
    _, want = ref_loss_and_grads(W, C, b, c, rows, cols, X[rows, cols])
    for n, (name, got, ref) in enumerate(zip(["dW", "dC", "db", "dc"], grads, want)):
        if got.shape != ref.shape:
            fail(f"{label}: {name} has shape {got.shape}, expected {ref.shape}")
        if close(got, ref):
            continue
        if close(got, ref / 2):
            fail(f"{label}: {name} is half the gradient; d/de of f·e² is 2·f·e")

        def g(p, n=n):
            args = list(params)
            args[n] = p
            out = call(f, *args, X)
            return out[0], out[1 + n]

        r = gradient_check(g, params[n])
        fail(f"{label}: {name} fails the central-difference check at index {r.first_failure}")


ASYMMETRIC = np.array([[0.0, 6.0, 2.0, 0.0],
                       [1.0, 0.0, 3.0, 4.0],
                       [5.0, 1.0, 0.0, 2.0],
                       [2.0, 8.0, 6.0, 0.0]])
"""Counts with different row and column sums, so a ratio built from column sums shows up."""


@exercise.question("q4", points=1, answer="probability_ratio")
def check_ratio(probability_ratio):
    """probability_ratio(X, i, j, k): P(k|i) / P(k|j) with P(k|i) = X[i, k] / Σ_m X[i, m]."""
    for i, j, k in [(0, 1, 2), (2, 3, 1), (3, 0, 1)]:
        label = f"probability_ratio(X, i={i}, j={j}, k={k})"
        got = as_number(call(probability_ratio, ASYMMETRIC.copy(), i, j, k), label)
        want = float(conditional_probability(ASYMMETRIC, i, k) / conditional_probability(ASYMMETRIC, j, k))
        if close(got, want):
            continue
        if close(got, ASYMMETRIC[i, k] / ASYMMETRIC[j, k]):
            fail(f"{label} returned X_ik / X_jk = {got:.4g}: divide each count by its row sum X_i first")
        col = ASYMMETRIC.sum(axis=0)
        if close(got, (ASYMMETRIC[i, k] / col[i]) / (ASYMMETRIC[j, k] / col[j])):
            fail(f"{label} normalises by column sums; X_i is the sum of row i")
        fail(f"{label} returned {got:.4g}, expected {want:.4g}")
    return "right for three (i, j, k) triples on a matrix whose row and column sums differ"


# ----------------------------------------------------------------------------- typical wrong answers

def _loss(W, C, b, c, X, variant=""):
    rows, cols = np.nonzero(X)
    loss, grads = ref_loss_and_grads(W, C, b, c, rows, cols, X[rows, cols])
    if variant == "half":
        return loss / 2, *(g / 2 for g in grads)
    if variant == "no weight in grads":
        e = np.einsum("nd,nd->n", W[rows], C[cols]) + b[rows] + c[cols] - np.log(X[rows, cols])
        dW = np.zeros_like(W)
        np.add.at(dW, rows, 2 * e[:, None] * C[cols])
        return (loss, dW, *grads[1:])
    if variant == "all cells":
        with np.errstate(divide="ignore", invalid="ignore"):
            fx = ref_weighting(X)
            e = W @ C.T + b[:, None] + c[None, :] - np.log(X)
            return float(np.sum(fx * e ** 2)), *grads
    return loss, *grads


def _weight_loop(x, x_max=100, alpha=0.75):
    return np.array([min(1.0, v / x_max) ** alpha for v in x])


def _cooc_uniform(ids, V, window):
    return cooccurrence_counts(ids, np.zeros(len(ids), int), V, window, "uniform")


def _cooc_one_way(ids, V, window):
    return np.triu(cooccurrence_counts(ids, np.zeros(len(ids), int), V, window, "harmonic"))


WRONG_ANSWERS = {
    "q1": [("no cap at 1", lambda x, x_max=100, alpha=0.75: (np.asarray(x) / x_max) ** alpha),
           ("exponent 1/alpha", lambda x, x_max=100, alpha=0.75: np.minimum(1, np.asarray(x) / x_max) ** (1 / alpha)),
           ("a list comprehension", _weight_loop, 0.5)],
    "q2": [("uniform weighting", _cooc_uniform), ("one direction", _cooc_one_way)],
    "q3": [("half", lambda W, C, b, c, X: _loss(W, C, b, c, X, "half")),
           ("no weight in grads", lambda W, C, b, c, X: _loss(W, C, b, c, X, "no weight in grads"), 1),
           ("all cells", lambda W, C, b, c, X: _loss(W, C, b, c, X, "all cells"), 2)],
    "q4": [("unnormalised counts", lambda X, i, j, k: X[i, k] / X[j, k]),
           ("column sums", lambda X, i, j, k: (X[i, k] / X[:, i].sum()) / (X[j, k] / X[:, j].sum()))],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
