"""Figures of chapters 4-6 (lib.figures.windows, lib.figures.analogies, lib.figures.geometry): course style, content.

Worked example (``test_pair_count_figure_draws_exact_formula_and_slide_numbers``):
the figure for n = 9 up to w = 10 has the exact curve (16, 30, 42, …, 72), the
slides' formula (18, 36, 54, 72, …) and the four numbers printed on the slides
as separate artists, so a reader sees the crosses sit on the exact curve.
"""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402

from lib.figures import analogies as plots_analogies  # noqa: E402
from lib.figures import geometry as plots_geometry  # noqa: E402
from lib.figures import windows as plots_windows  # noqa: E402
from lib.vectors.analogies import SLIDE_VECTORS  # noqa: E402
from lib.text.corpus import toy_tokens  # noqa: E402
from lib.vectors.keyed import to_keyed_vectors  # noqa: E402
from lib.vectors.geometry import volume_peak  # noqa: E402

_RNG = np.random.default_rng(0)
_KV = to_keyed_vectors(["a", "b", "c", "d", "e", "f"], _RNG.normal(size=(6, 5)))
_SCORES = pd.DataFrame({"SimLex-999": [0.1, 0.2], "WordSim353": [0.2, 0.4], "suffix agreement": [0.3, 0.1],
                        "document lift": [1.9, 2.5], "training s": [1.0, 3.0]}, index=pd.Index([1, 10], name="window"))
_TABLE = pd.DataFrame({"answered": [10, 20], "accuracy": [0.1, np.nan]}, index=["family", "currency"])
_CURVE = pd.DataFrame({"range_over_mean": [1.0, 0.3], "max_over_min": [5.0, 1.4]}, index=[10, 100])
_STUDY = pd.DataFrame({"neighbour overlap": [0.1, 0.5], "within ±ε": [0.1, 0.4], "ratio std": [0.9, 0.2],
                       "theory sqrt(2/k)": [1.0, 0.2]}, index=[2, 50])

FIGURES = {
    "window_diagram": lambda: plots_windows.plot_window_diagram(toy_tokens(), 3, [1, 2, 3, 5]),
    "pair_counts": lambda: plots_windows.plot_pair_counts(9, 10, {1: 16, 2: 30, 3: 42, 5: 60}),
    "window_sweep": lambda: plots_windows.plot_window_sweep(_SCORES, {"suffix agreement": 0.05}),
    "vectors_3d": lambda: plots_analogies.plot_vectors_3d(SLIDE_VECTORS, [("man", "king", "royalty")]),
    "offset_pairs": lambda: plots_analogies.plot_offset_pairs(_KV, {"r": [("a", "b"), ("c", "d")], "s": [("e", "f")]}),
    "category_accuracy": lambda: plots_analogies.plot_category_accuracy({"3CosAdd": _TABLE, "3CosMul": _TABLE}),
    "accuracy_vs_tokens": lambda: plots_analogies.plot_accuracy_vs_tokens([1e4, 1e5], {"top-1": [1, 2]}),
    "concentration": lambda: plots_geometry.plot_concentration(_CURVE, 1000),
    "ball_volume": lambda: plots_geometry.plot_ball_volume(100, volume_peak()),
    "inner_fraction": lambda: plots_geometry.plot_inner_fraction(1000, {10: 0.35, 100: 1e-5}),
    "projection_study": lambda: plots_geometry.plot_projection_study(_STUDY),
    "norm_vs_count": lambda: plots_geometry.plot_norm_vs_count(np.arange(1, 50), np.linspace(1, 3, 49)),
}


@pytest.mark.parametrize("name", FIGURES)
def test_figures_are_opaque_white_and_labelled(name):
    fig, axes = FIGURES[name]()
    assert to_rgba(fig.get_facecolor()) == (1.0, 1.0, 1.0, 1.0)
    for ax in np.atleast_1d(axes):
        if ax.axison:
            assert ax.get_xlabel() and ax.get_ylabel(), f"{name}: unlabelled axis"
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=30)
    plt.close(fig)
    buf.seek(0)
    image = plt.imread(buf)
    assert image[..., 3].min() == 1.0 and np.allclose(image[0, 0, :3], 1.0)


def test_pair_count_figure_draws_exact_formula_and_slide_numbers():
    fig, ax = plots_windows.plot_pair_counts(9, 10, {1: 16, 2: 30, 3: 42, 5: 60})
    exact, formula, stated = ax.get_lines()[:3]
    assert exact.get_ydata().tolist() == [16, 30, 42, 52, 60, 66, 70, 72, 72, 72]
    assert formula.get_ydata().tolist()[:4] == [18, 36, 54, 72]
    assert stated.get_ydata().tolist() == [16, 30, 42, 60]
    plt.close(fig)


def test_window_diagram_colours_the_center_and_its_context():
    fig, ax = plots_windows.plot_window_diagram(toy_tokens(), 3, [1])
    colours = [to_rgba(p.get_facecolor()) for p in ax.patches]
    assert colours[3] == to_rgba(plots_windows.CENTER_COLOUR)
    assert colours[2] == colours[4] == to_rgba(plots_windows.CONTEXT_COLOUR)
    assert colours[0] == colours[8] == to_rgba(plots_windows.OUTSIDE_COLOUR)
    plt.close(fig)


def test_offset_pairs_draw_one_arrow_per_pair():
    fig, ax = plots_analogies.plot_offset_pairs(_KV, {"r": [("a", "b"), ("c", "d")], "s": [("e", "f")]})
    arrows = [t for t in ax.texts if getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == 3
    plt.close(fig)


def test_volume_figure_marks_the_peak_at_five():
    fig, axes = plots_geometry.plot_ball_volume(30, volume_peak())
    star = [line for line in axes[0].get_lines() if line.get_marker() == "*"][0]
    assert star.get_xdata()[0] == 5
    plt.close(fig)
