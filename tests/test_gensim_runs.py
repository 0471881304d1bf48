"""Specifications of lib.skipgram.gensim_runs: cached, deterministic Gensim runs and corpus fractions.

Worked example (``test_a_run_is_trained_once_and_reproducible``): a tiny corpus is
trained with 8 dimensions; the second call loads the saved file (``cached`` is
True) and returns the same vectors; deleting the file and training again gives
identical vectors, because one worker thread and a fixed seed make Gensim
deterministic.
"""
import os

import numpy as np
import pytest

from lib.skipgram.gensim_runs import cached_gensim, corpus_fingerprint, corpus_fraction, run_path, sweep
from lib.skipgram.settings import TrainingSettings

CORPUS = [["the", "cat", "sat", "on", "the", "mat"], ["the", "dog", "sat", "on", "the", "log"]] * 30
TINY = TrainingSettings(dim=8, min_count=1, epochs=2, window=2)


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("EMBEDDINGS_CACHE", str(tmp_path))


def test_fingerprint_sees_tokens_and_sentence_breaks():
    assert corpus_fingerprint([["a", "b"]]) == corpus_fingerprint([["a", "b"]])
    assert corpus_fingerprint([["a", "b"]]) != corpus_fingerprint([["a"], ["b"]])
    assert corpus_fingerprint([["a", "b"]]) != corpus_fingerprint([["a", "c"]])


def test_run_path_encodes_settings_and_corpus():
    a = run_path(CORPUS, TrainingSettings(window=2))
    assert "window2" in a and f"{sum(map(len, CORPUS))}tok" in a
    assert a != run_path(CORPUS, TrainingSettings(window=3))
    assert a != run_path(CORPUS[:-1], TrainingSettings(window=2))


def test_a_run_is_trained_once_and_reproducible():
    kv1, info1 = cached_gensim(CORPUS, TINY)
    kv2, info2 = cached_gensim(CORPUS, TINY)
    assert (info1["cached"], info2["cached"]) == (False, True)
    assert kv1.index_to_key == kv2.index_to_key and np.array_equal(kv1.vectors, kv2.vectors)
    assert kv1.vectors.shape == (7, 8) and kv1.get_vecattr("the", "count") == 120
    os.remove(run_path(CORPUS, TINY))
    kv3, info3 = cached_gensim(CORPUS, TINY)
    assert not info3["cached"] and np.array_equal(kv1.vectors, kv3.vectors)


def test_sweep_trains_one_model_per_value():
    runs = sweep(CORPUS, "window", [1, 3], TINY, progress=False)
    assert list(runs) == [1, 3]
    assert not np.array_equal(runs[1][0].vectors, runs[3][0].vectors)


def test_corpus_fraction_draws_nested_whole_documents():
    docs = [[f"w{i}"] * (i % 7 + 1) for i in range(200)]
    total = sum(map(len, docs))
    previous = []
    for fraction in [0.1, 0.3, 0.6, 1.0]:
        part = corpus_fraction(docs, fraction, seed=3)
        tokens = sum(map(len, part))
        assert fraction * total <= tokens < fraction * total + 7
        assert all(doc in docs for doc in part)
        assert [d for d in part if d in previous] == previous      # smaller fractions are subsets
        assert part == [d for d in docs if d in part]              # corpus order kept
        previous = part
    assert corpus_fraction(docs, 1.0) == docs
    with pytest.raises(ValueError):
        corpus_fraction(docs, 0)
