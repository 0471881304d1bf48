"""Watch skip-gram embeddings change over the epochs: snapshots, group structure, neighbours.

:func:`train_with_snapshots` runs :func:`lib.skipgram.numpy_engine.train_numpy` and
uses its per-epoch ``callback`` to keep copies of chosen words' vectors at
chosen epochs, together with two numbers per epoch that make "clusters form"
measurable: the mean cosine between words of the same group minus the mean
cosine between words of different groups (:func:`group_gap`), and the share of
words whose nearest neighbour among the chosen words is in their own group
(:func:`neighbour_purity`).

Simplified on purpose: the groups are small hand-picked word lists, not a benchmark.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from lib.skipgram.settings import TrainingSettings
from lib.vectors.similarity import cosine_matrix


def group_gap(X: np.ndarray, groups) -> float:
    """Mean cosine within groups minus mean cosine between groups, for rows X (n, d).

    Example: two tight orthogonal clusters → 1.0; random vectors in high dimension → about 0.
    """
    g = np.asarray(groups)
    C = cosine_matrix(X)
    same = g[:, None] == g[None, :]
    off = ~np.eye(len(g), dtype=bool)
    return float(C[same & off].mean() - C[~same].mean())


def neighbour_purity(X: np.ndarray, groups) -> float:
    """Share of rows whose most similar other row (by cosine) belongs to the same group.

    Example: two tight clusters → 1.0; with k equal groups, chance level is about (n/k − 1)/(n − 1).
    """
    g = np.asarray(groups)
    C = cosine_matrix(X)
    np.fill_diagonal(C, -np.inf)
    return float(np.mean(g[C.argmax(axis=1)] == g))


@dataclass
class EvolutionRun:
    """Result of :func:`train_with_snapshots`.

    Attributes: ``model`` (the trained SkipGramModel), ``words`` and ``groups`` (the
    words followed, present in the vocabulary), ``snapshots`` (epoch → vectors, shape
    (n_words, d); epoch 0 is the initialisation), ``history`` (per-epoch dicts: the
    trainer's record plus ``gap`` and ``purity``).
    """

    model: object
    words: list
    groups: list
    snapshots: dict = field(default_factory=dict)
    history: list = field(default_factory=list)

    def at(self, epoch: int) -> dict:
        """The history entry of ``epoch`` (1-based). Example: ``run.at(50)["loss"]``."""
        return next(h for h in self.history if h["epoch"] == epoch)


def train_with_snapshots(sentences, word_groups: dict, settings: TrainingSettings | None = None,
                         snapshot_epochs=(), progress: bool = True) -> EvolutionRun:
    """Train skip-gram (the NumPy engine) and record how the vectors of ``word_groups`` evolve.

    Parameters
    ----------
    sentences : list of list of str
    word_groups : dict of str → list of str — e.g. ``{"numbers": ["one", "two"], …}``;
        words missing from the vocabulary are dropped.
    settings : TrainingSettings, optional — epochs, dimension, seed, …
    snapshot_epochs : iterable of int — epochs whose vectors are kept (epoch 0 = the initial vectors).
    progress : bool

    Returns
    -------
    EvolutionRun
    """
    from lib.skipgram.model import init_weights
    from lib.skipgram.numpy_engine import train_numpy
    from lib.text.vocabulary import Vocabulary

    settings = settings or TrainingSettings()
    vocab = Vocabulary.from_sentences(sentences, min_count=settings.min_count)
    pairs = [(w, g) for g, ws in word_groups.items() for w in ws if w in vocab]
    words, groups = [w for w, _ in pairs], [g for _, g in pairs]
    ids = [vocab.id(w) for w in words]
    run = EvolutionRun(None, words, groups)
    keep = set(snapshot_epochs)
    if 0 in keep:   # the trainer's first draw from its seeded generator is the initial W_in
        W0, _ = init_weights(len(vocab), settings.dim, np.random.default_rng(settings.seed))
        run.snapshots[0] = W0[ids].astype(float)

    def callback(model, record):
        X = model.W_in[ids].astype(float)
        run.history.append({**dataclasses.asdict(record), "gap": group_gap(X, groups),
                            "purity": neighbour_purity(X, groups)})
        if record.epoch in keep:
            run.snapshots[record.epoch] = X.copy()

    run.model = train_numpy(sentences, settings, vocab=vocab, callback=callback, progress=progress)
    return run
