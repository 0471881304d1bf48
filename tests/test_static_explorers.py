"""Explorers have two lives: live widgets in Jupyter, a precomputed grid on the website.

Both come from one view function, so for every value on the grid the website shows exactly
what Jupyter shows. These tests render grids without a browser; tests/test_site_browser.py
moves the controls of the built website.
"""
from __future__ import annotations

import re

import ipywidgets as W
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from lib.widgets.explorer import STATIC_ENV, Control, Explorer, View, grid_keys, render_static  # noqa: E402
from lib.widgets.geometry import DIMENSION_GRID, dimension_explorer, dimension_view  # noqa: E402


def square_view(x: int, colour: str = "red") -> View:
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.plot([0, x], [0, x * x], color=colour)
    return View(html=f"<p>{x}² = {x * x} in {colour}</p>", figure=fig, alt=f"A {colour} line up to {x}²")


def outputs_of(page: str) -> dict[str, str]:
    """Each output's key → its HTML."""
    return dict(re.findall(r'data-key="([\d-]+)"[^>]*>(.*?)</div>', page, flags=re.S))


def x_and_colour(x=2, colour="blue", xs=(1, 2), colours=("red", "blue", "green")) -> dict:
    return {"x": Control(W.IntSlider, "x", x, grid=xs, min=0, max=9),
            "colour": Control(W.Dropdown, "colour", colour, grid=colours, options=["red", "blue", "green"])}


def test_every_combination_of_the_grid_is_rendered_once():
    assert grid_keys({"x": [1, 2], "colour": ["red", "blue", "green"]}) == [
        (0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]
    page = render_static(square_view, x_and_colour())
    outputs = outputs_of(page)
    assert sorted(outputs) == ["0-0", "0-1", "0-2", "1-0", "1-1", "1-2"]
    assert page.count("<img") == 6 and page.count('alt="A ') == 6
    assert "<p>2² = 4 in green</p>" in outputs["1-2"]


def test_the_output_shown_first_is_the_one_for_the_starting_values():
    page = render_static(square_view, {"x": Control(W.IntSlider, "x", 4, grid=[1, 2, 5])})   # 4 not offered
    assert re.findall(r'data-key="(\d+)"(?! hidden)>', page) == ["2"]                         # nearest: 5
    assert 'type="range" min="0" max="2" step="1" value="2"' in page          # numbers get a slider
    page = render_static(square_view, x_and_colour(colours=[("Red!", "red"), ("Blue!", "blue")]))
    assert '<select><option value="0">Red!</option><option value="1" selected>Blue!</option>' in page


def test_the_website_shows_what_jupyter_shows_for_each_grid_value(monkeypatch):
    live = dimension_explorer(d=100)
    live.widget
    assert live.readout.value == dimension_view(100).html
    monkeypatch.setenv(STATIC_ENV, "1")
    explorer = dimension_explorer(d=100)
    page = explorer._repr_mimebundle_()["text/html"]
    assert explorer._widget is None                     # no widget, so no widget state in the page
    outputs = outputs_of(page)
    assert len(outputs) == len(DIMENSION_GRID)
    for i, d in enumerate(DIMENSION_GRID):
        assert outputs[str(i)].startswith(dimension_view(d).html), f"d = {d}"
    plt.close("all")


def test_in_jupyter_an_explorer_is_a_live_widget(monkeypatch):
    monkeypatch.delenv(STATIC_ENV, raising=False)
    explorer = Explorer(square_view, x_and_colour())
    assert "application/vnd.jupyter.widget-view+json" in explorer._repr_mimebundle_()
    explorer.live["x"].value = 7                          # a value off the grid: computed live
    assert explorer.readout.value == "<p>7² = 49 in blue</p>"
    plt.close("all")


def test_the_website_may_offer_named_settings_instead_of_the_live_controls(monkeypatch):
    live_controls = x_and_colour()                        # 10 × 3 live values: too many to precompute
    named = {"setting": Control(W.Dropdown, "setting", (3, "red"),
                                grid=[("small red", (3, "red")), ("large green", (9, "green"))])}
    explorer = Explorer(square_view, live_controls, website=(lambda setting: square_view(*setting), named))
    monkeypatch.setenv(STATIC_ENV, "1")
    page = explorer._repr_mimebundle_()["text/html"]
    assert outputs_of(page)["1"].startswith("<p>9² = 81 in green</p>") and len(outputs_of(page)) == 2
    assert "<option value=\"1\">large green</option>" in page and 'type="range"' not in page
    monkeypatch.delenv(STATIC_ENV)
    explorer.widget
    explorer.live["x"].value, explorer.live["colour"].value = 9, "green"
    assert outputs_of(page)["1"].startswith(explorer.readout.value)
    plt.close("all")


def test_a_control_or_view_that_cannot_work_is_a_clear_error():
    with pytest.raises(ValueError, match="at least one control"):
        Explorer(square_view, {})
    with pytest.raises(ValueError, match="'x' offers no value on the website"):
        Control(W.IntSlider, "x", 1, grid=[])

    def no_alt(x):
        return View(figure=plt.figure())
    with pytest.raises(ValueError, match="without alt text.*alt="):
        render_static(no_alt, {"x": Control(W.IntSlider, "x", 1, grid=[1])})
    plt.close("all")
