"""Spark MLlib's Word2Vec on the course corpus, its vectors as Gensim KeyedVectors.

Spark MLlib trains skip-gram with the hierarchical softmax (no negative sampling,
no subsampling of frequent words) by model averaging: the sentences are split into
``numPartitions`` partitions, each partition trains its own copy of both tables on
its sentences for one pass, and after each of the ``maxIter`` passes every row is
replaced by the mean of the partitions' copies of it that changed. With one
partition it is word2vec's single-threaded loop.

The course's settings map onto Spark's parameters as :func:`spark_parameters` says;
:func:`train_spark_word2vec` trains in an embedded Spark (``local[2]``: the driver and
two worker threads in one Java process) and hands back the vectors as Gensim
``KeyedVectors``, scored by :func:`lib.vectors.evaluation.benchmark_scores` like every
other engine. Spark is an optional extra of the course (``bash scripts/setup.sh --spark``:
Java 17 or later and ``pyspark``); :func:`spark_missing` says what is missing.
"""
from __future__ import annotations

import dataclasses
import functools
import os
import shutil
import time
from collections import Counter

import numpy as np

from lib.skipgram.settings import TrainingSettings
from lib.vectors.keyed import to_keyed_vectors

MASTER = "local[2]"
"""The embedded Spark the course runs: one Java process, two worker threads."""

INSTALL_HINT = "install it with 'bash scripts/setup.sh --spark' (README.md, Spark)"


class SparkUnavailableError(RuntimeError):
    """Java or pyspark is missing; the message names which and how to install it."""


def spark_missing() -> str | None:
    """What keeps Spark from running here, as a sentence, or None when it can run.

    Returns
    -------
    str or None — names the missing piece (pyspark, or Java 17 or later) and the fix.

    Example: on a machine without Java → ``"Java is missing: ..."``; with both → None.
    """
    import importlib.util
    if importlib.util.find_spec("pyspark") is None:
        return f"pyspark is not installed: {INSTALL_HINT}, or 'python -m pip install -r requirements-spark.txt'"
    java_home = os.environ.get("JAVA_HOME")
    if not (java_home and os.path.exists(os.path.join(java_home, "bin", "java"))) and not shutil.which("java"):
        return (f"Java is missing: Spark runs in a Java 17 (or later) virtual machine; {INSTALL_HINT}, "
                "which installs openjdk-17-jre-headless with apt-get as root, or install Java 17 and set JAVA_HOME")
    return None


