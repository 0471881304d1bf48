"""Accessibility of the course's figures, checked without building the site.

* The colour cycle of the course style is the Okabe–Ito palette (Okabe & Ito,
  2008, *Color Universal Design*), whose eight colours stay distinguishable
  for the common forms of colour blindness.
* Figures are opaque: rendered the way a notebook shows them (IPython's inline
  backend, whose defaults make the figure background transparent), every
  pixel of a course figure has full alpha, so dark text never lands on the
  dark background of the site's dark mode.

The built pages themselves (alt text, opacity of every ``<img>``, heading
order, page weight) are checked in ``tests/test_site_browser.py``.
"""
from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402
from PIL import Image  # noqa: E402

from lib import figures as plots  # noqa: E402

# Okabe & Ito (2008), Color Universal Design, "Set of colors that is unambiguous
# both to colorblinds and non-colorblinds", RGB values.
OKABE_ITO_RGB = {
    "black": (0, 0, 0), "orange": (230, 159, 0), "sky_blue": (86, 180, 233),
    "bluish_green": (0, 158, 115), "yellow": (240, 228, 66), "blue": (0, 114, 178),
    "vermillion": (213, 94, 0), "reddish_purple": (204, 121, 167),
}


def hex_of(rgb) -> str:
    return "#{:02x}{:02x}{:02x}".format(*rgb)


def test_okabe_ito_colours_are_the_published_values():
    assert {name: value.lower() for name, value in plots.OKABE_ITO.items()} == \
        {name: hex_of(rgb) for name, rgb in OKABE_ITO_RGB.items()}


def test_style_colour_cycle_is_the_okabe_ito_palette():
    cycle = [to_hex(c["color"]) for c in plots.STYLE["axes.prop_cycle"]]
    assert sorted(cycle) == sorted(hex_of(rgb) for rgb in OKABE_ITO_RGB.values())
    assert len(set(cycle)) == 8
    fig, ax = plots.new_figure()
    lines = [ax.plot([0, 1], [i, i])[0] for i in range(8)]
    assert [to_hex(line.get_color()) for line in lines] == cycle
    plt.close(fig)


def test_style_backgrounds_are_opaque_white():
    for key in ("figure.facecolor", "axes.facecolor", "savefig.facecolor"):
        assert to_hex(plots.STYLE[key], keep_alpha=True) == "#ffffffff", key
    assert plots.STYLE["savefig.transparent"] is False


def inline_png(fig) -> Image.Image:
    """Render ``fig`` as Jupyter's inline backend does (PNG, with the backend's own rc defaults)."""
    pylabtools = pytest.importorskip("IPython.core.pylabtools")
    data = pylabtools.print_figure(fig, "png", bbox_inches="tight")
    return Image.open(io.BytesIO(data))


@pytest.fixture
def inline_backend_defaults():
    """The rcParams that matplotlib-inline sets: a fully transparent figure background."""
    backend_inline = pytest.importorskip("matplotlib_inline.backend_inline")
    defaults = backend_inline.InlineBackend().rc or {"figure.facecolor": (1, 1, 1, 0),
                                                     "figure.edgecolor": (1, 1, 1, 0)}
    with plt.rc_context({"figure.facecolor": (1, 1, 1, 0), "figure.edgecolor": (1, 1, 1, 0), **defaults}):
        yield


def min_alpha(image: Image.Image) -> int:
    image = image.convert("RGBA")
    return int(np.asarray(image)[..., 3].min())


def test_inline_backend_defaults_would_make_a_plain_figure_transparent(inline_backend_defaults):
    # The check below can fail: an unstyled figure rendered inline is see-through.
    fig = plt.figure(figsize=(2, 2))
    fig.add_subplot().plot([0, 1], [0, 1])
    assert min_alpha(inline_png(fig)) == 0
    plt.close(fig)


def test_course_figures_render_opaque_inline(inline_backend_defaults):
    fig, ax = plots.new_figure()
    ax.plot([0, 1], [0, 1], label="a line")
    ax.legend()
    assert min_alpha(inline_png(fig)) == 255
    plt.close(fig)
    fig, ax = plots.plot_bars(["one-hot", "dense"], [1000, 10], "bytes", title="Memory")
    assert min_alpha(inline_png(fig)) == 255
    plt.close(fig)


def test_use_course_style_makes_hand_made_figures_opaque(inline_backend_defaults):
    with plt.rc_context():
        plots.use_course_style()
        fig = plt.figure(figsize=(2, 2))
        fig.add_subplot().plot([0, 1], [0, 1])
        assert min_alpha(inline_png(fig)) == 255
        plt.close(fig)
