"""Exercise 11b checks: CBOW's loss and gradients, a word's probability along its Huffman code, the code lengths.

Slides: "Learning Embeddings: Word2Vec" (CBOW: predict word from context); the hierarchical
softmax is word2vec's, not on the slides. Expected values come from :mod:`lib.skipgram.cbow`,
:mod:`lib.skipgram.hierarchical_softmax` and :mod:`lib.skipgram.huffman`; gradients are also put
through :func:`lib.measure.gradcheck.gradient_check`.

Notebook use::

    from lib.grading.exercises import ex11b
    ex11b.check("q1")
    ex11b.check_all(globals())
"""
from __future__ import annotations

import numpy as np

from lib.grading.checks import as_array, as_number, call, close, fail, short_repr
from lib.grading.questions import Exercise
from lib.measure.gradcheck import gradient_check
from lib.skipgram.cbow import cbow_loss_and_grads
from lib.skipgram.huffman import huffman_tree
from lib.skipgram.numpy_engine import log_sigmoid, sigmoid

exercise = Exercise("ex11b", "CBOW and the hierarchical softmax", notebook="11b_cbow_hierarchical_softmax")
check = exercise.check
check_all = exercise.check_all


def _reference_cbow(v_context, u_c, u_neg):
    """The reference for one window: (loss, grad_context (n, d), grad_u_c (d,), grad_u_neg (k, d))."""
    mask = np.ones((1, len(v_context)), dtype=bool)
    loss, g_ctx, g_c, g_neg = cbow_loss_and_grads(v_context[None], mask, u_c[None], u_neg[None])
    return float(loss[0]), g_ctx[0], g_c[0], g_neg[0]


def _window(seed, n=3, d=4, k=2):
    rng = np.random.default_rng(seed)
    return rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=(k, d))


@exercise.question("q1", points=3, answer="cbow_loss_and_gradients")
def check_cbow(cbow_loss_and_gradients):
    """cbow_loss_and_gradients(v_context, u_c, u_neg) → (loss, ∂/∂v_context (n, d), ∂/∂u_c (d,), ∂/∂u_neg (k, d))."""
    f = cbow_loss_and_gradients
    for seed, n in [(0, 3), (1, 1), (2, 6)]:
        v_context, u_c, u_neg = _window(seed, n=n)
        label = f"cbow_loss_and_gradients(v_context, u_c, u_neg) with n = {n} context words"
        result = call(f, v_context.copy(), u_c.copy(), u_neg.copy())
        if not isinstance(result, (tuple, list)) or len(result) != 4:
            fail(f"{label} returned {short_repr(result)}; return four things: "
                 "(loss, grad_context, grad_u_c, grad_u_neg)")
        loss = as_number(result[0], f"the loss of {label}")
        g_ctx, g_c, g_neg = (as_array(x, label) for x in result[1:])
        want_loss, want_ctx, want_c, want_neg = _reference_cbow(v_context, u_c, u_neg)
        h_sum = v_context.sum(axis=0)
        if not close(loss, want_loss):
            summed = -log_sigmoid(u_c @ h_sum) - log_sigmoid(-(u_neg @ h_sum)).sum()
            if n > 1 and close(loss, summed):
                fail(f"{label}: the loss uses the sum of the context vectors; CBOW (as word2vec's default "
                     "cbow_mean=1) predicts from their mean h = (1/n) Σ v_o")
            if close(loss, -want_loss):
                fail(f"{label}: the loss has the wrong sign; minimise −log σ(u_c·h) − Σ log σ(−u_k·h)")
            fail(f"{label}: the loss is {loss:.4f}, expected {want_loss:.4f}")
        for name, got, want in [("grad_context", g_ctx, want_ctx), ("grad_u_c", g_c, want_c),
                                ("grad_u_neg", g_neg, want_neg)]:
            if got.shape != want.shape:
                fail(f"{label}: {name} has shape {got.shape}, expected {want.shape}")
        if not close(g_ctx, want_ctx):
            if n > 1 and close(g_ctx, n * want_ctx):
                fail(f"{label}: every context vector gets the whole ∂L/∂h; the gradient of the mean gives each "
                     "of the n vectors (1/n) ∂L/∂h (word2vec's update uses the whole, but that is not the gradient)")
            if close(g_ctx, -want_ctx):
                fail(f"{label}: grad_context has the wrong sign")
            r = gradient_check(lambda x: (call(f, x, u_c, u_neg)[0], call(f, x, u_c, u_neg)[1]), v_context)
            fail(f"{label}: grad_context fails the central-difference check at index {r.first_failure}")
        if not close(g_c, want_c):
            fail(f"{label}: grad_u_c is {short_repr(np.round(g_c, 4))}, expected (σ(u_c·h) − 1) h = "
                 f"{short_repr(np.round(want_c, 4))}")
        if not close(g_neg, want_neg):
            fail(f"{label}: grad_u_neg should be σ(u_k·h) h for each negative k, a (k, d) array")
    return "loss and gradients agree with the reference and central differences for windows of 1, 3 and 6 words"


