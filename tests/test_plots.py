"""Behaviour of the course figure style and plotting helpers (lib.figures.style).

Worked example (``test_figures_are_opaque_white``): each helper's figure is
rendered to PNG in memory; an RGBA PNG whose alpha channel is 255 everywhere
and whose corner pixel is white reads the same on a light or a dark page.
"""
import io

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex, to_rgba  # noqa: E402

from lib import figures as plots  # noqa: E402
from lib.vectors.projections import pca_2d  # noqa: E402

# Okabe & Ito (2008), "Color Universal Design", the eight reference colours.
OKABE_ITO_HEX = {"#000000", "#e69f00", "#56b4e9", "#009e73",
                 "#f0e442", "#0072b2", "#d55e00", "#cc79a7"}


_RNG = np.random.default_rng(0)
FIGURE_FACTORIES = {
    "new_figure": lambda: plots.new_figure(),
    "matrix": lambda: plots.plot_matrix(np.eye(3), ["a", "b", "c"], ["0", "1", "2"]),
    "similarity_tables": lambda: plots.plot_similarity_tables([np.eye(2), -np.eye(2)], ["x", "y"], ["A", "B"]),
    "bars": lambda: plots.plot_bars(["c", "a", "t"], [99, 97, 116], "code"),
    "bars_log": lambda: plots.plot_bars(["one-hot", "dense"], [2e5, 1.2e3], "bytes", log=True),
    "sparsity_curve": lambda: plots.plot_sparsity_curve(np.logspace(1, 5, 20), {"V = 10": 10},
                                                        lambda V: (V - 1) / V * 100),
    "word_map": lambda: plots.plot_word_map(_RNG.normal(size=(4, 2)), list("abcd"), ["g1", "g1", "g2", "g2"]),
    "vectors_2d": lambda: plots.plot_vectors_2d({"a": [1, 0], "b": [0, 2]}),
    "cosine_curve": lambda: plots.plot_cosine_curve([("claim", 15, 0.97)], {90: "unrelated"}),
    "histograms": lambda: plots.plot_histograms({"s": _RNG.normal(size=200)}, "x", vlines={"zero": 0.0}),
}


def _png_rgba(fig):
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=40)
    plt.close(fig)
    buf.seek(0)
    return plt.imread(buf)


def test_palette_is_okabe_ito():
    assert {c.lower() for c in plots.PALETTE} == OKABE_ITO_HEX
    assert len(plots.PALETTE) == 8
    assert {c.lower() for c in plots.OKABE_ITO.values()} == OKABE_ITO_HEX


@pytest.mark.parametrize("name", FIGURE_FACTORIES)
def test_figures_are_opaque_white(name):
    fig, _ = FIGURE_FACTORIES[name]()
    assert to_rgba(fig.get_facecolor()) == (1.0, 1.0, 1.0, 1.0)
    image = _png_rgba(fig)
    assert image.shape[2] == 4
    assert image[..., 3].min() == 1.0, "some pixels are transparent"
    assert np.allclose(image[0, 0, :3], 1.0), "background corner is not white"


def test_figures_are_opaque_even_when_global_style_is_transparent():
    with plt.rc_context({"figure.facecolor": "none", "savefig.transparent": True,
                         "savefig.facecolor": "none"}):
        fig, _ = plots.new_figure()
    assert to_rgba(fig.get_facecolor())[3] == 1.0


def test_new_figure_keeps_interactive_mode_switched_on_by_the_backend(monkeypatch):
    """Jupyter's inline backend turns interactive mode on while the first figure is made."""
    real_subplots = plt.subplots

    def subplots_that_load_an_interactive_backend(*args, **kwargs):
        matplotlib.interactive(True)
        return real_subplots(*args, **kwargs)

    monkeypatch.setattr(plt, "subplots", subplots_that_load_an_interactive_backend)
    was = matplotlib.is_interactive()
    matplotlib.interactive(False)
    try:
        fig, _ = plots.new_figure()
        assert matplotlib.is_interactive()
    finally:
        matplotlib.interactive(was)
        plt.close("all")


def test_colour_cycle_follows_palette():
    fig, ax = plots.new_figure()
    lines = [ax.plot([0, 1], [0, i])[0] for i in range(3)]
    assert [to_hex(l.get_color()) for l in lines] == [c.lower() for c in plots.PALETTE[:3]]
    plt.close(fig)


