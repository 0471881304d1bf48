"""Explorers for chapters 7–9: a slider over saved training snapshots, and a temperature slider for InfoNCE.

Each explorer is a pure view (what is shown for one setting; tests call it) wired to its
controls by :class:`lib.widgets.explorer.Explorer`: live in Jupyter, over a small grid of
values precomputed on the website.
"""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from lib.figures.dynamics import draw_projection
from lib.figures.style import PALETTE, new_figure
from lib.models.contrastive import infonce_weights
from lib.widgets.explorer import Control, Explorer, View


def epoch_view(projections, epochs, labels, groups, epoch: int, table=None) -> View:
    """What the epoch explorer shows at one epoch: the aligned 2-D projection and that epoch's scores.

    Parameters
    ----------
    projections : ndarray, shape (T, n, 2) — from :func:`lib.vectors.procrustes.project_sequence`.
    epochs : list of int, length T.
    labels, groups : list of str, length n — each point's word and group.
    epoch : int, one of ``epochs``.
    table : pandas.DataFrame indexed by epoch, optional — its loss and WordSim are shown above the plot.

    Example: ``epoch_view(P, [0, 1, 2], words, groups, 2).alt`` → "Scatter plot of the n words … at epoch 2 …".
    """
    epochs = list(epochs)
    if epoch not in epochs:
        raise ValueError(f"epoch {epoch} was not saved; choose one of {epochs}")
    i = epochs.index(epoch)
    lim = 1.1 * np.abs(projections).max()
    fig, ax = new_figure(width=6.0, height=5.0)
    draw_projection(ax, projections[i], labels, groups, title=f"epoch {epoch}")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.legend(fontsize=8, loc="upper left")
    caption = ""
    if table is not None and epoch in table.index:
        row = table.loc[epoch]
        caption = (f"<p>probe loss {row['loss']:.3f}, WordSim353 ρ {row.get('wordsim353', np.nan):.3f}, "
                   f"analogy accuracy {row.get('analogy', np.nan):.1%}</p>")
    names = ", ".join(dict.fromkeys(groups))
    alt = (f"Scatter plot of the {len(labels)} chosen words in their aligned 2-D projection at epoch {epoch} "
           f"of {epochs[-1]}, coloured by group ({names}); the same axes at every epoch.")
    return View(html=caption, figure=fig, alt=alt)


def epoch_grid(epochs, most: int = 8) -> list:
    """The website's epochs: all of them if there are at most ``most``, else ``most`` spread from first to last.

    Example: ``epoch_grid(range(31), most=4)`` → ``[0, 10, 20, 30]``.
    """
    epochs = list(epochs)
    if len(epochs) <= most:
        return epochs
    return [epochs[i] for i in sorted(set(np.linspace(0, len(epochs) - 1, most).round().astype(int)))]


def epoch_explorer(projections, epochs, labels, groups, table=None) -> Explorer:
    """A slider over epochs → the aligned 2-D projection of the chosen words at that epoch.

    Parameters
    ----------
    projections : ndarray, shape (T, n, 2) — from :func:`lib.vectors.procrustes.project_sequence`.
    epochs : list of int, length T.
    table : pandas.DataFrame indexed by epoch, optional — its loss and WordSim are shown with the plot.

    In Jupyter the slider steps through every saved epoch; the website offers :func:`epoch_grid`.
    Example: ``epoch_explorer(P, [0, 1, 2], words, groups)`` → a slider starting at the last epoch.
    """
    epochs = list(epochs)
    return Explorer(lambda epoch: epoch_view(projections, epochs, labels, groups, epoch, table), {
        "epoch": Control(W.SelectionSlider, "epoch", epochs[-1], grid=epoch_grid(epochs), options=epochs)})


def temperature_view(similarities, names, tau: float, positive: int = 0) -> View:
    """What the temperature explorer shows at τ: bars of softmax(sim / τ) and the loss −log p(positive).

    Parameters
    ----------
    similarities : sequence of float, length N — sim(h_i, h_j⁺) of the positive and the negatives.
    names : list of str, length N.
    tau : float > 0, the temperature τ.
    positive : int, the index of the positive.

    Example: ``temperature_view([0.8, 0.5], ["positive", "negative"], 1.0).html`` → "…p(positive) = 0.574…".
    """
    w = infonce_weights(similarities, tau)
    loss = -np.log(w[positive])
    fig, ax = new_figure(width=6.4, height=3.4)
    colors = [PALETTE[1] if i == positive else PALETTE[0] for i in range(len(w))]
    ax.bar(range(len(w)), w, color=colors)
    ax.set_xticks(range(len(w)), names, rotation=30, ha="right", fontsize=8)
    ax.set_ylim(0, 1)
    ax.set_ylabel("softmax weight")
    ax.set_title(f"τ = {tau:.3g}: loss −log p(positive) = {loss:.3f}")
    hardest = max((i for i in range(len(w)) if i != positive), key=lambda i: w[i])
    text = (f"<p>τ = {tau:.3g}: p({html.escape(names[positive])}) = {w[positive]:.3f}, "
            f"loss −log p = {loss:.3f}; the hardest negative ({html.escape(names[hardest])}) gets {w[hardest]:.3f}.</p>")
    alt = (f"Bar chart of the softmax weights of {len(w)} candidates at temperature τ = {tau:.3g}: "
           f"the positive gets {w[positive]:.2f} and the hardest negative {w[hardest]:.2f}.")
    return View(html=text, figure=fig, alt=alt)


TEMPERATURE_GRID = [0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0]
"""The website's temperatures: from a softmax that sees only the hardest negatives to a nearly flat one."""


def temperature_explorer(similarities, names, positive: int = 0, tau: float = 0.1) -> Explorer:
    """A log slider over τ → bars of softmax(sim / τ): how sharply InfoNCE picks the positive.

    In Jupyter τ takes any value from 10^−2.5 to 10; the website offers :data:`TEMPERATURE_GRID`.
    Example: ``temperature_explorer([0.8, 0.5, 0.1], ["positive", "near", "far"])``.
    """
    return Explorer(lambda tau: temperature_view(similarities, names, tau, positive), {
        "tau": Control(W.FloatLogSlider, "τ", tau, grid=TEMPERATURE_GRID, base=10, min=-2.5, max=1, step=0.05)})
