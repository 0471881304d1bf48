"""Skip-gram with negative sampling in PyTorch: the NumPy reference's model, on a GPU when there is one.

Same model, hyperparameters and defaults as :mod:`lib.skipgram_numpy`; what
changes is where the work happens. The whole corpus lives on the device as one
tensor of word ids, and each epoch's subsampling, dynamic windows, shuffling
and negative draws are tensor operations there, so the only Python loop is over
mini-batches. Updates are plain SGD on the rows a batch touches
(``index_add_``), with word2vec's linear learning-rate decay — no autograd, no
dense optimiser state (Adam on a 70k × 100 table would move every row at every
step and, in practice, trains worse).

Large batches. A batch's updates are computed from the same weights and summed.
A frequent word then receives thousands of gradient contributions at once that
word2vec would have applied one after another, each shrinking the next; summed,
they overshoot, and at about 10^5 pairs per batch training diverges to NaN (we
reproduced this on the shipped corpus). With ``damping=True`` (the default)
every row's summed step is divided by ``1 + lr · Σ σ'(s)|x|²`` — the summed
Gauss–Newton curvature of that row's losses — an implicit (proximal) SGD step.
A row touched once or twice keeps the plain SGD step; a busy row's step is
bounded by the Newton step on its summed loss.
"""
from __future__ import annotations

import time

import numpy as np
import torch

from lib.config import SEED
from lib.skipgram_numpy import SkipGramModel, init_weights
from lib.training_data import (EpochPairs, TrainingDivergedError, TrainingSettings, check_finite,
                               diverged_keeps, progress_bar)

CHECK_EVERY = 50
"""Batches between finiteness checks (each check waits for the device, so not every batch)."""


def default_device() -> torch.device:
    """CUDA if available, else the CPU."""
    return torch.device("cuda" if torch.cuda.is_available() else "cpu")


def device_pairs(ids: torch.Tensor, sentence_of: torch.Tensor, keep: torch.Tensor, window: int,
                 generator: torch.Generator):
    """One epoch's subsampled dynamic-window pairs, computed on the device.

    Parameters
    ----------
    ids, sentence_of : int tensors, shape (N,) — the corpus end to end and each token's sentence.
    keep : float tensor, shape (V,) — subsampling keep probability of each word.
    window : int — maximum window w; each center draws b ~ Uniform{1..w}.

    Returns
    -------
    centers, contexts : int64 tensors, shape (P,) — word ids, in corpus order.
    """
    kept = torch.rand(len(ids), device=ids.device, generator=generator) < keep[ids]
    ids, sent = ids[kept], sentence_of[kept]
    n = len(ids)
    reach = torch.randint(1, window + 1, (n,), device=ids.device, generator=generator)
    positions = torch.arange(n, device=ids.device)
    centers, contexts = [], []
    for offset in list(range(-window, 0)) + list(range(1, window + 1)):   # 2w vector operations
        j = positions + offset
        ok = (j >= 0) & (j < n) & (reach >= abs(offset))
        ok &= sent[j.clamp(0, n - 1)] == sent
        centers.append(ids[ok])
        contexts.append(ids[j[ok]])
    return torch.cat(centers).long(), torch.cat(contexts).long()


def damped_index_add_(W: torch.Tensor, rows: torch.Tensor, updates: torch.Tensor, curvature: torch.Tensor,
                      lr: float) -> None:
    """In place ``W[r] += (Σ_i updates_i) / (1 + lr · Σ_i curvature_i)`` for every row r.

    The sum runs over the batch entries i that touch row r. ``curvature`` (shape (M,))
    is each entry's Gauss–Newton curvature of the loss along its row, σ'(s)·|x|².
    A row touched once or twice has a tiny denominator and takes the plain SGD
    step; a frequent word's row, hit thousands of times, takes a step no larger
    than a Newton step on its summed loss — the place word2vec's one-at-a-time
    updates would have settled — instead of overshooting it.
    """
    total = torch.zeros(W.shape[0], dtype=W.dtype, device=W.device).index_add_(0, rows, curvature)
    W.index_add_(0, rows, updates / (1.0 + lr * total[rows, None]))


def sgd_step(W_in, W_out, centers, contexts, negatives, lr: float, damping: bool = True):
    """One SGD step with negative sampling; returns the summed loss as a 0-d tensor (no sync).

    Shapes: ``centers``, ``contexts`` (B,); ``negatives`` (B, K). The gradients are
    those of :func:`lib.skipgram_numpy.negative_sampling_score_grads`; with
    ``damping=False`` the step is exactly :func:`lib.skipgram_numpy.sgd_step_negative_sampling`'s.
    """
    outputs = torch.cat([contexts[:, None], negatives], dim=1)            # (B, 1+K): context first
    v_c, u = W_in[centers], W_out[outputs]                                # (B, d), (B, 1+K, d)
    scores = torch.bmm(u, v_c[:, :, None])[..., 0]                        # s = u_w · v_c, (B, 1+K)
    loss = torch.nn.functional.softplus(-scores[:, 0]).sum() + \
        torch.nn.functional.softplus(scores[:, 1:]).sum()                 # −log σ(s_o) − Σ log σ(−s_k)
    prob = torch.sigmoid(scores)
    g = prob.clone()
    g[:, 0] -= 1.0                                                        # ∂J/∂s = σ(s) − label
    grad_v_c = torch.bmm(g[:, None, :], u)[:, 0]                          # Σ_w g_w u_w, (B, d)
    d = v_c.shape[1]
    rows_out, step_out = outputs.reshape(-1), (-lr * g[..., None] * v_c[:, None, :]).reshape(-1, d)
    if not damping:                                                       # plain summed SGD
        W_out.index_add_(0, rows_out, step_out)
        W_in.index_add_(0, centers, -lr * grad_v_c)
        return loss
    sig_prime = prob * (1 - prob)                                         # σ'(s): the loss's curvature in s
    damped_index_add_(W_out, rows_out, step_out, (sig_prime * (v_c * v_c).sum(1, keepdim=True)).reshape(-1), lr)
    damped_index_add_(W_in, centers, -lr * grad_v_c, (sig_prime * (u * u).sum(2)).sum(1), lr)
    return loss


