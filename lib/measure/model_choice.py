"""Choosing an embedding model, measured: memory, latency, throughput and quality of each candidate.

Slide "Choosing the Right Embedding Model": task requirements, resource constraints
(memory 100 MB–10 GB, latency 1–100 ms, throughput 10–10K QPS) and data. Every
candidate is wrapped as a :class:`Candidate` with one ``encode(texts) → (n, d)``
function, so static word vectors (a text is the mean of its words' vectors) and a
sentence encoder are timed and scored by the same code:

* memory — ``disk_bytes`` (the files that must ship) and ``ram_bytes`` (the arrays the
  model holds once loaded: vectors and vocabulary, or parameters and buffers);
* latency — p50 and p95 of the wall time to encode one text and one batch;
* throughput — texts per second at the batch size (batch size / median batch time);
* quality — WordSim353 (Spearman), analogies (3CosAdd among the questions' own words,
  the same candidate set for every model) and sentence retrieval (the course's
  held-out-span benchmark, :mod:`lib.vectors.retrieval`).

Simplified on purpose: one process, CPU only, one thread setting; timings on a shared
machine are noisy, which the p95 shows.
"""
from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import dataclass
from typing import Callable

import numpy as np

CRITERIA = ("quality", "memory", "latency", "throughput")
"""The slide's criteria the explorer weighs: task quality and the three resource constraints."""
TASKS = {"word similarity": "WordSim353", "analogies": "analogies", "retrieval": "retrieval MRR"}
"""Task requirement → the table column that measures it."""


@dataclass
class Candidate:
    """One embedding model under comparison.

    ``encode`` maps a list of texts to an array (n, dim); ``vocabulary`` is the set of words
    a static model knows (None for an encoder, which reads any text).
    """

    name: str
    kind: str
    dim: int
    encode: Callable
    disk_bytes: int
    ram_bytes: int
    vocabulary: frozenset | None = None


def word_vector_candidate(name: str, kv) -> Candidate:
    """Wrap gensim ``KeyedVectors`` (V × d): a text is the mean of its known words' vectors.

    Disk: a ``.npz`` of the float32 vectors and the words, written and measured; RAM: the vector
    array plus the word strings and their index. Example: 10,000 × 100 vectors → disk ≈ 4.4 MB.
    """
    from lib.text.corpus import tokenize
    from lib.vectors.retrieval import average_vectors
    vectors = np.asarray(kv.vectors, dtype=np.float32)
    words = list(kv.index_to_key)
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "vectors.npz")
        np.savez(path, vectors=vectors, words=np.array(words))
        disk = os.path.getsize(path)
    ram = vectors.nbytes + sum(sys.getsizeof(w) for w in words) + sys.getsizeof(kv.key_to_index)
    return Candidate(name, "static word vectors", kv.vector_size,
                     lambda texts: average_vectors([tokenize(t) for t in texts], kv), disk, ram, frozenset(words))


def encoder_candidate(name: str, model, disk_bytes: int | None = None, batch_size: int = 32) -> Candidate:
    """Wrap a ``SentenceTransformer``: RAM = bytes of its parameters and buffers.

    ``disk_bytes`` defaults to the serialised state dict (what ``torch.save`` writes).
    Example: all-MiniLM-L6-v2 → RAM ≈ 91 MB.
    """
    import torch
    ram = sum(t.numel() * t.element_size() for t in [*model.parameters(), *model.buffers()])
    if disk_bytes is None:
        from lib.measure.inference_speed import parameter_bytes
        disk_bytes = parameter_bytes(model)
        ram = max(ram, disk_bytes)            # int8-packed weights are not parameters; count them from the state

    def encode(texts):
        with torch.inference_mode():
            return model.encode(list(texts), batch_size=batch_size, convert_to_numpy=True, show_progress_bar=False)
    return Candidate(name, "sentence encoder", model.get_embedding_dimension(), encode, disk_bytes, ram)


def folder_bytes(path: str) -> int:
    """Total size of the files under a folder. Example: the packaged MiniLM folder → about 92 MB."""
    return sum(os.path.getsize(os.path.join(root, f)) for root, _, files in os.walk(path) for f in files)


