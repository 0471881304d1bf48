"""The skip-gram objective J(θ) over a whole corpus, and the slide's gradient formula written out.

Notation (slides, "Mathematical Foundations: Skip-gram Objective"; the course's
``W_in`` rows are the slide's v_w, ``W_out`` rows its v'_w, called u_w in code):

* J(θ) = −(1/T) Σ_{t=1..T} Σ_{−c ≤ j ≤ c, j ≠ 0} log p(w_{t+j} | w_t)
* p(o | c) = exp(u_oᵀ v_c) / Σ_{w=1..V} exp(u_wᵀ v_c)

:func:`lib.skipgram.numpy_engine.softmax_loss_and_grads` gives −log p(o | c) and its
gradients for a batch of pairs; this module sums them into J for a sentence
and its gradients with respect to every input and output vector, so that the
slide's formula for ∂J/∂v_{w_I} can be compared with the real thing.

Simplified on purpose: a fixed window (every j with 0 < |j| ≤ c, no dynamic
window, no subsampling) — exactly the sum written on the slide.
"""
from __future__ import annotations

import numpy as np

from lib.skipgram.numpy_engine import softmax_loss_and_grads
from lib.softmax import softmax
from lib.text.pairs import window_pairs


def softmax_probabilities(v_c: np.ndarray, U: np.ndarray) -> np.ndarray:
    """p(w | c) for every word w, shape (V,) for one center vector v_c of shape (d,).

    The largest score is subtracted before exponentiating, which leaves the
    probabilities unchanged and avoids overflow.
    Example: ``softmax_probabilities(np.zeros(2), np.ones((4, 2)))`` → ``[0.25, 0.25, 0.25, 0.25]``.
    """
    return softmax(U @ v_c)                            # scores u_w · v_c, shape (V,)


def corpus_objective(W_in: np.ndarray, W_out: np.ndarray, ids, window: int):
    """J(θ) for one sentence of word ids, and its gradients.

    Parameters
    ----------
    W_in : ndarray, shape (V, d) — input vectors v_w.
    W_out : ndarray, shape (V, d) — output vectors u_w (the slide's v'_w).
    ids : array of int, shape (T,) — the sentence w_1 … w_T as word ids.
    window : int — c.

    Returns
    -------
    J : float
        −(1/T) Σ_t Σ_{0<|j|≤c} log p(w_{t+j} | w_t).
    dW_in : ndarray, shape (V, d)
        ∂J/∂v_w: the per-pair gradients Σ_w' p(w'|c) u_w' − u_o summed over every
        position where w is the center, divided by T.
    dW_out : ndarray, shape (V, d)
        ∂J/∂u_w = (1/T) Σ_pairs (p(w | c) − y_w) v_c.

    Example: T = 2 and W_out = 0 → J = 2 · ln V / 2 = ln V.
    """
    ids = np.asarray(ids)
    T = len(ids)
    c, o = window_pairs(np.zeros(T, dtype=np.int64), window)      # position pairs (t, t + j)
    loss, grad_v, grad_U = softmax_loss_and_grads(W_in[ids[c]], W_out, ids[o])
    dW_in = np.zeros_like(W_in, dtype=np.float64)
    np.add.at(dW_in, ids[c], grad_v)                              # a word may be the center several times
    return float(loss.sum()) / T, dW_in / T, grad_U / T


def position_loss(W_in: np.ndarray, W_out: np.ndarray, ids, t: int, window: int) -> float:
    """−Σ_{0<|j|≤c} log p(w_{t+j} | w_t): the terms of J (times T) that belong to position t.

    Example: W_out = 0, a position with 2 neighbours → 2 ln V.
    """
    ids = np.asarray(ids)
    ctx = [t + j for j in range(-window, window + 1) if j != 0 and 0 <= t + j < len(ids)]
    loss, _, _ = softmax_loss_and_grads(W_in[[ids[t]] * len(ctx)], W_out, ids[ctx])
    return float(loss.sum())


def slide_input_gradient(W_in: np.ndarray, W_out: np.ndarray, ids, t: int, window: int,
                         include_center: bool = True) -> np.ndarray:
    """The slide's ∂J/∂v_{w_I} at position t: Σ_j (Σ_w p(w | w_I) u_w − u_{w_{t+j}}), shape (d,).

    Parameters
    ----------
    include_center : bool
        The slide's sum runs over j = −c … c, which includes j = 0 (the center word
        itself as its own context). ``True`` evaluates the formula as printed;
        ``False`` sums over j ≠ 0 only, as the objective J does.

    Example: with W_out = 0 every term is 0, so the result is the zero vector.
    """
    ids = np.asarray(ids)
    p = softmax_probabilities(W_in[ids[t]], W_out)                 # p(w | w_I), shape (V,)
    expected_u = p @ W_out                                        # Σ_w p(w | w_I) u_w, shape (d,)
    offsets = [j for j in range(-window, window + 1) if (j != 0 or include_center)]
    return sum(expected_u - W_out[ids[t + j]] for j in offsets if 0 <= t + j < len(ids))
