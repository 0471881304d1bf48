"""Matryoshka skip-gram: one set of vectors whose every prefix is itself a usable embedding.

Slide "Matryoshka Embeddings" (Kusupati et al., 2022, *Matryoshka
Representation Learning*): train with a sum of losses over nested prefixes,

    L = Σ_{m ∈ M} α_m L_m,     L_m = the loss computed with the first m dimensions only,

so that v[:m] is trained to work on its own for every m in M. Here L_m is
skip-gram's negative-sampling loss with scores s_m = u[:m] · v[:m].

The gradient is cheap: coordinate j of v (and u) appears in every prefix
m > j, so ∂L/∂v_j = Σ_{m > j} α_m g_m u_j with g_m = ∂L_m/∂s_m — one cumulative
sum over the prefixes, done per coordinate.

Simplified on purpose: the trainer reuses the course's epochs, subsampling,
windows and linear learning-rate decay (:class:`lib.skipgram.epoch_pairs.EpochPairs`)
and only swaps the loss; it is NumPy and CPU-sized.
"""
from __future__ import annotations

import time

import numpy as np

from lib.skipgram.epoch_pairs import EpochPairs
from lib.skipgram.model import EpochRecord, SkipGramModel, init_weights
from lib.skipgram.numpy_engine import log_sigmoid, sigmoid
from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.skipgram.training import progress_bar, training_input


def prefix_weights(prefixes, dim: int, weights=None) -> np.ndarray:
    """Per-coordinate weight w_j = Σ_{m ∈ M, m > j} α_m, shape (dim,).

    Example: ``prefix_weights([2, 4], 4)`` → ``[2, 2, 1, 1]`` (α_m = 1 for both prefixes).
    """
    prefixes = list(prefixes)
    if any(m < 1 or m > dim for m in prefixes):
        raise ValueError(f"every prefix must lie in 1..{dim}, got {prefixes}")
    alphas = np.ones(len(prefixes)) if weights is None else np.asarray(weights, float)
    w = np.zeros(dim)
    for m, a in zip(prefixes, alphas):
        w[:m] += a
    return w


def matryoshka_loss_and_grads(v_c, u, prefixes, weights=None):
    """Nested negative-sampling loss L = Σ_m α_m L_m and its gradients, for B pairs.

    Parameters
    ----------
    v_c : ndarray, shape (B, d) — center vectors.
    u : ndarray, shape (B, 1+K, d) — the true context's output vector first, then K negatives.
    prefixes : list of int — the prefix lengths M (each ≤ d).
    weights : array_like, optional — α_m for each prefix (default all 1).

    Returns
    -------
    loss : ndarray, shape (B,) — Σ_m α_m J_b(first m dims).
    grad_v_c : ndarray, shape (B, d)
    grad_u : ndarray, shape (B, 1+K, d)

    Example: ``prefixes=[d]`` → exactly skip-gram's negative-sampling loss and gradients.
    """
    alphas = np.ones(len(prefixes)) if weights is None else np.asarray(weights, float)
    cumulative = np.cumsum(u * v_c[:, None, :], axis=2)               # (B, 1+K, d): s after j+1 dims
    sign = np.ones(u.shape[1])
    sign[1:] = -1.0                                                    # log σ(s) for the context, log σ(−s) for negatives
    loss = np.zeros(len(v_c))
    coeff = np.zeros(u.shape)                                          # (B, 1+K, d): Σ_{m > j} α_m g_m
    for m, a in zip(prefixes, alphas):
        s = cumulative[:, :, m - 1]                                    # (B, 1+K) scores with m dims
        loss -= a * log_sigmoid(sign * s).sum(axis=1)
        g = sigmoid(s)
        g[:, 0] -= 1.0                                                 # ∂J/∂s = σ(s) − label
        coeff[:, :, :m] += a * g[:, :, None]
    grad_v = (coeff * u).sum(axis=1)
    grad_u = coeff * v_c[:, None, :]
    if not np.all(np.isfinite(loss)):
        raise FloatingPointError("non-finite loss")
    return loss, grad_v, grad_u


def _scatter_add(W, rows, grads):
    """``W[rows[i]] += grads[i]``, summing repeated rows; rows shape (n,), grads (n, d)."""
    unique, inverse = np.unique(rows, return_inverse=True)
    summed = np.zeros((len(unique), W.shape[1]), dtype=np.float64)
    np.add.at(summed, inverse, grads)
    W[unique] += summed.astype(W.dtype)


