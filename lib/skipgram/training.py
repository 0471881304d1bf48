"""What every skip-gram engine shares: settings, the epoch's training pairs, progress and NaN checks.

One epoch, as in word2vec: subsample the corpus (each occurrence of w kept with
probability p_keep(w)), then take dynamic-window pairs over what remains, in
corpus order, and cut them into mini-batches. The learning rate falls linearly
from ``alpha`` to ``min_alpha`` over all epochs.

Speed is reported with word2vec.c's definition: in-vocabulary corpus tokens
*before* subsampling, times epochs, divided by training wall time.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass

import numpy as np

from lib.text.pairs import window_pairs
from lib.text.vocabulary import NoiseSampler, Vocabulary

BLOCK_TOKENS = 1_000_000
"""Tokens turned into pairs at a time, to bound memory on large corpora."""


class TrainingDivergedError(FloatingPointError):
    """The loss became NaN or infinite; ``.model`` holds the weights' last finite values."""

    model = None


@contextlib.contextmanager
def diverged_keeps(model):
    """Attach ``model`` to a :class:`TrainingDivergedError` raised inside the block, so nothing is lost."""
    try:
        yield
    except TrainingDivergedError as error:
        error.model = model
        raise


@dataclass(frozen=True)
class TrainingSettings:
    """Hyperparameters shared by the NumPy and PyTorch engines (defaults are word2vec's)."""

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
    seed: int = 0

    def __post_init__(self):
        for name in ("dim", "window", "epochs", "batch_size", "min_count"):
            if getattr(self, name) < 1:
                raise ValueError(f"{name} must be at least 1, got {getattr(self, name)}")
        if self.negative < 0:
            raise ValueError(f"negative must be ≥ 0, got {self.negative}")
        if not 0 < self.alpha:
            raise ValueError(f"alpha must be positive, got {self.alpha}")


class EpochPairs:
    """The corpus as word ids, and each epoch's subsampled, windowed mini-batches.

    Attributes
    ----------
    vocab : Vocabulary
    ids : ndarray of int32, shape (N,) — in-vocabulary tokens of the corpus, end to end.
    sentence_of : ndarray of int32, shape (N,) — the sentence each token belongs to.
    keep : ndarray, shape (V,) — subsampling keep probabilities.
    sampler : NoiseSampler — draws negatives from unigram^ns_exponent.
    total_tokens : int — N, the tokens per epoch in word2vec's speed count.
    """

    def __init__(self, sentences, settings: TrainingSettings, vocab: Vocabulary | None = None):
        self.settings = settings
        self.vocab = vocab or Vocabulary.from_sentences(sentences, settings.min_count)
        self.ids, self.sentence_of = self.vocab.encode_corpus(sentences)
        self.total_tokens = len(self.ids)
        self.keep = self.vocab.keep_probabilities(settings.sample)
        self.sampler = NoiseSampler(self.vocab.noise_distribution(settings.ns_exponent))
        self._pairs_this_epoch = 1

    def epoch_pairs(self, epoch: int):
        """Yield (centers, contexts) word-id arrays for one epoch, block by block.

        The epoch's randomness comes from ``(seed, epoch)``, so any epoch can be
        reproduced on its own.
        """
        rng = np.random.default_rng([self.settings.seed, epoch])
        kept = rng.random(self.total_tokens) < self.keep[self.ids]
        ids, sent = self.ids[kept], self.sentence_of[kept]
        # Cut blocks at sentence starts so that no window straddles two blocks.
        starts = np.flatnonzero(np.r_[True, sent[1:] != sent[:-1]])
        cuts = np.unique(starts[np.searchsorted(starts, np.arange(0, len(ids), BLOCK_TOKENS))])
        for a, b in zip(cuts, np.r_[cuts[1:], len(ids)]):
            c, o = window_pairs(sent[a:b], self.settings.window, rng)
            yield ids[a:b][c], ids[a:b][o]

    def batches(self, epoch: int):
        """Yield ``(centers, contexts, lr)`` mini-batches of one epoch; shapes (B,), (B,), float.

        ``lr`` decays linearly with the fraction of all training done.
        """
        s = self.settings
        pairs = list(self.epoch_pairs(epoch))
        total = sum(len(c) for c, _ in pairs)
        if total == 0:
            raise ValueError("this epoch produced no training pairs: every sentence has fewer than "
                             "two in-vocabulary words. Use longer sentences or lower min_count.")
        self._pairs_this_epoch, done = total, 0
        for centers, contexts in pairs:
            for i in range(0, len(centers), s.batch_size):
                fraction = (epoch + done / total) / s.epochs
                done += len(centers[i:i + s.batch_size])
                lr = max(s.min_alpha, s.alpha - (s.alpha - s.min_alpha) * fraction)
                yield centers[i:i + s.batch_size], contexts[i:i + s.batch_size], lr

    def tokens_in_batch(self, n_pairs: int) -> float:
        """Corpus tokens a batch of ``n_pairs`` pairs stands for, for the progress bar."""
        return self.total_tokens * n_pairs / self._pairs_this_epoch


@contextlib.contextmanager
def progress_bar(data: EpochPairs, enabled: bool = True):
    """A tqdm bar counting corpus tokens over all epochs; its rate is word2vec's tokens/s."""
    from tqdm.auto import tqdm
    total = data.total_tokens * data.settings.epochs
    with tqdm(total=total, unit="tok", unit_scale=True, disable=not enabled, desc="training",
              bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} [{elapsed}<{remaining}, {rate_fmt}]") as bar:
        yield bar


def check_finite(loss, epoch: int, settings: TrainingSettings) -> None:
    """Raise :class:`TrainingDivergedError` if any loss value is NaN or infinite.

    Called before a batch's update is applied, so the weights stay finite.
    """
    if not np.all(np.isfinite(loss)):
        raise TrainingDivergedError(
            f"the loss became NaN or infinite in epoch {epoch + 1} (alpha={settings.alpha}, "
            f"batch_size={settings.batch_size}). Training stopped; the weights hold their last "
            "finite values. Lower alpha or batch_size and train again.")
