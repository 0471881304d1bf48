"""Benchmark scores broken down: semantic against syntactic analogies, rare against frequent word pairs.

Two common claims about word2vec's architectures are about parts of a benchmark,
not its total: that one is better on syntactic analogies (*walk : walked*) and the
other on semantic ones (*Paris : France*), and that skip-gram represents rare
words better than CBOW. This module splits the standard benchmarks of
:mod:`lib.vectors.evaluation` accordingly, with the same scorer:

* the Google analogy set's sections named ``gram…`` are syntactic, the other five semantic;
* a word pair of WordSim353 or SimLex-999 is *rare* when the rarer of its two words
  occurs fewer than ``threshold`` times in the training corpus (counts read from the
  vectors' ``count`` attribute), *frequent* otherwise.
"""
from __future__ import annotations

import numpy as np

from lib.vectors.evaluation import analogy_accuracy, read_word_pairs, word_pair_spearman


def analogy_kinds(result) -> dict:
    """Semantic and syntactic accuracy of an :class:`~lib.vectors.evaluation.AnalogyResult`.

    Returns
    -------
    dict : ``{"semantic": {...}, "syntactic": {...}}``, each with ``accuracy`` (over answered
    questions, nan if none), ``correct``, ``answered`` and ``total``.

    Example: sections ``{"capital-world": (3, 10, 20), "gram1-adjective-to-adverb": (1, 4, 8)}`` →
    semantic accuracy 0.3, syntactic 0.25.
    """
    kinds = {"semantic": [0, 0, 0], "syntactic": [0, 0, 0]}
    for section, counts in result.by_category.items():
        kind = kinds["syntactic" if section.startswith("gram") else "semantic"]
        for i, value in enumerate(counts):
            kind[i] += value
    return {name: {"accuracy": c / a if a else float("nan"), "correct": c, "answered": a, "total": t}
            for name, (c, a, t) in kinds.items()}


def rarer_count(counts, a: str, b: str) -> int:
    """The corpus count of the rarer word of a pair; ``counts`` maps words to counts (or is KeyedVectors
    with a ``count`` per word). Example: counts 50 and 7 → 7."""
    if hasattr(counts, "get_vecattr"):
        return min(int(counts.get_vecattr(a, "count")), int(counts.get_vecattr(b, "count")))
    return min(int(counts[a]), int(counts[b]))


def frequency_threshold(counts, dataset: str = "wordsim353") -> float:
    """The median, over the dataset's pairs whose words both have a count, of the rarer word's count.

    ``counts`` maps words to corpus counts (e.g. ``dict(zip(vocab.words, vocab.counts))``), or is
    KeyedVectors with a ``count`` per word. The threshold splits the covered pairs in halves.
    Example: covered pairs whose rarer words occur 5, 9, 40 and 300 times → 24.5.
    """
    known = counts.key_to_index if hasattr(counts, "key_to_index") else counts
    values = [rarer_count(counts, a, b) for a, b, _ in read_word_pairs(dataset) if a in known and b in known]
    return float(np.median(values)) if values else float("nan")


def spearman_by_frequency(kv, dataset: str = "wordsim353", threshold: float | None = None) -> dict:
    """Spearman correlation with human scores, separately on rare and on frequent word pairs.

    Parameters
    ----------
    kv : gensim KeyedVectors with a ``count`` per word (as :meth:`SkipGramModel.keyed_vectors` makes).
    dataset : ``"wordsim353"`` or ``"simlex999"``.
    threshold : float, optional
        A pair is rare when its rarer word's count is below this; default :func:`frequency_threshold`
        (pass one value when comparing models, so that they split the pairs alike).

    Returns
    -------
    dict : ``{"rare": {"spearman", "pairs"}, "frequent": {"spearman", "pairs"}, "threshold"}``;
    a part with fewer than 3 pairs has spearman nan.

    Example: ``spearman_by_frequency(kv, "wordsim353", 100)["rare"]["pairs"]`` → pairs with a word seen < 100 times.
    """
    from scipy.stats import spearmanr
    threshold = frequency_threshold(kv, dataset) if threshold is None else threshold
    parts = {"rare": ([], []), "frequent": ([], [])}
    for a, b, human in read_word_pairs(dataset):
        if a in kv.key_to_index and b in kv.key_to_index:
            human_scores, model_scores = parts["rare" if rarer_count(kv, a, b) < threshold else "frequent"]
            human_scores.append(human)
            model_scores.append(float(kv.similarity(a, b)))
    result = {name: {"spearman": float(spearmanr(h, m).statistic) if len(h) >= 3 else float("nan"), "pairs": len(h)}
              for name, (h, m) in parts.items()}
    result["threshold"] = threshold
    return result


def breakdown_scores(kv, thresholds: dict | None = None, restrict_vocab: int = 30_000) -> dict:
    """The benchmarks as one flat dict: totals, analogy kinds, rare and frequent pairs.

    Keys: ``wordsim353``, ``simlex999``, ``analogy`` (3CosAdd accuracy), ``semantic``, ``syntactic``,
    ``analogy_coverage``, and ``<dataset>_rare``, ``<dataset>_frequent`` for both word-pair sets.
    ``thresholds`` maps a dataset to its rare/frequent threshold (default: each set's median for ``kv``).

    Example: ``breakdown_scores(model.keyed_vectors())["syntactic"]`` → e.g. 0.02.
    """
    thresholds = thresholds or {}
    result = analogy_accuracy(kv, "3cosadd", restrict_vocab)
    kinds = analogy_kinds(result)
    row = {"analogy": result.accuracy, "semantic": kinds["semantic"]["accuracy"],
           "syntactic": kinds["syntactic"]["accuracy"], "analogy_coverage": result.coverage}
    for dataset in ("wordsim353", "simlex999"):
        parts = spearman_by_frequency(kv, dataset, thresholds.get(dataset))
        row[dataset] = word_pair_spearman(kv, dataset)["spearman"]
        row[f"{dataset}_rare"], row[f"{dataset}_frequent"] = parts["rare"]["spearman"], parts["frequent"]["spearman"]
    return row
