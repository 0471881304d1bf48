"""One epoch's training pairs: the specification every engine follows, and its NumPy realisation.

The specification (word2vec.c's, and the course's for every engine):

1. **The corpus** is the in-vocabulary tokens laid end to end, as word ids,
   with the sentence of each token (:meth:`lib.text.vocabulary.Vocabulary.encode_corpus`);
   out-of-vocabulary words are dropped before anything else.
2. **Subsampling.** Token i is kept when ``u_i < p_keep(w_i)``, with ``u_i ~ U[0, 1)``
   drawn afresh for every token in every epoch
   (:meth:`lib.text.vocabulary.Vocabulary.keep_probabilities`).
3. **Dynamic window.** Every kept token draws its window ``b_i ~ Uniform{1..w}``.
4. **Pairs.** (i, j) is a pair when i and j are kept tokens of the same sentence and
   ``1 ≤ |i − j| ≤ b_i``, distances counted in kept tokens: a subsampled word is
   removed before windows are taken, so windows reach further in text with many
   frequent words. A context at distance k is therefore kept with probability
   (w − k + 1) / w.
5. **Steps.** Pairs are cut into batches of ``batch_size``; a batch's learning rate is
   :func:`lib.skipgram.settings.learning_rate` after ``epoch + pairs done / pairs of the epoch``.

The engines differ only in where and in which order: this module makes the
pairs on the CPU, block by block, in corpus order (center by center); the
PyTorch engine makes them on its device, one offset at a time, then shuffles
them (:func:`lib.skipgram.torch_pairs.device_pairs`). Both split an epoch into
the same random draws (steps 2 and 3) and a deterministic rest, and
``tests/test_epoch_pairs.py`` holds them to the same pairs.
"""
from __future__ import annotations

import numpy as np

from lib.skipgram.settings import TrainingSettings, learning_rate
from lib.text.pairs import window_pairs
from lib.text.vocabulary import NoiseSampler, Vocabulary

BLOCK_TOKENS = 1_000_000
"""Tokens turned into pairs at a time, to bound memory on large corpora."""


class NoTrainingPairsError(ValueError):
    """An epoch produced no (center, context) pair to train on."""

    def __init__(self):
        super().__init__("this epoch produced no training pairs: every sentence has fewer than two "
                         "in-vocabulary words. Use longer sentences or lower min_count.")


# ----------------------------------------------------------------------------
# The random draws (steps 2 and 3) and the deterministic rest (step 4)
# ----------------------------------------------------------------------------

def draw_kept(rng: np.random.Generator, ids: np.ndarray, keep: np.ndarray) -> np.ndarray:
    """Subsampling's draw: which tokens of ``ids`` (shape (N,)) this epoch keeps, a bool mask (N,).

    ``keep`` (shape (V,)) holds p_keep of each word. Example: keep ``[1.0, 0.0]``,
    ids ``[0, 1, 0]`` → ``[True, False, True]``.
    """
    return rng.random(len(ids)) < keep[ids]


def draw_reach(rng: np.random.Generator, n: int, window: int) -> np.ndarray:
    """The dynamic windows b_i ~ Uniform{1..w} of ``n`` kept tokens, int64 of shape (n,).

    Example: ``draw_reach(rng, 3, 1)`` → ``[1, 1, 1]``.
    """
    return rng.integers(1, window + 1, size=n)


def pairs_from_draws(sentence_of: np.ndarray, reach: np.ndarray, window: int):
    """Step 4: the (center, context) positions among kept tokens, given each one's window.

    Parameters
    ----------
    sentence_of : ndarray of int, shape (n,) — the sentence of each kept token.
    reach : ndarray of int, shape (n,) — each kept token's window b_i, 1 ≤ b_i ≤ ``window``.
    window : int — w.

    Returns
    -------
    centers, contexts : ndarray of int64, shape (P,) — positions among the kept tokens,
        center by center. Example: one sentence of 3 tokens, reach ``[1, 2, 1]`` →
        centers ``[0, 1, 1, 2]``, contexts ``[1, 0, 2, 1]``.
    """
    return window_pairs(sentence_of, window, reach=reach)