def train_matryoshka(sentences, settings: TrainingSettings | None = None, *, prefixes=(4, 8, 16, 32, 64),
                     prefix_alphas=None, vocab=None, progress: bool = True) -> SkipGramModel:
    """Train skip-gram with the nested-prefix (Matryoshka) loss by mini-batch SGD.

    ``sentences``, ``settings``, ``vocab`` and ``progress`` as for
    :func:`lib.skipgram.numpy_engine.train_numpy`; in addition ``prefixes`` (the set M,
    ending with ``settings.dim``) and ``prefix_alphas`` (α_m, default 1 each).
    Each step is divided by Σ α_m, so the effective learning rate matches ordinary training.

    Returns a :class:`~lib.skipgram.model.SkipGramModel` whose ``W_in[:, :m]`` are the m-dim vectors.
    Example: ``train_matryoshka(s, TrainingSettings(dim=8), prefixes=[2, 8]).W_in.shape`` → ``(V, 8)``.
    """
    sentences, settings = training_input(sentences, settings)
    if max(prefixes) != settings.dim:
        raise ValueError(f"the largest prefix must be the dimension: prefixes {list(prefixes)}, dim {settings.dim}")
    data = EpochPairs(sentences, settings, vocab=vocab)
    rng = np.random.default_rng(settings.seed)
    model = SkipGramModel(data.vocab, *init_weights(len(data.vocab), settings.dim, rng), settings)
    W_in, W_out = model.W_in, model.W_out
    scale = 1.0 / (np.sum(prefix_alphas) if prefix_alphas is not None else len(prefixes))
    with progress_bar(data.total_tokens, settings.epochs, progress) as bar:
        for epoch in range(settings.epochs):
            start, loss_sum, n_pairs = time.perf_counter(), 0.0, 0
            for centers, contexts, lr in data.batches(epoch):
                negatives = data.sampler.sample(rng, (len(centers), settings.negative))
                outputs = np.concatenate([contexts[:, None], negatives], axis=1)          # (B, 1+K)
                loss, grad_v, grad_u = matryoshka_loss_and_grads(W_in[centers], W_out[outputs],
                                                                 prefixes, prefix_alphas)
                step = lr * scale
                _scatter_add(W_out, outputs.ravel(), -step * grad_u.reshape(-1, settings.dim))   # u −= η ∂L/∂u
                _scatter_add(W_in, centers, -step * grad_v)                                     # v −= η ∂L/∂v
                loss_sum += float(loss.sum()) * scale
                n_pairs += len(centers)
                bar.update(data.tokens_in_batch(len(centers)))
            seconds = time.perf_counter() - start
            model.history.append(EpochRecord(epoch=epoch + 1, loss=loss_sum / n_pairs,
                                             alpha=learning_rate(settings, epoch + 1), pairs=n_pairs,
                                             seconds=seconds, tokens_per_s=data.total_tokens / seconds))
    return model


def prefix_scores(W, words, prefixes, counts=None) -> list[dict]:
    """Benchmark scores of the first m dimensions of ``W`` (V, d), for each m in ``prefixes``.

    Returns one dict per prefix: ``dim``, ``wordsim353`` and ``simlex999`` (Spearman correlations).
    Example: ``prefix_scores(kv.vectors, kv.index_to_key, [8, 100])`` → two dicts.
    """
    from lib.vectors.evaluation import word_pair_spearman
    from lib.vectors.keyed import to_keyed_vectors
    out = []
    for m in prefixes:
        kv = to_keyed_vectors(words, W[:, :m], counts)
        out.append({"dim": m, **{name: word_pair_spearman(kv, name)["spearman"] for name in ("wordsim353", "simlex999")}})
    return out


def prefix_neighbour_recall(W, prefixes, n_queries: int = 1000, k: int = 10) -> list[float]:
    """For each prefix m: recall@k of the full-dimension nearest neighbours, using only the first m dims.

    The queries are the first ``n_queries`` rows (the most frequent words); each word itself is excluded.
    Example: ``prefix_neighbour_recall(W, [W.shape[1]])`` → ``[1.0]``.
    """
    from lib.vectors.quantization import exact_search, recall_at_k
    queries = W[:n_queries]
    truth = exact_search(W, queries, k + 1)[:, 1:]
    return [recall_at_k(exact_search(W[:, :m], queries[:, :m], k + 1)[:, 1:], truth) for m in prefixes]
