"""Chapter 12b: count-based vectors against skip-gram, and the spectrum of the PPMI matrix.

Each function returns Matplotlib's ``(fig, ax)`` in the course style.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import PALETTE, new_figure


def plot_pmi_scatter(spmi, dots, max_points: int = 4000, seed: int = 0):
    """Skip-gram's w·c against the shifted PMI it should reach, one point per (w, c) pair, with y = x.

    Parameters
    ----------
    spmi : array_like, shape (n,) — PMI(w, c) − log k of each pair (the x axis).
    dots : array_like, shape (n,) — the trained model's w · c for the same pairs (the y axis).
    max_points : int — at most this many points are drawn (a seeded random subset), so the
        figure stays light; the correlation in the legend uses all n.
    seed : int — seeds the subset.

    Example: ``plot_pmi_scatter([0.1, 1.2, 2.0], [0.2, 1.0, 2.2])`` → three points near the diagonal.
    """
    x, y = np.asarray(spmi, dtype=float), np.asarray(dots, dtype=float)
    if x.shape != y.shape or x.ndim != 1 or len(x) < 2:
        raise ValueError(f"spmi and dots must be 1-D arrays of one length ≥ 2, got {x.shape} and {y.shape}")
    r = np.corrcoef(x, y)[0, 1]
    shown = np.random.default_rng(seed).permutation(len(x))[:max_points]
    fig, ax = new_figure(width=5.6, height=5.0)
    ax.scatter(x[shown], y[shown], s=6, alpha=0.35, color=PALETTE[0], linewidths=0,
               label=f"{len(x):,} pairs (Pearson r = {r:.2f})")
    low, high = min(x.min(), y.min()), max(x.max(), y.max())
    ax.plot([low, high], [low, high], "--", color="grey", lw=1, label="w·c = PMI − log k")
    slope, intercept = np.polyfit(x, y, 1)
    ax.plot([low, high], [intercept + slope * low, intercept + slope * high], color=PALETTE[1], lw=1.5,
            label=f"least squares: slope {slope:.2f}")
    ax.set_xlabel("PMI(w, c) − log k, from the counts")
    ax.set_ylabel("w · c, from the trained skip-gram")
    ax.legend(fontsize=9, loc="upper left")
    return fig, ax


def plot_singular_values(values: dict, top: int | None = None):
    """Singular values σ_1 ≥ σ_2 ≥ … of one or more matrices, on a log y axis.

    Parameters
    ----------
    values : dict of str → array_like, shape (d,) — name → singular values, largest first.
    top : int, optional — draw only the first ``top`` of each.

    Example: ``plot_singular_values({"PPMI": [9.0, 4.0, 3.5]})`` → one falling curve.
    """
    fig, ax = new_figure(width=6.4, height=3.8)
    for n, (name, s) in enumerate(values.items()):
        s = np.asarray(s, dtype=float)[:top]
        ax.plot(np.arange(1, len(s) + 1), s, color=PALETTE[n % len(PALETTE)], label=name)
    ax.set_yscale("log")
    ax.set_xlabel("rank i")
    ax.set_ylabel("singular value σ_i (log scale)")
    ax.legend(fontsize=9)
    return fig, ax
