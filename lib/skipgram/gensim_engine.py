"""Gensim's skip-gram as the baseline, with the course's settings and output form.

Gensim's ``Word2Vec`` implements word2vec.c's algorithm in optimised C with
one thread per worker. We call it with ``sg=1`` (skip-gram), ``hs=0`` and
``negative=k`` (negative sampling), and the same defaults as the NumPy and
PyTorch engines, and return its vectors in the same ``KeyedVectors`` form.
"""
from __future__ import annotations

import os
import tempfile
import time

from lib.skipgram.training import TrainingSettings


def train_gensim(sentences, settings: TrainingSettings | None = None, workers: int = 1,
                 use_corpus_file: bool = False, **overrides):
    """Train gensim's skip-gram with negative sampling.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings, optional
        Shared hyperparameters; keyword ``overrides`` replace single fields
        (e.g. ``epochs=20``). ``batch_size`` has no gensim equivalent: gensim
        updates after every pair.
    workers : int
        Worker threads.
    use_corpus_file : bool
        Write the corpus to a temporary file and pass ``corpus_file=``, which lets
        gensim scale across cores (the iterable path is limited by Python's GIL).

    Returns
    -------
    kv : gensim KeyedVectors
    info : dict
        ``seconds`` (training only, vocabulary building excluded), ``tokens``
        (in-vocabulary tokens per epoch), ``tokens_per_s`` (word2vec.c's definition).
    """
    from gensim.models import Word2Vec
    s = settings or TrainingSettings()
    if overrides:
        s = TrainingSettings(**{**s.__dict__, **overrides})
    params = dict(vector_size=s.dim, window=s.window, negative=s.negative, sample=s.sample,
                  min_count=s.min_count, alpha=s.alpha, min_alpha=s.min_alpha,
                  ns_exponent=s.ns_exponent, sg=1, hs=0, seed=s.seed, workers=workers)
    model = Word2Vec(**params)
    with tempfile.TemporaryDirectory() as tmp:
        if use_corpus_file:
            path = os.path.join(tmp, "corpus.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.writelines(" ".join(sentence) + "\n" for sentence in sentences)
            model.build_vocab(corpus_file=path)
            kwargs = dict(corpus_file=path, total_words=model.corpus_total_words)
        else:
            model.build_vocab(sentences)
            kwargs = dict(corpus_iterable=sentences, total_examples=model.corpus_count)
        tokens = sum(model.wv.get_vecattr(w, "count") for w in model.wv.index_to_key)
        start = time.perf_counter()
        model.train(epochs=s.epochs, **kwargs)
        seconds = time.perf_counter() - start
    return model.wv, {"seconds": seconds, "tokens": tokens, "tokens_per_s": tokens * s.epochs / seconds}
