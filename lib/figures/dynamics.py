"""Figures of training dynamics (chapter 7): curves per epoch, fitted forms, and the space forming.

Same style as :mod:`lib.figures.style` (Okabe–Ito colours, white background); each
function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure


def plot_loss_with_fits(epochs, loss, fits=None, slide_points=None, reference_lines=None, ylabel="loss"):
    """The measured loss per epoch, fitted curves over it, and the slide's numbers as crosses.

    Parameters
    ----------
    epochs, loss : array_like, shape (T,)
    fits : dict of str → (t, L_fit), optional — curves drawn dashed.
    slide_points : dict of str → (t, L), optional — values from the slides, drawn as crosses.
    reference_lines : dict of str → float, optional — horizontal dotted lines (e.g. "(k+1) ln 2").

    Example: ``plot_loss_with_fits(range(4), [4.2, 3.0, 2.8, 2.7])`` → one line with dots.
    """
    fig, ax = new_figure(width=7.2, height=4.2)
    ax.plot(epochs, loss, "o-", ms=3, color=PALETTE[0], label="measured (probe pairs)")
    for i, (name, (t, L)) in enumerate((fits or {}).items()):
        ax.plot(t, L, "--", lw=2, color=PALETTE[1 + i], label=name)
    for name, (t, L) in (slide_points or {}).items():
        ax.plot(t, L, "x", ms=9, mew=2, color=OKABE_ITO["vermillion"], label=name)
    for j, (name, y) in enumerate((reference_lines or {}).items()):
        ax.axhline(y, ls=":", color=PALETTE[4 + j], label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    return fig, ax


def plot_metric_curves(table, metrics, slide_table=None):
    """Benchmark scores per epoch (one line each), with the slide's table values as crosses.

    Parameters
    ----------
    table : pandas.DataFrame indexed by epoch, with the ``metrics`` columns.
    metrics : dict of str → str — column → label.
    slide_table : dict of str → (epochs, values), optional — keyed like ``metrics``.

    Example: ``plot_metric_curves(df, {"wordsim353": "WordSim353 ρ"})`` → one line.
    """
    fig, ax = new_figure(width=7.2, height=4.2)
    for i, (column, label) in enumerate(metrics.items()):
        ax.plot(table.index, table[column], "o-", ms=3, color=PALETTE[i], label=label)
        if slide_table and column in slide_table:
            t, v = slide_table[column]
            ax.plot(t, v, "x", ms=9, mew=2, color=PALETTE[i], label=f"{label}: slide")
    ax.set_xlabel("epoch")
    ax.set_ylabel("score")
    ax.legend(fontsize=9, ncol=2)
    return fig, ax


def plot_gradient_norms(table, columns, reference=None):
    """Gradient norms per epoch on a log scale, with optional horizontal reference lines.

    Example: ``plot_gradient_norms(df, {"grad_norm_pair": "per pair"}, {"√d": 10})``.
    """
    fig, ax = new_figure(width=7.2, height=4.0)
    for i, (column, label) in enumerate(columns.items()):
        ax.plot(table.index, table[column], "o-", ms=3, color=PALETTE[i], label=label)
    for j, (name, y) in enumerate((reference or {}).items()):
        ax.axhline(y, ls=":", color=PALETTE[len(columns) + j], label=name)
    ax.set_yscale("log")
    ax.set_xlabel("epoch")
    ax.set_ylabel("gradient norm (log scale)")
    ax.legend(fontsize=9)
    return fig, ax


def draw_projection(ax, points, labels, groups, title=""):
    """Scatter one 2-D projection of words on ``ax``, coloured by group and labelled.

    Example: ``draw_projection(ax, P, ["king", "queen"], ["royal", "royal"])``.
    """
    for i, group in enumerate(dict.fromkeys(groups)):
        idx = [k for k, g in enumerate(groups) if g == group]
        ax.scatter(points[idx, 0], points[idx, 1], s=28, color=PALETTE[i % len(PALETTE)],
                   marker="osD^v<>p"[i % 8], label=group)
        for k in idx:
            ax.annotate(labels[k], points[k], xytext=(3, 3), textcoords="offset points", fontsize=8)
    ax.set_title(title, fontsize=10)
    ax.set_xticks([])
    ax.set_yticks([])


def plot_projection_grid(projections, epochs, labels, groups, ncols: int = 4):
    """Small multiples: one aligned 2-D projection per chosen epoch, on shared axes.

    Parameters
    ----------
    projections : ndarray, shape (T, n, 2) — from :func:`lib.vectors.procrustes.project_sequence`.
    epochs : list of int, length T — the epoch of each projection.

    Example: 4 epochs of 20 words → a 1 × 4 grid with one legend.
    """
    import matplotlib.pyplot as plt

    from lib.figures.style import STYLE
    T = len(projections)
    nrows = int(np.ceil(T / ncols))
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(nrows, ncols, figsize=(3.0 * ncols, 3.0 * nrows + 0.6),
                                 layout="constrained", squeeze=False)
    lim = 1.1 * np.abs(projections).max()
    for ax, P, epoch in zip(axes.ravel(), projections, epochs):
        draw_projection(ax, P, labels, groups, title=f"epoch {epoch}")
        ax.set_xlim(-lim, lim)
        ax.set_ylim(-lim, lim)
    for ax in axes.ravel()[T:]:
        ax.set_visible(False)
    handles, names = axes.ravel()[0].get_legend_handles_labels()
    fig.legend(handles, names, loc="outside lower center", ncol=min(len(names), 6), fontsize=9)
    return fig, axes


def plot_schedules(curves, ylabel, schedules=None):
    """One line per learning-rate schedule (e.g. loss or WordSim per epoch); the rates in a side panel.

    Parameters
    ----------
    curves : dict of str → (epochs, values)
    schedules : dict of str → (epochs, alpha), optional — drawn in a second, narrower panel.

    Example: ``plot_schedules({"linear decay": (t, L1), "constant": (t, L2)}, "loss")``.
    """
    fig, axes = new_figure(ncols=2 if schedules else 1, width=9.0 if schedules else 6.4, height=3.8)
    ax = axes[0] if schedules else axes
    for i, (name, (t, v)) in enumerate(curves.items()):
        ax.plot(t, v, "o-", ms=3, color=PALETTE[i], label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    if schedules:
        for i, (name, (t, a)) in enumerate(schedules.items()):
            axes[1].plot(t, a, color=PALETTE[i], label=name)
        axes[1].set_xlabel("epoch")
        axes[1].set_ylabel("learning rate η at the epoch's end")
    return fig, axes