@functools.lru_cache(maxsize=1)
def spark_session(master: str = MASTER):
    """The embedded Spark session (started once, minutes the first time on a loaded machine).

    Raises SparkUnavailableError naming the fix when Java or pyspark is missing.
    Example: ``spark_session().sparkContext.master`` → ``'local[2]'``.
    """
    missing = spark_missing()
    if missing:
        raise SparkUnavailableError(missing)
    from pyspark.sql import SparkSession
    spark = (SparkSession.builder.master(master).appName("word-embeddings-course")
             .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.driver.memory", "2g").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def spark_parameters(settings: TrainingSettings, partitions: int = 1, max_sentence_length: int = 1000) -> dict:
    """Spark's ``Word2Vec`` parameters closest to the course's ``settings``.

    Parameters
    ----------
    settings : TrainingSettings — d → vectorSize, w → windowSize, min_count → minCount,
        epochs → maxIter, alpha → stepSize, seed → seed. ``negative``, ``sample``, ``min_alpha``
        and ``batch_size`` have no Spark equivalent (hierarchical softmax, no subsampling, the rate
        falls to alpha · 10⁻⁴, one pair at a time).
    partitions : int — numPartitions N, the copies trained apart and averaged after each pass.
    max_sentence_length : int — longer sentences are cut into pieces of this many words.

    Returns
    -------
    dict of Spark parameter name → value.

    Example: ``spark_parameters(TrainingSettings(dim=50), 2)["numPartitions"]`` → 2 (``vectorSize`` 50).
    """
    if partitions < 1:
        raise ValueError(f"partitions must be at least 1, got {partitions}")
    if max_sentence_length < 2:
        raise ValueError(f"max_sentence_length must be at least 2, got {max_sentence_length}")
    return {"vectorSize": settings.dim, "windowSize": settings.window, "minCount": settings.min_count,
            "maxIter": settings.epochs, "stepSize": settings.alpha, "numPartitions": partitions,
            "seed": settings.seed, "maxSentenceLength": max_sentence_length}


def keyed_vectors(words, vectors, counts: Counter):
    """Gensim ``KeyedVectors`` of ``words`` (ordered by their ``counts``, most frequent first).

    Parameters
    ----------
    words : list of str, length V
    vectors : array of shape (V, d)
    counts : Counter of word → corpus count (sets each key's ``count`` attribute)

    Returns
    -------
    gensim.models.KeyedVectors with V keys of dimension d.

    Example: ``keyed_vectors(["b", "a"], np.eye(2), Counter(a=3, b=1)).index_to_key`` → ``['a', 'b']``.
    """
    vectors = np.asarray(vectors, dtype=np.float32)
    if vectors.ndim != 2 or len(vectors) != len(words):
        raise ValueError(f"need one vector per word: {len(words)} words, vectors of shape {vectors.shape}")
    order = sorted(range(len(words)), key=lambda i: (-counts[words[i]], words[i]))
    return to_keyed_vectors([words[i] for i in order], vectors[order], [counts[words[i]] for i in order])


@dataclasses.dataclass
class SparkRun:
    """One Spark training run: the vectors, the wall time of ``fit`` and what it was given."""

    kv: object
    seconds: float
    partitions: int
    parameters: dict
    tokens: int

    @property
    def tokens_per_s(self) -> float:
        """In-vocabulary tokens × passes ÷ training seconds (word2vec.c's definition)."""
        return self.tokens * self.parameters["maxIter"] / self.seconds


def train_spark_word2vec(sentences, settings: TrainingSettings | None = None, *, partitions: int = 1,
                         max_sentence_length: int = 1000) -> SparkRun:
    """Train Spark MLlib's Word2Vec on ``sentences``; returns its vectors as KeyedVectors and its time.

    Parameters
    ----------
    sentences : list of list of str — the corpus.
    settings : TrainingSettings — mapped by :func:`spark_parameters` (word2vec's defaults if omitted).
    partitions : int — N, Spark's ``numPartitions``.
    max_sentence_length : int — Spark's ``maxSentenceLength``.

    Returns
    -------
    SparkRun — ``kv`` (V words, most frequent first, d-dimensional input vectors W),
    ``seconds`` (``fit``: vocabulary, Huffman tree and training), ``tokens`` (in-vocabulary tokens).

    Raises SparkUnavailableError (Java or pyspark missing, with the fix) and ValueError
    (no word reaches ``min_count``).
    Example: ``train_spark_word2vec(corpus, TrainingSettings(epochs=1), partitions=2).kv.most_similar("king")``.
    """
    from lib.text.corpus import as_sentences
    settings = settings or TrainingSettings()
    sentences = as_sentences(sentences)
    parameters = spark_parameters(settings, partitions, max_sentence_length)
    counts = Counter(word for sentence in sentences for word in sentence)
    kept = {word for word, n in counts.items() if n >= settings.min_count}
    if not kept:
        raise ValueError(f"no word occurs min_count = {settings.min_count} times in {len(sentences)} sentences; "
                         "lower min_count or train on a larger corpus")
    spark = spark_session()
    from pyspark.ml.feature import Word2Vec
    frame = spark.createDataFrame([(sentence,) for sentence in sentences], ["sentence"])
    estimator = Word2Vec(inputCol="sentence", outputCol="vector", **parameters)
    start = time.perf_counter()
    model = estimator.fit(frame)
    seconds = time.perf_counter() - start
    rows = model.getVectors().collect()
    kv = keyed_vectors([row["word"] for row in rows], np.array([row["vector"].toArray() for row in rows]), counts)
    return SparkRun(kv=kv, seconds=seconds, partitions=partitions, parameters=parameters,
                    tokens=sum(counts[word] for word in kept))


TABLE_KEYS = ("seconds", "wordsim353", "simlex999", "analogy_3cosadd")


def spark_table(record: dict):
    """Mean and standard deviation over seeds of each configuration in a Spark benchmark record.

    Parameters
    ----------
    record : dict — a record of ``benchmarks/spark_benchmark.py`` (``results``: one row per run,
        with ``engine``, ``partitions`` (None except for Spark), ``seed`` and the keys of :data:`TABLE_KEYS`).

    Returns
    -------
    pandas DataFrame indexed by (engine, partitions), in the record's order; ``partitions`` is ``"-"``
    for the engines without any. Columns: ``runs``, and for each key its mean and ``<key>_sd``
    (0 for a single run).

    Example: Spark runs with 1 and 2 partitions, seeds 0 and 1 → rows ``("spark", 1)``, ``("spark", 2)``, runs 2.
    """
    import pandas as pd
    results = pd.DataFrame(record["results"])
    if results.empty:
        raise ValueError("the record holds no results")
    results["partitions"] = results["partitions"].map(lambda p: "-" if p is None or pd.isna(p) else int(p))
    groups = results.groupby(["engine", "partitions"], sort=False)
    table = pd.DataFrame({"runs": groups.size()})
    for key in TABLE_KEYS:
        table[key] = groups[key].mean()
        table[f"{key}_sd"] = groups[key].std(ddof=1).fillna(0.0)
    return table
