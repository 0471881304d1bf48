"""Negative words drawn on a PyTorch device by the alias method: the exact noise distribution in two (V,) arrays.

word2vec.c draws negatives from a table of 10^8 slots (the NumPy engine's
:class:`lib.text.vocabulary.NoiseSampler` uses 10^7: 40 MB of int32) in which
word i fills about ``P_n(i) · size`` slots; a draw is one random slot. Walker's
alias method gives the same kind of draw from two arrays of V entries: slot i
(drawn uniformly among V) keeps word i with probability ``accept[i]`` and
otherwise gives its ``alias[i]``, a word with more than its share. Vose's
construction fills the slots so that every word's total is exactly its
probability, so the draws follow P_n itself, not P_n rounded to 1/size.

One 64-bit random integer makes one draw: its high part picks the slot, its
low :data:`FRACTION_BITS` bits are the uniform number compared with
``accept[i]`` (kept as an integer of as many bits), so probabilities are
represented to within 2^-20 / V (about 10^-11 for text8's 71,290 words).
"""
from __future__ import annotations

import numpy as np
import torch

FRACTION_BITS = 20
"""Bits of each draw that decide between a slot's own word and its alias."""


def alias_table(probabilities) -> tuple[np.ndarray, np.ndarray]:
    """Vose's alias table of a distribution: each slot's keep probability and alias.

    Parameters
    ----------
    probabilities : array, shape (V,) — non-negative, summing to 1 (e.g. P_n,
        :meth:`lib.text.vocabulary.Vocabulary.noise_distribution`).

    Returns
    -------
    accept : float64 array, shape (V,) — probability that slot i gives word i.
    alias : int64 array, shape (V,) — the word slot i gives otherwise.
    Word j is then drawn with probability ``(accept[j] + Σ_{i: alias[i]=j} (1 − accept[i])) / V = P(j)``.
    Example: ``[0.75, 0.25]`` → accept ``[1.0, 0.5]``, alias ``[0, 0]``.
    """
    p = np.asarray(probabilities, dtype=np.float64)
    if p.ndim != 1 or len(p) == 0 or np.any(p < 0) or not np.isclose(p.sum(), 1.0):
        raise ValueError("probabilities must be a non-empty 1-D array of non-negative numbers summing to 1")
    n = len(p)
    scaled = p * n                                       # a slot holds 1; word i needs scaled[i] slots
    accept, alias = np.ones(n), np.arange(n)
    small = np.flatnonzero(scaled < 1).tolist()
    large = np.flatnonzero(scaled >= 1).tolist()
    while small and large:
        s, g = small.pop(), large.pop()
        accept[s], alias[s] = scaled[s], g               # slot s: word s, topped up by word g
        scaled[g] -= 1.0 - scaled[s]
        (small if scaled[g] < 1 else large).append(g)
    return accept, alias                                  # slots left over (rounding) keep their own word


class AliasNoise:
    """Draws noise words on a device from an alias table (:func:`alias_table`).

    Parameters
    ----------
    probabilities : array, shape (V,) — the noise distribution P_n.
    device : torch.device or str

    Memory: an int64 and an int32 array of V entries (0.9 MB for text8's vocabulary), against 40 MB for a
    table of 10^7 int32 slots. Example: ``AliasNoise([0.75, 0.25], "cpu").draw(4, generator)`` →
    an int32 tensor of 4 ids, each 0 with probability 0.75.
    """

    def __init__(self, probabilities, device="cpu"):
        accept, alias = alias_table(probabilities)
        self.n_words = len(accept)
        threshold = np.minimum(np.round(accept * 2 ** FRACTION_BITS), 2 ** FRACTION_BITS).astype(np.int64)
        self.threshold = torch.from_numpy(threshold).to(device)    # keep slot i's word if the fraction < this
        self.alias = torch.from_numpy(alias.astype(np.int32)).to(device)

    def draw(self, n: int, generator: torch.Generator) -> torch.Tensor:
        """``n`` word ids drawn from P_n, int32 tensor of shape (n,) (the pairs' type), one random integer per draw."""
        r = torch.randint(0, self.n_words << FRACTION_BITS, (n,), device=self.alias.device, generator=generator)
        slot = (r >> FRACTION_BITS).to(torch.int32)
        own = (r & ((1 << FRACTION_BITS) - 1)) < self.threshold.index_select(0, slot)
        return torch.where(own, slot, self.alias.index_select(0, slot))
