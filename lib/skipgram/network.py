"""The skip-gram network of the slides, one training pair at a time, every number kept.

Notation (slides, "Skip-gram Neural Network Architecture" to "Backpropagation"):

* x — one-hot input of the center word w_t, shape (V,)
* W — embedding matrix, shape (V, D); the hidden layer h = xᵀ W is row t of W (no activation)
* W′ — output matrix, shape (D, V); scores z = h W′, shape (V,)
* ŷ = softmax(z), the predicted P(w | w_t); loss L = −log ŷ_c for the context word c
* backward: ∂L/∂z = ŷ − y, ∂L/∂W′ = h ⊗ (ŷ − y), ∂L/∂h = W′ (ŷ − y), ∂L/∂W = x ⊗ ∂L/∂h
* update: W ← W − η ∂L/∂W, W′ ← W′ − η ∂L/∂W′ with η = 0.025

:func:`step` returns a :class:`StepRecord` holding every intermediate array, so a
chapter can print and draw each stage. The training module :mod:`lib.skipgram.numpy_engine`
computes the same thing in batches (its ``W_out`` is W′ transposed, shape (V, D));
the tests check that the two agree.

Simplified on purpose: the full softmax over a tiny vocabulary, one pair per step, float64.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lib.softmax import softmax


def distinct_words(tokens) -> list[str]:
    """The vocabulary of a token list, in order of first appearance.

    Example: ``distinct_words(["the", "fox", "the"])`` → ``["the", "fox"]``.
    """
    return list(dict.fromkeys(tokens))


def init_network(V: int, D: int, seed: int = 0, scale: float = 0.5):
    """Small random weights for the toy network: W (V, D) and W′ (D, V), entries uniform in ±scale.

    (word2vec starts W′ at zero; random W′ makes the first step's numbers more interesting.)
    Example: ``[a.shape for a in init_network(8, 4)]`` → ``[(8, 4), (4, 8)]``.
    """
    rng = np.random.default_rng(seed)
    return rng.uniform(-scale, scale, (V, D)), rng.uniform(-scale, scale, (D, V))


def one_hot_vector(index: int, V: int) -> np.ndarray:
    """x with a 1 at ``index``, shape (V,). Example: ``one_hot_vector(2, 4)`` → ``[0, 0, 1, 0]``.
    """
    x = np.zeros(V)
    x[index] = 1.0
    return x


# ----------------------------------------------------------------------------
# One step, every number kept
# ----------------------------------------------------------------------------

@dataclass
class StepRecord:
    """Everything one SGD step on one (center, context) pair computes.

    Attributes (shapes for vocabulary V and dimension D)
    ----------
    center, context : int — indices of w_t and w_c.
    lr : float — η.
    W, W_out : (V, D), (D, V) — W and W′ before the step.
    x : (V,) — one-hot input.          h : (D,) — hidden layer = row ``center`` of W.
    z : (V,) — scores h W′.             y_hat : (V,) — softmax(z).
    loss : float — −log ŷ_c.           y : (V,) — one-hot target.
    dz : (V,) — ŷ − y.                 grad_W_out : (D, V) — h ⊗ dz.
    dh : (D,) — W′ dz.                 grad_W : (V, D) — x ⊗ dh (only row ``center`` is non-zero).
    W_new, W_out_new : (V, D), (D, V) — after the update.
    """

    center: int
    context: int
    lr: float
    W: np.ndarray
    W_out: np.ndarray
    x: np.ndarray
    h: np.ndarray
    z: np.ndarray
    y_hat: np.ndarray
    loss: float
    y: np.ndarray
    dz: np.ndarray
    grad_W_out: np.ndarray
    dh: np.ndarray
    grad_W: np.ndarray
    W_new: np.ndarray
    W_out_new: np.ndarray

    @property
    def loss_after(self) -> float:
        """−log ŷ_c recomputed with the updated weights (smaller after a small enough step)."""
        return float(-np.log(softmax(self.W_new[self.center] @ self.W_out_new)[self.context]))


def step(W: np.ndarray, W_out: np.ndarray, center: int, context: int, lr: float = 0.025) -> StepRecord:
    """One forward pass, backward pass and SGD update for the pair (w_t = center, w_c = context).

    Parameters
    ----------
    W : ndarray, shape (V, D) — embedding matrix (not modified).
    W_out : ndarray, shape (D, V) — output matrix W′ (not modified).
    center, context : int — word indices.
    lr : float — learning rate η (the slides' 0.025).

    Returns
    -------
    StepRecord

    Example: with W′ = 0 every score is 0, so ŷ = 1/V everywhere and the loss is log V.
    """
    V, D = W.shape
    x = one_hot_vector(center, V)
    h = x @ W                                  # (D,): the row lookup, written as a product
    z = h @ W_out                              # (V,): one score per vocabulary word
    y_hat = softmax(z)
    loss = float(-np.log(y_hat[context]))
    y = one_hot_vector(context, V)
    dz = y_hat - y                             # ∂L/∂z: ŷ_j for every word, ŷ_c − 1 for the context
    grad_W_out = np.outer(h, dz)               # (D, V): column j is dz_j · h
    dh = W_out @ dz                            # (D,): error sent back to the hidden layer
    grad_W = np.outer(x, dh)                   # (V, D): zero except row `center`
    return StepRecord(center, context, lr, W.copy(), W_out.copy(), x, h, z, y_hat, loss, y, dz,
                      grad_W_out, dh, grad_W, W - lr * grad_W, W_out - lr * grad_W_out)


def train_pairs(W: np.ndarray, W_out: np.ndarray, pairs, lr: float = 0.025, epochs: int = 1):
    """Plain SGD over (center, context) index pairs, one pair at a time; returns new weights and losses.

    Returns ``(W, W_out, losses)`` with ``losses`` of shape (epochs,), the mean loss of each epoch.
    Example: the toy sentence's 30 pairs for 200 epochs → the mean loss falls from about log V.
    """
    W, W_out, losses = W.copy(), W_out.copy(), []
    for _ in range(epochs):
        total = 0.0
        for c, o in pairs:
            record = step(W, W_out, int(c), int(o), lr)
            W, W_out, total = record.W_new, record.W_out_new, total + record.loss
        losses.append(total / len(pairs))
    return W, W_out, np.array(losses)


def negative_sampling_step(v_c: np.ndarray, u_o: np.ndarray, u_negs: np.ndarray) -> dict:
    """The slide's "key gradients" for one positive pair and K negatives, written out by hand.

    Parameters
    ----------
    v_c : (D,) — center vector (row of W).  u_o : (D,) — context's output vector.
    u_negs : (K, D) — output vectors of the K negative words.

    Returns
    -------
    dict with ``loss`` = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c),
    ``grad_u_o`` = (σ(u_o·v_c) − 1) v_c (positive: pull together),
    ``grad_u_negs`` = σ(u_k·v_c) v_c, shape (K, D) (negatives: push apart), and
    ``grad_v_c`` = (σ(u_o·v_c) − 1) u_o + Σ_k σ(u_k·v_c) u_k.

    Example: all vectors zero → σ = 0.5 everywhere and loss = (1 + K) log 2.
    """
    sig = lambda s: 1.0 / (1.0 + np.exp(-s))
    s_pos, s_neg = u_o @ v_c, u_negs @ v_c
    loss = -np.log(sig(s_pos)) - np.log(sig(-s_neg)).sum()
    return {"loss": float(loss),
            "grad_u_o": (sig(s_pos) - 1.0) * v_c,
            "grad_u_negs": sig(s_neg)[:, None] * v_c[None, :],
            "grad_v_c": (sig(s_pos) - 1.0) * u_o + (sig(s_neg)[:, None] * u_negs).sum(axis=0)}


def stage_table(record: StepRecord, words) -> list[tuple[str, str, np.ndarray]]:
    """The step's stages in order, as (name, formula, array) for printing or a stepping widget.

    Example: ``stage_table(rec, words)[1]`` → ``("hidden h", "h = xᵀW = row of W", rec.h)``.
    """
    t, c = words[record.center], words[record.context]
    return [("one-hot x", f"x = one-hot('{t}')", record.x),
            ("hidden h", "h = xᵀW = row of W", record.h),
            ("scores z", "z = h W′", record.z),
            ("probabilities ŷ", "ŷ = softmax(z)", record.y_hat),
            ("loss", f"L = −log ŷ['{c}']", np.array([record.loss])),
            ("∂L/∂z", "ŷ − y", record.dz),
            ("∂L/∂h", "W′ (ŷ − y)", record.dh),
            ("W row after", f"W['{t}'] − η ∂L/∂h", record.W_new[record.center]),
            ("loss after", f"−log ŷ['{c}'] with new weights", np.array([record.loss_after]))]
