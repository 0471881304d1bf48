"""The hierarchical softmax: a word's probability as a product of sigmoids along its Huffman code.

With the tree of :mod:`lib.skipgram.huffman`, word w has a path of L_w inner
nodes n_1..n_{L_w} (root first) and bits c_1..c_{L_w}. Given an input vector h
(skip-gram: the center vector v_c; CBOW: the mean of the context vectors),

    P(w | h) = Π_j σ(±u_{n_j}·h),  with + when c_j = 0 and − when c_j = 1
             = Π_j σ((1 − 2 c_j) s_j),  s_j = u_{n_j}·h.

At every inner node the two branches get σ(s) and σ(−s) = 1 − σ(s), so the
probabilities of all V leaves sum to 1 without any normalising sum over V:
a pair costs L_w ≈ log2 V dot products instead of the full softmax's V.

Loss and gradients (t_j = 1 − c_j, the "go left" label):

    L = −Σ_j log σ((1 − 2 c_j) s_j)
    ∂L/∂s_j = σ(s_j) − t_j
    ∂L/∂h = Σ_j (σ(s_j) − t_j) u_{n_j},   ∂L/∂u_{n_j} = (σ(s_j) − t_j) h.

This is word2vec.c's update (``g = (1 − code − f) · alpha``), written as a gradient.
"""
from __future__ import annotations

import numpy as np

from lib.skipgram.huffman import HuffmanTree
from lib.skipgram.numpy_engine import log_sigmoid, scatter_add_rows, sigmoid


