"""What every explorer shares: redrawing a figure in an output area.

Each explorer is split in two: a pure function that does the arithmetic
(tests call it without a display) and a constructor that wires sliders to it
and returns the widget. The website shows the widget's first state only;
with a running kernel (Binder, a local Jupyter) the sliders respond.

Simplified on purpose: one output area per explorer, redrawn in full on
every change, which is fast enough for these small figures.
"""
from __future__ import annotations

import matplotlib.pyplot as plt
from IPython.display import display


def show_figure(out, fig) -> None:
    """Replace what the output area ``out`` shows with ``fig``, then close ``fig``.

    Example: inside an explorer's ``update``, ``show_figure(out, plot(...)[0])`` redraws it.
    """
    with out:
        out.clear_output(wait=True)
        display(fig)
    plt.close(fig)
