"""Behaviour of the Part II explorers (lib.widgets.objectives), tested without a display.

Worked example (``test_softmax_summary_at_scale_zero_is_uniform``): with every
vector at zero each of the V words gets probability 1/V, so the loss of the
true context word is ln V exactly (6.9078 for V = 1000).
"""
import matplotlib

matplotlib.use("Agg")
import ipywidgets as W  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
import scipy.sparse as sp  # noqa: E402

from lib.widgets import objectives as wo  # noqa: E402
from lib.text.vocabulary import Vocabulary  # noqa: E402


def test_softmax_summary_at_scale_zero_is_uniform():
    s = wo.softmax_summary(1000, 0.0)
    assert s["loss"] == pytest.approx(np.log(1000)) == pytest.approx(s["ln_V"])
    assert s["entropy"] == pytest.approx(np.log(1000)) and s["max_prob"] == pytest.approx(1e-3)


def test_softmax_summary_peaks_as_vectors_grow():
    small, large = wo.softmax_summary(500, 0.5), wo.softmax_summary(500, 3.0)
    assert large["entropy"] < small["entropy"] < np.log(500)
    assert large["max_prob"] > small["max_prob"]
    assert wo.softmax_summary(500, 3.0, seed=1)["loss"] != large["loss"]


def test_noise_summary_flattens_with_smaller_exponent():
    counts, words = np.array([1000, 100, 10, 1]), ["a", "b", "c", "d"]
    uni, three_quarters, flat = (wo.noise_summary(counts, words, p, top=1) for p in (1.0, 0.75, 0.0))
    assert uni["top_share"] > three_quarters["top_share"] > flat["top_share"] == pytest.approx(0.25)
    assert uni["rare_boost"] == pytest.approx(1.0) and three_quarters["rare_boost"] > 1
    assert flat["rare_word"] == "d" and flat["top_word"] == "a"


def test_explorers_build_and_respond():
    sm = wo.softmax_explorer(V=100)
    readout = sm.children[2]
    before = readout.value
    sm.children[1].value = 2.0
    assert isinstance(sm, W.VBox) and readout.value != before and "ln V = 4.605" in readout.value
    nz = wo.noise_explorer(np.array([100, 10, 1]), ["a", "b", "c"], top=1)
    nz.children[0].value = 0.0
    assert "33.3% of negatives" in nz.children[1].value


def test_weighting_explorer_responds():
    we = wo.weighting_explorer()
    we.widget
    assert "f(1) = 0.0316" in we.readout.value
    we.live["alpha"].value = 1.0
    assert "f(1) = 0.0100" in we.readout.value


def test_ratio_explorer_shows_table_and_unknown_words():
    vocab = Vocabulary(["ice", "steam", "solid"], [3, 2, 1])
    X = sp.csr_matrix(np.array([[0, 1.0, 4.0], [1.0, 0, 1.0], [4.0, 1.0, 0]]))
    box = wo.ratio_explorer(X, vocab, "ice", "steam", ["solid"])
    box.widget
    assert "<table" in box.readout.value
    box.live["word_j"].value = "unicorn"
    assert "unicorn" in box.readout.value and "<table" not in box.readout.value
