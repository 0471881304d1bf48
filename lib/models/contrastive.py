"""Contrastive learning with the InfoNCE loss, and the temperature τ that shapes it.

Slide "Contrastive Learning: The New Paradigm": for a batch of N anchors h_i
and their positives h_i⁺ (two views of the same thing),

    ℓ_i = −log  exp(sim(h_i, h_i⁺)/τ) / Σ_{j=1..N} exp(sim(h_i, h_j⁺)/τ),

with sim the cosine; the other N − 1 positives in the batch serve as negatives
(SimCSE, Gao et al., 2021; the loss is van den Oord et al.'s InfoNCE, 2018).
Row i is a softmax over the batch, so ℓ is a cross-entropy whose right
"class" is i; τ sets how sharply the softmax picks out the highest
similarities.

Here the encoder is a linear map f(x) = x W from document features to d
dimensions, trained by Adam on views made by dropping words (the text
analogue of image crops), with gradients written by hand.

Simplified on purpose: one direction of the loss (anchors → positives), a
linear encoder, no projection head.
"""
from __future__ import annotations

import numpy as np

from lib.config import SEED
from lib.softmax import log_softmax, softmax
from lib.vectors.similarity import normalize_rows


def info_nce_loss_and_grads(Z1, Z2, tau: float = 0.1):
    """Mean InfoNCE loss over N pairs (row i of Z1 with row i of Z2) and its gradients.

    Parameters
    ----------
    Z1, Z2 : ndarray, shape (N, d) — encoded anchors h_i and positives h_i⁺ (any length; cosines are used).
    tau : float — the temperature τ > 0.

    Returns
    -------
    loss : float — (1/N) Σ_i ℓ_i.
    grad_Z1, grad_Z2 : ndarray, shape (N, d).

    Example: two identical orthonormal batches with τ → 0 → loss → 0; any batch with τ → ∞ → log N.
    """
    if tau <= 0:
        raise ValueError(f"the temperature must be positive, got {tau}")
    A, na = normalize_rows(Z1, return_norms=True)                    # unit rows and their lengths (N, 1)
    P, nb = normalize_rows(Z2, return_norms=True)
    N = len(A)
    S = A @ P.T / tau                                                 # (N, N) logits
    log_p = log_softmax(S, axis=1)                                    # row i: log p(j | i) over the batch
    loss = -np.mean(np.diag(log_p))
    G = np.exp(log_p)
    G[np.arange(N), np.arange(N)] -= 1.0
    G /= N * tau                                                      # ∂loss/∂(cosine matrix)
    dA, dP = G @ P, G.T @ A                                           # gradients w.r.t. the unit rows
    # back through the normalisation: ∂(z/|z|) = (I − â âᵀ)/|z|
    grad_Z1 = (dA - (dA * A).sum(1, keepdims=True) * A) / na
    grad_Z2 = (dP - (dP * P).sum(1, keepdims=True) * P) / nb
    return float(loss), grad_Z1, grad_Z2


def dropout_view(docs, keep: float, rng: np.random.Generator):
    """A random view of each token-id list: each token kept with probability ``keep`` (at least one).

    Example: ``dropout_view([np.arange(10)], 0.5, rng)`` → about five of the ten ids, in order.
    """
    views = []
    for ids in docs:
        mask = rng.random(len(ids)) < keep
        if not mask.any() and len(ids):
            mask[rng.integers(len(ids))] = True
        views.append(ids[mask])
    return views


def bag_of_words(docs, V: int, idf=None) -> np.ndarray:
    """Log-count (× idf) features of token-id lists, unit rows; shape (N, V).

    Example: ``bag_of_words([np.array([0, 0, 1])], 3)`` → one row ∝ [log 3, log 2, 0].
    """
    X = np.zeros((len(docs), V))
    for i, ids in enumerate(docs):
        np.add.at(X[i], ids, 1.0)
    X = np.log1p(X) * (1.0 if idf is None else idf)
    return normalize_rows(X)


def train_linear_infonce(featurize, docs, dim: int = 64, tau: float = 0.1, steps: int = 300,
                         batch_size: int = 64, lr: float = 0.01, keep: float = 0.5, seed: int = SEED):
    """Learn W (p, dim) so that two dropout views of a document encode close together.

    Parameters
    ----------
    featurize : callable — list of token-id arrays → features, shape (B, p).
    docs : list of ndarray — the training documents as token ids.
    tau : float — InfoNCE temperature.
    steps, batch_size, lr : Adam steps, documents per batch, learning rate.

    Returns ``(W, losses)``: W of shape (p, dim), losses a list of per-step InfoNCE values.
    Example: ``train_linear_infonce(f, docs, dim=16, steps=10)[0].shape`` → ``(p, 16)``.
    """
    rng = np.random.default_rng(seed)
    p = featurize(docs[:1]).shape[1]
    W = rng.normal(scale=1 / np.sqrt(p), size=(p, dim))
    m, v = np.zeros_like(W), np.zeros_like(W)                      # Adam's moment estimates
    losses = []
    for step in range(1, steps + 1):
        batch = [docs[i] for i in rng.choice(len(docs), size=min(batch_size, len(docs)), replace=False)]
        X1, X2 = featurize(dropout_view(batch, keep, rng)), featurize(dropout_view(batch, keep, rng))
        loss, g1, g2 = info_nce_loss_and_grads(X1 @ W, X2 @ W, tau)
        grad = X1.T @ g1 + X2.T @ g2                                  # chain rule through Z = X W
        m = 0.9 * m + 0.1 * grad
        v = 0.999 * v + 0.001 * grad ** 2
        W -= lr * (m / (1 - 0.9 ** step)) / (np.sqrt(v / (1 - 0.999 ** step)) + 1e-8)
        losses.append(loss)
    return W, losses


def alignment_uniformity(Z1, Z2, t: float = 2.0) -> tuple[float, float]:
    """Wang & Isola's (2020) alignment E‖f(x) − f(x⁺)‖² and uniformity log E exp(−t‖f(x) − f(y)‖²), unit rows.

    Lower is better for both. Example: identical views → alignment 0.
    """
    A, P = normalize_rows(Z1), normalize_rows(Z2)
    align = float(np.mean(((A - P) ** 2).sum(1)))
    sq = np.clip(2 - 2 * A @ A.T, 0, None)
    off = sq[~np.eye(len(A), dtype=bool)]
    return align, float(np.log(np.mean(np.exp(-t * off))))


def infonce_weights(similarities, tau: float) -> np.ndarray:
    """softmax(s / τ) over one row of similarities: the weight InfoNCE gives each candidate.

    Example: ``infonce_weights([1.0, 0.0], 0.1)`` → ``[0.99995, 0.00005]``; τ = 10 → ≈ ``[0.525, 0.475]``.
    """
    return softmax(np.asarray(similarities, float) / tau)
