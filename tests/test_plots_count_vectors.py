"""Behaviour of the chapter 12b figures (lib.figures.count_vectors): each draws what it is given, in the course style.

Worked example (``test_pmi_scatter_reports_the_correlation_of_all_points``): 10,000 pairs
whose dot products equal their shifted PMI plus noise are drawn as at most 4,000 points,
with the diagonal y = x and a fitted line, and the legend gives the correlation of all 10,000.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from lib.figures.count_vectors import plot_pmi_scatter, plot_singular_values  # noqa: E402
from lib.figures.style import OKABE_ITO  # noqa: E402

PALETTE_HEX = {c.lower() for c in OKABE_ITO.values()}


def test_pmi_scatter_reports_the_correlation_of_all_points():
    rng = np.random.default_rng(0)
    x = rng.normal(size=10_000)
    y = x + 0.3 * rng.normal(size=10_000)
    fig, ax = plot_pmi_scatter(x, y, max_points=4000)
    points = ax.collections[0]
    assert len(points.get_offsets()) == 4000
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == f"10,000 pairs (Pearson r = {np.corrcoef(x, y)[0, 1]:.2f})"
    diagonal = ax.get_lines()[0]
    assert np.allclose(diagonal.get_xdata(), diagonal.get_ydata())
    assert ax.get_xlabel() and ax.get_ylabel()
    assert to_hex(points.get_facecolor()[0]).lower() in PALETTE_HEX
    plt.close(fig)


def test_pmi_scatter_refuses_arrays_of_different_lengths():
    with pytest.raises(ValueError, match="one length"):
        plot_pmi_scatter([1.0, 2.0], [1.0])


def test_singular_values_are_drawn_largest_first_on_a_log_axis():
    fig, ax = plot_singular_values({"PPMI": [9.0, 4.0, 3.5, 1.0]}, top=3)
    line = ax.get_lines()[0]
    assert list(line.get_xdata()) == [1, 2, 3] and list(line.get_ydata()) == [9.0, 4.0, 3.5]
    assert ax.get_yscale() == "log" and ax.get_xlabel() and ax.get_ylabel()
    assert to_hex(line.get_color()).lower() in PALETTE_HEX
    assert fig.get_facecolor()[3] == 1.0
    plt.close(fig)
