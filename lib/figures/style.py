"""The course's figure style: the palette, the rcParams, and the one way to start a figure.

Every figure in the book starts with :func:`new_figure`, so every figure
looks the same: the Okabe–Ito colour-blind-safe palette, an opaque white
background (figures stay readable when the site is in dark mode) and
labelled axes.

Simplified on purpose: no figure saving, no interactive backends; the
chapters show figures inline and the explorers in :mod:`lib.widgets` redraw
them.
"""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9",
    "bluish_green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
    "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
"""The eight colours of Okabe & Ito (2008), *Color Universal Design*, by name."""

PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                  "reddish_purple", "sky_blue", "yellow", "black")]
"""Colour cycle of the course: the Okabe–Ito colours, strongest contrasts first."""

BACKGROUND = "#FFFFFF"
"""Opaque figure and axes background."""

STYLE = {
    "figure.facecolor": BACKGROUND, "axes.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND, "savefig.transparent": False,
    "axes.prop_cycle": plt.cycler(color=PALETTE),
    "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "font.size": 11,
    "figure.dpi": 100, "image.cmap": "cividis",
}
"""Matplotlib rcParams of the course style."""

SIMILARITY_CMAP = "PuOr_r"
"""Diverging colour map for cosines in [-1, 1] (orange = similar, purple = opposite)."""


def use_course_style() -> None:
    """Apply :data:`STYLE` to Matplotlib globally (figures made later by hand match the book).

    Example: ``use_course_style()`` → ``plt.rcParams["figure.facecolor"] == "#FFFFFF"``.
    """
    plt.rcParams.update(STYLE)


def new_figure(ncols: int = 1, width: float = 6.4, height: float = 4.0):
    """Create a course-styled figure with ``ncols`` axes side by side.

    Returns ``(fig, ax)`` for one column and ``(fig, axes)`` (array of shape
    (ncols,)) otherwise. Example: ``new_figure(2)`` → a figure with two axes.
    """
    with plt.rc_context(STYLE):          # the course style, for this figure only
        fig, axes = plt.subplots(1, ncols, figsize=(width, height), layout="constrained")
        # The first figure of a Jupyter session loads the inline backend, which switches
        # interactive mode on; keep that switch when the style context is undone, or
        # Jupyter stops showing the figures that follow.
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)
    fig.patch.set_facecolor(BACKGROUND)
    fig.patch.set_alpha(1.0)
    return fig, axes
