"""Figures for chapter 15, scaling up skip-gram: throughput, profiles, large batches and engines.

Same course style as :mod:`lib.figures.style`; each function draws numbers the chapter
has already measured and returns ``(fig, ax)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import PALETTE, new_figure


def plot_throughput_vs_batch(batch_sizes, curves: dict):
    """Training pairs per second against the batch size B, one line per condition.

    Parameters
    ----------
    batch_sizes : array_like, shape (n,)
    curves : dict of label → array_like, shape (n,) — pairs per second.

    Example: ``{"one thread": [1e5, 4e5, 3e5]}`` at B = 64, 1024, 16384 → one line with a peak.
    """
    fig, ax = new_figure(width=7.0, height=4.0)
    for n, (label, rates) in enumerate(curves.items()):
        ax.plot(batch_sizes, np.asarray(rates) / 1e3, "os^D"[n % 4] + "-", color=PALETTE[n % len(PALETTE)],
                label=label)
    ax.set_xscale("log", base=2)
    ax.set_xlabel("batch size B, pairs per step (log scale)")
    ax.set_ylabel("thousand training pairs per second")
    ax.set_ylim(bottom=0)
    ax.legend(frameon=False)
    return fig, ax


def plot_profile(table, top: int = 8):
    """Horizontal bars: milliseconds per step of each operation, largest on top.

    ``table`` is :func:`lib.measure.profiling.step_profile`'s DataFrame. Example: a row
    ``aten::mul 1.2 ms, 40%`` → a bar labelled "1.20 ms (40%)".
    """
    rows = table.head(top).iloc[::-1]
    fig, ax = new_figure(width=7.0, height=0.45 * len(rows) + 1.2)
    bars = ax.barh([name.replace("aten::", "") for name in rows.index], rows.ms_per_step, color=PALETTE[0])
    for bar, ms, share in zip(bars, rows.ms_per_step, rows.share):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {ms:.2f} ms ({share:.0%})",
                va="center", fontsize=9)
    ax.set_xlabel("milliseconds per step (self time, one thread)")
    ax.set_xlim(0, rows.ms_per_step.max() * 1.35)
    return fig, ax


def plot_loss_per_epoch(histories: dict):
    """Mean training loss per epoch (log scale), one line per run; a diverged run ends in a cross.

    Parameters
    ----------
    histories : dict of label → list of float — each epoch's mean loss, NaN/inf allowed.

    Example: ``{"plain": [4.2, 1.6e8], "damped": [4.1, 3.1]}`` → one line shooting up, one falling.
    """
    fig, ax = new_figure(width=7.0, height=4.0)
    for n, (label, losses) in enumerate(histories.items()):
        losses = np.asarray(losses, dtype=float)
        epochs = np.arange(1, len(losses) + 1)
        finite = np.isfinite(losses)
        ax.plot(epochs[finite], losses[finite], "os^D"[n % 4] + "-", color=PALETTE[n % len(PALETTE)], label=label)
        if not finite.all():
            ax.plot(epochs[~finite][:1], [np.nanmax(losses[finite]) if finite.any() else 1.0], "X", ms=12,
                    color=PALETTE[n % len(PALETTE)])
    ax.set_yscale("log")
    ax.set_xticks(np.arange(1, max(len(v) for v in histories.values()) + 1))
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean loss per pair (log scale)")
    ax.legend(frameon=False)
    return fig, ax


def plot_engine_speeds(table, title: str = ""):
    """Horizontal bars of training tokens per second per engine, labelled with the ratio to the baseline.

    ``table`` is :func:`lib.measure.engine_benchmark.summary_table`'s DataFrame.
    Example: gensim-all 350k (1.00×), torch-cpu 60k (0.17×) → two bars, the first five times longer.
    """
    rows = table.iloc[::-1]
    fig, ax = new_figure(width=7.0, height=0.5 * len(rows) + 1.3)
    colors = [PALETTE[1] if name.startswith("gensim") else PALETTE[0] if name.startswith("torch") else PALETTE[2]
              for name in rows.index]
    bars = ax.barh(rows.index, rows.tokens_per_s / 1e3, color=colors)
    for bar, rate, ratio in zip(bars, rows.tokens_per_s, rows.speed_ratio):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {rate / 1e3:,.0f}k ({ratio:.2f}×)",
                va="center", fontsize=9)
    ax.set_xlabel("thousand training tokens per second (word2vec.c's definition)")
    ax.set_xlim(0, rows.tokens_per_s.max() / 1e3 * 1.3)
    if title:
        ax.set_title(title)
    return fig, ax


def plot_quality_vs_batch(table, tolerances: dict):
    """Each benchmark's difference from the baseline engine against the batch size, with its tolerance band.

    Parameters
    ----------
    table : :func:`lib.measure.engine_benchmark.batch_size_table`'s DataFrame (index: batch size).
    tolerances : dict of quality key → allowed absolute difference, e.g. ``{"wordsim353": 0.03}``;
        one panel per key, the band ±tolerance shaded.

    Example: WordSim353 differences −0.01 at B = 1,024 and −0.06 at B = 131,072 with tolerance
    0.03 → the second point lies below the band.
    """
    fig, axes = new_figure(ncols=len(tolerances), width=3.4 * len(tolerances), height=3.4)
    axes = np.atleast_1d(axes)
    for n, (ax, (key, tolerance)) in enumerate(zip(axes, tolerances.items())):
        ax.axhspan(-tolerance, tolerance, color=PALETTE[n % len(PALETTE)], alpha=0.15, lw=0)
        ax.axhline(0, color="0.5", lw=0.8)
        ax.plot(table.index, table[f"{key}_diff"], "o-", color=PALETTE[n % len(PALETTE)])
        ax.set_xscale("log", base=2)
        ax.set_title(key)
        ax.set_xlabel("batch size B (log scale)")
    axes[0].set_ylabel("difference from the baseline")
    return fig, axes


def plot_step_cost(cost: dict, V: int, negative: int):
    """Two bars (log scale): multiply-adds per pair for the softmax and for negative sampling."""
    fig, ax = new_figure(width=6.4, height=2.6)
    values = [cost["softmax_madds_per_pair"], cost["ns_madds_per_pair"]]
    bars = ax.barh([f"full softmax (V = {V:,})", f"negative sampling (k = {negative})"], values,
                   color=[PALETTE[3], PALETTE[0]])
    for bar, value in zip(bars, values):
        ax.text(bar.get_width(), bar.get_y() + bar.get_height() / 2, f" {value:,.0f}", va="center", fontsize=9)
    ax.set_xscale("log")
    ax.set_xlim(100, max(values) * 30)
    ax.set_xlabel("multiply-adds per training pair (log scale)")
    ax.set_title(f"negative sampling does {cost['speedup']:,.0f}× less arithmetic per pair")
    return fig, ax
