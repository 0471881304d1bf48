"""Figures for the practical chapter (chapter 9): throughput against batch size, grouped comparisons.

Same style as :mod:`lib.figures.style`; each function returns ``(fig, ax)``.
"""
from __future__ import annotations

import numpy as np
from matplotlib.ticker import MaxNLocator

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


def plot_model_tradeoffs(table, quality: str = "retrieval MRR", latency_range=(1, 100), memory_range=(100, 10_000)):
    """Quality against latency and against memory, one labelled point per model; the slide's ranges shaded.

    Parameters
    ----------
    table : DataFrame indexed by model with ``one p50 ms``, ``RAM MB`` and the ``quality`` column.
    latency_range, memory_range : (lo, hi) — the slide's "1–100 ms" and "100 MB–10 GB" (in MB).

    Example: two models → two panels with two labelled points each.
    """
    fig, axes = new_figure(ncols=2, width=10.0, height=4.0)
    for ax, column, (lo, hi), label in [(axes[0], "one p50 ms", latency_range, "latency, one text, p50 (ms)"),
                                        (axes[1], "RAM MB", memory_range, "memory in RAM (MB)")]:
        ax.axvspan(lo, hi, color=OKABE_ITO["bluish_green"], alpha=0.15, label="slide's range")
        for i, (name, row) in enumerate(table.iterrows()):
            ax.plot(row[column], row[quality], "o", color=PALETTE[i % len(PALETTE)], markersize=9, label=name)
            ax.annotate(name, (row[column], row[quality]), textcoords="offset points", xytext=(6, 6), fontsize=8)
        ax.set_xscale("log")
        ax.set_xlabel(label + " (log scale)")
        ax.set_ylabel(quality)
    axes[0].legend(fontsize=8, loc="lower right")
    return fig, axes


def plot_finetune_curves(runs, overfit=None, metric: str = "MRR"):
    """Validation score per epoch for each fine-tuning run (kept checkpoint starred); optionally a second
    panel with one run's training and validation scores (overfitting shows as the two diverging).

    Parameters
    ----------
    runs : dict of name → DataFrame indexed by epoch with ``validation`` and ``kept`` (``FinetuneRun.table()``).
    overfit : DataFrame of the same form with a ``train`` column, optional.

    Example: three runs of 2 epochs → three lines of 3 points, each with one star.
    """
    fig, axes = new_figure(ncols=2 if overfit is not None else 1, width=10.0 if overfit is not None else 6.4,
                           height=4.0)
    ax = axes[0] if overfit is not None else axes
    for i, (name, frame) in enumerate(runs.items()):
        ax.plot(frame.index, frame["validation"], "o-", color=PALETTE[i], label=name)
        kept = frame[frame["kept"]]
        ax.plot(kept.index, kept["validation"], "*", color=PALETTE[i], markersize=16, markeredgecolor="black")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("epoch (0 = pre-trained)")
    ax.set_ylabel(f"validation {metric}")
    ax.set_title("held-out documents; ★ = kept checkpoint")
    ax.legend(fontsize=8)
    if overfit is not None:
        ax2 = axes[1]
        ax2.plot(overfit.index, overfit["train"], "s--", color=PALETTE[3], label="training pairs")
        ax2.plot(overfit.index, overfit["validation"], "o-", color=PALETTE[0], label="validation pairs")
        kept = overfit[overfit["kept"]]
        ax2.plot(kept.index, kept["validation"], "*", color=PALETTE[0], markersize=16, markeredgecolor="black")
        ax2.set_xlabel("epoch")
        ax2.set_ylabel(metric)
        ax2.set_title("a small training set, many epochs")
        ax2.legend(fontsize=8)
    return fig, axes
