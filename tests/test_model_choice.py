"""Specifications of lib.measure.model_choice: every candidate is measured by the same code, and the ranking
follows the weights it is given.

Worked example (test_percentiles_are_in_milliseconds_with_interpolation): 19 calls of 1 ms and one
of 100 ms have p50 = 1 ms and p95 = 1 + 0.05·19·99 … = 5.95 ms (linear interpolation between the
19th and 20th sorted values), so one slow call barely moves the median and clearly moves the p95.
"""
import time

import numpy as np
import pandas as pd
import pytest

from lib.measure.model_choice import (Candidate, analogy_accuracy_among, latency_profile, percentiles_ms,
                                      rank_models, sentence_retrieval, share_in_range, shared_analogies,
                                      word_similarity, word_vector_candidate)
from lib.vectors.keyed import to_keyed_vectors
from lib.vectors.retrieval import SpanQueries


def test_percentiles_are_in_milliseconds_with_interpolation():
    assert percentiles_ms([0.001] * 19 + [0.1]) == pytest.approx({"p50": 1.0, "p95": 5.95})
    with pytest.raises(ValueError, match="no timings"):
        percentiles_ms([])


def test_latency_profile_times_single_texts_and_batches():
    def encode(texts):                       # 2 ms per call plus 0.1 ms per text
        time.sleep(0.002 + 0.0001 * len(texts))
        return np.zeros((len(texts), 3))
    profile = latency_profile(encode, ["a", "b", "c"], batch_size=10, repeats=5, batch_repeats=3)
    assert 2.0 <= profile["one p50 ms"] <= profile["one p95 ms"]
    assert profile["batch p50 ms"] >= 3.0
    assert profile["throughput /s"] == pytest.approx(10 / (profile["batch p50 ms"] / 1000))


@pytest.fixture
def tiny_candidate():
    words = ["king", "queen", "man", "woman", "cat", "dog"]
    vectors = np.array([[1, 1, 0], [1, -1, 0], [0, 1, 0.1], [0, -1, 0.1], [0, 0, 1], [0.1, 0, 1]], float)
    return word_vector_candidate("tiny", to_keyed_vectors(words, vectors))


def test_word_vectors_encode_a_text_as_the_mean_of_its_known_words(tiny_candidate):
    out = tiny_candidate.encode(["King and queen!", "unknown words only"])
    assert np.allclose(out[0], [1, 0, 0]) and np.allclose(out[1], 0)
    assert tiny_candidate.vocabulary == {"king", "queen", "man", "woman", "cat", "dog"}
    assert tiny_candidate.ram_bytes >= 6 * 3 * 4 and tiny_candidate.disk_bytes >= 6 * 3 * 4


def test_analogies_are_scored_among_the_words_every_candidate_knows(tiny_candidate):
    questions = shared_analogies([tiny_candidate])
    assert sorted(questions) == [("king", "queen", "man", "woman"), ("man", "woman", "king", "queen")]
    assert analogy_accuracy_among(tiny_candidate, questions) == 1.0  # queen − king + man = [0, −1, 0.1] = woman
    with pytest.raises(ValueError, match="no analogy questions"):
        analogy_accuracy_among(tiny_candidate, [])


def test_word_similarity_reports_coverage(tiny_candidate):
    result = word_similarity(tiny_candidate)
    assert 0 < result["coverage"] < 0.01                             # only a handful of WordSim353's pairs


def test_sentence_retrieval_finds_the_source_document():
    topics = {"fire": [1, 0], "bank": [0, 1]}
    candidate = Candidate("topic", "test", 2, lambda texts: np.array([topics[t.split()[0]] for t in texts]), 1, 1)
    task = SpanQueries(docs=[["fire", "x"], ["bank", "y"]], queries=[["bank", "z"], ["fire"]], relevant=np.array([1, 0]))
    assert sentence_retrieval(candidate, task)["MRR"] == 1.0


TABLE = pd.DataFrame({"retrieval MRR": [0.3, 0.7, 0.69], "WordSim353": [0.6, 0.8, 0.8], "analogies": [0.1, 0.9, 0.8],
                      "RAM MB": [4.0, 91.0, 50.0], "one p50 ms": [0.05, 10.0, 8.0], "throughput /s": [1e5, 300, 400]},
                     index=["words", "encoder", "encoder int8"])