def percentiles_ms(seconds, qs=(50, 95)) -> dict:
    """Percentiles of a list of durations in seconds, in milliseconds: ``{"p50": …, "p95": …}``.

    Example: ``percentiles_ms([0.001] * 19 + [0.1])`` → ``{"p50": 1.0, "p95": 5.95}`` (linear interpolation).
    """
    seconds = np.asarray(seconds, dtype=float)
    if seconds.size == 0:
        raise ValueError("no timings given; time at least one call")
    return {f"p{q}": float(np.percentile(seconds, q) * 1000) for q in qs}


def latency_profile(encode, texts, batch_size: int = 32, repeats: int = 20, batch_repeats: int = 5) -> dict:
    """Time ``encode`` on one text at a time and on batches; p50/p95 latency and throughput.

    Parameters
    ----------
    encode : callable, list of str → (n, d)
    texts : list of str — cycled through, so repeated calls see different texts.
    batch_size : int
    repeats, batch_repeats : int — timed single-text calls and batch calls (after one untimed call).

    Returns
    -------
    dict: ``one p50 ms``, ``one p95 ms``, ``batch p50 ms``, ``batch p95 ms`` and ``throughput /s``
    (batch_size / median batch time). Example: a 1 ms-per-text encoder → one p50 ≈ 1, throughput ≈ 1,000.
    """
    texts = list(texts)
    encode(texts[:batch_size])                                              # warm-up
    one, batch = [], []
    for i in range(repeats):
        start = time.perf_counter()
        encode([texts[i % len(texts)]])
        one.append(time.perf_counter() - start)
    for r in range(batch_repeats):
        chunk = [texts[(r * batch_size + j) % len(texts)] for j in range(batch_size)]
        start = time.perf_counter()
        encode(chunk)
        batch.append(time.perf_counter() - start)
    o, b = percentiles_ms(one), percentiles_ms(batch)
    return {"one p50 ms": o["p50"], "one p95 ms": o["p95"], "batch p50 ms": b["p50"], "batch p95 ms": b["p95"],
            "throughput /s": batch_size / (b["p50"] / 1000)}


def word_similarity(candidate: Candidate, dataset: str = "wordsim353") -> dict:
    """Spearman correlation of cosines with human ratings on the pairs the candidate covers.

    Example: a model that ranks every pair as people do → ``{"spearman": 1.0, "coverage": …}``.
    """
    from scipy.stats import spearmanr

    from lib.vectors.evaluation import read_word_pairs
    from lib.vectors.similarity import paired_cosines
    pairs = read_word_pairs(dataset)
    known = candidate.vocabulary
    covered = [p for p in pairs if known is None or (p[0] in known and p[1] in known)]
    words = sorted({w for a, b, _ in covered for w in (a, b)})
    E = dict(zip(words, candidate.encode(words)))
    cos = paired_cosines(np.array([E[a] for a, _, _ in covered]), np.array([E[b] for _, b, _ in covered]))
    return {"spearman": float(spearmanr([s for _, _, s in covered], cos).statistic),
            "coverage": len(covered) / len(pairs)}


def shared_analogies(candidates, max_questions: int | None = None, seed: int = 0) -> list[tuple]:
    """Google analogy questions (a, b, c, d) whose four words every candidate's vocabulary holds.

    Example: with only encoders (open vocabularies) every question is kept (up to ``max_questions``).
    """
    from lib.vectors.evaluation import read_analogies
    questions = [q for qs in read_analogies().values() for q in qs]
    vocabularies = [c.vocabulary for c in candidates if c.vocabulary is not None]
    kept = [q for q in questions if all(all(w in v for w in q) for v in vocabularies)]
    if max_questions is not None and len(kept) > max_questions:
        pick = np.sort(np.random.default_rng(seed).choice(len(kept), max_questions, replace=False))
        kept = [kept[i] for i in pick]
    return kept


def analogy_accuracy_among(candidate: Candidate, questions) -> float:
    """3CosAdd accuracy when the answer is searched among the words of the questions (a, b, c excluded).

    Example: questions answered by exact vector offsets → 1.0.
    """
    from lib.vectors.analogies import question_scores
    from lib.vectors.similarity import normalize_rows
    if not questions:
        raise ValueError("no analogy questions to score; check the candidates' vocabularies overlap")
    words = sorted({w for q in questions for w in q})
    index = {w: i for i, w in enumerate(words)}
    U = normalize_rows(np.asarray(candidate.encode(words), dtype=float))
    abc = np.array([[index[w] for w in q[:3]] for q in questions])
    answers = np.array([index[q[3]] for q in questions])
    correct = sum(int((score.argmax(axis=1) == answers[s:s + len(score)]).sum())
                  for s, score in question_scores(U, abc, "3cosadd"))
    return correct / len(questions)


