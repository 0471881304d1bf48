"""Behaviour of the interactive explorers (lib.widgets.similarity), tested without a display.

Worked example (``test_sparsity_summary_matches_the_slides``): for V = 50,000
and d = 300, a one-hot vector is 99.998 % zeros and takes 50,000 × 4 bytes =
200 kB in float32, the dense vector 300 × 4 = 1.2 kB, so the dense vector is
50,000 / 300 ≈ 166.7 times shorter — not the slide's round "100x".
"""
import matplotlib

matplotlib.use("Agg")
import ipywidgets as W  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from gensim.models import KeyedVectors  # noqa: E402

from lib.measure.units import human_bytes  # noqa: E402
from lib.vectors.keyed import pick_present  # noqa: E402
from lib.vectors.representations import sparsity_summary  # noqa: E402
from lib.vectors.similarity import vectors_at_angle  # noqa: E402
from lib.widgets import similarity as widgets  # noqa: E402


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
    assert isinstance(box, W.VBox)
    V_slider, d_slider, table = box.children
    assert "99.9980 %" in table.value
    V_slider.value = 10
    assert "90.0000 %" in table.value
    d_slider.value = 100
    assert "500.0 ×" not in table.value and "0.1 ×" in table.value


def test_angle_explorer_constructs_and_redraws():
    box = widgets.angle_explorer()
    theta, scale, readout, out = box.children
    assert isinstance(out, W.Output)
    assert "0.866" in readout.value  # starts at 30°
    theta.value = 60
    assert "= 0.500" in readout.value
    scale.value = 2.0
    assert "= 0.500" in readout.value  # scale invariance for k > 0
    scale.value = -1.5
    assert "= -0.500" in readout.value  # k < 0 flips the sign


def test_word_pair_explorer_reacts_to_typing(tiny_kv):
    box = widgets.word_pair_explorer(tiny_kv, "cat", "dog")
    (box_a, box_b), result = box.children[0].children, box.children[1]
    assert "0.707" in result.value
    box_b.value = "Car "
    assert "-1.000" in result.value
    box_b.value = "kitten"
    assert "not in the vocabulary" in result.value
