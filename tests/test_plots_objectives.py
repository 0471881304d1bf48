"""Behaviour of the Part II figures (lib.figures.objectives): each draws what it is given, in the course style.

Worked example (``test_cost_plot_draws_fitted_lines``): two objectives with
three timings each and a fit for one of them give two marker series and one
fitted line, on log–log axes.
"""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from lib.figures import objectives as po  # noqa: E402
from lib.measure.gradcheck import gradient_check  # noqa: E402
from lib.figures.style import OKABE_ITO  # noqa: E402

PALETTE_HEX = {c.lower() for c in OKABE_ITO.values()}
TABLE = pd.DataFrame({"V": [1e3, 1e4, 1e5] * 2, "objective": ["softmax"] * 3 + ["negative_sampling"] * 3,
                      "seconds_per_pair": [1e-5, 1e-4, 1e-3, 5e-6, 5e-6, 6e-6]})
GOOD = gradient_check(lambda x: ((x ** 2).sum(), 2 * x), np.arange(3.0))
BAD = gradient_check(lambda x: ((x ** 2).sum(), 3 * x), np.arange(3.0))
FACTORIES = {
    "loss_at_init": lambda: po.plot_loss_at_init([10, 100], [2.3, 4.6], {5: [4.16, 4.16]}),
    "cost": lambda: po.plot_cost_vs_vocabulary(TABLE, {"softmax": (1.0, 1e-8)}),
    "gradient_checks": lambda: po.plot_gradient_checks({"good": GOOD, "bad": BAD}),
    "probabilities": lambda: po.plot_probabilities([0.7, 0.2, 0.1], ["a", "b", "c"], highlight=1),
    "noise": lambda: po.plot_noise_distributions(np.array([100, 10, 1]), mark_words={"a": 0}),
    "running_mean": lambda: po.plot_running_mean(np.arange(1, 7), 3.5),
    "score_bars": lambda: po.plot_score_bars({"A": {"x": 0.3, "y": 0.1}, "B": {"x": 0.4, "y": -0.1}},
                                             {"x": "X", "y": "Y"}),
    "curves": lambda: po.plot_curves([1, 2, 3], {"J": [3, 2, 1]}, "epoch", "J", logy=True, hlines={"ref": 1.5}),
}


@pytest.mark.parametrize("name", FACTORIES)
def test_figures_are_labelled_and_use_the_palette(name):
    fig, ax = FACTORIES[name]()
    assert ax.get_xlabel() and ax.get_ylabel()
    colours = {to_hex(line.get_color()) for line in ax.get_lines() if line.get_color() not in ("grey", "dimgrey")}
    colours |= {to_hex(p.get_facecolor()) for p in ax.patches}
    assert colours - {"#808080", "#696969"} <= PALETTE_HEX
    assert fig.get_facecolor()[3] == 1.0
    plt.close(fig)


def test_cost_plot_draws_fitted_lines():
    fig, ax = po.plot_cost_vs_vocabulary(TABLE, {"softmax": (1.0, 1e-8)})
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["softmax (measured)", "fit: ∝ V^1.00", "negative sampling (measured)"]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    fitted = ax.get_lines()[1]
    assert np.allclose(fitted.get_ydata(), 1e-8 * fitted.get_xdata() / 1e-6)    # in microseconds
    plt.close(fig)


def test_gradient_check_plot_reports_pass_and_fail():
    fig, ax = po.plot_gradient_checks({"good": GOOD, "bad": BAD})
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels[0] == "good: passes" and labels[1].startswith("bad: fails")
    plt.close(fig)


def test_probabilities_keep_the_highlighted_word_and_show_uniform_line():
    p = np.r_[np.full(30, 0.03), 0.001]
    p = p / p.sum()
    fig, ax = po.plot_probabilities(p, highlight=30, top=5)
    assert len(ax.patches) == 5
    assert ax.get_xticklabels()[-1].get_text() == "30"                      # the true word is shown
    assert ax.get_lines()[0].get_ydata()[0] == pytest.approx(1 / 31)
    plt.close(fig)


def test_loss_at_init_reference_lines():
    fig, ax = po.plot_loss_at_init([10, 100], [2.3, 4.6], {2: [2.08, 2.08]})
    dashed = [line for line in ax.get_lines() if line.get_linestyle() == "--"]
    assert dashed[0].get_ydata()[0] == pytest.approx(3 * np.log(2))
    plt.close(fig)


def test_noise_distributions_are_normalised():
    fig, ax = po.plot_noise_distributions(np.array([100, 10, 1]), (0.0, 1.0))
    uniform, unigram = ax.get_lines()[:2]
    assert np.allclose(uniform.get_ydata(), 1 / 3) and unigram.get_ydata().sum() == pytest.approx(1)
    plt.close(fig)


def test_score_bars_are_labelled_with_values():
    fig, ax = po.plot_score_bars({"A": {"x": 0.3}, "B": {"x": 0.45}}, {"x": "X"})
    texts = sorted(t.get_text() for t in ax.texts)
    assert texts == ["0.30", "0.45"] and len(ax.patches) == 2
    plt.close(fig)
