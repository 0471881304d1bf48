"""Exercise 7 checks: the loss a skip-gram starts from, and fitting the slides' exponential phase.

Slides: "Training Process: Theoretical Dynamics" (L(t) = L0·e^(−αt), "initial loss
typically 8–10 for vocab = 10K"), "Space Formation" (loss 9.21 at epoch 0) and
"Convergence" ("90 % of performance comes from the first 60 epochs"). Expected
values come from :mod:`lib.measure.training_dynamics`.

Notebook use::

    from lib.grading.exercises import ex07
    ex07.check("q1")
    ex07.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, close, fail
from lib.grading.questions import Exercise
from lib.measure.training_dynamics import epochs_to_fraction as ref_epochs_to_fraction
from lib.measure.training_dynamics import fit_exponential as ref_fit

exercise = Exercise("ex07", "Training dynamics: initial losses and fitted phases", notebook="07_training_dynamics")
check = exercise.check
check_all = exercise.check_all


@exercise.question("q1", points=1, answer="initial_loss_ns")
def check_initial_ns(initial_loss_ns):
    """initial_loss_ns(k): the negative-sampling loss when every score is 0, (k + 1) ln 2."""
    for k in [5, 1, 15, 0]:
        label = f"initial_loss_ns({k})"
        got = as_number(call(initial_loss_ns, k), label)
        want = (k + 1) * np.log(2)
        if close(got, want):
            continue
        if close(got, k * np.log(2)):
            fail(f"{label} returned {got:.4f} = k ln 2: the true context word adds its own −log σ(0) = ln 2")
        if close(got, (k + 1) * np.log10(2)) or close(got, (k + 1) * np.log2(2)):
            fail(f"{label} returned {got:.4f}: use the natural logarithm (np.log), as the loss does")
        if close(got, (k + 1) * 0.5):
            fail(f"{label} returned {got:.4f} = (k + 1) σ(0): the loss is −log σ(0), not σ(0)")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "right for k = 5 (4.159), 1, 15 and 0"


@exercise.question("q2", points=1, answer="initial_loss_softmax")
def check_initial_softmax(initial_loss_softmax):
    """initial_loss_softmax(V): the full-softmax loss of a uniform prediction over V words, ln V."""
    for V in [10_000, 2, 71_290, 1]:
        label = f"initial_loss_softmax({V})"
        got = as_number(call(initial_loss_softmax, V), label)
        want = float(np.log(V))
        if close(got, want):
            continue
        if close(got, np.log10(V)) or close(got, np.log2(V)):
            fail(f"{label} returned {got:.4f}: use the natural logarithm; the slide's 9.21 is ln 10,000")
        if close(got, 1 / V) or close(got, -1 / V):
            fail(f"{label} returned {got:.4g}, the probability 1/V; the loss is −log(1/V)")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "right: ln 10,000 = 9.2103, the slides' epoch-0 loss"


@exercise.question("q3", points=2, answer="fit_exponential")
def check_fit(fit_exponential):
    """fit_exponential(t, L) → (L0, alpha) of L(t) = L0·e^(−αt), by least squares on log L."""
    rng = np.random.default_rng(0)
    t = np.arange(0, 21, dtype=float)
    cases = [(t, 9.0 * np.exp(-0.1 * t)), (t[:8], 4.2 * np.exp(-0.35 * t[:8])),
             (t, 5.0 * np.exp(-0.05 * t) * np.exp(rng.normal(0, 0.02, len(t))))]
    for times, loss in cases:
        label = f"fit_exponential(t, L) on {len(times)} epochs"
        got = as_array(call(fit_exponential, times.copy(), loss.copy()), label)
        if got.shape != (2,):
            fail(f"{label} returned shape {got.shape}; return the pair (L0, alpha)")
        ref = ref_fit(times, loss)
        want = np.array([ref["L0"], ref["alpha"]])
        if close(got, want, 1e-4):
            continue
        if close(got, [want[0], -want[1]], 1e-4):
            fail(f"{label} returned alpha = {got[1]:.4f}: the slope of log L is −α, so α = −slope")
        if close(got[::-1], want, 1e-4):
            fail(f"{label} returned ({got[0]:.4f}, {got[1]:.4f}): the order is (L0, alpha)")
        if close(got, [np.log(want[0]), want[1]], 1e-4):
            fail(f"{label} returned L0 = {got[0]:.4f} = log L0: exponentiate the intercept")
        fail(f"{label} returned ({got[0]:.4f}, {got[1]:.4f}), expected ({want[0]:.4f}, {want[1]:.4f}); "
             "fit a straight line to (t, log L)")
    return "recovers (9, 0.1), (4.2, 0.35) and a noisy curve's least-squares fit"


@exercise.question("q4", points=1, answer="epoch_reaching_90")
def check_epoch_90(epoch_reaching_90):
    """epoch_reaching_90(scores): first epoch at which scores cover 90 % of the way from epoch 0 to the last epoch."""
    cases = [[0.0, 0.5, 0.95, 1.0], [0.0, 0.5, 0.89, 1.0], [0.2, 0.3, 0.62, 0.65, 0.66],
             [0.4, 0.1, 0.5, 0.6, 0.7, 0.7], [0.5, 0.55, 0.6, 0.9, 1.0]]
    for scores in cases:
        label = f"epoch_reaching_90({scores})"
        got = as_number(call(epoch_reaching_90, list(scores)), label)
        want = ref_epochs_to_fraction(scores, 0.9, baseline=scores[0])
        if got == want:
            continue
        if got == want + 1:
            fail(f"{label} returned {got:g}: epochs count from 0 (the list's index), not from 1")
        plain = ref_epochs_to_fraction(scores, 0.9, baseline=0.0)
        if got == plain:
            fail(f"{label} returned {got:g}: measure 90 % of the *gain* from epoch 0, i.e. "
                 "scores[0] + 0.9 (scores[-1] − scores[0])")
        fail(f"{label} returned {got:g}, expected {want}")
    return "right, counting from epoch 0 and measuring the gain from epoch 0"


# ----------------------------------------------------------------------------- typical wrong answers

def _fit_wrong_sign(t, L):
    slope, intercept = np.polyfit(t, np.log(L), 1)
    return np.exp(intercept), slope


def _fit_no_exp(t, L):
    slope, intercept = np.polyfit(t, np.log(L), 1)
    return intercept, -slope


def _epoch_plus_one(scores):
    return ref_epochs_to_fraction(scores, 0.9, baseline=scores[0]) + 1


def _epoch_no_baseline(scores):
    return ref_epochs_to_fraction(scores, 0.9, baseline=0.0)


WRONG_ANSWERS = {
    "q1": [("k ln 2", lambda k: k * np.log(2)), ("log10", lambda k: (k + 1) * np.log10(2))],
    "q2": [("log10", lambda V: float(np.log10(V))), ("probability", lambda V: 1 / V)],
    "q3": [("alpha with the wrong sign", _fit_wrong_sign), ("intercept not exponentiated", _fit_no_exp)],
    "q4": [("counts from 1", _epoch_plus_one), ("90 % of the final value", _epoch_no_baseline)],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
