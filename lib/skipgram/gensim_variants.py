"""Two relatives of skip-gram, trained by Gensim with the course's settings: FastText, and skip-gram as counted.

* :func:`train_fasttext` — Gensim's ``FastText`` (skip-gram with negative sampling
  whose input vector of a word is built from its character n-grams, Bojanowski et
  al. 2016), with the same window, negatives, subsampling, epochs and seed as the
  course's skip-gram (:data:`lib.skipgram.course_vectors.COURSE_SETTINGS`).
* :func:`train_counted_skipgram` — Gensim's skip-gram with a *fixed* window and *no*
  subsampling, so the (center, context) pairs it trains on are exactly the
  co-occurrence counts of :func:`lib.text.cooccurrence.corpus_cooccurrence` with
  uniform weighting. Its vectors can then be compared cell by cell with
  :func:`lib.models.ppmi.shifted_pmi` (Levy & Goldberg, 2014).

One worker thread each, so a run is reproducible from its seed.
"""
from __future__ import annotations

import dataclasses

from lib.skipgram.settings import TrainingSettings

FASTTEXT_BUCKETS = 500_000
"""Hash buckets of the course's FastText: the shipped corpus's ~10k words have ~66k distinct
3–6-grams, so 500k buckets leave about one n-gram in eight sharing a bucket, at a quarter of the
memory of fastText's default 2,000,000 (200 MB instead of 800 MB at d = 100)."""


def _gensim_arguments(s: TrainingSettings) -> dict:
    return dict(vector_size=s.dim, window=s.window, negative=s.negative, sample=s.sample, min_count=s.min_count,
                alpha=s.alpha, min_alpha=s.min_alpha, ns_exponent=s.ns_exponent, epochs=s.epochs, seed=s.seed,
                sg=1, hs=0, workers=1)


def train_fasttext(sentences, settings: TrainingSettings | None = None, min_n: int = 3, max_n: int = 6,
                   buckets: int = FASTTEXT_BUCKETS):
    """Gensim ``FastText`` (skip-gram, negative sampling) on ``sentences`` with the course's settings.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings, optional — dim, window, negative, sample, min_count, epochs, alpha,
        seed (defaults: :data:`lib.skipgram.course_vectors.COURSE_SETTINGS`).
    min_n, max_n : int — character n-gram lengths (fastText's 3 and 6).
    buckets : int — hash buckets B for the n-gram vectors.

    Returns
    -------
    gensim.models.FastText — ``.wv`` gives a vector to any word, seen or not: ``.wv.vectors_vocab``
    (V, d) holds the words' own vectors, ``.wv.vectors_ngrams`` (B, d) the buckets' vectors.

    Example: ``train_fasttext(corpus).wv["goverment"]`` → a (100,) vector, though the misspelling never occurs.
    """
    from gensim.models import FastText
    from lib.skipgram.course_vectors import COURSE_SETTINGS
    from lib.text.corpus import as_sentences
    s = settings or COURSE_SETTINGS
    if not 1 <= min_n <= max_n:
        raise ValueError(f"need 1 ≤ min_n ≤ max_n, got {min_n}, {max_n}")
    return FastText(as_sentences(sentences), min_n=min_n, max_n=max_n, bucket=buckets, **_gensim_arguments(s))


def train_counted_skipgram(sentences, settings: TrainingSettings | None = None):
    """Gensim skip-gram whose training pairs are the corpus's window co-occurrences, nothing dropped or reweighted.

    ``sample`` is set to 0 (no subsampling) and windows are fixed at ``settings.window``
    (``shrink_windows=False``; word2vec normally draws each window's size from 1..w, which
    weights near words more). Everything else is as in ``settings``.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings, optional — defaults to :data:`~lib.skipgram.course_vectors.COURSE_SETTINGS`.

    Returns
    -------
    gensim.models.Word2Vec — ``.wv.vectors`` (V, d) are the word vectors w, ``.syn1neg`` (V, d) the
    context vectors c; the pair (w, c) is scored by ``w · c``.

    Example: ``m = train_counted_skipgram(corpus)``; ``m.wv.vectors[i] @ m.syn1neg[j]`` → the model's w·c.
    """
    from gensim.models import Word2Vec
    from lib.skipgram.course_vectors import COURSE_SETTINGS
    from lib.text.corpus import as_sentences
    s = dataclasses.replace(settings or COURSE_SETTINGS, sample=0.0)
    return Word2Vec(as_sentences(sentences), shrink_windows=False, **_gensim_arguments(s))
