"""Scaled dot-product attention and multi-head attention in NumPy.

Notation (slides, "Self-Attention: Mathematical Formulation"):

* queries ``Q`` (n, d_k), keys ``K`` (m, d_k), values ``V`` (m, d_v)
* scores S = Q Kᵀ (n, m), scaled S̃ = S / √d_k, weights A = softmax(S̃) row by row
* output O = A V (n, d_v)
* multi-head: head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V) and
  MultiHead = Concat(head_1, …, head_h) W^O

Weights are stored the way the slide writes them, acting on row vectors from
the right: ``W_Q`` has shape (d_model, d_model) and head i uses its columns
``i·d_k … (i+1)·d_k − 1`` as W_i^Q (d_model, d_k). PyTorch's
``nn.MultiheadAttention`` stores the transposes (``x @ W.T``);
:func:`weights_from_torch` converts, and the tests check that both give the same
numbers.

Simplified on purpose: no dropout, no batching beyond NumPy broadcasting, and a
boolean mask only (True = may attend), as in ``scaled_dot_product_attention``.
"""
from __future__ import annotations

import numpy as np

from lib.softmax import softmax


def softmax_jacobian(p: np.ndarray) -> np.ndarray:
    """Jacobian ∂softmax_i/∂s_j = p_i (δ_ij − p_j) of one softmax output p, shape (m,) → (m, m).

    Its entries shrink towards 0 as p approaches one-hot: the "vanishing gradient"
    of a saturated softmax. Example: ``softmax_jacobian(np.array([0.5, 0.5]))`` →
    ``[[0.25, -0.25], [-0.25, 0.25]]``.
    """
    p = np.asarray(p, dtype=float)
    return np.diag(p) - np.outer(p, p)


# ----------------------------------------------------------------------------
# Scaled dot-product attention
# ----------------------------------------------------------------------------

def scaled_dot_product_attention(Q, K, V, mask=None, scale: bool = True):
    """Attention(Q, K, V) = softmax(Q Kᵀ / √d_k) V, with the attention weights.

    Parameters
    ----------
    Q : array_like, shape (..., n, d_k)
        Queries, one row per position that asks.
    K : array_like, shape (..., m, d_k)
        Keys, one row per position that can be attended to.
    V : array_like, shape (..., m, d_v)
        Values, mixed by the weights.
    mask : array_like of bool, shape (n, m) or broadcastable, optional
        True where query i may attend to key j (PyTorch's boolean ``attn_mask``).
    scale : bool
        Divide the scores by √d_k (the slide's step 2); ``False`` shows what goes wrong without it.

    Returns
    -------
    O : ndarray, shape (..., n, d_v)
        Outputs A V.
    A : ndarray, shape (..., n, m)
        Attention weights; every row sums to 1.

    Example: one query equal to the first of two orthogonal keys, d_k = 1 →
    weights ``softmax([1, 0])`` = ``[0.731, 0.269]``.
    """
    Q, K, V = (np.asarray(a, dtype=float) for a in (Q, K, V))
    d_k = Q.shape[-1]
    S = Q @ np.swapaxes(K, -1, -2)                       # (..., n, m): q_i · k_j
    if scale:
        S = S / np.sqrt(d_k)                             # S̃ = S / √d_k
    if mask is not None:
        S = np.where(np.asarray(mask, dtype=bool), S, -np.inf)   # masked keys get weight 0
    A = softmax(S, axis=-1)
    return A @ V, A


# ----------------------------------------------------------------------------
# Multi-head attention
# ----------------------------------------------------------------------------

