"""word2vec's four variants side by side: skip-gram or CBOW, negative sampling or hierarchical softmax.

Each variant is trained by the NumPy reference and by Gensim (the baseline) with
one :class:`~lib.skipgram.settings.TrainingSettings` and one vocabulary, and
every model is scored by the same code (:func:`lib.vectors.breakdown.breakdown_scores`):
WordSim353 and SimLex-999 (also split into rare and frequent pairs), analogies
(also split into semantic and syntactic), and word2vec's speed, in-vocabulary
corpus tokens per second of training.

Both engines start from the same input vectors: Gensim is handed the NumPy engines'
draw (:func:`~lib.skipgram.model.init_weights`, word2vec.c's U(−0.5/d, 0.5/d)) in place
of its own U(−1/d, 1/d), so the engines differ only in how they train.

Simplified on purpose: one worker thread for Gensim, so that both engines use one
core and runs are reproducible; speeds measured on a shared machine are noisy,
so compare speeds of runs made together.
"""
from __future__ import annotations

import time

VARIANTS = {
    "skip-gram NS, NumPy": ("numpy", "skipgram", "negative_sampling"),
    "CBOW NS, NumPy": ("numpy", "cbow", "negative_sampling"),
    "skip-gram HS, NumPy": ("numpy", "skipgram", "hierarchical_softmax"),
    "CBOW HS, NumPy": ("numpy", "cbow", "hierarchical_softmax"),
    "skip-gram NS, Gensim": ("gensim", "skipgram", "negative_sampling"),
    "CBOW NS, Gensim": ("gensim", "cbow", "negative_sampling"),
    "skip-gram HS, Gensim": ("gensim", "skipgram", "hierarchical_softmax"),
    "CBOW HS, Gensim": ("gensim", "cbow", "hierarchical_softmax"),
}
"""Each variant's name → (engine, architecture, objective)."""


def train_variant(name: str, sentences, settings, vocab=None):
    """Train one of :data:`VARIANTS`; returns its :class:`~lib.skipgram.model.SkipGramModel`.

    Gensim starts from the input vectors the NumPy engines draw with the same seed.
    Example: ``train_variant("CBOW NS, Gensim", corpus, TrainingSettings(epochs=5))`` → gensim's ``sg=0`` model.
    """
    if name not in VARIANTS:
        raise ValueError(f"unknown variant {name!r}; choose one of {list(VARIANTS)}")
    engine, architecture, objective = VARIANTS[name]
    if engine == "gensim":
        import numpy as np

        from lib.skipgram.gensim_engine import train_gensim
        from lib.skipgram.model import init_weights
        from lib.skipgram.training import training_input
        from lib.text.vocabulary import Vocabulary
        sentences, settings = training_input(sentences, settings)
        vocab = vocab if vocab is not None else Vocabulary.from_sentences(sentences, settings.min_count)
        start, _ = init_weights(len(vocab), settings.dim, np.random.default_rng(settings.seed))
        return train_gensim(sentences, settings, vocab=vocab, architecture=architecture, objective=objective,
                            initial_vectors=start)
    if architecture == "cbow":
        from lib.skipgram.cbow import train_cbow
        return train_cbow(sentences, settings, vocab=vocab, objective=objective, progress=False)
    from lib.skipgram.numpy_engine import train_numpy
    return train_numpy(sentences, settings, vocab=vocab, objective=objective, progress=False)


def compare_variants(sentences, settings, names, seeds, vocab=None, thresholds=None, progress: bool = True):
    """Train every variant of ``names`` with every seed of ``seeds``, and score each model.

    Parameters
    ----------
    sentences : list of list of str
    settings : TrainingSettings — shared by all runs (its seed replaced by each of ``seeds``).
    names : list of str — keys of :data:`VARIANTS`.
    seeds : list of int
    vocab : Vocabulary, optional — one vocabulary for all runs.
    thresholds : dict, optional — rare/frequent threshold per word-pair set
        (:func:`lib.vectors.breakdown.breakdown_scores`); pass one for all models.

    Returns
    -------
    pandas.DataFrame, one row per run: ``variant``, ``engine``, ``architecture``, ``objective``, ``seed``,
    the scores of :func:`~lib.vectors.breakdown.breakdown_scores`, ``seconds`` and ``tokens_per_s``.

    Example: ``compare_variants(corpus, s, ["CBOW NS, NumPy"], [0, 1])`` → a 2-row table.
    """
    import dataclasses

    import pandas as pd
    from tqdm.auto import tqdm

    from lib.vectors.breakdown import breakdown_scores
    rows = []
    jobs = [(name, seed) for seed in seeds for name in names]
    for name, seed in tqdm(jobs, desc="training", disable=not progress):
        start = time.perf_counter()
        model = train_variant(name, sentences, dataclasses.replace(settings, seed=seed), vocab)
        wall = time.perf_counter() - start
        engine, architecture, objective = VARIANTS[name]
        rows.append({"variant": name, "engine": engine, "architecture": architecture, "objective": objective,
                     "seed": seed, **breakdown_scores(model.keyed_vectors(), thresholds),
                     "seconds": model.seconds, "wall_seconds": wall, "tokens_per_s": model.tokens_per_s})
    return pd.DataFrame(rows)


def mean_over_seeds(runs, columns):
    """Mean and half-range over seeds of ``columns``, one row per variant (in the order first run).

    Returns ``(means, half_ranges)``, two DataFrames indexed by variant.
    Example: WordSim353 of 0.20 and 0.24 over two seeds → mean 0.22, half-range 0.02.
    """
    order = list(dict.fromkeys(runs["variant"]))
    grouped = runs.groupby("variant")[list(columns)]
    means = grouped.mean().loc[order]
    half = grouped.agg(lambda x: (x.max() - x.min()) / 2).loc[order]
    return means, half