def path_log_probability(h: np.ndarray, nodes: np.ndarray, codes: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """log P(w | h) = Σ_j log σ((1 − 2 c_j) u_{n_j}·h) for a batch of paths.

    Parameters
    ----------
    h : ndarray, shape (B, d) — input vectors.
    nodes : ndarray, shape (B, L, d) — the output vectors u_{n_j} of each path's inner nodes.
    codes : ndarray of int, shape (B, L) — the bits c_j.
    mask : ndarray of bool, shape (B, L) — which of the L entries belong to the path.

    Returns
    -------
    ndarray, shape (B,). Example: h = 0 → each node gives log ½, so a path of 3 nodes → 3 log ½ ≈ −2.079.
    """
    scores = np.einsum("bld,bd->bl", nodes, h)
    return np.sum(np.where(mask, log_sigmoid((1 - 2 * codes) * scores), 0.0), axis=1)


def hs_loss_and_grads(h: np.ndarray, nodes: np.ndarray, codes: np.ndarray, mask: np.ndarray):
    """Hierarchical-softmax loss −log P(w | h) and its gradients, for a batch of B paths.

    Parameters
    ----------
    h, nodes, codes, mask
        As for :func:`path_log_probability`: shapes (B, d), (B, L, d), (B, L), (B, L).

    Returns
    -------
    loss : ndarray, shape (B,) — −Σ_j log σ((1 − 2 c_j) s_j).
    grad_h : ndarray, shape (B, d) — Σ_j (σ(s_j) − (1 − c_j)) u_{n_j}.
    grad_nodes : ndarray, shape (B, L, d) — (σ(s_j) − (1 − c_j)) h on the path, 0 off it.

    Example: h = 0, one node with code 0 → loss ln 2 ≈ 0.693, grad_h = −½ u_{n_1}.
    """
    loss, g = hs_score_grads(h, nodes, codes, mask)
    return loss, np.einsum("bl,bld->bd", g, nodes), g[:, :, None] * h[:, None, :]


def hs_score_grads(h: np.ndarray, nodes: np.ndarray, codes: np.ndarray, mask: np.ndarray):
    """The loss and ∂L/∂s_j = σ(s_j) − (1 − c_j) (0 off the path): the core the trainers use.

    Shapes as for :func:`path_log_probability`; returns loss (B,) and g (B, L).
    Example: h = 0, one node with code 1 → loss ln 2, g = [[0.5]].
    """
    scores = np.einsum("bld,bd->bl", nodes, h)
    loss = -np.sum(np.where(mask, log_sigmoid((1 - 2 * codes) * scores), 0.0), axis=1)
    g = np.where(mask, sigmoid(scores) - (1 - codes), 0.0)
    return loss, g


def all_word_probabilities(h: np.ndarray, node_vectors: np.ndarray, tree: HuffmanTree) -> np.ndarray:
    """P(w | h) for every word of the vocabulary: the whole distribution the tree defines.

    Parameters
    ----------
    h : ndarray, shape (d,) or (B, d)
    node_vectors : ndarray, shape (V − 1, d) — u_n of every inner node.
    tree : HuffmanTree

    Returns
    -------
    ndarray, shape (V,) or (B, V), each row summing to 1 (up to rounding).
    Example: with zero node vectors every word gets 2^(−L_w).
    """
    H = np.atleast_2d(h)
    scores = H @ node_vectors.T                                     # (B, V − 1): one s per inner node
    path_scores = scores[:, tree.points]                            # (B, V, L)
    signs = (1 - 2 * tree.codes)[None]
    log_p = np.sum(np.where(tree.mask[None], log_sigmoid(signs * path_scores), 0.0), axis=2)
    p = np.exp(log_p)
    return p[0] if np.ndim(h) == 1 else p


def node_damping(points: np.ndarray, curvature: np.ndarray, lr: float) -> np.ndarray:
    """Each entry's step factor ``1 / (1 + lr · Σ curvature)``, the sum over the entries sharing its node.

    Parameters
    ----------
    points : ndarray of int, shape (B, L) — the node row each entry updates.
    curvature : ndarray, shape (B, L) — each entry's curvature along its row, σ'(s_j)·|h|² (0 off the path).
    lr : float — η.

    Returns
    -------
    ndarray, shape (B, L). The root lies on every path, so a batch of B pairs sums B steps
    into it; word2vec, one pair at a time, would have stopped near the Newton step on their
    summed loss, and this factor caps the summed step there (the PyTorch engine's
    :func:`lib.skipgram.torch_engine.row_damping`, for the tree). A node touched once keeps
    (almost) the plain SGD step.
    Example: points ``[[0], [0]]``, curvature ``[[0.5], [0.5]]``, lr 1 → factors ``[[0.5], [0.5]]``.
    """
    total = np.bincount(points.ravel(), weights=curvature.ravel())          # Σ curvature per node row
    return 1.0 / (1.0 + lr * total[points])


def hs_output_step(W_nodes: np.ndarray, h: np.ndarray, targets: np.ndarray, tree: HuffmanTree, lr: float,
                   damping: bool = True):
    """One SGD step on the node vectors for a batch of (h, target word); returns ``(loss, grad_h)``.

    Parameters
    ----------
    W_nodes : ndarray, shape (V − 1, d) — the inner nodes' output vectors, updated in place.
    h : ndarray, shape (B, d) — the input vectors (not changed here: the caller moves them by grad_h).
    targets : ndarray of int, shape (B,) — the word each h should predict.
    tree : HuffmanTree
    lr : float — learning rate η.
    damping : bool — scale each node's summed step by :func:`node_damping` (without it, a batch
        of 1024 pairs makes the nodes near the root overshoot and training diverges).

    Returns
    -------
    loss : ndarray, shape (B,)
    grad_h : ndarray, shape (B, d) — ∂L/∂h, computed with the node vectors before the step.

    Raises FloatingPointError, before changing anything, if the loss is not finite.
    Example: zero node vectors, a word with a 3-bit code → loss 3 ln 2 for it.
    """
    points, codes, mask = tree.points[targets], tree.codes[targets], tree.mask[targets]   # (B, L) each
    u = W_nodes[points]                                                                   # (B, L, d)
    loss, g = hs_score_grads(h, u, codes, mask)
    if not np.all(np.isfinite(loss)):
        raise FloatingPointError("non-finite loss")
    grad_h = np.einsum("bl,bld->bd", g, u)
    step = -lr * g
    if damping:
        sig = np.where(mask, g + (1 - codes), 0.0)                                          # σ(s_j) on the path
        step *= node_damping(points, sig * (1 - sig) * np.sum(h * h, axis=1)[:, None], lr)
    scatter_add_rows(W_nodes, points, step, h)
    return loss, grad_h


def sgd_step_hierarchical_softmax(W_in, W_nodes, centers, contexts, tree: HuffmanTree, lr: float,
                                  damping: bool = True) -> np.ndarray:
    """One sparse SGD step of skip-gram with the hierarchical softmax; returns the loss, shape (B,).

    ``centers``, ``contexts`` have shape (B,); each pair moves its center's row of ``W_in``
    (V, d) and the L_o node vectors of ``W_nodes`` (V − 1, d) on its context's path, the
    node steps damped as :func:`hs_output_step` says.
    Example: a batch of 2 pairs whose contexts have 3-bit codes touches at most 6 node rows.
    """
    h = W_in[centers]
    loss, grad_h = hs_output_step(W_nodes, h, contexts, tree, lr, damping)
    scatter_add_rows(W_in, centers[:, None], np.full((len(centers), 1), -lr), grad_h)
    return loss