def make_epoch_positions(ids: np.ndarray, sentence_of: np.ndarray, keep: np.ndarray, window: int,
                         rng: np.random.Generator):
    """Yield one epoch's pairs as positions, block by block: ``(block_ids, centers, contexts)``.

    Parameters
    ----------
    ids, sentence_of : ndarray of int, shape (N,) — the corpus end to end and each token's sentence.
    keep : ndarray of float, shape (V,) — p_keep of each word id.
    window : int — w.
    rng : numpy Generator — all of the epoch's draws come from it, in order: the N subsampling
        draws, then each block's windows.

    Returns (yields)
    ----------------
    block_ids : ndarray of int, shape (n,) — the word ids of the block's kept tokens.
    centers, contexts : ndarray of int64, shape (P,) — positions in ``block_ids``, center by center.

    Blocks hold about :data:`BLOCK_TOKENS` kept tokens and end at a sentence's end, so no
    window straddles two blocks. Skip-gram reads the pairs (:func:`make_epoch_pairs`); CBOW
    groups them by center into windows (:func:`lib.skipgram.cbow.windows_from_pairs`).
    Example: keep all, one sentence of ids ``[4, 5]``, w = 1 → ``([4, 5], [0, 1], [1, 0])``.
    """
    kept = draw_kept(rng, ids, keep)
    ids, sent = ids[kept], sentence_of[kept]
    starts = np.flatnonzero(np.r_[True, sent[1:] != sent[:-1]])
    cuts = np.unique(starts[np.searchsorted(starts, np.arange(0, len(ids), BLOCK_TOKENS))])
    for a, b in zip(cuts, np.r_[cuts[1:], len(ids)]):
        c, o = pairs_from_draws(sent[a:b], draw_reach(rng, b - a, window), window)
        yield ids[a:b], c, o


def make_epoch_pairs(ids: np.ndarray, sentence_of: np.ndarray, keep: np.ndarray, window: int,
                rng: np.random.Generator):
    """Yield one epoch's (centers, contexts) word-id arrays, block by block, in corpus order.

    The arguments are those of :func:`make_epoch_positions`, whose positions this turns into word ids.
    Example: keep all, one sentence of ids ``[4, 5]``, w = 1 → ``([4, 5], [5, 4])``.
    """
    for block_ids, c, o in make_epoch_positions(ids, sentence_of, keep, window, rng):
        yield block_ids[c], block_ids[o]


# ----------------------------------------------------------------------------
# The corpus prepared once, and each epoch's batches
# ----------------------------------------------------------------------------

class EpochPairs:
    """The corpus as word ids, and each epoch's subsampled, windowed mini-batches.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings
    vocab : Vocabulary, optional — built from ``sentences`` with ``settings.min_count`` if omitted.

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
        """Yield (centers, contexts) word-id arrays for one epoch, block by block (:func:`make_epoch_pairs`).

        The epoch's randomness comes from ``(seed, epoch)``, so any epoch can be
        reproduced on its own.
        """
        return make_epoch_pairs(self.ids, self.sentence_of, self.keep, self.settings.window, self.epoch_rng(epoch))

    def epoch_positions(self, epoch: int):
        """Yield ``(block_ids, centers, contexts)`` for one epoch (:func:`make_epoch_positions`), the same
        draws as :meth:`epoch_pairs`."""
        return make_epoch_positions(self.ids, self.sentence_of, self.keep, self.settings.window,
                                    self.epoch_rng(epoch))

    def epoch_rng(self, epoch: int) -> np.random.Generator:
        """The generator of one epoch's draws, seeded by ``(seed, epoch)``."""
        return np.random.default_rng([self.settings.seed, epoch])

    def batches(self, epoch: int):
        """Yield ``(centers, contexts, lr)`` mini-batches of one epoch; shapes (B,), (B,), float.

        Raises :class:`NoTrainingPairsError` if the epoch has no pair.
        """
        s = self.settings
        pairs = list(self.epoch_pairs(epoch))
        total = sum(len(c) for c, _ in pairs)
        if total == 0:
            raise NoTrainingPairsError()
        self._pairs_this_epoch, done = total, 0
        for centers, contexts in pairs:
            for i in range(0, len(centers), s.batch_size):
                lr = learning_rate(s, epoch + done / total)
                done += len(centers[i:i + s.batch_size])
                yield centers[i:i + s.batch_size], contexts[i:i + s.batch_size], lr

    def tokens_in_batch(self, n_pairs: int) -> float:
        """Corpus tokens a batch of ``n_pairs`` pairs stands for, for the progress bar."""
        return self.total_tokens * n_pairs / self._pairs_this_epoch
