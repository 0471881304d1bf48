"""Skip-gram in NumPy: the reference implementation the course trusts.

Notation (slides, "Mathematical Foundations: Skip-gram Objective"):

* ``W_in``  — input (center) vectors, rows v_w, shape (V, d)
* ``W_out`` — output (context) vectors, rows u_w, shape (V, d)
* full softmax:  P(o | c) = exp(u_o · v_c) / Σ_w exp(u_w · v_c)
* negative sampling (k negatives n_1..n_k drawn from P_n):
  J = −log σ(u_o · v_c) − Σ_i log σ(−u_{n_i} · v_c)

Both losses come with hand-written gradients, checked against central
differences in the tests. The trainer is word2vec's plain SGD: initialise
``W_in`` uniformly in ±0.5/d and ``W_out`` at zero, decay the learning rate
linearly to ``min_alpha``, and update only the rows a mini-batch touches.
Simplification on purpose: a mini-batch of B pairs is computed from the same
weights and its updates are summed (word2vec.c applies them one pair at a time).
"""
from __future__ import annotations

import time

import numpy as np

from lib.skipgram.epoch_pairs import EpochPairs
from lib.skipgram.model import SkipGramModel, init_weights
from lib.skipgram.settings import TrainingSettings
from lib.skipgram.training import diverged_keeps, end_epoch, progress_bar, step_diverges, training_input
from lib.softmax import log_softmax


def sigmoid(x: np.ndarray) -> np.ndarray:
    """σ(x) = 1 / (1 + e^−x), computed without overflow.

    Example: ``sigmoid(np.array([0.0]))`` → ``[0.5]``.
    """
    return 0.5 * (1.0 + np.tanh(0.5 * x))


def log_sigmoid(x: np.ndarray) -> np.ndarray:
    """log σ(x) = −log(1 + e^−x), stable for large |x|.

    Example: ``log_sigmoid(np.array([0.0]))`` → ``[-0.6931…]`` (= −ln 2).
    """
    return -np.logaddexp(0.0, -x)


# ----------------------------------------------------------------------------
# Losses and gradients
# ----------------------------------------------------------------------------

def softmax_loss_and_grads(v_c: np.ndarray, U: np.ndarray, o: np.ndarray):
    """Full-softmax skip-gram loss −log P(o | c) and its gradients.

    Parameters
    ----------
    v_c : ndarray, shape (B, d)
        Center vectors v_c of a batch.
    U : ndarray, shape (V, d)
        All output vectors u_w (``W_out``).
    o : ndarray of int, shape (B,)
        Index of the true context word of each pair.

    Returns
    -------
    loss : ndarray, shape (B,)
        −log P(o | c) for each pair.
    grad_v_c : ndarray, shape (B, d)
        ∂loss_b/∂v_c = Σ_w ŷ_w u_w − u_o, where ŷ = softmax(U v_c).
    grad_U : ndarray, shape (V, d)
        ∂(Σ_b loss_b)/∂U = Σ_b (ŷ_b − y_b) v_cᵀ — every one of the V rows moves,
        which is why the full softmax costs O(V) per pair.
    """
    log_probs = log_softmax(v_c @ U.T, axis=1)             # (B, V): log ŷ, ŷ = softmax(u_w · v_c)
    rows = np.arange(len(o))
    loss = -log_probs[rows, o]
    error = np.exp(log_probs)                              # ŷ
    error[rows, o] -= 1.0                                  # ŷ − y
    return loss, error @ U, error.T @ v_c


def negative_sampling_loss_and_grads(v_c: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray):
    """Negative-sampling loss and its gradients, for a batch of B pairs with K negatives each.

    Parameters
    ----------
    v_c : ndarray, shape (B, d)
        Center vectors.
    u_o : ndarray, shape (B, d)
        Output vectors of the true context words.
    u_neg : ndarray, shape (B, K, d)
        Output vectors of the K sampled negatives.

    Returns
    -------
    loss : ndarray, shape (B,)
        J_b = −log σ(u_o·v_c) − Σ_k log σ(−u_k·v_c).
    grad_v_c : ndarray, shape (B, d)
        (σ(u_o·v_c) − 1) u_o + Σ_k σ(u_k·v_c) u_k.
    grad_u_o : ndarray, shape (B, d)
        (σ(u_o·v_c) − 1) v_c.
    grad_u_neg : ndarray, shape (B, K, d)
        σ(u_k·v_c) v_c for each negative.
    """
    u = np.concatenate([u_o[:, None], u_neg], axis=1)     # (B, 1+K): the true context first
    loss, g = negative_sampling_score_grads(v_c, u)
    grad_v_c = np.einsum("bk,bkd->bd", g, u)
    return loss, grad_v_c, g[:, :1] * v_c, g[:, 1:, None] * v_c[:, None, :]


