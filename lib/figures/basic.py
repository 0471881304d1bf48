"""Figures every part of the course draws: annotated matrices, bar charts and histograms.

Each function draws one kind of figure in the course style and returns the
Matplotlib ``(fig, ax)`` pair, so a chapter can add a line or a note.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import PALETTE, new_figure


def plot_matrix(matrix, row_labels, col_labels, title="", fmt="{:.0f}", cmap="Blues",
                vmin=None, vmax=None, ax=None):
    """Draw a small matrix as an annotated heatmap (one-hot vectors, similarity tables).

    Parameters
    ----------
    matrix : array_like, shape (n, m)
    row_labels : list of str, length n
    col_labels : list of str, length m
    fmt : str
        Format of the number written in each cell.

    Returns
    -------
    (fig, ax)

    Example: ``plot_matrix(np.eye(2), ["cat", "dog"], ["0", "1"])`` → a 2×2 grid of 1s and 0s.
    """
    M = np.asarray(matrix, dtype=float)
    if ax is None:
        _, ax = new_figure(width=max(3.0, 0.55 * M.shape[1] + 1.8), height=0.5 * M.shape[0] + 1.4)
    image = ax.imshow(M, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(M.shape[1]), col_labels)
    ax.set_yticks(range(M.shape[0]), row_labels)
    for (i, j), value in np.ndenumerate(M):
        r, g, b, _ = image.cmap(image.norm(value))
        dark_cell = 0.299 * r + 0.587 * g + 0.114 * b < 0.5   # perceived brightness
        ax.text(j, i, fmt.format(value), ha="center", va="center",
                color="white" if dark_cell else "black", fontsize=10)
    ax.set_title(title)
    return ax.figure, ax


def plot_bars(labels, values, ylabel, title="", log=False, fmt="{:,.0f}", colors=None):
    """Bar chart with each bar's value written on top (character codes, memory sizes).

    Parameters
    ----------
    labels : list of str, length n
    values : array_like, shape (n,)
    log : bool
        Logarithmic y axis, for values spanning several orders of magnitude.
    fmt : str or callable
        Format string or function turning a value into its label.

    Example: ``plot_bars(["c", "a", "t"], [99, 97, 116], "code")`` → three labelled bars.
    """
    fig, ax = new_figure(width=max(4.0, 0.9 * len(labels) + 2), height=3.6)
    colors = colors or [PALETTE[i % len(PALETTE)] for i in range(len(labels))]
    bars = ax.bar(range(len(labels)), values, color=colors)
    ax.set_xticks(range(len(labels)), labels)
    label = fmt if callable(fmt) else fmt.format
    ax.bar_label(bars, [label(v) for v in values], padding=2)
    if log:
        ax.set_yscale("log")
    ax.margins(y=0.25 if log else 0.12)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return fig, ax


def plot_histograms(series, xlabel, title="", vlines=None, bins=60):
    """Overlaid, normalised histograms of one or more samples (e.g. cosines of word pairs).

    Parameters
    ----------
    series : dict of str → array_like, each shape (n_i,)
        Samples drawn on the same bin edges so their shapes compare directly.
    vlines : dict of str → float, optional
        Named reference values drawn as dashed vertical lines.

    Example: ``{"random pairs": cosines}`` with ``{"θ = 90°": 0.0}``.
    """
    fig, ax = new_figure(width=7.0, height=4.0)
    samples = {name: np.asarray(values, dtype=float).ravel() for name, values in series.items()}
    everything = np.concatenate(list(samples.values()))
    edges = np.linspace(everything.min(), everything.max(), bins + 1)   # shared bins
    for i, (name, values) in enumerate(samples.items()):
        # one sample: filled bars; several: outlines, so overlapping shapes stay visible
        style = dict(alpha=0.75) if len(samples) == 1 else dict(histtype="step", linewidth=2)
        ax.hist(values, bins=edges, density=True, color=PALETTE[i % len(PALETTE)],
                label=name, **style)
    for j, (name, x) in enumerate((vlines or {}).items()):
        ax.axvline(x, ls="--", color=PALETTE[(len(series) + j) % len(PALETTE)], label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("density")
    ax.set_title(title)
    ax.legend(fontsize=9)
    return fig, ax
