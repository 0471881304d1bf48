"""Redrawing a figure in a live explorer's output area (:class:`lib.widgets.explorer.Explorer` calls it).

Simplified on purpose: one output area per explorer, redrawn in full on
every change, which is fast enough for these small figures.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from IPython.display import display


def show_figure(out, fig) -> None:
    """Replace what the output area ``out`` shows with ``fig``, then close ``fig``.

    Example: ``show_figure(out, plot(...)[0])`` shows the new figure in ``out`` and closes it.
    """
    with out:
        out.clear_output(wait=True)
        display(fig)
    plt.close(fig)
