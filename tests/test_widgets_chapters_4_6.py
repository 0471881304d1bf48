"""Explorers of chapters 4-6 (lib.widgets.windows, lib.widgets.analogies, lib.widgets.geometry), without a display.

Worked example (``test_window_report_for_fox``): "fox" is at position 3 of the
slides' sentence; with w = 2 its context is "quick", "brown", "jumps", "over",
the sentence has 30 pairs, and the slides' formula would claim 36.
"""
import matplotlib

matplotlib.use("Agg")
import re  # noqa: E402

import ipywidgets as W  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from lib.vectors.analogies import SLIDE_VECTORS  # noqa: E402
from lib.text.corpus import toy_tokens  # noqa: E402
from lib.vectors.keyed import to_keyed_vectors  # noqa: E402
from lib.widgets.analogies import analogy_explorer, analogy_report, analogy_view  # noqa: E402
from lib.widgets.explorer import STATIC_ENV  # noqa: E402
from lib.widgets.geometry import dimension_explorer, dimension_summary, plot_relative_distances  # noqa: E402
from lib.widgets.windows import WINDOW_GRID, window_explorer, window_report, window_view  # noqa: E402


@pytest.fixture
def slide_kv():
    return to_keyed_vectors(list(SLIDE_VECTORS), np.array(list(SLIDE_VECTORS.values())))


def test_window_report_for_fox():
    r = window_report(toy_tokens(), 3, 2)
    assert r["context"] == ["quick", "brown", "jumps", "over"]
    assert r["pairs"] == [("fox", w) for w in r["context"]]
    assert (r["sentence_pairs"], r["slide_formula"]) == (30, 36)
    assert r["html"].count("<span style=\"background") == 5


def test_window_report_at_the_sentence_edge():
    r = window_report(toy_tokens(), 0, 3)
    assert r["context"] == ["quick", "brown", "fox"]


def test_window_explorer_builds_and_responds():
    box = window_explorer(toy_tokens(), center=3, window=1)
    box.widget
    assert "2 pairs" in box.readout.value
    box.live["window"].value = 2
    assert "4 pairs" in box.readout.value and "30" in box.readout.value


def static_outputs(explorer, monkeypatch) -> tuple[str, dict[str, str]]:
    """The website's version of ``explorer`` and its outputs, key → HTML, as while the site is built."""
    monkeypatch.setenv(STATIC_ENV, "1")
    page = explorer._repr_mimebundle_()["text/html"]
    assert explorer._widget is None                      # no widget, so no widget state in the page
    return page, dict(re.findall(r'data-key="([\d-]+)"[^>]*>(.*?)</div>', page, flags=re.S))


def test_the_website_shows_the_window_for_every_center_and_window(monkeypatch):
    tokens = toy_tokens()
    page, outputs = static_outputs(window_explorer(tokens, center=3, window=2), monkeypatch)
    windows = [w for w in WINDOW_GRID if w < len(tokens)]
    assert len(outputs) == len(tokens) * len(windows)
    for center in range(len(tokens)):
        for j, w in enumerate(windows):
            assert outputs[f"{center}-{j}"] == window_view(tokens, center, w).html, (center, w)
    assert re.findall(r'data-key="([\d-]+)">', page) == ["3-1"]              # fox, w = 2 shown first


def test_analogy_report_on_the_slides_vectors(slide_kv):
    r = analogy_report(slide_kv, "King", "man", "woman", topn=1)
    assert r["answers"][0][0] == "queen"
    assert "king − man + woman ≈ queen" in r["message"]


def test_analogy_report_names_missing_words(slide_kv):
    r = analogy_report(slide_kv, "king", "man", "unicorn")
    assert r["answers"] == [] and "unicorn" in r["message"]


def test_analogy_explorer_switches_method(slide_kv):
    box = analogy_explorer(slide_kv, topn=1)
    box.widget
    assert "queen" in box.readout.value
    box.live["method"].value = "3cosmul"
    assert "3cosmul" in box.readout.value and "queen" in box.readout.value
    box.live["plus2"].value = "unicorn"
    assert "unicorn" in box.readout.value


def test_the_website_offers_whole_questions_in_the_vocabulary_and_both_methods(slide_kv, monkeypatch):
    questions = [("queen", "woman", "man"), ("paris", "france", "italy")]
    page, outputs = static_outputs(analogy_explorer(slide_kv, topn=2, questions=questions), monkeypatch)
    assert re.findall(r"<option[^>]*>(.*?)</option>", page) == [
        "king − man + woman", "queen − woman + man", "3CosAdd", "3CosMul"]   # paris: not in the vectors
    for i, question in enumerate([("king", "man", "woman"), ("queen", "woman", "man")]):
        for j, method in enumerate(["3cosadd", "3cosmul"]):
            assert outputs[f"{i}-{j}"] == analogy_view(slide_kv, *question, method, topn=2).html
    assert "≈ queen" in outputs["0-1"] and "≈ king" in outputs["1-0"]


def test_dimension_summary_numbers():
    s = dimension_summary(100, n=2000, seed=1)
    assert s["distances"].shape == (2000,)
    assert s["within_10pct"] == pytest.approx(0.9, abs=0.05)
    assert s["volume"] == pytest.approx(2.368e-40, rel=1e-3)
    assert s["inner_0_9"] == pytest.approx(0.9 ** 100)
    assert dimension_summary(5)["volume"] == pytest.approx(5.2638, rel=1e-4)


def test_dimension_explorer_and_histogram():
    box = dimension_explorer(d=10, n=200)
    assert isinstance(box.widget, W.VBox) and "max / min" in box.readout.value
    fig, ax = plot_relative_distances(dimension_summary(10, n=200))
    assert "d = 10" in ax.get_title()