def split_heads(X: np.ndarray, h: int) -> np.ndarray:
    """Cut the last axis into h heads: shape (n, h·d_k) → (h, n, d_k).

    Example: ``split_heads(np.arange(8.0).reshape(2, 4), 2)[1]`` → ``[[2, 3], [6, 7]]``.
    """
    n, d = X.shape
    if d % h:
        raise ValueError(f"d_model = {d} is not divisible by h = {h} heads")
    return X.reshape(n, h, d // h).transpose(1, 0, 2)


def merge_heads(H: np.ndarray) -> np.ndarray:
    """Concat(head_1, …, head_h): shape (h, n, d_v) → (n, h·d_v); the inverse of :func:`split_heads`.

    Example: ``merge_heads(split_heads(X, 2))`` → ``X``.
    """
    h, n, d_v = H.shape
    return H.transpose(1, 0, 2).reshape(n, h * d_v)


def multi_head_attention(query, key, value, weights: dict, h: int, mask=None):
    """MultiHead(Q, K, V) = Concat(head_1, …, head_h) W^O with head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V).

    Parameters
    ----------
    query : array_like, shape (n, d_model)
    key, value : array_like, shape (m, d_model)
    weights : dict
        ``W_Q``, ``W_K``, ``W_V``, ``W_O``, each shape (d_model, d_model), and optional biases
        ``b_Q``, ``b_K``, ``b_V``, ``b_O``, each shape (d_model,). Head i uses the
        column block ``i·d_k:(i+1)·d_k`` of W_Q, W_K and W_V (d_k = d_model / h).
    h : int
        Number of heads.
    mask : array_like of bool, shape (n, m), optional
        True where query i may attend to key j (shared by all heads).

    Returns
    -------
    out : ndarray, shape (n, d_model)
    A : ndarray, shape (h, n, m)
        Each head's attention weights.

    Example: with h = 1 and identity weights this is plain self-attention,
    ``scaled_dot_product_attention(X, X, X)``.
    """
    query, key, value = (np.asarray(a, dtype=float) for a in (query, key, value))
    zero = np.zeros(weights["W_Q"].shape[1])
    Qh = split_heads(query @ weights["W_Q"] + weights.get("b_Q", zero), h)   # (h, n, d_k)
    Kh = split_heads(key @ weights["W_K"] + weights.get("b_K", zero), h)     # (h, m, d_k)
    Vh = split_heads(value @ weights["W_V"] + weights.get("b_V", zero), h)   # (h, m, d_v)
    heads, A = scaled_dot_product_attention(Qh, Kh, Vh, mask=mask)          # each head on its own
    out = merge_heads(heads) @ weights["W_O"] + weights.get("b_O", zero)
    return out, A


def weights_from_torch(mha) -> dict:
    """Copy the weights of a ``torch.nn.MultiheadAttention`` into the slide's notation.

    PyTorch computes ``x @ in_proj_weight.T``, so W_Q is the transpose of the first
    d_model rows of ``in_proj_weight``, and so on; W_O is ``out_proj.weight.T``.

    Returns a dict of NumPy arrays for :func:`multi_head_attention`.
    Example: ``weights_from_torch(nn.MultiheadAttention(8, 2))["W_Q"].shape`` → ``(8, 8)``.
    """
    d = mha.embed_dim
    W = mha.in_proj_weight.detach().cpu().numpy().astype(float)
    b = (mha.in_proj_bias.detach().cpu().numpy().astype(float)
         if mha.in_proj_bias is not None else np.zeros(3 * d))
    out = {"W_Q": W[:d].T, "W_K": W[d:2 * d].T, "W_V": W[2 * d:].T,
           "b_Q": b[:d], "b_K": b[d:2 * d], "b_V": b[2 * d:],
           "W_O": mha.out_proj.weight.detach().cpu().numpy().astype(float).T}
    if mha.out_proj.bias is not None:
        out["b_O"] = mha.out_proj.bias.detach().cpu().numpy().astype(float)
    return out


# ----------------------------------------------------------------------------
# Why √d_k: measurements
# ----------------------------------------------------------------------------

def dot_product_spread(d_k_values, n_samples: int = 20_000, m: int = 16, seed: int = 0) -> list[dict]:
    """Measure what √d_k does, for queries and keys with independent N(0, 1) entries.

    For each d_k: the variance of q · k (theory: d_k) and of q · k / √d_k (theory: 1),
    and, over rows of m scores, the mean largest attention weight and the mean
    size of the softmax Jacobian (Frobenius norm) with and without scaling.

    Returns
    -------
    list of dict
        Keys ``d_k``, ``var_raw``, ``var_scaled``, ``max_weight_raw``, ``max_weight_scaled``,
        ``grad_raw``, ``grad_scaled``.

    Example: ``dot_product_spread([64])[0]["var_raw"]`` → about 64.
    """
    rng = np.random.default_rng(seed)
    rows = []
    for d_k in d_k_values:
        q = rng.standard_normal((n_samples, d_k))
        k = rng.standard_normal((n_samples, d_k))
        dots = np.einsum("nd,nd->n", q, k)                    # n_samples independent q · k
        row = {"d_k": int(d_k), "var_raw": float(dots.var()), "var_scaled": float((dots / np.sqrt(d_k)).var())}
        S = dots[: (n_samples // m) * m].reshape(-1, m)        # rows of m scores: one query, m keys
        for name, scores in (("raw", S), ("scaled", S / np.sqrt(d_k))):
            P = softmax(scores, axis=1)
            row[f"max_weight_{name}"] = float(P.max(axis=1).mean())
            row[f"grad_{name}"] = float(np.mean([np.linalg.norm(softmax_jacobian(p)) for p in P[:500]]))
        rows.append(row)
    return rows
