"""Figures for the practical chapter (chapter 9): throughput against batch size, grouped comparisons.

Same style as :mod:`lib.figures.style`; each function returns ``(fig, ax)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure


def plot_throughput(curves, xlabel="batch size", ylabel="items per second", highlight=None):
    """Throughput against batch size (log–log), one line per workload; ``highlight`` shades an x range.

    Parameters
    ----------
    curves : dict of str → (batch_sizes, items_per_second)
    highlight : (lo, hi, label), optional — e.g. ``(32, 64, "slide: optimal 32–64")``.

    Example: ``plot_throughput({"search": ([1, 8], [100, 700])})`` → one rising line.
    """
    fig, ax = new_figure(width=7.0, height=4.2)
    for i, (name, (x, y)) in enumerate(curves.items()):
        ax.plot(x, y, "o-", color=PALETTE[i], label=name)
    if highlight:
        lo, hi, label = highlight
        ax.axvspan(lo, hi, color=OKABE_ITO["bluish_green"], alpha=0.15, label=label)
    ax.set_xscale("log", base=2)
    ax.set_yscale("log")
    ax.set_xlabel(xlabel + " (log scale)")
    ax.set_ylabel(ylabel + " (log scale)")
    ax.legend(fontsize=9)
    return fig, ax


def plot_grouped_bars(table, ylabel, title=""):
    """Grouped bars: one group per row of ``table`` (a DataFrame), one bar per column, values written on top.

    Example: rows "matched"/"mismatched", columns "recall@10"/"MRR" → two groups of two bars.
    """
    fig, ax = new_figure(width=7.4, height=4.0)
    n_rows, n_cols = table.shape
    width = 0.8 / n_cols
    x = np.arange(n_rows)
    for j, column in enumerate(table.columns):
        bars = ax.bar(x + (j - (n_cols - 1) / 2) * width, table[column], width, color=PALETTE[j], label=column)
        ax.bar_label(bars, [f"{v:.2f}" for v in table[column]], padding=2, fontsize=8)
    ax.set_xticks(x, table.index, rotation=12, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.margins(y=0.15)
    ax.legend(fontsize=9)
    return fig, ax
