"""CBOW in NumPy: the mean of a window's context vectors predicts its center word.

The slides' "Word2Vec" slide names two architectures: skip-gram ("predict
context from word") and CBOW ("predict word from context"). CBOW reads the same
windows as skip-gram (subsampling, dynamic window, pairs of
:mod:`lib.skipgram.epoch_pairs`), but groups each center's pairs into one
training example: with the window's context words o_1..o_n,

    h = (1/n) Σ_i v_{o_i}                       (the mean of the input vectors)
    L = −log σ(u_c·h) − Σ_k log σ(−u_{n_k}·h)   (negative sampling, c the center word)

or the hierarchical softmax's −log P(c | h) (:mod:`lib.skipgram.hierarchical_softmax`).
The gradient reaching each context vector is ∂L/∂v_{o_i} = (1/n) ∂L/∂h.

word2vec.c and gensim (``cbow_mean=1``) move each context vector by the whole ∂L/∂h,
n times the gradient of the mean: ``input_update="word2vec"`` (the default) does the same,
``input_update="gradient"`` follows the gradient exactly.

Simplification on purpose, as for skip-gram: the windows of a mini-batch are computed
from the same weights and their updates summed, where word2vec applies them one window
at a time. A mini-batch holds about ``batch_size`` pairs (:func:`window_batches`), the
same stretch of text a skip-gram step reads.
"""
from __future__ import annotations

import time

import numpy as np

from lib.skipgram.epoch_pairs import EpochPairs, NoTrainingPairsError
from lib.skipgram.huffman import huffman_tree
from lib.skipgram.model import SkipGramModel, init_weights
from lib.skipgram.numpy_engine import negative_sampling_loss_and_grads, negative_sampling_score_grads, \
    scatter_add_rows
from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.skipgram.training import diverged_keeps, end_epoch, progress_bar, step_diverges, training_input

OBJECTIVES = ("negative_sampling", "hierarchical_softmax")
INPUT_UPDATES = ("word2vec", "gradient")


