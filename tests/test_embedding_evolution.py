"""Specifications of lib.measure.embedding_evolution: the group measures, and snapshots taken by the trainer's callback.

Worked example (test_group_measures_by_hand): two groups of two identical
vectors along orthogonal axes: within-group cosine 1, across 0, gap 1; each
word's nearest neighbour is its twin, so purity is 1.
"""
import numpy as np
import pytest

from lib.text.corpus import load_lee
from lib.measure.embedding_evolution import group_gap, neighbour_purity, train_with_snapshots
from lib.skipgram.settings import TrainingSettings

GROUPS = {"numbers": ["one", "two", "three", "four"], "days": ["monday", "friday", "sunday", "thursday"],
          "missing": ["notaword"]}


def test_group_measures_by_hand():
    X = np.array([[1.0, 0], [1, 0], [0, 1], [0, 1]])
    assert group_gap(X, ["a", "a", "b", "b"]) == pytest.approx(1.0)
    assert neighbour_purity(X, ["a", "a", "b", "b"]) == 1.0
    assert neighbour_purity(X, ["a", "b", "a", "b"]) == 0.0


@pytest.fixture(scope="module")
def run():
    return train_with_snapshots(load_lee(20_000), GROUPS, TrainingSettings(epochs=3, dim=20, min_count=3, seed=0),
                                snapshot_epochs=(0, 2), progress=False)


def test_snapshots_and_history(run):
    assert "notaword" not in run.words and len(run.words) == len(run.groups) > 4
    assert sorted(run.snapshots) == [0, 2]
    assert run.snapshots[0].shape == (len(run.words), 20)
    assert [h["epoch"] for h in run.history] == [1, 2, 3]
    assert {"loss", "gap", "purity", "alpha"} <= set(run.at(2))
    ids = [run.model.vocab.id(w) for w in run.words]
    assert not np.allclose(run.snapshots[2], run.model.W_in[ids])     # a copy, not a live view


def test_epoch_zero_snapshot_is_the_trainers_initialisation():
    settings = TrainingSettings(epochs=1, dim=20, min_count=3, alpha=1e-12, min_alpha=1e-12, seed=3)
    run = train_with_snapshots(load_lee(20_000), GROUPS, settings, snapshot_epochs=(0, 1), progress=False)
    np.testing.assert_allclose(run.snapshots[0], run.snapshots[1], atol=1e-6)
