"""Behaviour of the interactive explorers (lib.widgets.similarity), tested without a display.

Worked example (``test_sparsity_summary_matches_the_slides``): for V = 50,000
and d = 300, a one-hot vector is 99.998 % zeros and takes 50,000 × 4 bytes =
200 kB in float32, the dense vector 300 × 4 = 1.2 kB, so the dense vector is
50,000 / 300 ≈ 166.7 times shorter — not the slide's round "100x".
"""
import matplotlib

matplotlib.use("Agg")
import re  # noqa: E402

import ipywidgets as W  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from gensim.models import KeyedVectors  # noqa: E402

from lib.measure.units import human_bytes  # noqa: E402
from lib.vectors.keyed import pick_present  # noqa: E402
from lib.vectors.representations import sparsity_summary  # noqa: E402
from lib.vectors.similarity import vectors_at_angle  # noqa: E402
from lib.widgets import similarity as widgets  # noqa: E402
from lib.widgets.explorer import STATIC_ENV  # noqa: E402


@pytest.fixture
def tiny_kv():
    kv = KeyedVectors(vector_size=2)
    kv.add_vectors(["cat", "dog", "car"], np.array([[1.0, 0.0], [1.0, 1.0], [-1.0, 0.0]]))
    return kv


def test_sparsity_summary_matches_the_slides():
    s = sparsity_summary(50_000, 300)
    assert s["sparsity_percent"] == pytest.approx(99.998)
    assert s["one_hot_bytes"] == 200_000
    assert s["dense_bytes"] == 1_200
    assert s["one_hot_table_bytes"] == 50_000 * 50_000 * 4
    assert s["dense_table_bytes"] == 50_000 * 300 * 4
    assert s["ratio"] == pytest.approx(166.6667, rel=1e-4)
    assert sparsity_summary(10, 300)["sparsity_percent"] == pytest.approx(90.0)


@pytest.mark.parametrize("n, text", [(999, "999 B"), (200_000, "200 kB"), (1.2e10, "12 GB"),
                                     (1_500_000, "1.5 MB"), (3e15, "3e+03 TB")])
def test_human_bytes(n, text):
    assert human_bytes(n) == text


@pytest.mark.parametrize("theta", [0, 15, 30, 85, 90, 135, 180])
@pytest.mark.parametrize("length_b", [0.5, 1.0, 3.0])
def test_vectors_at_angle_have_the_requested_cosine(theta, length_b):
    a, b = vectors_at_angle(theta, 2.0, length_b)
    assert np.linalg.norm(a) == pytest.approx(2.0)
    assert np.linalg.norm(b) == pytest.approx(length_b)
    assert a @ b / (2.0 * length_b) == pytest.approx(np.cos(np.radians(theta)))


def test_negative_length_flips_the_cosine():
    a, b = vectors_at_angle(30, 1.0, -1.0)
    assert a @ b == pytest.approx(-np.cos(np.radians(30)))


def test_pick_present_takes_first_available_and_never_repeats(tiny_kv):
    assert pick_present(tiny_kv, [["kitten", "cat"], ["truck", "car"]]) == ["cat", "car"]
    assert pick_present(tiny_kv, [["cat"], ["cat", "dog"]]) == ["cat", "dog"]
    assert pick_present(tiny_kv, [["kitten", "truck"]]) == [None]


def test_word_pair_report(tiny_kv):
    r = widgets.word_pair_report(tiny_kv, "cat", "dog")
    assert r["cosine"] == pytest.approx(np.sqrt(0.5))
    assert r["angle"] == pytest.approx(45.0)
    assert "0.707" in r["message"]
    missing = widgets.word_pair_report(tiny_kv, "cat", "kitten")
    assert missing["cosine"] is None and missing["angle"] is None
    assert "kitten" in missing["message"] and "cat" not in missing["message"].split(":")[-1]


def test_sparsity_explorer_updates_its_table():
    box = widgets.sparsity_explorer()
    assert isinstance(box.widget, W.VBox)
    assert "99.9980 %" in box.readout.value
    box.live["V"].value = 10
    assert "90.0000 %" in box.readout.value
    box.live["d"].value = 100
    assert "500.0 ×" not in box.readout.value and "0.1 ×" in box.readout.value


def test_angle_explorer_constructs_and_redraws():
    box = widgets.angle_explorer()
    box.widget
    assert isinstance(box.out, W.Output)
    assert "0.866" in box.readout.value  # starts at 30°
    box.live["theta"].value = 60
    assert "= 0.500" in box.readout.value
    box.live["k"].value = 2.0
    assert "= 0.500" in box.readout.value  # scale invariance for k > 0
    box.live["k"].value = -1.5
    assert "= -0.500" in box.readout.value  # k < 0 flips the sign
    plt.close("all")


def test_word_pair_explorer_reacts_to_typing(tiny_kv):
    box = widgets.word_pair_explorer(tiny_kv, "cat", "dog")
    box.widget
    assert "0.707" in box.readout.value
    box.live["word_b"].value = "Car "
    assert "-1.000" in box.readout.value
    box.live["word_b"].value = "kitten"
    assert "not in the vocabulary" in box.readout.value


def static_outputs(explorer, monkeypatch) -> dict[str, str]:
    """The website's outputs of ``explorer``, key → HTML, rendered as while the site is built."""
    monkeypatch.setenv(STATIC_ENV, "1")
    page = explorer._repr_mimebundle_()["text/html"]
    assert explorer._widget is None                      # no widget, so no widget state in the page
    return dict(re.findall(r'data-key="([\d-]+)"[^>]*>(.*?)</div>', page, flags=re.S))


def test_the_website_shows_the_sparsity_table_for_every_V_and_d(monkeypatch):
    outputs = static_outputs(widgets.sparsity_explorer(), monkeypatch)
    assert len(outputs) == len(widgets.VOCABULARY_SIZES) * len(widgets.SPARSITY_DIMENSIONS)
    for i, V in enumerate(widgets.VOCABULARY_SIZES):
        for j, d in enumerate(widgets.SPARSITY_DIMENSIONS):
            assert outputs[f"{i}-{j}"] == widgets.sparsity_view(V, d).html, (V, d)


def test_the_website_shows_the_arrows_for_every_angle_and_length(monkeypatch):
    outputs = static_outputs(widgets.angle_explorer(), monkeypatch)
    assert len(outputs) == len(widgets.ANGLE_GRID) * len(widgets.LENGTH_GRID)
    for i, theta in enumerate(widgets.ANGLE_GRID):
        for j, k in enumerate(widgets.LENGTH_GRID):
            assert outputs[f"{i}-{j}"].startswith(widgets.angle_view(theta, k).html + "<img"), (theta, k)
    assert "cos(a, -1·b) = -0.866" in outputs["1-0"]                 # 30°, flipped
    plt.close("all")


def test_the_website_offers_word_pairs_in_the_vocabulary_starting_pair_first(tiny_kv, monkeypatch):
    explorer = widgets.word_pair_explorer(tiny_kv, "cat", "car", pairs=[("cat", "dog"), ("cat", "kitten")])
    monkeypatch.setenv(STATIC_ENV, "1")
    page = explorer._repr_mimebundle_()["text/html"]
    assert re.findall(r"<option[^>]*>(.*?)</option>", page) == ["cat – car", "cat – dog"]   # kitten: not in kv
    outputs = static_outputs(explorer, monkeypatch)
    assert outputs == {"0": widgets.word_pair_view(tiny_kv, "cat", "car").html,
                       "1": widgets.word_pair_view(tiny_kv, "cat", "dog").html}
    assert "0.707" in outputs["1"]