def negative_sampling_score_grads(v_c: np.ndarray, u: np.ndarray):
    """The loss J_b and ∂J_b/∂s for the scores s = u_w · v_c — the core the trainer uses.

    Parameters
    ----------
    v_c : ndarray, shape (B, d)
    u : ndarray, shape (B, 1+K, d) — the true context's vector first, then the K negatives.

    Returns
    -------
    loss : ndarray, shape (B,)
    g : ndarray, shape (B, 1+K) — σ(s) − label, with label 1 for the context and 0 for negatives.
    """
    scores = np.einsum("bkd,bd->bk", u, v_c)
    loss = -log_sigmoid(scores[:, 0]) - log_sigmoid(-scores[:, 1:]).sum(axis=1)
    g = sigmoid(scores)
    g[:, 0] -= 1.0
    return loss, g


# ----------------------------------------------------------------------------
# Sparse row updates
# ----------------------------------------------------------------------------

def scatter_add_rows(W: np.ndarray, rows: np.ndarray, coeffs: np.ndarray, vectors: np.ndarray) -> None:
    """In place: ``W[rows[n]] += coeffs[n] * vectors[cols[n]]`` summed over repeated rows.

    Parameters
    ----------
    W : ndarray, shape (V, d)
    rows : ndarray of int, shape (B, M)
        Row of W each coefficient belongs to (e.g. the K+1 output words of each pair).
    coeffs : ndarray, shape (B, M)
        Scalar step for each (pair, word).
    vectors : ndarray, shape (B, d)
        The vector each pair contributes (e.g. v_c), scaled by its coefficients.

    Done as one sparse (unique rows × B) @ (B × d) product, which is several
    times faster than ``np.add.at`` and never builds the (B, M, d) array.

    Raises
    ------
    FloatingPointError
        If the update would make a row non-finite; W is then left unchanged.
    """
    from scipy.sparse import csr_matrix
    B, M = rows.shape
    unique, inverse = np.unique(rows.ravel(), return_inverse=True)
    S = csr_matrix((coeffs.ravel().astype(W.dtype), (inverse, np.repeat(np.arange(B), M))),
                   shape=(len(unique), B))
    with np.errstate(over="ignore", invalid="ignore"):
        updated = (W[unique] + S @ vectors.astype(W.dtype, copy=False)).astype(W.dtype, copy=False)
    if not np.all(np.isfinite(updated)):
        raise FloatingPointError("update would make the weights non-finite")
    W[unique] = updated


# ----------------------------------------------------------------------------
# The model and its trainer
# ----------------------------------------------------------------------------

def sgd_step_negative_sampling(W_in, W_out, centers, contexts, negatives, lr: float) -> np.ndarray:
    """One sparse SGD step on a batch of pairs with negative sampling; returns the loss, shape (B,).

    ``centers``, ``contexts`` have shape (B,), ``negatives`` (B, K). Only the rows
    the batch touched move. Raises FloatingPointError, before changing anything,
    if the loss is not finite, and leaves the weights finite if an update would overflow.
    """
    outputs = np.concatenate([contexts[:, None], negatives], axis=1)   # (B, 1+K): context, then negatives
    v_c, u = W_in[centers], W_out[outputs]                             # (B, d), (B, 1+K, d)
    loss, g = negative_sampling_score_grads(v_c, u)                    # g = ∂J/∂(u_w · v_c)
    if not np.all(np.isfinite(loss)):
        raise FloatingPointError("non-finite loss")
    grad_v_c = np.einsum("bk,bkd->bd", g, u)                           # Σ_w g_w u_w
    scatter_add_rows(W_out, outputs, -lr * g, v_c)                     # u_w −= lr g_w v_c
    scatter_add_rows(W_in, centers[:, None], np.full((len(centers), 1), -lr), grad_v_c)
    return loss


