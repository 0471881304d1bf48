"""Explorers for chapters 7–9: a slider over saved training snapshots, and a temperature slider for InfoNCE.

As in :mod:`lib.widgets.similarity`: a pure function does the arithmetic (tests call it),
a constructor wires sliders to it. The website shows the first state only;
with a running kernel the sliders respond.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from lib.figures.dynamics import draw_projection
from lib.figures.style import PALETTE, new_figure
from lib.models.contrastive import infonce_weights
from lib.widgets.display import show_figure


def epoch_explorer(projections, epochs, labels, groups, table=None) -> W.VBox:
    """A slider over epochs → the aligned 2-D projection of the chosen words at that epoch.

    Parameters
    ----------
    projections : ndarray, shape (T, n, 2) — from :func:`lib.vectors.procrustes.project_sequence`.
    epochs : list of int, length T.
    table : pandas.DataFrame indexed by epoch, optional — its loss and WordSim are shown under the plot.

    Example: ``epoch_explorer(P, [0, 1, 2], words, groups)`` → a slider starting at the last epoch.
    """
    slider = W.SelectionSlider(options=list(epochs), value=epochs[-1], description="epoch")
    caption, out = W.HTML(), W.Output()
    lim = 1.1 * np.abs(projections).max()

    def update(_=None):
        i = list(epochs).index(slider.value)
        fig, ax = new_figure(width=6.0, height=5.0)
        draw_projection(ax, projections[i], labels, groups, title=f"epoch {slider.value}")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
        ax.legend(fontsize=8, loc="upper left")
        if table is not None and slider.value in table.index:
            row = table.loc[slider.value]
            caption.value = (f"<p>probe loss {row['loss']:.3f}, WordSim353 ρ {row.get('wordsim353', np.nan):.3f}, "
                             f"analogy accuracy {row.get('analogy', np.nan):.1%}</p>")
        show_figure(out, fig)

    slider.observe(update, names="value")
    update()
    return W.VBox([slider, caption, out])


def temperature_explorer(similarities, names, positive: int = 0) -> W.VBox:
    """A log slider over τ → bars of softmax(sim / τ): how sharply InfoNCE picks the positive.

    Example: ``temperature_explorer([0.8, 0.5, 0.1], ["positive", "near", "far"])``.
    """
    slider = W.FloatLogSlider(value=0.1, base=10, min=-2.5, max=1, step=0.05, description="τ")
    out = W.Output()

    def update(_=None):
        w = infonce_weights(similarities, slider.value)
        fig, ax = new_figure(width=6.4, height=3.4)
        colors = [PALETTE[1] if i == positive else PALETTE[0] for i in range(len(w))]
        ax.bar(range(len(w)), w, color=colors)
        ax.set_xticks(range(len(w)), names, rotation=30, ha="right", fontsize=8)
        ax.set_ylim(0, 1)
        ax.set_ylabel("softmax weight")
        ax.set_title(f"τ = {slider.value:.3g}: loss −log p(positive) = {-np.log(w[positive]):.3f}")
        show_figure(out, fig)

    slider.observe(update, names="value")
    update()
    return W.VBox([slider, out])
