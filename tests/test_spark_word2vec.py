"""Spark MLlib's Word2Vec beside the course's engines (lib/models/spark_word2vec.py, chapter 15).

The tests marked ``spark`` start an embedded Spark and need the optional extra
(``bash scripts/setup.sh --spark``: Java 17 or later and pyspark); without it they are
skipped with the reason. The others check the parameter mapping, the conversion to
KeyedVectors, the error messages and the committed record the chapter shows.
"""
import glob
import json
import os
from collections import Counter

import numpy as np
import pytest

from lib.models.spark_word2vec import (SparkUnavailableError, keyed_vectors, spark_missing, spark_parameters,
                                       train_spark_word2vec)
from lib.paths import BENCHMARK_RESULTS
from lib.skipgram.settings import TrainingSettings

RECORDS = sorted(glob.glob(os.path.join(BENCHMARK_RESULTS, "spark", "*.json")))
TINY = [["the", "king", "rules", "the", "land"], ["the", "queen", "rules", "the", "land"],
        ["a", "dog", "chases", "the", "cat"], ["a", "cat", "chases", "the", "dog"]] * 10

SPARK_MISSING = spark_missing()


def test_parameters_map_the_course_settings_onto_spark():
    settings = TrainingSettings(dim=50, window=3, min_count=2, epochs=4, alpha=0.05, seed=7)
    assert spark_parameters(settings, partitions=2, max_sentence_length=500) == {
        "vectorSize": 50, "windowSize": 3, "minCount": 2, "maxIter": 4, "stepSize": 0.05, "numPartitions": 2,
        "seed": 7, "maxSentenceLength": 500}


def test_parameters_reject_zero_partitions_naming_the_value():
    with pytest.raises(ValueError, match="partitions must be at least 1, got 0"):
        spark_parameters(TrainingSettings(), partitions=0)


def test_keyed_vectors_order_words_by_count_and_keep_each_vector():
    kv = keyed_vectors(["rare", "common"], np.array([[1.0, 0.0], [0.0, 1.0]]), Counter(rare=5, common=9))
    assert kv.index_to_key == ["common", "rare"]
    assert kv.get_vecattr("rare", "count") == 5
    np.testing.assert_array_equal(kv["rare"], [1.0, 0.0])


def test_keyed_vectors_need_one_vector_per_word():
    with pytest.raises(ValueError, match="one vector per word"):
        keyed_vectors(["a", "b"], np.zeros((3, 2)), Counter(a=1, b=1))


def test_missing_pyspark_or_java_is_named_with_the_fix(monkeypatch):
    import importlib.util
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert "pyspark is not installed" in spark_missing() and "setup.sh --spark" in spark_missing()
    monkeypatch.undo()
    if importlib.util.find_spec("pyspark") is not None:
        monkeypatch.setenv("JAVA_HOME", "/nonexistent")
        monkeypatch.setattr("shutil.which", lambda name: None)
        assert spark_missing().startswith("Java is missing") and "setup.sh --spark" in spark_missing()


def test_training_without_spark_raises_an_error_naming_the_fix(monkeypatch):
    import lib.models.spark_word2vec as module
    monkeypatch.setattr(module, "spark_missing", lambda: "Java is missing: install it with setup.sh --spark")
    module.spark_session.cache_clear()
    with pytest.raises(SparkUnavailableError, match="setup.sh --spark"):
        train_spark_word2vec(TINY, TrainingSettings(dim=8, min_count=1, epochs=1))
    module.spark_session.cache_clear()


@pytest.mark.spark
@pytest.mark.skipif(SPARK_MISSING is not None, reason=f"Spark cannot run here: {SPARK_MISSING}")
def test_spark_trains_on_a_tiny_corpus_with_one_and_two_partitions():
    settings = TrainingSettings(dim=8, window=2, min_count=2, epochs=2, seed=0)
    for partitions in (1, 2):
        run = train_spark_word2vec(TINY, settings, partitions=partitions)
        assert sorted(run.kv.index_to_key) == sorted({word for sentence in TINY for word in sentence})
        assert run.kv.vector_size == 8 and run.kv.index_to_key[0] == "the"     # the most frequent first
        assert np.isfinite(run.kv.vectors).all() and run.partitions == partitions and run.seconds > 0


@pytest.mark.skipif(not RECORDS, reason="no committed Spark record under benchmarks/results/spark")
def test_the_committed_record_has_what_the_chapter_shows():
    from lib.models.spark_word2vec import spark_table
    with open(RECORDS[0], encoding="utf-8") as f:
        record = json.load(f)
    assert {"machine", "settings", "results", "seeds", "master"} <= set(record)
    assert {"date", "commit", "cpus", "spark", "load_average_start"} <= set(record["machine"])
    table = spark_table(record)
    assert {("spark", 1), ("spark", 2)} <= set(table.index)
    assert {"gensim-hs", "gensim-ns", "torch-cpu"} <= {engine for engine, _ in table.index}
    for column in ("runs", "wordsim353", "wordsim353_sd", "simlex999", "analogy_3cosadd", "seconds"):
        assert column in table.columns