def sgd_step_softmax(W_in, W_out, centers, contexts, lr: float) -> np.ndarray:
    """One SGD step with the full softmax; returns the loss, shape (B,).

    Every row of ``W_out`` moves at every step: this is the O(V) cost per pair
    that negative sampling removes.
    """
    loss, grad_v_c, grad_U = softmax_loss_and_grads(W_in[centers], W_out, contexts)
    if not np.all(np.isfinite(loss)):
        raise FloatingPointError("non-finite loss")
    scatter_add_rows(W_in, centers[:, None], np.full((len(centers), 1), -lr), grad_v_c)
    W_out -= (lr * grad_U).astype(W_out.dtype)
    return loss


def train_numpy(sentences, settings: TrainingSettings | None = None, *, progress: bool = True, vocab=None,
                callback=None, objective: str = "negative_sampling") -> SkipGramModel:
    """Train skip-gram by mini-batch SGD in NumPy, with negative sampling (default) or the full softmax.

    Parameters
    ----------
    sentences : list of list of str
        The corpus.
    settings : TrainingSettings, optional
        The hyperparameters (word2vec's defaults if omitted); ``seed`` fixes initialisation,
        subsampling, windows and negatives: same seed, same vectors.
    progress : bool
        Show a progress bar counting corpus tokens.
    vocab : lib.text.vocabulary.Vocabulary, optional
        Use this vocabulary instead of building one with ``settings.min_count``.
    callback : callable, optional
        Called as ``callback(model, record)`` after each epoch, ``record`` an
        :class:`~lib.skipgram.model.EpochRecord` (e.g. to evaluate or snapshot).
    objective : ``'negative_sampling'``, ``'softmax'`` or ``'hierarchical_softmax'``
        The full softmax ignores ``settings.negative`` and costs O(V) per pair: use it on small vocabularies.
        The hierarchical softmax (:mod:`lib.skipgram.hierarchical_softmax`) ignores it too; ``W_out``
        then holds the Huffman tree's V − 1 inner-node vectors.

    Raises
    ------
    TrainingDivergedError
        If the loss becomes NaN or infinite; ``error.model`` holds the last finite weights.

    Returns
    -------
    SkipGramModel
    """
    if objective not in ("negative_sampling", "softmax", "hierarchical_softmax"):
        raise ValueError(f"objective must be 'negative_sampling', 'softmax' or 'hierarchical_softmax', got {objective!r}")
    sentences, settings = training_input(sentences, settings)
    data = EpochPairs(sentences, settings, vocab=vocab)
    rng = np.random.default_rng(settings.seed)
    model = SkipGramModel(data.vocab, *init_weights(len(data.vocab), settings.dim, rng), settings, engine="numpy")
    if objective == "hierarchical_softmax":
        from lib.skipgram.hierarchical_softmax import sgd_step_hierarchical_softmax
        from lib.skipgram.huffman import huffman_tree
        tree, model.W_out = huffman_tree(data.vocab.counts), model.W_out[:-1].copy()
    W_in, W_out = model.W_in, model.W_out
    with progress_bar(data.total_tokens, settings.epochs, progress) as bar, diverged_keeps(model):
        for epoch in range(settings.epochs):
            start, loss_sum, n_pairs = time.perf_counter(), 0.0, 0
            for centers, contexts, lr in data.batches(epoch):
                with step_diverges(epoch, settings):
                    if objective == "softmax":
                        loss = sgd_step_softmax(W_in, W_out, centers, contexts, lr)
                    elif objective == "hierarchical_softmax":
                        loss = sgd_step_hierarchical_softmax(W_in, W_out, centers, contexts, tree, lr)
                    else:
                        negatives = data.sampler.sample(rng, (len(centers), settings.negative))
                        loss = sgd_step_negative_sampling(W_in, W_out, centers, contexts, negatives, lr)
                loss_sum += float(loss.sum())
                n_pairs += len(centers)
                bar.update(data.tokens_in_batch(len(centers)))
            end_epoch(model, epoch, start, loss_sum, n_pairs, data.total_tokens, callback)
    return model
