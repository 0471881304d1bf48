"""Vocabulary: word counts, ``min_count``, subsampling and the noise distribution.

word2vec's three frequency tricks live here, each a one-line formula:

* ``min_count`` drops rare words before training;
* subsampling keeps an occurrence of word w with probability
  ``(sqrt(f(w) / s) + 1) · s / f(w)`` where f(w) is its relative frequency and s
  the ``sample`` threshold (the formula in word2vec.c and gensim, a smoothed
  form of the paper's ``1 − sqrt(s / f(w))`` discard rule);
* negatives are drawn from the unigram distribution raised to the power 0.75.

The sampler uses a lookup table, as word2vec.c does: sampling is one random
integer and one array lookup per draw.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from lib.text.corpus import check_not_empty


class UnknownWordError(KeyError):
    """A word that is not in the vocabulary."""

    def __str__(self):  # KeyError quotes its message; show it plainly instead
        return str(self.args[0])


class EmptyVocabularyError(ValueError):
    """``min_count`` (or an empty corpus) left no word in the vocabulary."""


@dataclass
class Vocabulary:
    """Words sorted by descending count, with their counts.

    Attributes
    ----------
    words : list of str, length V
        Vocabulary words, most frequent first (ties broken alphabetically).
    counts : ndarray of int64, shape (V,)
        Corpus count of each word.
    index : dict of str → int
        Position of each word in ``words``.
    """

    words: list[str]
    counts: np.ndarray
    index: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self):
        self.counts = np.asarray(self.counts, dtype=np.int64)
        self.index = {w: i for i, w in enumerate(self.words)}

    @classmethod
    def from_sentences(cls, sentences, min_count: int = 5, max_size: int | None = None) -> "Vocabulary":
        """Count words and keep those seen at least ``min_count`` times.

        Parameters
        ----------
        sentences : iterable of list of str
        min_count : int
            Smallest count a word needs to enter the vocabulary.
        max_size : int, optional
            Keep at most this many of the most frequent words.

        Raises
        ------
        EmptyCorpusError
            If the corpus holds no tokens.
        EmptyVocabularyError
            If no word reaches ``min_count``.

        Example: ``Vocabulary.from_sentences([['a', 'b', 'a']], min_count=2).words`` → ``['a']``.
        """
        sentences = list(sentences)
        check_not_empty(sentences)
        counter = Counter(w for s in sentences for w in s)
        kept = sorted(((w, c) for w, c in counter.items() if c >= min_count),
                      key=lambda wc: (-wc[1], wc[0]))[:max_size]
        if not kept:
            raise EmptyVocabularyError(
                f"min_count={min_count} leaves no vocabulary: the most frequent of the corpus's "
                f"{len(counter)} word types occurs {max(counter.values())} times. "
                "Lower min_count or use a larger corpus.")
        words, counts = zip(*kept)
        return cls(list(words), np.array(counts))

    def __len__(self) -> int:
        return len(self.words)

    def __contains__(self, word: str) -> bool:
        return word in self.index

    def id(self, word: str) -> int:
        """Index of ``word``; raises :class:`UnknownWordError` with a helpful message if absent."""
        try:
            return self.index[word]
        except KeyError:
            raise UnknownWordError(
                f"{word!r} is not in the vocabulary of {len(self)} words (it is absent from the "
                "corpus or rarer than min_count); check the spelling and lower-casing, or lower "
                "min_count") from None

    @property
    def total(self) -> int:
        """Number of in-vocabulary tokens in the corpus."""
        return int(self.counts.sum())

    def encode(self, sentences) -> list[np.ndarray]:
        """Map each sentence to an int32 array of word ids, dropping out-of-vocabulary words.

        Example: with words ``['a', 'b']``, ``[['b', 'x', 'a']]`` → ``[array([1, 0])]``.
        """
        index = self.index
        return [np.fromiter((index[w] for w in s if w in index), dtype=np.int32) for s in sentences]

    def encode_corpus(self, sentences) -> tuple[np.ndarray, np.ndarray]:
        """The corpus as one array of word ids, and the sentence of each token.

        Returns ``ids, sentence_of``, int32 arrays of shape (N,), out-of-vocabulary tokens dropped.
        Example: words ``['a', 'b']``, ``[['a', 'x', 'b'], ['b']]`` → ``[0, 1, 1]``, ``[0, 0, 1]``.
        """
        encoded = self.encode(sentences)
        lengths = np.array([len(s) for s in encoded], dtype=np.int64)
        ids = np.concatenate(encoded) if encoded else np.zeros(0, np.int32)
        return ids, np.repeat(np.arange(len(encoded), dtype=np.int32), lengths)

    def keep_probabilities(self, sample: float = 1e-3) -> np.ndarray:
        """Probability of keeping each occurrence of each word under subsampling, shape (V,).

        ``p_keep(w) = (sqrt(f(w) / sample) + 1) · sample / f(w)``, clipped to 1, where
        ``f(w) = count(w) / total``. ``sample=0`` disables subsampling (all ones).

        Example: a word with f = 0.04 and sample = 1e-3 keeps ≈ 0.183 of its occurrences.
        """
        if sample <= 0:
            return np.ones(len(self))
        f = self.counts / self.total
        return np.minimum(1.0, (np.sqrt(f / sample) + 1.0) * sample / f)

    def noise_distribution(self, power: float = 0.75) -> np.ndarray:
        """Negative-sampling distribution ``P_n(w) ∝ count(w) ** power``, shape (V,), summing to 1.

        Example: counts ``[16, 1]`` with power 0.75 → ``[8/9, 1/9]``.
        """
        weights = self.counts.astype(np.float64) ** power
        return weights / weights.sum()


class NoiseSampler:
    """Draws word ids from a distribution through a precomputed table (word2vec.c's unigram table).

    Parameters
    ----------
    probabilities : ndarray, shape (V,)
        Target distribution, e.g. :meth:`Vocabulary.noise_distribution`.
    table_size : int
        Table length; word i fills about ``probabilities[i] * table_size`` slots, so
        probabilities are represented to within ``1 / table_size``.
    """

    def __init__(self, probabilities: np.ndarray, table_size: int = 10_000_000):
        p = np.asarray(probabilities, dtype=np.float64)
        if p.ndim != 1 or len(p) == 0 or np.any(p < 0) or not np.isclose(p.sum(), 1.0):
            raise ValueError("probabilities must be a non-empty 1-D array of non-negative "
                             "numbers summing to 1")
        # Slot j holds the word whose cumulative probability interval contains (j + 0.5) / size.
        # Filled a million slots at a time, so building it never holds more than the int32 table.
        edges = np.cumsum(p)
        self.table = np.empty(table_size, dtype=np.int32)
        for start in range(0, table_size, 1_000_000):
            slots = (np.arange(start, min(start + 1_000_000, table_size)) + 0.5) / table_size
            self.table[start:start + len(slots)] = np.minimum(np.searchsorted(edges, slots, side="right"), len(p) - 1)

    def sample(self, rng: np.random.Generator, size) -> np.ndarray:
        """Draw ids of the given ``size`` (int or shape tuple) as an int32 array."""
        return self.table[rng.integers(0, len(self.table), size=size)]