def test_use_course_style_sets_white_background():
    with plt.rc_context():
        plots.use_course_style()
        assert to_rgba(plt.rcParams["figure.facecolor"]) == (1.0, 1.0, 1.0, 1.0)
        assert plt.rcParams["savefig.transparent"] is False


def test_pca_2d_recovers_a_line_and_is_deterministic():
    direction = np.array([1.0, 2.0, 0.0, -1.0, 0.5])
    X = np.outer([-2.0, -1.0, 0.0, 1.0, 2.0], direction) + 3.0
    P = pca_2d(X)
    assert P.shape == (5, 2)
    assert np.allclose(P[:, 1], 0, atol=1e-9)
    assert np.allclose(np.abs(P[:, 0]), np.abs([-2, -1, 0, 1, 2]) * np.linalg.norm(direction))
    assert np.array_equal(pca_2d(X), P)


def test_pca_2d_sign_convention_makes_largest_coordinate_positive():
    X = np.random.default_rng(1).normal(size=(30, 6))
    for P in (pca_2d(X), pca_2d(-X)):
        largest = P[np.abs(P).argmax(axis=0), [0, 1]]
        assert (largest > 0).all()


def test_plot_matrix_writes_every_cell():
    fig, ax = plots.plot_matrix([[1, 0], [0.25, 1]], ["r1", "r2"], ["c1", "c2"], fmt="{:.2f}")
    assert sorted(t.get_text() for t in ax.texts) == ["0.00", "0.25", "1.00", "1.00"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["r1", "r2"]
    plt.close(fig)


def test_plot_matrix_text_contrasts_with_its_cell():
    fig, ax = plots.plot_matrix(np.eye(2), ["a", "b"], ["0", "1"])  # Blues: 1 is dark, 0 is pale
    colours = {t.get_text(): to_hex(t.get_color()) for t in ax.texts}
    assert colours == {"1": "#ffffff", "0": "#000000"}
    plt.close(fig)


def test_plot_bars_accepts_a_label_function():
    fig, ax = plots.plot_bars(["x", "y"], [1e10, 6e7], "bytes", log=True, fmt=lambda v: f"<{v:.0e}>")
    assert [t.get_text() for t in ax.texts] == ["<1e+10>", "<6e+07>"]
    plt.close(fig)


def test_similarity_tables_share_the_cosine_scale():
    fig, axes = plots.plot_similarity_tables([np.eye(2), 0.5 * np.eye(2)], ["a", "b"], ["A", "B"])
    assert len(axes) == 2
    for ax in axes:
        assert ax.images[0].get_clim() == (-1, 1)
    plt.close(fig)


def test_cosine_curve_marks_truth_on_curve_and_claim_as_given():
    fig, ax = plots.plot_cosine_curve([("claim", 60.0, 0.9)])
    dot, cross = ax.lines[1], ax.lines[2]
    assert dot.get_ydata()[0] == pytest.approx(0.5)
    assert cross.get_ydata()[0] == pytest.approx(0.9)
    plt.close(fig)


def test_cosine_curve_labels_key_angles():
    fig, ax = plots.plot_cosine_curve([], {0: "identical", 90: "unrelated"})
    assert [t.get_text() for t in ax.texts] == ["0°: identical", "90°: unrelated"]
    plt.close(fig)


def test_vectors_2d_arrows_end_at_the_vectors():
    fig, ax = plots.plot_vectors_2d({"a": [1, 0], "b": [0, 2]})
    arrow_ends = [tuple(t.xy) for t in ax.texts if t.arrow_patch is not None]
    assert arrow_ends == [(1.0, 0.0), (0.0, 2.0)]
    plt.close(fig)


def test_histograms_share_bin_edges():
    rng = np.random.default_rng(0)
    fig, ax = plots.plot_histograms({"wide": rng.normal(size=500), "narrow": 0.1 * rng.normal(size=500)},
                                    "x", bins=20)
    wide, narrow = ax.patches[0], ax.patches[1]          # step outlines, one polygon per sample
    assert np.allclose(wide.get_xy()[:, 0].min(), narrow.get_xy()[:, 0].min())
    assert np.allclose(wide.get_xy()[:, 0].max(), narrow.get_xy()[:, 0].max())
    plt.close(fig)
