"""BERT's training objective: the 80/10/10 masking and the losses L_MLM, L_NSP and L_BERT.

Notation (slides, "BERT: Bidirectional Training Mathematics"):

* M — the masked positions, 15 % of the tokens chosen at random
* L_MLM = −Σ_{i∈M} log P(x_i | x_\\M), with P(x_i | x_\\M) = softmax(W_o h_i + b_o)
* L_NSP = −[y log P(IsNext | A, B) + (1 − y) log(1 − P(IsNext | A, B))]
* L_BERT = L_MLM + L_NSP

Devlin et al. (2018) replace a chosen token by ``[MASK]`` 80 % of the time, by a
random token 10 % of the time, and leave it unchanged 10 % of the time, so
that the model cannot rely on seeing ``[MASK]`` (which never occurs when it is
used later). The loss is taken at every chosen position, whatever happened to it.

Simplified on purpose: each token is chosen independently with probability
0.15 (BERT's code fixes the count per sequence instead), and the random
replacement may, rarely, draw the original token again, as in BERT.
"""
from __future__ import annotations

import numpy as np

from lib.softmax import log_softmax

IGNORE = -100
"""Label of positions that are not predicted (PyTorch's default ``ignore_index``)."""


def mlm_mask(ids, mask_id: int, n_random: int, rng: np.random.Generator, mask_prob: float = 0.15,
             p_mask: float = 0.8, p_random: float = 0.1, protected=None, random_low: int = 0):
    """Choose positions to predict and corrupt them with BERT's 80/10/10 rule.

    Parameters
    ----------
    ids : array_like of int, shape (...,)
        Token ids x (any shape, e.g. (B, n) for a batch).
    mask_id : int
        Id of the ``[MASK]`` token.
    n_random : int
        Random replacements are drawn uniformly from ids ``random_low … random_low + n_random − 1``
        (the ordinary words, not the special tokens).
    rng : numpy.random.Generator
    mask_prob : float
        Share of tokens chosen for prediction (the slide's 15 %).
    p_mask, p_random : float
        Of the chosen tokens: share replaced by ``[MASK]`` (80 %) and by a random token (10 %);
        the rest (10 %) stay unchanged.
    protected : array_like of bool, same shape as ids, optional
        Positions never chosen (padding, ``[CLS]``, ``[SEP]``).

    Returns
    -------
    inputs : ndarray of int, same shape — the corrupted sequence the model reads.
    labels : ndarray of int, same shape — the original id at chosen positions, :data:`IGNORE` elsewhere.
    action : ndarray of int8, same shape — 0 not chosen, 1 ``[MASK]``, 2 random, 3 kept.

    Example: 100,000 tokens with seed 0 → about 15,000 chosen, of which about 80 % masked.
    """
    ids = np.asarray(ids)
    chosen = rng.random(ids.shape) < mask_prob
    if protected is not None:
        chosen &= ~np.asarray(protected, dtype=bool)
    u = rng.random(ids.shape)                                      # one draw decides what happens
    action = np.zeros(ids.shape, dtype=np.int8)
    action[chosen & (u < p_mask)] = 1
    action[chosen & (u >= p_mask) & (u < p_mask + p_random)] = 2
    action[chosen & (u >= p_mask + p_random)] = 3
    inputs = ids.copy()
    inputs[action == 1] = mask_id
    n_rand = int((action == 2).sum())
    inputs[action == 2] = rng.integers(random_low, random_low + n_random, size=n_rand)
    labels = np.where(chosen, ids, IGNORE)
    return inputs, labels, action


def masking_shares(action: np.ndarray, protected=None) -> dict:
    """Measured shares of the 80/10/10 rule from :func:`mlm_mask`'s ``action`` array.

    Returns ``chosen`` (share of the eligible tokens), and ``mask``, ``random``, ``kept``
    (shares of the chosen ones). Example: a large sample → about 0.15, 0.8, 0.1, 0.1.
    """
    action = np.asarray(action)
    eligible = np.ones(action.shape, bool) if protected is None else ~np.asarray(protected, bool)
    n_chosen = max(int((action > 0).sum()), 1)
    return {"chosen": float((action > 0).sum() / eligible.sum()),
            "mask": float((action == 1).sum() / n_chosen),
            "random": float((action == 2).sum() / n_chosen),
            "kept": float((action == 3).sum() / n_chosen)}


def mlm_loss(logits: np.ndarray, labels: np.ndarray, reduction: str = "mean") -> float:
    """L_MLM: −log P(x_i | x_\\M) over the chosen positions, from the logits W_o h_i + b_o.

    Parameters
    ----------
    logits : ndarray, shape (n, V) — one row of scores per position.
    labels : ndarray of int, shape (n,) — original ids at chosen positions, :data:`IGNORE` elsewhere.
    reduction : ``"mean"`` (per predicted token, as BERT and PyTorch report it) or ``"sum"`` (the slide's Σ).

    Example: uniform logits over V = 4 and one chosen position → log 4 ≈ 1.386.
    """
    labels = np.asarray(labels)
    rows = np.flatnonzero(labels != IGNORE)
    nll = -log_softmax(np.asarray(logits, dtype=float)[rows])[np.arange(len(rows)), labels[rows]]
    return float(nll.sum() if reduction == "sum" else nll.mean())


def nsp_loss(p_is_next: np.ndarray, y: np.ndarray) -> float:
    """L_NSP: mean of −[y log p + (1 − y) log(1 − p)] over sentence pairs (binary cross-entropy).

    Parameters
    ----------
    p_is_next : ndarray, shape (B,) — the model's P(IsNext | A, B).
    y : ndarray, shape (B,) — 1 if B really follows A, else 0.

    Example: ``nsp_loss(np.array([0.5]), np.array([1]))`` → log 2 ≈ 0.693.
    """
    p, y = np.asarray(p_is_next, dtype=float), np.asarray(y, dtype=float)
    return float(np.mean(-(y * np.log(p) + (1 - y) * np.log(1 - p))))