def _reference_path_probability(h, node_vectors, code, points):
    s = node_vectors[np.asarray(points)] @ h
    return float(np.prod(sigmoid((1 - 2 * np.asarray(code)) * s)))


@exercise.question("q2", points=2, answer="path_probability")
def check_path_probability(path_probability):
    """path_probability(h, node_vectors, code, points): Π_j σ((1 − 2 c_j) u_{n_j}·h), a float."""
    rng = np.random.default_rng(5)
    tree = huffman_tree([40, 25, 12, 9, 6, 4, 3, 1])
    node_vectors, h = rng.normal(size=(7, 3)), rng.normal(size=3)
    total = 0.0
    for w in range(8):
        code, points = tree.codes[w, :tree.lengths[w]].tolist(), tree.path(w).tolist()
        label = f"path_probability(h, node_vectors, code={code}, points={points})"
        got = as_number(call(path_probability, h.copy(), node_vectors.copy(), list(code), list(points)), label)
        want = _reference_path_probability(h, node_vectors, code, points)
        total += got
        if close(got, want):
            continue
        s = node_vectors[points] @ h
        if close(got, np.prod(sigmoid(s))):
            fail(f"{label} ignores the code: every factor is σ(s_j); a bit 1 takes the other branch, σ(−s_j)")
        if close(got, np.prod(sigmoid(-(1 - 2 * np.array(code)) * s))):
            fail(f"{label} swaps the branches: with word2vec's convention bit 0 gives σ(s_j) and bit 1 σ(−s_j)")
        if close(got, np.sum(log_sigmoid((1 - 2 * np.array(code)) * s))):
            fail(f"{label} returned the log-probability; return the probability itself")
        fail(f"{label} returned {got:.5f}, expected {want:.5f}")
    if not close(total, 1.0):
        fail(f"the probabilities of the 8 words sum to {total:.5f}, not 1")
    return "right for every word of an 8-word tree, and they sum to 1"


@exercise.question("q3", points=1, answer="mean_code_length")
def check_mean_code_length(mean_code_length):
    """mean_code_length(counts, lengths): the code length per corpus token, Σ count·L / Σ count."""
    cases = [(np.array([5, 2, 1, 1]), np.array([1, 2, 3, 3])), (np.array([100, 1, 1]), np.array([1, 2, 2]))]
    rng = np.random.default_rng(2)
    counts = rng.integers(1, 500, size=50)
    cases.append((counts, huffman_tree(counts).lengths))
    for counts, lengths in cases:
        label = f"mean_code_length({short_repr(counts)}, {short_repr(lengths)})"
        got = as_number(call(mean_code_length, counts.copy(), lengths.copy()), label)
        want = float(np.sum(counts * lengths) / np.sum(counts))
        if close(got, want):
            continue
        if close(got, lengths.mean()):
            fail(f"{label} averages over word types; weight each length by its word's count (one code per token)")
        if close(got, np.log2(len(counts))):
            fail(f"{label} returned log2 V; measure the lengths instead")
        fail(f"{label} returned {got:.4f}, expected {want:.4f}")
    return "right on three vocabularies, weighted by the counts"


# ----------------------------------------------------------------------------- typical wrong answers

def _cbow(v_context, u_c, u_neg, variant=""):
    n = len(v_context)
    h = v_context.sum(axis=0) if variant == "sum" else v_context.mean(axis=0)
    s_c, s_n = u_c @ h, u_neg @ h
    loss = -log_sigmoid(s_c) - log_sigmoid(-s_n).sum()
    g_h = (sigmoid(s_c) - 1) * u_c + sigmoid(s_n) @ u_neg
    share = 1.0 if variant in ("sum", "whole gradient") else 1.0 / n
    return loss, np.tile(share * g_h, (n, 1)), (sigmoid(s_c) - 1) * h, sigmoid(s_n)[:, None] * h


def _path(h, node_vectors, code, points, variant):
    s = node_vectors[np.asarray(points)] @ h
    signs = 1 - 2 * np.asarray(code)
    return float(np.prod(sigmoid(s if variant == "no code" else -signs * s)))


WRONG_ANSWERS = {
    "q1": [(name, lambda v, c, n, name=name: _cbow(v, c, n, name)) for name in ["sum", "whole gradient"]],
    "q2": [(name, lambda h, U, c, p, name=name: _path(h, U, c, p, name)) for name in ["no code", "swapped"]],
    "q3": [("per word type", lambda counts, lengths: float(np.mean(lengths))),
           ("log2 V", lambda counts, lengths: float(np.log2(len(counts))))],
}
"""Typical wrong answers per question; the tests require each to lose that question's points."""
