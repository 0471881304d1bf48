"""Negative sampling as the slides write it: the objective to maximise, its expectation, the update rule.

Notation (slides, "Negative Sampling: Making Training Tractable"; Mikolov et al.,
2013, *Distributed Representations of Words and Phrases and their
Compositionality*, NeurIPS): v_c = v_{w_I} (``W_in`` row), u_o = v'_{w_O} and
u_i = v'_{w_i} (``W_out`` rows), σ the logistic function, P_n the noise distribution.

* objective, to **maximise**:  log σ(u_oᵀv_c) + Σ_{i=1..k} E_{w_i ~ P_n}[log σ(−u_{w_i}ᵀv_c)]
* the slide's update:          v_c ← v_c − η [(σ(u_oᵀv_c) − 1) u_o + Σ_i σ(u_iᵀv_c) u_i]

:func:`lib.skipgram.numpy_engine.negative_sampling_loss_and_grads` is the batched
engine the trainer uses; its loss is the *negative* of the slide's objective
with the expectation replaced by k drawn words. The functions here follow the
slide symbol by symbol, for one pair, so the two can be compared.

Simplified on purpose: one (center, context) pair at a time, float64 throughout.
"""
from __future__ import annotations

import numpy as np

from lib.skipgram.numpy_engine import log_sigmoid, sigmoid


def slide_objective(v_c: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray) -> float:
    """log σ(u_oᵀv_c) + Σ_i log σ(−u_iᵀv_c) for drawn negatives, the quantity to maximise.

    Parameters
    ----------
    v_c : ndarray, shape (d,);  u_o : ndarray, shape (d,);  u_neg : ndarray, shape (k, d).

    Example: all-zero vectors and k = 5 → 6 · log(1/2) = −4.1589.
    """
    return float(log_sigmoid(u_o @ v_c) + log_sigmoid(-(u_neg @ v_c)).sum())


def expected_objective(v_c: np.ndarray, u_o: np.ndarray, U: np.ndarray, noise: np.ndarray, k: int) -> float:
    """The slide's objective with the expectation computed exactly over all V words.

    log σ(u_oᵀv_c) + k · Σ_w P_n(w) log σ(−u_wᵀv_c), where ``U`` (V, d) holds every
    u_w and ``noise`` (V,) is P_n. The average of :func:`slide_objective` over many
    draws of k negatives from P_n converges to this number.

    Example: U = 0 → log(1/2) · (1 + k) whatever P_n is.
    """
    return float(log_sigmoid(u_o @ v_c) + k * noise @ log_sigmoid(-(U @ v_c)))


def slide_gradient(v_c: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray) -> np.ndarray:
    """The bracket of the slide's update: (σ(u_oᵀv_c) − 1) u_o + Σ_i σ(u_iᵀv_c) u_i, shape (d,).

    It is the gradient of the *negative* objective (the loss) with respect to v_c, so
    subtracting η times it climbs the objective. Example: all zeros → the zero vector.
    """
    return (sigmoid(u_o @ v_c) - 1.0) * u_o + sigmoid(u_neg @ v_c) @ u_neg


def slide_update(v_c: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray, lr: float) -> np.ndarray:
    """The slide's rule v_c^new = v_c^old − η [(σ(u_oᵀv_c) − 1) u_o + Σ_i σ(u_iᵀv_c) u_i].

    Example: v_c = 0, u_o = [1, 0], no negatives, η = 0.1 → [0.05, 0] (σ(0) − 1 = −1/2).
    """
    return v_c - lr * slide_gradient(v_c, u_o, u_neg)


def output_gradients(v_c: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray):
    """Gradients of the loss for the output vectors, which the slide leaves out.

    Returns ``(σ(u_oᵀv_c) − 1) v_c`` (shape (d,)) for u_o and ``σ(u_iᵀv_c) v_c`` (shape (k, d))
    for each negative. Example: v_c = [2, 0], u's = 0 → (−[1, 0], [[1, 0], …]).
    """
    return (sigmoid(u_o @ v_c) - 1.0) * v_c, sigmoid(u_neg @ v_c)[:, None] * v_c[None, :]


def loss_at_initialisation(k: int) -> float:
    """The loss −objective when every output vector is 0 (word2vec's start): (k + 1) ln 2.

    Each of the k + 1 scores is 0 and σ(0) = 1/2. Example: k = 5 → 4.1589.
    """
    return (k + 1) * float(np.log(2.0))


def noise_shares(counts, powers=(0.0, 0.75, 1.0), top: int = 10) -> dict:
    """Share of negative draws that land on the ``top`` most frequent words, per exponent.

    Parameters
    ----------
    counts : array of int, shape (V,), sorted by decreasing frequency (as :class:`lib.text.vocabulary.Vocabulary`).
    powers : exponents of P_n ∝ count^power.

    Returns ``{power: share}``. Example: counts ``[3, 1]``, top 1 → ``{0.0: 0.5, 1.0: 0.75, …}``.
    """
    counts = np.asarray(counts, dtype=np.float64)
    shares = {}
    for power in powers:
        p = counts ** power
        shares[power] = float(p[:top].sum() / p.sum())
    return shares