def train_skipgram_torch(sentences, dim: int = 100, window: int = 5, negative: int = 5, sample: float = 1e-3,
                         min_count: int = 5, epochs: int = 5, alpha: float = 0.025, min_alpha: float = 1e-4,
                         batch_size: int = 1024, ns_exponent: float = 0.75, seed: int = SEED,
                         progress: bool = True, vocab=None, callback=None, device=None,
                         damping: bool = True, shuffle: bool = True) -> SkipGramModel:
    """Train skip-gram with negative sampling on ``device`` (CUDA if present, else CPU).

    Parameters are those of :func:`lib.skipgram_numpy.train_skipgram`, plus:

    device : str or torch.device, optional
    damping : bool
        Divide each row's summed step by 1 + lr × its summed curvature (see the
        module docstring); False gives plain summed SGD, which diverges at large batches.
    shuffle : bool
        Shuffle each epoch's pairs (on the device) before cutting batches, so a
        large batch mixes the whole corpus instead of one stretch of text.

    Returns
    -------
    SkipGramModel
        With NumPy ``W_in``/``W_out`` on the host, like the NumPy engine's.
    """
    device = torch.device(device) if device is not None else default_device()
    settings = TrainingSettings(dim, window, negative, sample, min_count, epochs, alpha, min_alpha,
                                batch_size, ns_exponent, seed)
    data = EpochPairs(sentences, settings, vocab=vocab)
    rng = np.random.default_rng(seed)
    W_in_np, W_out_np = init_weights(len(data.vocab), dim, rng)           # same start as NumPy's
    W_in, W_out = torch.from_numpy(W_in_np).to(device), torch.from_numpy(W_out_np).to(device)
    ids = torch.from_numpy(data.ids).to(device)
    sentence_of = torch.from_numpy(data.sentence_of).to(device)
    keep = torch.from_numpy(data.keep).to(device=device, dtype=torch.float32)
    table = torch.from_numpy(data.sampler.table).to(device)
    generator = torch.Generator(device=device).manual_seed(seed)
    model = SkipGramModel(data.vocab, W_in_np, W_out_np)
    total_steps = None
    with progress_bar(data, progress) as bar, diverged_keeps(model), torch.no_grad():
        for epoch in range(epochs):
            start = time.perf_counter()
            centers, contexts = device_pairs(ids, sentence_of, keep, window, generator)
            if shuffle:
                order = torch.randperm(len(centers), device=device, generator=generator)
                centers, contexts = centers[order], contexts[order]
            n_pairs = len(centers)
            if n_pairs == 0:
                raise ValueError("this epoch produced no training pairs: every sentence has fewer than "
                                 "two in-vocabulary words. Use longer sentences or lower min_count.")
            steps = -(-n_pairs // batch_size)
            total_steps = total_steps or steps * epochs
            loss_sum = torch.zeros((), device=device, dtype=torch.float64)
            saved = (W_in.clone(), W_out.clone())
            for step in range(steps):
                fraction = (epoch + step / steps) / epochs
                lr = max(min_alpha, alpha - (alpha - min_alpha) * fraction)
                c = centers[step * batch_size:(step + 1) * batch_size]
                o = contexts[step * batch_size:(step + 1) * batch_size]
                negatives = table[torch.randint(0, len(table), (len(c), negative), device=device,
                                                generator=generator)].long()
                loss_sum += sgd_step(W_in, W_out, c, o, negatives, lr, damping)
                if (step + 1) % CHECK_EVERY == 0 or step == steps - 1:
                    if not (torch.isfinite(loss_sum) and torch.isfinite(W_in).all() and torch.isfinite(W_out).all()):
                        model.W_in, model.W_out = saved[0].cpu().numpy(), saved[1].cpu().numpy()
                        check_finite(np.array([np.nan]), epoch, settings)
                    saved = (W_in.clone(), W_out.clone())
                bar.update(data.total_tokens * len(c) / n_pairs)
            if device.type == "cuda":
                torch.cuda.synchronize()
            seconds = time.perf_counter() - start
            model.W_in, model.W_out = W_in.cpu().numpy(), W_out.cpu().numpy()
            record = {"epoch": epoch + 1, "loss": float(loss_sum) / n_pairs, "alpha": lr, "pairs": n_pairs,
                      "seconds": seconds, "tokens_per_s": data.total_tokens / seconds}
            model.history.append(record)
            if callback is not None:
                callback(model, record)
    return model
