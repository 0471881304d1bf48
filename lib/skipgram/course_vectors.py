"""The course's own word vectors, trained once by the NumPy reference and cached on disk.

Chapters that need trained vectors call :func:`course_embeddings`. The first
call trains skip-gram with negative sampling on the shipped Wikipedia + Lee
corpus (a few minutes at full size, seconds in quick mode) and saves the
result under :func:`lib.paths.cache_dir`; later calls, from any chapter,
load that file. The file name encodes the settings and the corpus size, so a
change to either trains afresh. ``course_embeddings(engine="torch")`` trains and
caches the PyTorch engine's vectors from the same settings, for pages that compare
the engines' vectors word by word.
"""
from __future__ import annotations

import os
from dataclasses import asdict

import numpy as np

from lib.paths import cache_dir
from lib.skipgram.settings import TrainingSettings

COURSE_SETTINGS = TrainingSettings(dim=100, window=5, negative=5, sample=1e-3, min_count=5, alpha=0.025,
                                   seed=0, epochs=10)
"""Hyperparameters of the course vectors: word2vec's, with 10 epochs at full size and in quick mode alike.

Quick mode already shrinks the corpus to about 120k tokens; with fewer than
about 10 epochs there, the vectors have not yet left the early phase in which
every cosine is close to 1, and the chapters would show nothing."""


def course_embeddings(progress: bool = True, engine: str = "numpy"):
    """gensim ``KeyedVectors`` trained by :func:`lib.skipgram.numpy_engine.train_numpy` with :data:`COURSE_SETTINGS`.

    Parameters
    ----------
    progress : bool — show a progress bar while training (the first call only).
    engine : ``"numpy"`` (the course vectors) or ``"torch"`` — the PyTorch engine on the CPU,
        one worker, from the same settings and seed; cached in a file of its own.

    Returns
    -------
    KeyedVectors
        About 10k words × 100 dimensions at full size (words seen at least 5 times),
        each with a ``count`` attribute.
    """
    from lib.text.corpus import count_tokens, load_shipped_corpus
    from lib.vectors.keyed import to_keyed_vectors
    if engine not in ("numpy", "torch"):
        raise ValueError(f"engine must be 'numpy' or 'torch', got {engine!r}; Gensim's course-settings run "
                         "is lib.skipgram.gensim_runs.cached_gensim(load_shipped_corpus(), COURSE_SETTINGS)")
    sentences = load_shipped_corpus()
    tag = "_".join(f"{k}{v}" for k, v in asdict(COURSE_SETTINGS).items())
    prefix = "course_vectors" if engine == "numpy" else f"course_vectors_{engine}"
    path = os.path.join(cache_dir(), f"{prefix}_{count_tokens(sentences)}tok_{tag}.npz")
    if not os.path.exists(path):
        from lib.skipgram.training import train_skipgram
        options = {"device": "cpu"} if engine == "torch" else {}
        model = train_skipgram(sentences, COURSE_SETTINGS, engine=engine, progress=progress, **options)
        partial = f"{path}.{os.getpid()}.tmp.npz"      # unique per process: parallel runs never mix
        np.savez(partial, words=np.array(model.vocab.words), vectors=model.W_in, counts=model.vocab.counts)
        os.replace(partial, path)
    with np.load(path) as data:
        return to_keyed_vectors(data["words"].tolist(), data["vectors"], counts=data["counts"])
