"""Figures for the research chapter (chapter 8): prefix quality, quality against speed, temperature sweeps.

Same style as :mod:`lib.figures.style`; each function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure


def plot_prefix_quality(table, metrics):
    """One panel per metric: score against prefix length m (log axis), one line per model.

    Parameters
    ----------
    table : pandas.DataFrame indexed by ``dim`` with a ``model`` column and the ``metrics`` columns.
    metrics : list of str.

    Example: ``plot_prefix_quality(df, ["wordsim353"])`` → one panel, one line per model.
    """
    fig, axes = new_figure(ncols=len(metrics), width=4.6 * len(metrics), height=3.8)
    axes = np.atleast_1d(axes)
    for ax, metric in zip(axes, metrics):
        for i, (model, part) in enumerate(table.groupby("model", sort=False)):
            ax.plot(part.index, part[metric], "-", color=PALETTE[i], marker="os^"[i % 3], label=model)
        ax.set_xscale("log")
        ax.set_xticks(sorted(set(table.index)), [str(m) for m in sorted(set(table.index))])
        ax.set_xlabel("prefix length m (dimensions kept)")
        ax.set_ylabel(metric)
    axes[0].legend(fontsize=9)
    return fig, axes


def plot_quality_speed(table, quality: str, speed: str, label: str, target=(10.0, 0.9)):
    """Scatter of methods: speed-up (log x) against quality (y), labelled, with a shaded target corner.

    Parameters
    ----------
    table : pandas.DataFrame indexed by method name, with the ``quality``, ``speed`` and ``label`` columns.
    target : (speed, quality) — the corner "at least this fast and this good" to shade.

    Example: rows float32 (1, 1.0) and binary (3, 0.4) → two labelled points left of the shaded corner.
    """
    fig, ax = new_figure(width=7.2, height=4.4)
    for i, (name, row) in enumerate(table.iterrows()):
        ax.plot(row[speed], row[quality], "o", ms=9, color=PALETTE[i % len(PALETTE)],
                label=f"{name} ({row[label]:.0f}x smaller)")
    lo = min(table[speed].min(), 0.1)
    hi = max(table[speed].max(), target[0]) * 2
    ax.fill_between([target[0], hi], target[1], 1.05, color=OKABE_ITO["bluish_green"], alpha=0.15,
                    label=f"slide: ≥ {target[1]:.0%} quality at ≥ {target[0]:g}x speed")
    ax.set_xscale("log")
    ax.set_xlim(lo / 1.5, hi)
    ax.set_ylim(0, 1.05)
    ax.set_xlabel("search speed-up over float32 (log scale)")
    ax.set_ylabel(quality)
    ax.legend(fontsize=8, loc="lower left")
    return fig, ax


def plot_temperature_sweep(table, column: str, baselines=None):
    """A metric against the temperature τ (log x), with baselines as dashed horizontal lines.

    Example: ``plot_temperature_sweep(df, "top-1 accuracy", {"TF-IDF": 0.8})``.
    """
    fig, ax = new_figure(width=6.8, height=4.0)
    ax.plot(table.index, table[column], "o-", color=PALETTE[0], label="InfoNCE-trained 64-d encoder")
    for j, (name, y) in enumerate((baselines or {}).items()):
        ax.axhline(y, ls="--", color=PALETTE[1 + j], label=name)
    ax.set_xscale("log")
    ax.set_xlabel("temperature τ (log scale)")
    ax.set_ylabel(column)
    ax.legend(fontsize=9)
    return fig, ax
