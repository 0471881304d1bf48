"""Behaviour of the Part II explorers (lib.widgets.objectives), tested without a display.

Worked example (``test_softmax_summary_at_scale_zero_is_uniform``): with every
vector at zero each of the V words gets probability 1/V, so the loss of the
true context word is ln V exactly (6.9078 for V = 1000).
"""
import matplotlib

matplotlib.use("Agg")
import ipywidgets as W  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
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


def test_the_website_shows_what_jupyter_shows_for_each_grid_value(monkeypatch):
    from lib.widgets.explorer import STATIC_ENV
    from tests.test_static_explorers import outputs_of
    monkeypatch.setenv(STATIC_ENV, "1")
    outputs = outputs_of(wo.softmax_explorer()._repr_mimebundle_()["text/html"])
    assert len(outputs) == len(wo.SOFTMAX_V_GRID) * len(wo.SOFTMAX_SCALE_GRID)
    for i, V in enumerate(wo.SOFTMAX_V_GRID):
        for j, scale in enumerate(wo.SOFTMAX_SCALE_GRID):
            assert outputs[f"{i}-{j}"].startswith(wo.softmax_view(V, scale).html), f"V = {V}, scale = {scale}"
    counts, words = np.array([100, 10, 1]), ["a", "b", "c"]
    outputs = outputs_of(wo.noise_explorer(counts, words, top=1)._repr_mimebundle_()["text/html"])
    assert len(outputs) == len(wo.NOISE_POWER_GRID)
    for i, power in enumerate(wo.NOISE_POWER_GRID):
        assert outputs[str(i)].startswith(wo.noise_view(counts, words, power, top=1).html), f"power = {power}"
    plt.close("all")


def test_explorers_build_and_respond():
    sm = wo.softmax_explorer(V=100)
    assert isinstance(sm.widget, W.VBox)
    before = sm.readout.value
    sm.live["scale"].value = 2.0
    assert sm.readout.value != before and "ln V = 4.605" in sm.readout.value
    nz = wo.noise_explorer(np.array([100, 10, 1]), ["a", "b", "c"], top=1)
    nz.widget
    nz.live["power"].value = 0.0
    assert "33.3% of negatives" in nz.readout.value


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
