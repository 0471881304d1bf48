"""Specifications of lib.measure.window_effects: suffix agreement, document lift and the sweep table.

Worked example (``test_document_lift_of_words_that_always_meet``): in 4 documents,
"a" and "b" both occur in documents 0 and 1 only. Independence would put them
together in 4 · (2/4) · (2/4) = 1 document; they share 2, so the lift is 2 and
its log2 is 1.
"""
import numpy as np
import pytest

from lib.vectors.keyed import to_keyed_vectors
from lib.measure.window_effects import (document_lift, document_matrix, neighbour_lift, neighbour_table,
                                        probe_words, suffix_agreement, window_scores)


@pytest.fixture
def kv():
    words = ["running", "jumping", "walking", "quickly", "slowly", "happily", "table", "chair", "played", "jumped"]
    rng = np.random.default_rng(0)
    centres = {"ing": rng.normal(size=16), "ly": rng.normal(size=16), "": rng.normal(size=16), "ed": rng.normal(size=16)}
    rows = []
    for w in words:
        key = next((s for s in ("ing", "ly", "ed") if w.endswith(s)), "")
        rows.append(centres[key] + 0.05 * rng.normal(size=16))
    return to_keyed_vectors(words, np.array(rows), counts=np.arange(len(words), 0, -1) * 10)


def test_probe_words_take_frequent_words_with_the_suffix(kv):
    assert probe_words(kv, "ing", 2) == ["running", "jumping"]
    assert probe_words(kv, "ly", 5, min_length=7) == ["quickly", "happily"]


def test_suffix_agreement_is_high_when_words_cluster_by_suffix(kv):
    result = suffix_agreement(kv, suffixes=("ing", "ly"), topn=2)
    assert result["agreement"] == pytest.approx(1.0)
    assert result["base_rate"] == pytest.approx(0.3)
    assert result["probes"] == 6


def test_suffix_agreement_is_at_chance_for_random_vectors():
    rng = np.random.default_rng(1)
    words = [f"w{i}" + ("ing" if i % 4 == 0 else "") for i in range(400)]
    result = suffix_agreement(to_keyed_vectors(words, rng.normal(size=(400, 20))), suffixes=("ing",),
                              probes_per_suffix=60, topn=10)
    assert result["agreement"] == pytest.approx(result["base_rate"], abs=0.06)


def test_document_matrix_marks_presence_once(kv):
    D = document_matrix([["running", "running", "table"], ["chair", "unknown"]], kv).toarray()
    assert D.shape == (2, len(kv))
    assert D[0, kv.key_to_index["running"]] == 1 and D[0].sum() == 2 and D[1].sum() == 1


def test_document_lift_of_words_that_always_meet(kv):
    docs = [["running", "table"], ["running", "table"], ["chair"], ["walking"]]
    D = document_matrix(docs, kv)
    i = kv.key_to_index
    lift = document_lift(D, [(i["running"], i["table"]), (i["running"], i["chair"])])
    assert lift[0] == pytest.approx(1.0)
    assert lift[1] == pytest.approx(np.log2(0.5 / (2 * 1 / 4)))     # never together: half a meeting


def test_neighbour_lift_and_table(kv):
    D = document_matrix([["running", "jumping", "walking"], ["quickly", "slowly", "happily"]], kv)
    assert neighbour_lift(kv, D, ["running"], topn=2) == pytest.approx(1.0)
    table = neighbour_table({1: (kv, {})}, ["running", "zebra"], topn=2)
    assert table.loc["zebra", "window 1"] == "(not in vocabulary)"
    assert set(table.loc["running", "window 1"].split(", ")) == {"jumping", "walking"}


def test_window_scores_has_one_row_per_model(kv):
    sentences = [["running", "jumping", "quickly"], ["table", "chair"]]
    scores = window_scores({1: (kv, {"seconds": 1.5}), 5: (kv, {"seconds": 3.0})}, sentences, probes_for_lift=3)
    assert scores.index.tolist() == [1, 5]
    assert list(scores.columns) == ["SimLex-999", "WordSim353", "suffix agreement", "document lift", "training s"]
    assert scores["training s"].tolist() == [1.5, 3.0]