def test_ranking_follows_the_weights_and_the_limits():
    assert rank_models(TABLE, {"latency": 1}).index[0] == "words"
    assert rank_models(TABLE, {"quality": 1}, task="retrieval").index[0] == "encoder"
    assert rank_models(TABLE, {"quality": 1, "memory": 1}).index[0] == "encoder int8"   # near-best at half the RAM
    assert rank_models(TABLE, {"quality": 1, "memory": 2}).index[0] == "words"
    scores = rank_models(TABLE, {"quality": 1}, max_memory_mb=60)
    assert np.isnan(scores["encoder"]) and scores.index[0] == "encoder int8"
    assert np.isnan(rank_models(TABLE, {"quality": 1}, max_latency_ms=1)[["encoder", "encoder int8"]]).all()
    assert rank_models(TABLE, {"quality": 1, "latency": 1}).between(0, 1).all()


def test_ranking_refuses_unknown_tasks_and_weights():
    with pytest.raises(ValueError, match="unknown task"):
        rank_models(TABLE, {"quality": 1}, task="translation")
    with pytest.raises(ValueError, match="not all zero"):
        rank_models(TABLE, {"quality": 0})
    with pytest.raises(ValueError, match="criteria among"):
        rank_models(TABLE, {"price": 1})


def test_share_in_range_counts_the_ends_as_inside():
    assert share_in_range([5, 10, 50, 100, 500], 10, 100) == pytest.approx(0.6)


def test_explorer_names_the_winner_and_follows_the_sliders():
    from lib.widgets.model_choice import model_choice_explorer
    box = model_choice_explorer(TABLE)
    box.widget
    live = box.live
    assert list(live) == ["task", "quality", "memory", "latency", "throughput", "max_memory_mb", "max_latency_ms"]
    for criterion in ("memory", "latency", "throughput"):
        live[criterion].value = 0.0
    assert "Winner: <b>encoder</b>" in box.readout.value              # quality only, retrieval
    live["quality"].value, live["latency"].value = 0.0, 1.0
    assert "Winner: <b>words</b>" in box.readout.value
    live["max_latency_ms"].value = 0.01
    assert "No model meets both limits" in box.readout.value
    live["latency"].value = 0.0
    live["max_latency_ms"].value = 100
    assert "at least one criterion" in box.readout.value


def test_the_website_shows_what_jupyter_shows_for_each_named_weighting_and_limit(monkeypatch):
    import matplotlib.pyplot as plt
    from lib.widgets.explorer import STATIC_ENV
    from lib.widgets.model_choice import MEMORY_LIMITS, WEIGHTINGS, model_choice_explorer, model_choice_view
    from tests.test_static_explorers import outputs_of
    monkeypatch.setenv(STATIC_ENV, "1")
    page = model_choice_explorer(TABLE)._repr_mimebundle_()["text/html"]
    outputs = outputs_of(page)
    assert len(outputs) == len(WEIGHTINGS) * len(MEMORY_LIMITS) and "<select>" in page
    for i, weights in enumerate(WEIGHTINGS.values()):
        for j, (_, limit) in enumerate(MEMORY_LIMITS):
            assert outputs[f"{i}-{j}"].startswith(model_choice_view(TABLE, "retrieval", weights, limit, 1e4).html)
    monkeypatch.delenv(STATIC_ENV)
    box = model_choice_explorer(TABLE)                  # the live sliders at the same values: the same output
    box.widget
    for criterion, weight in {"quality": 1.0, "memory": 0.0, "latency": 3.0, "throughput": 0.0}.items():
        box.live[criterion].value = weight
    box.live["max_memory_mb"].value = 80
    key = f"{list(WEIGHTINGS).index('speed critical (latency ×3, quality ×1)')}-1"
    assert outputs[key].startswith(box.readout.value)
    plt.close("all")


def test_tradeoff_figure_puts_each_model_on_both_panels():
    from lib.figures.practical import plot_model_tradeoffs
    fig, axes = plot_model_tradeoffs(TABLE, "retrieval MRR")
    for ax in axes:
        assert sorted(t.get_text() for t in ax.texts) == sorted(TABLE.index)
        assert ax.get_xscale() == "log" and ax.get_ylabel() == "retrieval MRR"


def test_finetune_figure_stars_the_kept_epoch():
    from lib.figures.practical import plot_finetune_curves
    run = pd.DataFrame({"train": [0.5, 0.7, 0.9], "validation": [0.6, 0.65, 0.62], "kept": [False, True, False]})
    fig, axes = plot_finetune_curves({"full": run}, overfit=run)
    stars = [line for line in axes[0].lines if line.get_marker() == "*"]
    assert len(stars) == 1 and list(stars[0].get_xdata()) == [1]
    assert [line.get_label() for line in axes[1].lines[:2]] == ["training pairs", "validation pairs"]
