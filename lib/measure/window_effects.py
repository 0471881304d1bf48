"""Measuring what the window size does to trained vectors: similarity, relatedness, syntax, topic.

The slides say small windows (1–2) capture syntactic relations, medium ones
(3–5) local semantics and large ones (5–10) topic associations. This module
turns each part of that claim into a number that can be computed for any set
of vectors:

* **similarity versus relatedness** — Spearman correlation with SimLex-999
  (rates *similarity*: "coast"–"shore" high, "car"–"tyre" low) and with
  WordSim353 (rates *relatedness* too: "car"–"tyre" high);
* **syntax** — how often a word's nearest neighbours carry the same
  inflectional suffix (-ing, -ed, -ly), a rough, tagger-free stand-in for
  "same part of speech";
* **topic** — how much more often a word's neighbours appear in the same
  documents as the word itself than chance would have it (document lift).

Simplified on purpose: suffixes are only a proxy for part of speech, and a
"document" is one of the corpus's articles or news stories.
"""
from __future__ import annotations

import numpy as np

SUFFIXES = ("ing", "ed", "ly")
"""Inflectional suffixes whose words mostly share a part of speech (gerund, past tense, adverb)."""


def probe_words(kv, suffix: str, count: int = 50, min_length: int = 6, skip: int = 0) -> list[str]:
    """The ``count`` most frequent words of ``kv`` ending in ``suffix`` (at least ``min_length`` letters).

    ``skip`` leaves out that many of the most frequent words of the vocabulary
    first. Example: ``probe_words(kv, "ly", 3)`` → ``['only', 'early', 'family']`` (whatever ends in -ly).
    """
    words = kv.index_to_key[skip:]
    return [w for w in words if w.endswith(suffix) and len(w) >= min_length][:count]


def suffix_agreement(kv, suffixes=SUFFIXES, probes_per_suffix: int = 50, topn: int = 10) -> dict:
    """Share of nearest neighbours that end in the probe word's suffix, against the vocabulary's base rate.

    Returns
    -------
    dict
        ``agreement`` (float: mean over probes of the share of the ``topn``
        neighbours with the probe's suffix), ``base_rate`` (float: the share of
        vocabulary words with that suffix, averaged the same way), ``probes`` (int).

    Example: neighbours of "running" = ["walking", "jumping", "ran", …] → agreement 2/3 for that probe.
    """
    shares, base = [], []
    vocabulary = kv.index_to_key
    for suffix in suffixes:
        rate = np.mean([w.endswith(suffix) for w in vocabulary])
        for word in probe_words(kv, suffix, probes_per_suffix):
            neighbours = [w for w, _ in kv.most_similar(word, topn=topn)]
            shares.append(np.mean([w.endswith(suffix) for w in neighbours]))
            base.append(rate)
    return {"agreement": float(np.mean(shares)) if shares else float("nan"),
            "base_rate": float(np.mean(base)) if base else float("nan"), "probes": len(shares)}


def document_matrix(sentences, kv):
    """Which vocabulary words occur in which document: sparse 0/1 matrix of shape (n_docs, V).

    Parameters
    ----------
    sentences : list of list of str — each sentence is treated as one document.
    kv : gensim KeyedVectors — its ``index_to_key`` fixes the columns.

    Example: ``[["a", "b"], ["b"]]`` with vocabulary ["a", "b"] → ``[[1, 1], [0, 1]]``.
    """
    from scipy import sparse
    index = kv.key_to_index
    rows, cols = [], []
    for d, doc in enumerate(sentences):
        ids = {index[w] for w in doc if w in index}
        rows.extend([d] * len(ids))
        cols.extend(ids)
    data = np.ones(len(rows), dtype=np.float32)
    return sparse.csc_matrix((data, (rows, cols)), shape=(len(sentences), len(index)))


def document_lift(D, pairs) -> np.ndarray:
    """log2 of how much more often two words share a document than if they were independent.

    ``lift(a, b) = P(a and b in a doc) / (P(a in doc) · P(b in doc))``; 0 means
    chance, 1 twice as often. A pair that never shares a document gets
    log2(0.5 / expected) (half a co-occurrence), so the result stays finite.

    Parameters
    ----------
    D : sparse matrix, shape (n_docs, V) — from :func:`document_matrix`.
    pairs : array of int, shape (P, 2) — column indices (a, b).

    Returns
    -------
    ndarray, shape (P,)

    Example: two words that each occur in half of 4 documents, always together → log2(2) = 1.
    """
    pairs = np.asarray(pairs).reshape(-1, 2)
    n_docs = D.shape[0]
    df = np.asarray(D.sum(axis=0)).ravel()
    A, B = D[:, pairs[:, 0]], D[:, pairs[:, 1]]
    both = np.asarray(A.multiply(B).sum(axis=0)).ravel()
    expected = df[pairs[:, 0]] * df[pairs[:, 1]] / n_docs
    return np.log2(np.maximum(both, 0.5) / expected)


def neighbour_lift(kv, D, probes, topn: int = 10) -> float:
    """Mean document lift (log2) between each probe word and its ``topn`` nearest neighbours.

    Example: for "guitar" with neighbours "album", "band" → high lift (they share articles).
    """
    index = kv.key_to_index
    pairs = [(index[p], index[w]) for p in probes if p in index
             for w, _ in kv.most_similar(p, topn=topn)]
    return float(np.mean(document_lift(D, np.array(pairs)))) if pairs else float("nan")


def window_scores(runs: dict, sentences, probes_for_lift: int = 300, topn: int = 10):
    """The measurements above for each trained model of a sweep, as a DataFrame indexed by window.

    Parameters
    ----------
    runs : dict of window → (KeyedVectors, info) — from :func:`lib.skipgram.gensim_runs.sweep`.
    sentences : list of list of str — the training corpus (for document lift).
    probes_for_lift : int — how many frequent words (after the 100 most frequent) to probe.

    Returns
    -------
    pandas DataFrame with columns ``SimLex-999``, ``WordSim353``, ``suffix agreement``,
    ``document lift`` and ``training s`` (from each run's info).
    """
    import pandas as pd

    from lib.vectors.evaluation import word_pair_spearman
    rows = {}
    for window, (kv, info) in runs.items():
        D = document_matrix(sentences, kv)
        probes = kv.index_to_key[100:100 + probes_for_lift]
        rows[window] = {
            "SimLex-999": word_pair_spearman(kv, "simlex999")["spearman"],
            "WordSim353": word_pair_spearman(kv, "wordsim353")["spearman"],
            "suffix agreement": suffix_agreement(kv, topn=topn)["agreement"],
            "document lift": neighbour_lift(kv, D, probes, topn),
            "training s": info["seconds"],
        }
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "window"
    return frame


def neighbour_table(runs: dict, words, topn: int = 5):
    """The ``topn`` nearest neighbours of each word under each model, as a DataFrame (words × windows).

    Missing words get "(not in vocabulary)". Example: ``neighbour_table(runs, ["king"])`` → one row.
    """
    import pandas as pd
    table = {}
    for window, (kv, _) in runs.items():
        table[f"window {window}"] = {
            w: ", ".join(x for x, _ in kv.most_similar(w, topn=topn)) if w in kv else "(not in vocabulary)"
            for w in words}
    return pd.DataFrame(table)
