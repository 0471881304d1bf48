"""Exercise 14 checks: one forward and backward step of the slides' skip-gram network, by hand.

Slides: "Skip-gram Neural Network Architecture", "Forward Pass: Computing
Context Probabilities" and "Backpropagation: Learning the Embeddings".
Expected values come from :mod:`lib.skipgram.network`, whose gradients the
tests check against :mod:`lib.skipgram.numpy_engine`, central differences and PyTorch.

Notebook use::

    from lib.grading.exercises import ex14
    W, W_out = ex14.network()
    ex14.check("q1")
    ex14.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, case, close, fail, how_close, pair
from lib.grading.questions import Exercise
from lib.skipgram.network import distinct_words, init_network, negative_sampling_step, step
from lib.softmax import softmax
from lib.text.corpus import toy_tokens

exercise = Exercise("ex14", "The skip-gram network, one step by hand", notebook="14_skipgram_step_by_step")
check = exercise.check
check_all = exercise.check_all

WORDS = distinct_words(toy_tokens())
"""The 8 distinct words of "the quick brown fox jumps over the lazy dog" (V = 8)."""
CENTER, CONTEXT = WORDS.index("brown"), WORDS.index("fox")
LR = 0.025
DECIMALS_4 = 5.01e-5
"""The tolerance of a value asked to 4 decimals: half a unit in the 4th decimal (and a hair for rounding)."""


def network(seed: int = 0):
    """The exercise's network: W of shape (8, 4) and W′ of shape (4, 8), as in the chapter.

    Example: ``W, W_out = network()`` → ``W.shape == (8, 4)``.
    """
    return init_network(len(WORDS), 4, seed=seed)


def _pair(result, label, names):
    first, second = pair(result, label, names)
    return as_array(first, label), as_array(second, label)


@exercise.question("q1", points=2, answer="forward")
def check_forward(forward):
    """forward(W, W_out, center) → (h, y_hat): the row of W and softmax(h W′)."""
    cases = [(0, CENTER), (1, 0), (2, 7)]
    with case("h", 1):
        for seed, center in cases:
            label, (h, _), want = _forward(forward, seed, center)
            if h.shape != (4,):
                fail(f"{label}: h has shape {h.shape}, expected (4,) — one ROW of W (V × D): h = xᵀW = W[center]")
            if not close(h, want.h):
                fail(f"{label}: h should be row {center} of W")
    with case("y_hat", 1):
        for seed, center in cases:
            label, (_, y_hat), want = _forward(forward, seed, center)
            if y_hat.shape != (8,):
                fail(f"{label}: y_hat has shape {y_hat.shape}, expected (8,): one probability per word")
            if not close(y_hat, want.y_hat):
                if close(y_hat, want.z):
                    fail(f"{label}: y_hat holds the raw scores h W′; apply the softmax")
                if close(y_hat, np.exp(want.z)):
                    fail(f"{label}: y_hat = exp(scores) is not normalised; divide by the sum")
                fail(f"{label}: y_hat differs from softmax(h W′) by up to {np.abs(y_hat - want.y_hat).max():.3g}")
    return "right for three networks and centers"


def _forward(forward, seed, center):
    """(label, the student's (h, y_hat), the reference step) for one network and center."""
    W, W_out = network(seed)
    label = f"forward(W, W_out, {center})"
    return label, _pair(call(forward, W.copy(), W_out.copy(), center), label, ["h", "y_hat"]), step(W, W_out, center, 0)


@exercise.question("q2", points=1, answer="loss_brown_fox")
def check_loss(loss_brown_fox):
    """loss_brown_fox: the loss −log P(fox | brown) of the exercise's network, to 4 decimals."""
    got = as_number(loss_brown_fox, "loss_brown_fox", verb="is")
    want = step(*network(), CENTER, CONTEXT).loss
    if close(got, want, rtol=0, atol=DECIMALS_4):
        return f"right: {got:.4f}, close to log 8 = {np.log(8):.4f} because every probability is near 1/8"
    if close(got, -want, rtol=0, atol=DECIMALS_4):
        fail("loss_brown_fox is negative: the loss is MINUS the log-probability")
    if close(got, want / np.log(10), rtol=0, atol=DECIMALS_4):
        fail("loss_brown_fox uses log10; the loss uses the natural logarithm (np.log)")
    fail(f"loss_brown_fox: {how_close(got, want, atol=DECIMALS_4)}; take −log of the probability of 'fox' "
         f"(index {CONTEXT}) given 'brown'")


@exercise.question("q3", points=3, answer="backward")
def check_backward(backward):
    """backward(W, W_out, center, context) → (grad_W, grad_W_out), shapes (V, D) and (D, V)."""
    cases = [(0, CENTER, CONTEXT), (3, 5, 1), (4, 2, 2)]
    with case("grad_W_out", 1.5):
        for seed, center, context in cases:
            label, (_, gWo), want = _backward(backward, seed, center, context)
            if gWo.shape != (4, 8):
                fail(f"{label}: grad_W_out has shape {gWo.shape}; expected (4, 8) like W′")
            if close(gWo, -want.grad_W_out):
                fail(f"{label}: grad_W_out has the wrong sign; ∂L/∂z = ŷ − y (prediction minus target)")
            if not close(gWo, want.grad_W_out):
                fail(f"{label}: grad_W_out is wrong; ∂L/∂W′ = outer(h, ŷ − y), shape (D, V)")
    with case("grad_W", 1.5):
        for seed, center, context in cases:
            label, (gW, _), want = _backward(backward, seed, center, context)
            if gW.shape != (8, 4):
                fail(f"{label}: grad_W has shape {gW.shape}; expected (8, 4) like W")
            if close(gW, -want.grad_W):
                fail(f"{label}: grad_W has the wrong sign; ∂L/∂z = ŷ − y (prediction minus target)")
            if not close(gW, want.grad_W):
                if np.count_nonzero(np.abs(gW).sum(axis=1)) > 1:
                    fail(f"{label}: several rows of grad_W are non-zero; only row {center} (the center word) was used")
                fail(f"{label}: grad_W is wrong; its row {center} is W′(ŷ − y), every other row is 0")
    return "right for three pairs, including a word that is its own context"


def _backward(backward, seed, center, context):
    """(label, the student's (grad_W, grad_W_out), the reference step) for one network and pair."""
    W, W_out = network(seed)
    label = f"backward(W, W_out, {center}, {context})"
    grads = _pair(call(backward, W.copy(), W_out.copy(), center, context), label, ["grad_W", "grad_W_out"])
    return label, grads, step(W, W_out, center, context)


@exercise.question("q4", points=2, answer="ns_gradients")
def check_ns(ns_gradients):
    """ns_gradients(v_c, u_o, u_negs) → (grad_u_o, grad_u_negs): (σ(u_o·v_c) − 1) v_c and σ(u_k·v_c) v_c."""
    with case("grad_u_o", 1):
        for K in (1, 3, 5):
            label, (g_o, _), (v_c, u_o, _), want = _ns(ns_gradients, K)
            if not close(g_o, want["grad_u_o"]):
                if close(g_o, 1 / (1 + np.exp(-(u_o @ v_c))) * v_c):
                    fail(f"{label}: grad_u_o is σ v_c; for the positive pair it is (σ − 1) v_c")
                fail(f"{label}: grad_u_o should be (σ(u_o · v_c) − 1) v_c")
    with case("grad_u_negs", 1):
        for K in (1, 3, 5):
            label, (_, g_neg), _, want = _ns(ns_gradients, K)
            if g_neg.shape != (K, 4):
                fail(f"{label}: grad_u_negs has shape {g_neg.shape}, expected ({K}, 4): one row per negative")
            if not close(g_neg, want["grad_u_negs"]):
                if close(g_neg, -want["grad_u_negs"]):
                    fail(f"{label}: grad_u_negs has the wrong sign; it is +σ(u_k · v_c) v_c")
                fail(f"{label}: grad_u_negs should be σ(u_k · v_c) v_c for each negative k")
    return "right for K = 1, 3 and 5 negatives"


def _ns(ns_gradients, K):
    """(label, the student's gradients, the arguments, the reference) for K negatives (seeded by K)."""
    rng = np.random.default_rng(12 + K)
    v_c, u_o, u_negs = rng.normal(size=4), rng.normal(size=4), rng.normal(size=(K, 4))
    label = f"ns_gradients(v_c, u_o, u_negs) with K = {K}"
    grads = _pair(call(ns_gradients, v_c.copy(), u_o.copy(), u_negs.copy()), label, ["grad_u_o", "grad_u_negs"])
    return label, grads, (v_c, u_o, u_negs), negative_sampling_step(v_c, u_o, u_negs)


@exercise.question("q5", points=1, answer="loss_after")
def check_loss_after(loss_after):
    """loss_after: −log P(fox | brown) after one SGD step (η = 0.025) on the pair (brown, fox), to 4 decimals."""
    got = as_number(loss_after, "loss_after", verb="is")
    record = step(*network(), CENTER, CONTEXT, LR)
    if close(got, record.loss_after, rtol=0, atol=DECIMALS_4):
        return f"right: {record.loss:.4f} → {got:.4f}, the step lowered the loss"
    if close(got, record.loss, rtol=0, atol=DECIMALS_4):
        fail("loss_after equals the loss before the step: update W and W′ first, then recompute")
    W, W_out = network()
    up = step(W + LR * record.grad_W, W_out + LR * record.grad_W_out, CENTER, CONTEXT).loss
    if close(got, up, rtol=0, atol=DECIMALS_4):
        fail("loss_after went UP: the update subtracts the gradient (W ← W − η ∂L/∂W)")
    fail(f"loss_after: {how_close(got, record.loss_after, atol=DECIMALS_4)}; update both W and W′ with "
         "η = 0.025, then recompute −log P(fox | brown)")


# ----------------------------------------------------------------------------- typical wrong answers

def _forward_column(W, W_out, center):
    h = W[:, center % W.shape[1]]                     # length V instead of D
    return h, softmax(h)


def _forward_scores(W, W_out, center):
    return W[center], W[center] @ W_out


def _backward_sign(W, W_out, center, context):
    r = step(W, W_out, center, context)
    return -r.grad_W, -r.grad_W_out


def _backward_all_rows(W, W_out, center, context):
    r = step(W, W_out, center, context)
    return np.tile(r.dh, (W.shape[0], 1)), r.grad_W_out


def _ns_no_minus_one(v_c, u_o, u_negs):
    g = negative_sampling_step(v_c, u_o, u_negs)
    return g["grad_u_o"] + v_c, g["grad_u_negs"]


def _ns_negative_sign(v_c, u_o, u_negs):
    g = negative_sampling_step(v_c, u_o, u_negs)
    return g["grad_u_o"], -g["grad_u_negs"]


_RECORD = step(*network(), CENTER, CONTEXT, LR)

WRONG_ANSWERS = {
    "q1": [("a column of W", _forward_column), ("scores without softmax", _forward_scores, 1)],
    "q2": [("log-probability without the minus", -_RECORD.loss), ("log base 10", _RECORD.loss / np.log(10))],
    "q3": [("gradient sign flipped", _backward_sign), ("every row of W gets a gradient", _backward_all_rows, 1.5)],
    "q4": [("positive gradient without −1", _ns_no_minus_one, 1),
           ("negative gradient sign flipped", _ns_negative_sign, 1)],
    "q5": [("loss before the step", _RECORD.loss), ("gradient ascent", float(
        step(_RECORD.W + LR * _RECORD.grad_W, _RECORD.W_out + LR * _RECORD.grad_W_out, CENTER, CONTEXT).loss))],
}
"""Typical wrong answers per question, as (label, answer) or (label, answer, points it still earns)."""