def sentence_retrieval(candidate: Candidate, task) -> dict:
    """The held-out-span benchmark: recall@10 and MRR of each span's source document.

    ``task`` is a :class:`lib.vectors.retrieval.SpanQueries`; documents and queries are joined into
    text and encoded by the candidate. Example: a perfect retriever → MRR 1.0.
    """
    from lib.vectors.retrieval import dense_scores, retrieval_metrics
    docs = candidate.encode([" ".join(d) for d in task.docs])
    queries = candidate.encode([" ".join(q) for q in task.queries])
    return retrieval_metrics(dense_scores(queries, docs), task.relevant, ks=(10,))


def share_in_range(values, low: float, high: float) -> float:
    """Share of values inside [low, high]. Example: ``share_in_range([5, 50, 500], 10, 100)`` → 1/3."""
    values = np.asarray(values, dtype=float)
    return float(np.mean((values >= low) & (values <= high)))


def rank_models(table, weights: dict, task: str = "retrieval", max_memory_mb: float | None = None,
                max_latency_ms: float | None = None):
    """Weighted score of each model (row of the decision table) under the slide's criteria.

    Parameters
    ----------
    table : DataFrame indexed by model, with the task's column (:data:`TASKS`), ``RAM MB``,
        ``one p50 ms`` and ``throughput /s``.
    weights : dict criterion → weight ≥ 0, criteria from :data:`CRITERIA`.
    task : a key of :data:`TASKS`.
    max_memory_mb, max_latency_ms : hard limits; a model over a limit is ruled out (score NaN).

    Returns
    -------
    Series of scores in [0, 1], best first. Each criterion is scaled to [0, 1] over the models
    (memory, latency and throughput on a log scale; lower memory and latency score higher),
    then averaged with the weights. Example: weight only on latency → the fastest model first.
    """
    import pandas as pd
    if task not in TASKS:
        raise ValueError(f"unknown task {task!r}; choose one of {list(TASKS)}")
    unknown = set(weights) - set(CRITERIA)
    if unknown or sum(weights.values()) <= 0 or min(weights.values()) < 0:
        raise ValueError(f"weights must be ≥ 0 for criteria among {CRITERIA}, not all zero; got {weights}")

    def scaled(values, higher_is_better):
        v = np.asarray(values, dtype=float)
        span = v.max() - v.min()
        s = np.ones_like(v) if span == 0 else (v - v.min()) / span
        return s if higher_is_better else 1 - s

    column = {name: np.asarray(table[name], dtype=float)
              for name in (TASKS[task], "RAM MB", "one p50 ms", "throughput /s")}
    parts = {"quality": scaled(column[TASKS[task]], True), "memory": scaled(np.log(column["RAM MB"]), False),
             "latency": scaled(np.log(column["one p50 ms"]), False),
             "throughput": scaled(np.log(column["throughput /s"]), True)}
    score = sum(weights.get(k, 0) * parts[k] for k in CRITERIA) / sum(weights.values())
    score = pd.Series(score, index=table.index, name="score")
    if max_memory_mb is not None:
        score[column["RAM MB"] > max_memory_mb] = np.nan
    if max_latency_ms is not None:
        score[column["one p50 ms"] > max_latency_ms] = np.nan
    return score.sort_values(ascending=False)


def measure_candidate(candidate: Candidate, texts, task, questions, batch_size: int = 32, repeats: int = 20,
                      batch_repeats: int = 5) -> dict:
    """One row of the decision table: memory, latency, throughput and the three quality scores.

    Example: ``measure_candidate(word_vector_candidate("sg", kv), texts, task, questions)["RAM MB"]`` → about 4.
    """
    row = {"kind": candidate.kind, "dim": candidate.dim, "disk MB": candidate.disk_bytes / 1e6,
           "RAM MB": candidate.ram_bytes / 1e6}
    row.update(latency_profile(candidate.encode, texts, batch_size, repeats, batch_repeats))
    similarity = word_similarity(candidate)
    row.update({"WordSim353": similarity["spearman"], "WordSim353 coverage": similarity["coverage"],
                "analogies": analogy_accuracy_among(candidate, questions),
                "retrieval MRR": sentence_retrieval(candidate, task)["MRR"]})
    return row
