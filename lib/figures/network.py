"""Figures for the step-by-step skip-gram network: weights, probabilities, stages and evolution.

Same conventions as :mod:`lib.figures.style`: course style and palette, ``(fig, ax)`` or
``(fig, axes)`` returned.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import PALETTE, SIMILARITY_CMAP, new_figure
from lib.softmax import softmax
from lib.vectors.projections import pca_2d


def _heatmap(ax, M, row_labels, col_labels, title, vmax, highlight_row=None, highlight_col=None):
    """One annotated weight matrix on a symmetric diverging scale; optional outlined row or column."""
    image = ax.imshow(M, cmap=SIMILARITY_CMAP, vmin=-vmax, vmax=vmax, aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(M.shape[1]), col_labels, fontsize=8, rotation=90 if len(col_labels) > 4 else 0)
    ax.set_yticks(range(M.shape[0]), row_labels, fontsize=8)
    for (i, j), value in np.ndenumerate(M):
        ax.text(j, i, f"{value:.2f}", ha="center", va="center", fontsize=6.5,
                color="white" if abs(value) > 0.6 * vmax else "black")
    if highlight_row is not None:
        ax.add_patch(_box(-0.5, highlight_row - 0.5, M.shape[1], 1))
    if highlight_col is not None:
        ax.add_patch(_box(highlight_col - 0.5, -0.5, 1, M.shape[0]))
    ax.set_title(title, fontsize=10)
    return image


def _box(x, y, w, h):
    from matplotlib.patches import Rectangle
    return Rectangle((x, y), w, h, fill=False, lw=2.2, edgecolor="black")


def plot_weights_before_after(record, words):
    """W and W′ before and after one step (four heatmaps, one colour scale), the moved row/column outlined.

    Parameters
    ----------
    record : lib.skipgram.network.StepRecord
    words : list of str, length V

    Example: center "brown" → only the "brown" row of W changes; every column of W′ changes a little.
    """
    dims = [f"d{k + 1}" for k in range(record.W.shape[1])]
    vmax = float(max(np.abs(record.W).max(), np.abs(record.W_out).max(),
                     np.abs(record.W_new).max(), np.abs(record.W_out_new).max()))
    fig, axes = new_figure(4, width=14.0, height=4.2)
    _heatmap(axes[0], record.W, words, dims, "W before (V × D)", vmax, highlight_row=record.center)
    _heatmap(axes[1], record.W_new, words, dims, "W after", vmax, highlight_row=record.center)
    _heatmap(axes[2], record.W_out, dims, words, "W′ before (D × V)", vmax, highlight_col=record.context)
    _heatmap(axes[3], record.W_out_new, dims, words, "W′ after", vmax, highlight_col=record.context)
    return fig, axes


def plot_step_probabilities(record, words, after: bool = True):
    """Bar chart of ŷ = P(w | center) before (and optionally after) the step; the true context outlined.

    Example: the context word's bar grows after the step, all others shrink.
    """
    x = np.arange(len(words))
    fig, ax = new_figure(width=7.5, height=3.6)
    width = 0.4 if after else 0.8
    bars = ax.bar(x - (0.2 if after else 0), record.y_hat, width, color=PALETTE[0], label="before the step")
    if after:
        new = softmax(record.W_new[record.center] @ record.W_out_new)
        ax.bar(x + 0.2, new, width, color=PALETTE[1], label="after the step")
    bars[record.context].set_edgecolor("black")
    bars[record.context].set_linewidth(2)
    ax.bar_label(bars, [f"{p:.3f}" for p in record.y_hat], padding=2, fontsize=8)
    ax.axhline(1 / len(words), ls=":", color="grey", label=f"uniform 1/V = {1 / len(words):.3f}")
    ax.set_xticks(x, words)
    ax.set_ylabel(f"P(w | '{words[record.center]}')")
    ax.margins(y=0.2)
    ax.legend(fontsize=9)
    return fig, ax


def plot_stage(name: str, formula: str, values, labels=None, ax=None):
    """One stage of the forward/backward pass as labelled bars (used by the stepping explorer).

    Example: ``plot_stage("hidden h", "h = row of W", rec.h)`` → four bars d1…d4.
    """
    values = np.atleast_1d(np.asarray(values, dtype=float))
    if ax is None:
        _, ax = new_figure(width=7.5, height=3.4)
    labels = labels if labels is not None and len(labels) == len(values) else [f"d{k + 1}" for k in range(len(values))]
    colors = [PALETTE[0] if v >= 0 else PALETTE[3] for v in values]
    bars = ax.bar(range(len(values)), values, color=colors)
    ax.bar_label(bars, [f"{v:.3f}" for v in values], padding=2, fontsize=8)
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xticks(range(len(values)), labels)
    ax.margins(y=0.25)
    ax.set_title(f"{name}:  {formula}", fontsize=11)
    return ax.figure, ax


def plot_snapshots(snapshots: dict, words, groups, ncols: int = 4):
    """Word vectors at several epochs, each projected on its own first two principal components.

    Parameters
    ----------
    snapshots : dict of int → ndarray, shape (n_words, d) — epoch → vectors of ``words``.
    words : list of str — point labels.
    groups : list of str — the group of each word (colour and marker).

    Example: epochs 1, 10, 50, 100 → groups drifting from a mixed cloud into clusters.
    """
    epochs = sorted(snapshots)[:ncols]
    fig, axes = new_figure(len(epochs), width=4.0 * len(epochs), height=4.0)
    axes = np.atleast_1d(axes)
    for ax, epoch in zip(axes, epochs):
        P = pca_2d(snapshots[epoch])
        for i, group in enumerate(dict.fromkeys(groups)):
            idx = [k for k, g in enumerate(groups) if g == group]
            ax.scatter(P[idx, 0], P[idx, 1], s=30, color=PALETTE[i % len(PALETTE)], marker="os^Dv<>p"[i % 8],
                       label=group)
            for k in idx:
                ax.annotate(words[k], P[k], xytext=(2, 2), textcoords="offset points", fontsize=7)
        ax.set_title(f"epoch {epoch}")
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].legend(fontsize=8, loc="best")
    return fig, axes


def plot_evolution_curves(history, marks=(10, 50, 100)):
    """Three panels over the epochs: mean loss, group gap and neighbour purity (see :mod:`lib.measure.embedding_evolution`).

    Parameters
    ----------
    history : list of dict with ``epoch``, ``loss``, ``gap``, ``purity``
    marks : epochs the slide names, drawn as dotted vertical lines where training reached them.

    Example: 100 epochs → a falling loss and rising gap and purity, flattening out.
    """
    epochs = [h["epoch"] for h in history]
    fig, axes = new_figure(3, width=13.0, height=3.6)
    for ax, key, label in zip(axes, ["loss", "gap", "purity"],
                              ["mean loss per pair", "within − between group cosine",
                               "nearest neighbour in own group"]):
        ax.plot(epochs, [h[key] for h in history], "o-", ms=3, color=PALETTE[0])
        for m in marks:
            if m <= max(epochs):
                ax.axvline(m, ls=":", color="grey")
        ax.set_xlabel("epoch")
        ax.set_ylabel(label)
    return fig, axes
