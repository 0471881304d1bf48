"""The settings every skip-gram engine takes, and the learning-rate schedule they all follow.

One frozen object holds the hyperparameters (defaults are word2vec's); it is
built by keyword only, so no argument can land in the wrong field, and it is
copied with a change by ``dataclasses.replace(settings, epochs=20)``.

The learning rate falls linearly from ``alpha`` to ``min_alpha`` over all
training, as in word2vec.c: after ``t`` of ``T`` epochs (t may be fractional)
it is ``max(min_alpha, alpha − (alpha − min_alpha) · t / T)``.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from lib.config import SEED


@dataclass(frozen=True, kw_only=True)
class TrainingSettings:
    """Hyperparameters shared by the NumPy, PyTorch and Gensim engines (defaults are word2vec's).

    Attributes
    ----------
    dim : int — embedding dimension d.
    window : int — maximum window w; each center draws its own window from {1..w}.
    negative : int — negatives k per positive pair, drawn from unigram^``ns_exponent``.
    sample : float — subsampling threshold s (0 keeps every token).
    min_count : int — words rarer than this are left out of the vocabulary.
    epochs : int — passes over the corpus.
    alpha, min_alpha : float — learning rate at the start, and the floor it decays to.
    batch_size : int — pairs B per SGD step (Gensim has no batches: it updates after every pair).
    ns_exponent : float — the noise distribution's exponent, 0.75 in word2vec.
    seed : int — seeds initialisation, subsampling, windows and negatives.
    chunk_tokens : int or None — corpus tokens the PyTorch engine turns into pairs at a time
        (:mod:`lib.skipgram.pair_stream`); it holds at most two chunks' pairs, at most
        ``2 · 2w · chunk_tokens``. None makes a whole epoch's pairs at once. The other engines ignore it.
        The default, 100,000, keeps the pairs to a few MB (about 0.47M pairs a chunk on text8-like
        text), at which chunk the course corpus met Gensim's scores (chapter 15).

    Example: ``TrainingSettings(dim=50, epochs=3).window`` → 5.
    """

    dim: int = 100
    window: int = 5
    negative: int = 5
    sample: float = 1e-3
    min_count: int = 5
    epochs: int = 5
    alpha: float = 0.025
    min_alpha: float = 1e-4
    batch_size: int = 1024
    ns_exponent: float = 0.75
    seed: int = SEED
    chunk_tokens: int | None = 100_000

    def __post_init__(self):
        for name in ("dim", "window", "epochs", "batch_size", "min_count"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.chunk_tokens is not None and self.chunk_tokens < 1:
            raise ValueError(f"chunk_tokens must be at least 1, or None for a whole epoch at once; "
                             f"got {self.chunk_tokens}")
        if self.negative < 0:
            raise ValueError(f"negative must be ≥ 0, got {self.negative}")
        if not 0 < self.alpha:
            raise ValueError(f"alpha must be positive, got {self.alpha}")
        if self.sample < 0:
            raise ValueError(f"sample must be ≥ 0 (0 keeps every token), got {self.sample}")


def learning_rate(settings: TrainingSettings, epochs_done):
    """The learning rate after ``epochs_done`` epochs of training (a float, or an array of them).

    Parameters
    ----------
    settings : TrainingSettings
    epochs_done : float or ndarray — epochs completed, counting fractions: ``epoch + pairs done
        in this epoch / pairs of this epoch``.

    Returns
    -------
    float, or ndarray of float64 of the same shape.

    Example: alpha 0.025, min_alpha 1e-4, 5 epochs → ``learning_rate(s, 2.5)`` → 0.01255.
    """
    fraction = np.asarray(epochs_done, dtype=np.float64) / settings.epochs
    rate = np.maximum(settings.min_alpha, settings.alpha - (settings.alpha - settings.min_alpha) * fraction)
    return float(rate) if rate.ndim == 0 else rate
