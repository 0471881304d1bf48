"""One epoch's training pairs made on a PyTorch device, by :mod:`lib.skipgram.epoch_pairs`'s specification.

The corpus lives on the device as one tensor of word ids; subsampling, the
dynamic windows and the shuffle are tensor operations there, drawn from a
``torch.Generator``. The pairs are made one offset at a time (−w … −1, 1 … w):
for offset k, every kept token whose window reaches k inside its sentence pairs
with the token k places away. ``tests/test_epoch_pairs.py`` holds these pairs to
the same specification as the NumPy ones.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
import torch


def draw_kept_on_device(ids: torch.Tensor, keep: torch.Tensor, generator: torch.Generator) -> torch.Tensor:
    """Subsampling's draw on the device: which tokens of ``ids`` (shape (N,)) this epoch keeps, bool (N,).

    ``keep`` (shape (V,)) holds p_keep of each word; the same rule as
    :func:`lib.skipgram.epoch_pairs.draw_kept`, from PyTorch's generator.
    """
    return torch.rand(len(ids), device=ids.device, generator=generator) < keep[ids]


def draw_reach_on_device(n: int, window: int, generator: torch.Generator, device) -> torch.Tensor:
    """The dynamic windows b_i ~ Uniform{1..w} of ``n`` kept tokens, int32 of shape (n,), on ``device``."""
    return torch.randint(1, window + 1, (n,), device=device, generator=generator, dtype=torch.int32)


def reach_in_sentence(sentence_of: torch.Tensor, reach: torch.Tensor):
    """How far each kept token's window reaches left and right without leaving its sentence.

    Parameters
    ----------
    sentence_of : int tensor, shape (n,) — the sentence of each kept token, in corpus order.
    reach : int32 tensor, shape (n,) — each token's window b_i.

    Returns
    -------
    left, right : int32 tensors, shape (n,) — ``left[i] = min(b_i, i − first kept token of i's
    sentence)``, ``right`` likewise towards the sentence's last kept token.
    Example: one sentence of 3 tokens, reach [2, 2, 2] → left [0, 1, 2], right [2, 1, 0].
    """
    n = len(sentence_of)
    position = torch.arange(n, device=sentence_of.device, dtype=torch.int32)
    starts = torch.ones(n, dtype=torch.bool, device=sentence_of.device)     # first kept token of its sentence
    starts[1:] = sentence_of[1:] != sentence_of[:-1]
    ends = torch.ones(n, dtype=torch.bool, device=sentence_of.device)       # last kept token of its sentence
    ends[:-1] = starts[1:]
    first = torch.cummax(torch.where(starts, position, 0), 0).values
    last = torch.cummin(torch.where(ends, position, n).flip(0), 0).values.flip(0)
    return torch.minimum(reach, position - first), torch.minimum(reach, last - position)


def offset_pairs(ids: torch.Tensor, left: torch.Tensor, right: torch.Tensor, window: int, threads: int = 1):
    """Step 4 of :mod:`lib.skipgram.epoch_pairs` on the device: the pairs of the kept tokens, offset by offset.

    Parameters
    ----------
    ids : int32 tensor, shape (n,) — the kept tokens' word ids, in corpus order.
    left, right : int32 tensors, shape (n,) — how far each token reaches inside its sentence
        (:func:`reach_in_sentence`).
    window : int — w.
    threads : int — CPU threads that write the 2w offsets' pairs at once.

    Returns
    -------
    centers, contexts : int32 tensors, shape (P,) — word ids, offset by offset (−w … −1, 1 … w),
        in corpus order within an offset. Each offset's pairs are written straight into their
        slice of the two outputs, so no per-offset copies are held at once.
    """
    offsets = list(range(-window, 0)) + list(range(1, window + 1))

    def reaching(side):   # reaching(side)[k]: how many tokens reach k or further that way
        return torch.bincount(side, minlength=window + 1).flip(0).cumsum(0).flip(0).tolist()
    reaching_left, reaching_right = reaching(left), reaching(right)
    sizes = [reaching_left[-offset] if offset < 0 else reaching_right[offset] for offset in offsets]
    bounds = np.cumsum([0] + sizes).tolist()       # offset i's pairs go to [bounds[i], bounds[i + 1])
    centers = torch.empty(bounds[-1], dtype=ids.dtype, device=ids.device)
    contexts = torch.empty_like(centers)

    def write_offset(i):
        """Offset i's pairs, written straight to their slice of ``centers`` and ``contexts``."""
        k = abs(offsets[i])
        if offsets[i] < 0:
            ok = left[k:] >= k
            c, o = ids[k:][ok], ids[:-k][ok]
        else:
            ok = right[:-k] >= k
            c, o = ids[:-k][ok], ids[k:][ok]
        centers[bounds[i]:bounds[i + 1]], contexts[bounds[i]:bounds[i + 1]] = c, o

    on_threads(write_offset, range(len(offsets)), threads)
    return centers, contexts


def device_pairs(ids: torch.Tensor, sentence_of: torch.Tensor, keep: torch.Tensor, window: int,
                 generator: torch.Generator, threads: int = 1, shuffle: bool = False):
    """One epoch's pairs (:mod:`lib.skipgram.epoch_pairs`'s specification), made on the device.

    Parameters
    ----------
    ids, sentence_of : int32 tensors, shape (N,) — the corpus end to end and each token's sentence.
    keep : float tensor, shape (V,) — subsampling keep probability of each word.
    window : int — maximum window w; each kept token draws b ~ Uniform{1..w}.
    generator : torch.Generator — the epoch's draws, in order: subsampling, windows, permutation.
    threads : int — CPU threads that compute the 2w offsets' pairs at once.
    shuffle : bool — put the pairs in a random order (``torch.randperm`` with ``generator``).
        The permutation needs only the number of pairs, so it is drawn on a thread of its own
        while the pairs are made.

    Memory: the peak is about four (P,) arrays (two of pairs, the permutation, one shuffled
    copy) beside the per-token arrays; the shuffle replaces one output at a time.

    Returns
    -------
    centers, contexts : int32 tensors, shape (P,) — word ids; without ``shuffle``, offset by offset
        (:func:`offset_pairs`). int32 halves the memory of a large corpus's pairs; PyTorch
        indexes with int32 as with int64.
    """
    kept = draw_kept_on_device(ids, keep, generator)
    ids, sentence_of = ids[kept], sentence_of[kept]
    left, right = reach_in_sentence(sentence_of, draw_reach_on_device(len(ids), window, generator, ids.device))
    if not shuffle:
        return offset_pairs(ids, left, right, window, threads)
    n_pairs = int(left.sum() + right.sum())
    with ThreadPoolExecutor(1) as drawer:
        drawing = drawer.submit(torch.randperm, n_pairs, generator=generator, device=ids.device,
                                dtype=torch.int32 if n_pairs < 2 ** 31 else torch.int64)
        centers, contexts = offset_pairs(ids, left, right, window, threads)
        order = drawing.result()
    centers = centers.index_select(0, order)      # one array at a time: the old one is freed before the next
    contexts = contexts.index_select(0, order)
    return centers, contexts


def on_threads(function, items, threads: int) -> list:
    """``[function(item) for item in items]``, on ``threads`` threads (PyTorch's operations let go of
    Python's interpreter lock, so tensor work overlaps)."""
    if threads == 1:
        return [function(item) for item in items]
    with ThreadPoolExecutor(threads) as pool:
        return list(pool.map(function, items))