def context_mean(v_context: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """h = (1/n) Σ_i v_{o_i}: the mean of each window's context vectors, shape (B, d).

    Parameters
    ----------
    v_context : ndarray, shape (B, C, d) — the input vectors of up to C context words per window.
    mask : ndarray of bool, shape (B, C) — which of the C slots hold a context word (n = mask.sum(1) ≥ 1).

    Example: contexts ``[[1, 0], [3, 0]]`` with mask ``[True, True]`` → ``[[2, 0]]``.
    """
    n = mask.sum(axis=1, keepdims=True).astype(v_context.dtype)
    return np.einsum("bc,bcd->bd", mask.astype(v_context.dtype), v_context) / n


def cbow_loss_and_grads(v_context: np.ndarray, mask: np.ndarray, u_o: np.ndarray, u_neg: np.ndarray):
    """CBOW's negative-sampling loss and its gradients, for a batch of B windows.

    Parameters
    ----------
    v_context : ndarray, shape (B, C, d) — context input vectors v_{o_i} (padded to C slots).
    mask : ndarray of bool, shape (B, C) — the real context slots of each window.
    u_o : ndarray, shape (B, d) — output vector u_c of each window's center word.
    u_neg : ndarray, shape (B, K, d) — output vectors of the K negatives.

    Returns
    -------
    loss : ndarray, shape (B,) — −log σ(u_c·h) − Σ_k log σ(−u_k·h), h the context mean.
    grad_context : ndarray, shape (B, C, d) — ∂L/∂v_{o_i} = (1/n) ∂L/∂h on real slots, 0 on padding.
    grad_u_o : ndarray, shape (B, d) — (σ(u_c·h) − 1) h.
    grad_u_neg : ndarray, shape (B, K, d) — σ(u_k·h) h.

    Example: one window of two context vectors, all output vectors 0 → loss (K + 1) ln 2.
    """
    h = context_mean(v_context, mask)
    loss, grad_h, grad_u_o, grad_u_neg = negative_sampling_loss_and_grads(h, u_o, u_neg)
    share = mask / mask.sum(axis=1, keepdims=True)                  # 1/n on real slots
    return loss, share[:, :, None] * grad_h[:, None, :], grad_u_o, grad_u_neg


def windows_from_pairs(block_ids: np.ndarray, centers: np.ndarray, contexts: np.ndarray, window: int):
    """Group one block's (center, context) positions, center by center, into CBOW windows.

    Parameters
    ----------
    block_ids : ndarray of int, shape (n,) — word ids of the block's kept tokens.
    centers, contexts : ndarray of int, shape (P,) — positions, ordered by center
        (:func:`lib.skipgram.epoch_pairs.make_epoch_positions`).
    window : int — w; a window holds at most 2w context words.

    Returns
    -------
    center_ids : ndarray, shape (M,) — the word of each window's center (M centers with a context).
    context_ids : ndarray, shape (M, 2w) — its context words, left to right, padded with 0.
    mask : ndarray of bool, shape (M, 2w) — True on the real context slots.

    Example: ids ``[7, 8, 9]``, pairs (0,1), (1,0), (1,2), (2,1) →
    centers ``[7, 8, 9]``, contexts ``[[8, 0], [7, 9], [8, 0]]``.
    """
    if len(centers) == 0:
        return np.zeros(0, np.int64), np.zeros((0, 2 * window), np.int64), np.zeros((0, 2 * window), bool)
    starts = np.flatnonzero(np.r_[True, centers[1:] != centers[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(centers)]))
    slot = np.arange(len(centers)) - starts[group]
    context_ids = np.zeros((len(starts), 2 * window), dtype=np.int64)
    mask = np.zeros((len(starts), 2 * window), dtype=bool)
    context_ids[group, slot] = block_ids[contexts]
    mask[group, slot] = True
    return block_ids[centers[starts]].astype(np.int64), context_ids, mask


def epoch_windows(data: EpochPairs, epoch: int):
    """Yield one epoch's CBOW windows block by block: ``(center_ids, context_ids, mask)`` (:func:`windows_from_pairs`).

    The draws are those of ``data.epoch_pairs(epoch)``: skip-gram's pairs of the epoch, grouped by center.
    Example: ``next(epoch_windows(EpochPairs(corpus, settings), 0))[0].shape`` → (M,), M windows.
    """
    for block in data.epoch_positions(epoch):
        yield windows_from_pairs(*block, data.settings.window)


def window_batches(mask: np.ndarray, batch_size: int) -> np.ndarray:
    """Where to cut consecutive windows into mini-batches of about ``batch_size`` (center, context) pairs.

    Parameters
    ----------
    mask : ndarray of bool, shape (M, C) — the windows' real context slots (:func:`windows_from_pairs`).
    batch_size : int — B, counted in pairs as for skip-gram, so that one step of either
        architecture reads about the same stretch of text.

    Returns
    -------
    bounds : ndarray of int, shape (S + 1,) — window indices from 0 to M: batch k holds windows
        ``bounds[k]:bounds[k + 1]``, those whose last pair is among pairs kB … (k + 1)B − 1 counted
        from the first window, so about B pairs (fewer than B + 2w); no batch is empty.

    Example: windows of 2, 3, 1 and 4 context words, B = 5 → ``[0, 2, 4]`` (5 and 5 pairs).
    """
    pairs = np.cumsum(mask.sum(axis=1))
    first = np.flatnonzero(np.diff((pairs - 1) // batch_size)) + 1
    return np.r_[0, first, len(pairs)].astype(np.int64) if len(pairs) else np.zeros(1, np.int64)


def unroll_windows(center_ids: np.ndarray, context_ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """The (center, context) word pairs of some windows, center by center, shape (P, 2): the inverse of grouping.

    Example: centers ``[7, 8]``, contexts ``[[8, 0], [7, 9]]``, mask ``[[1, 0], [1, 1]]`` →
    ``[[7, 8], [8, 7], [8, 9]]``.
    """
    return np.stack([np.repeat(center_ids, mask.sum(axis=1)), context_ids[mask]], axis=1)


def sgd_step_cbow(W_in, W_out, centers, contexts, mask, lr: float, *, negatives=None, tree=None,
                  input_update: str = "word2vec") -> np.ndarray:
    """One sparse SGD step of CBOW on a batch of windows; returns the loss, shape (B,).

    Parameters
    ----------
    W_in : ndarray, shape (V, d) — input vectors v_w, updated in place.
    W_out : ndarray — output vectors u_w, shape (V, d) (negative sampling), or the inner nodes'
        vectors, shape (V − 1, d) (hierarchical softmax, with ``tree``).
    centers : ndarray of int, shape (B,); contexts, mask : shape (B, C) (:func:`windows_from_pairs`).
    lr : float — η.
    negatives : ndarray of int, shape (B, K) — for negative sampling.
    tree : HuffmanTree — for the hierarchical softmax (then ``negatives`` is None).
    input_update : ``"word2vec"`` (each context vector moves by −η ∂L/∂h) or ``"gradient"`` (by −η ∂L/∂h / n).

    Example: a batch of 3 windows with K = 5 moves at most 18 output rows and the batch's context rows.
    """
    h = context_mean(W_in[contexts], mask)                                # (B, d)
    if tree is not None:
        from lib.skipgram.hierarchical_softmax import hs_output_step
        loss, grad_h = hs_output_step(W_out, h, centers, tree, lr)
    else:
        outputs = np.concatenate([centers[:, None], negatives], axis=1)  # (B, 1+K): the center, then negatives
        u = W_out[outputs]
        loss, g = negative_sampling_score_grads(h, u)
        if not np.all(np.isfinite(loss)):
            raise FloatingPointError("non-finite loss")
        grad_h = np.einsum("bk,bkd->bd", g, u)
        scatter_add_rows(W_out, outputs, -lr * g, h)
    share = mask if input_update == "word2vec" else mask / mask.sum(axis=1, keepdims=True)
    scatter_add_rows(W_in, contexts, -lr * share, grad_h)
    return loss


def train_cbow(sentences, settings: TrainingSettings | None = None, *, progress: bool = True, vocab=None,
               callback=None, objective: str = "negative_sampling", input_update: str = "word2vec") -> SkipGramModel:
    """Train CBOW by mini-batch SGD in NumPy, on skip-gram's data path and settings.

    Parameters
    ----------
    sentences, settings, progress, vocab, callback
        As for :func:`lib.skipgram.numpy_engine.train_numpy`: the same subsampling, dynamic
        windows, noise distribution and learning-rate schedule. ``settings.batch_size``
        counts pairs, as for skip-gram: a step takes the consecutive windows that hold about
        that many (center, context) pairs (:func:`window_batches`), so it reads about the same
        stretch of text as a skip-gram step, not the several times longer one that as many
        windows would span.
    objective : ``"negative_sampling"`` or ``"hierarchical_softmax"``
    input_update : ``"word2vec"`` or ``"gradient"`` (see the module's docstring).

    Returns
    -------
    SkipGramModel
        ``architecture="cbow"``; ``W_out`` is (V, d) with negative sampling and the (V − 1, d)
        inner-node vectors with the hierarchical softmax; ``EpochRecord.pairs`` counts windows.

    Example: ``train_cbow(corpus, TrainingSettings(epochs=5)).keyed_vectors()``.
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, got {objective!r}")
    if input_update not in INPUT_UPDATES:
        raise ValueError(f"input_update must be one of {INPUT_UPDATES}, got {input_update!r}")
    sentences, s = training_input(sentences, settings)
    data = EpochPairs(sentences, s, vocab=vocab)
    rng = np.random.default_rng(s.seed)
    W_in, W_out = init_weights(len(data.vocab), s.dim, rng)
    tree = huffman_tree(data.vocab.counts) if objective == "hierarchical_softmax" else None
    if tree is not None:
        W_out = W_out[:-1].copy()
    model = SkipGramModel(data.vocab, W_in, W_out, s, engine="numpy", architecture="cbow")
    with progress_bar(data.total_tokens, s.epochs, progress) as bar, diverged_keeps(model):
        for epoch in range(s.epochs):
            start, loss_sum = time.perf_counter(), 0.0
            windows = list(epoch_windows(data, epoch))
            total = sum(len(c) for c, _, _ in windows)
            if total == 0:
                raise NoTrainingPairsError()
            done = 0
            for centers_all, contexts_all, mask_all in windows:
                bounds = window_batches(mask_all, s.batch_size)
                for a, b in zip(bounds[:-1], bounds[1:]):
                    centers, contexts, mask = centers_all[a:b], contexts_all[a:b], mask_all[a:b]
                    lr = learning_rate(s, epoch + done / total)
                    negatives = None if tree is not None else data.sampler.sample(rng, (len(centers), s.negative))
                    with step_diverges(epoch, s):
                        loss = sgd_step_cbow(W_in, W_out, centers, contexts, mask, lr, negatives=negatives,
                                             tree=tree, input_update=input_update)
                    loss_sum += float(loss.sum())
                    done += len(centers)
                    bar.update(data.total_tokens * len(centers) / total)
            end_epoch(model, epoch, start, loss_sum, total, data.total_tokens, callback)
    return model
