"""The trained skip-gram model every engine returns, its per-epoch record, and its initial weights.

Whichever engine trained it (NumPy, PyTorch or Gensim), a model is the same
thing: the vocabulary, the two tables of vectors, the settings that made them,
and one record per epoch. ``model.keyed_vectors()`` hands the word vectors on
as gensim ``KeyedVectors``, the form the rest of the course reads.

Notation (slides, "Mathematical Foundations: Skip-gram Objective"):
``W_in`` holds the input (center) vectors v_w and ``W_out`` the output
(context) vectors u_w, both of shape (V, d).
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from lib.skipgram.settings import TrainingSettings
from lib.text.vocabulary import Vocabulary


@dataclass(frozen=True)
class EpochRecord:
    """What one epoch of training did.

    Attributes
    ----------
    epoch : int — 1 for the first epoch.
    loss : float or None — mean loss per training pair (None where the engine reports none: Gensim).
    alpha : float — the learning rate at the epoch's end (Gensim: the last rate it applied, set job by job).
    pairs : int or None — training pairs of the epoch (None where the engine reports none: Gensim).
    seconds : float — wall time of the epoch.
    tokens_per_s : float — word2vec.c's speed: in-vocabulary corpus tokens (before subsampling) ÷ seconds.
    compile_seconds : float — time spent compiling the training step in this epoch (PyTorch, first epoch).
    """

    epoch: int
    loss: float | None
    alpha: float
    pairs: int | None
    seconds: float
    tokens_per_s: float
    compile_seconds: float = 0.0


@dataclass
class SkipGramModel:
    """Trained skip-gram embeddings, the same from every engine.

    Attributes
    ----------
    vocab : Vocabulary — the V words, most frequent first, with their counts.
    W_in : ndarray, shape (V, d) — the word vectors v_w used downstream.
    W_out : ndarray, shape (V, d) — the context vectors u_w.
    settings : TrainingSettings — the settings it was trained with.
    history : list of EpochRecord — one per epoch trained.
    engine : str — ``"numpy"``, ``"torch"`` or ``"gensim"``.
    architecture : str — ``"skipgram"`` or ``"cbow"`` (:mod:`lib.skipgram.cbow`).

    With the hierarchical softmax, ``W_out`` holds the V − 1 inner nodes' vectors, shape (V − 1, d).
    """

    vocab: Vocabulary
    W_in: np.ndarray
    W_out: np.ndarray
    settings: TrainingSettings = field(default_factory=TrainingSettings)
    history: list = field(default_factory=list)
    engine: str = "numpy"
    architecture: str = "skipgram"

    @property
    def seconds(self) -> float:
        """Training wall time of all epochs so far (vocabulary building excluded, compiling included)."""
        return sum(record.seconds for record in self.history)

    @property
    def tokens(self) -> int:
        """In-vocabulary corpus tokens per epoch, before subsampling (word2vec.c's count)."""
        return self.vocab.total

    @property
    def tokens_per_s(self) -> float:
        """word2vec.c's speed over the whole run: tokens × epochs trained ÷ seconds."""
        return self.tokens * len(self.history) / self.seconds

    def keyed_vectors(self):
        """The input vectors ``W_in`` as gensim ``KeyedVectors``, each word with its ``count``."""
        from lib.vectors.keyed import to_keyed_vectors
        return to_keyed_vectors(self.vocab.words, self.W_in, counts=self.vocab.counts)

    def vector(self, word: str) -> np.ndarray:
        """The vector v_w of ``word``, shape (d,); unknown words raise a helpful KeyError."""
        return self.W_in[self.vocab.id(word)]


def init_weights(V: int, d: int, rng: np.random.Generator, dtype=np.float32):
    """word2vec's initialisation: ``W_in ~ U(−0.5/d, 0.5/d)``, ``W_out = 0``; shapes (V, d).

    Example: ``init_weights(3, 2, np.random.default_rng(0))[1]`` → a (3, 2) array of zeros.
    """
    W_in = ((rng.random((V, d)) - 0.5) / d).astype(dtype)
    return W_in, np.zeros((V, d), dtype=dtype)
