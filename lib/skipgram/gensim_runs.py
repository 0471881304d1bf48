"""Gensim skip-gram runs cached on disk, and sweeps over one setting.

Chapters that compare many trained models (one per window size, one per
corpus size) use Gensim's skip-gram (:func:`lib.skipgram.gensim_engine.train_gensim`,
one worker, so a run is deterministic) because it is about twice as fast as
the NumPy reference. Each run is saved under :func:`lib.paths.cache_dir`;
the file name encodes the settings and a fingerprint of the corpus, so a
change to either trains afresh, and a second reader of the page waits only
for the analysis.

Simplified on purpose: the cache is never pruned; delete the folder to
reclaim the space.
"""
from __future__ import annotations

import dataclasses
import hashlib
import os
import time

import numpy as np

from lib.paths import cache_dir
from lib.skipgram.settings import TrainingSettings


def corpus_fingerprint(sentences) -> str:
    """A short hash of the corpus's tokens and sentence breaks.

    Example: ``corpus_fingerprint([["a", "b"]]) == corpus_fingerprint([["a", "b"]])`` → True,
    and it differs from ``corpus_fingerprint([["a"], ["b"]])``.
    """
    digest = hashlib.sha1()
    for sentence in sentences:
        digest.update(" ".join(sentence).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()[:12]


def run_path(sentences, settings: TrainingSettings) -> str:
    """Cache file of one run: corpus size and fingerprint, then every setting.

    Example: 120,000 tokens, window 2 → ``…/gensim_120000tok_<hash>_dim100_window2_….npz``.
    """
    tokens = sum(len(s) for s in sentences)
    tag = "_".join(f"{k}{v}" for k, v in dataclasses.asdict(settings).items()
                   if k not in ("batch_size", "chunk_tokens"))
    return os.path.join(cache_dir(), f"gensim_{tokens}tok_{corpus_fingerprint(sentences)}_{tag}.npz")


def cached_gensim(sentences, settings: TrainingSettings | None = None):
    """Train Gensim's skip-gram once per corpus and settings; later calls load the saved vectors.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings, optional
        Defaults are word2vec's (dim 100, window 5, 5 negatives, min_count 5, 5 epochs).

    Returns
    -------
    kv : gensim KeyedVectors
        Words most frequent first, each with its ``count``.
    info : dict
        ``seconds`` (training time of the run, measured when it was trained), ``cached`` (bool).

    Example: ``cached_gensim(sentences, TrainingSettings(window=2))`` → (KeyedVectors of ~10k words × 100, {...}).
    """
    from lib.skipgram.gensim_engine import train_gensim
    from lib.vectors.keyed import to_keyed_vectors
    settings = settings or TrainingSettings()
    path = run_path(sentences, settings)
    cached = os.path.exists(path)
    if not cached:
        start = time.perf_counter()
        model = train_gensim(sentences, settings)
        partial = f"{path}.{os.getpid()}.tmp.npz"      # unique per process: parallel runs never mix
        np.savez(partial, words=np.array(model.vocab.words), vectors=model.W_in, counts=model.vocab.counts,
                 seconds=model.seconds, wall=time.perf_counter() - start)
        os.replace(partial, path)
    with np.load(path) as data:
        kv = to_keyed_vectors(data["words"].tolist(), data["vectors"], counts=data["counts"])
        return kv, {"seconds": float(data["seconds"]), "cached": cached}


def corpus_fraction(sentences, fraction: float, seed: int = 0) -> list[list[str]]:
    """About ``fraction`` of the corpus's tokens, made of whole documents drawn in a seeded random order.

    Drawing documents (not the first ones) keeps the mix of sources, e.g.
    Wikipedia and news, the same at every size.
    Example: ``corpus_fraction([["a"], ["b", "c"], ["d"]], 0.5)`` → two of the documents, 2 tokens.
    """
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must lie in (0, 1], got {fraction}")
    order = np.random.default_rng(seed).permutation(len(sentences))
    budget = fraction * sum(len(s) for s in sentences)
    picked, total = [], 0
    for i in order:
        if total >= budget:
            break
        picked.append(int(i))
        total += len(sentences[i])
    return [sentences[i] for i in sorted(picked)]


def sweep(sentences, name: str, values, settings: TrainingSettings | None = None, progress: bool = True) -> dict:
    """One cached run per value of the setting ``name``, the other settings held at ``settings``.

    Parameters
    ----------
    name : str
        A :class:`~lib.skipgram.settings.TrainingSettings` field, e.g. ``"window"``.
    values : iterable
        The values to try, e.g. ``[1, 2, 5, 10]``.
    settings : TrainingSettings, optional
        The other settings (word2vec's defaults if omitted).
    progress : bool
        Show a progress bar over the runs.

    Returns
    -------
    dict of value → (KeyedVectors, info dict)

    Example: ``sweep(sentences, "window", [2, 5], TrainingSettings(epochs=3))`` → ``{2: (kv, info), 5: (kv, info)}``.
    """
    from tqdm.auto import tqdm
    settings = settings or TrainingSettings()
    return {value: cached_gensim(sentences, dataclasses.replace(settings, **{name: value}))
            for value in tqdm(list(values), desc=f"{name} sweep", disable=not progress)}
