"""Explorer over the dimension d: distance concentration, ball volume and shell share at one glance.

A pure function (:func:`dimension_summary`) does the work, :func:`dimension_view` turns it into
what is shown, and :class:`lib.widgets.explorer.Explorer` wires a slider to it: live in Jupyter,
over :data:`DIMENSION_GRID` on the website.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from lib.figures.geometry import plot_relative_distances
from lib.vectors.geometry import (inner_fraction, predicted_range_over_mean, query_distances, spread,
                                  unit_ball_volume)
from lib.widgets.explorer import Control, Explorer, View


def dimension_summary(d: int, n: int = 1000, seed: int = 0) -> dict:
    """Distances from a Gaussian query to n Gaussian points in d dimensions, and the ball's numbers.

    Returns
    -------
    dict
        ``distances`` (shape (n,)), the :func:`lib.vectors.geometry.spread` entries,
        ``predicted`` (range/mean for large d), ``volume`` (V_d) and
        ``inner_0_9`` (share of the ball inside radius 0.9).

    Example: ``dimension_summary(100)["within_10pct"]`` → about 0.9.
    """
    distances = query_distances(n, d, np.random.default_rng(seed))
    return {"d": d, "n": n, "distances": distances, **spread(distances),
            "predicted": float(predicted_range_over_mean(n, d)),
            "volume": float(unit_ball_volume(d)), "inner_0_9": float(inner_fraction(d, 0.9))}


def dimension_view(d: int, n: int = 1000) -> View:
    """What the dimension explorer shows for d: a table of the d-dependent numbers and the histogram.

    Example: ``dimension_view(100).html`` → a table in which 90 % of points lie within ±10 %.
    """
    s = dimension_summary(d, n)
    table = (
        "<table>"
        f"<tr><td>(max − min) / mean, measured</td><td>{s['range_over_mean']:.3f}</td></tr>"
        f"<tr><td>(max − min) / mean, predicted for large d</td><td>{s['predicted']:.3f}</td></tr>"
        f"<tr><td>max / min</td><td>{s['max_over_min']:.3f}</td></tr>"
        f"<tr><td>points within ±10 % of the mean distance</td><td>{s['within_10pct']:.1%}</td></tr>"
        f"<tr><td>volume of the unit ball V_d</td><td>{s['volume']:.4g}</td></tr>"
        f"<tr><td>share of that volume inside radius 0.9</td><td>{s['inner_0_9']:.4g}</td></tr>"
        "</table>")
    alt = (f"Histogram of the distances from one query to {n} Gaussian points in d = {d} dimensions, "
           f"divided by their mean: {s['within_10pct']:.0%} lie within ±10 % of the mean.")
    return View(html=table, figure=plot_relative_distances(s)[0], alt=alt)


DIMENSION_GRID = [1, 2, 3, 5, 10, 20, 50, 100, 300, 1000, 3000]
"""The website's dimensions: from a line, through the plane, to where distances concentrate."""


def dimension_explorer(d: int = 100, n: int = 1000) -> Explorer:
    """Slider over d → histogram of relative distances and a table of the d-dependent numbers.

    Example: ``dimension_explorer(100)`` → the d = 100 histogram, 90 % of points within ±10 %.
    """
    return Explorer(lambda d: dimension_view(d, n), {
        "d": Control(W.IntSlider, "dimension d", d, grid=DIMENSION_GRID, min=1, max=3000, step=1,
                     layout=W.Layout(width="420px"))})
