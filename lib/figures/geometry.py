"""Figures for high-dimensional geometry: distance concentration, ball volumes, shells, random projections.

Same style as :mod:`lib.figures.style`; every function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure
from lib.vectors.geometry import expected_normal_range, inner_fraction, slide_ratio_formula, unit_ball_volume


def plot_concentration(curve, n: int):
    """(max − min)/mean of query distances against d, with the prediction and the slides' formula (log–log).

    The slides' sqrt(1 + 2/d) is drawn as a dashed line: it levels off at 1.

    Parameters
    ----------
    curve : DataFrame indexed by d — from :func:`lib.vectors.geometry.concentration_curve`.
    n : int — points per query (sets the prediction).

    Example: ``plot_concentration(concentration_curve([2, 10, 100], 1000, 5, rng), 1000)``.
    """
    fig, ax = new_figure(width=7.2, height=4.4)
    d = curve.index.to_numpy(dtype=float)
    fine = np.logspace(np.log10(d.min()), np.log10(d.max()), 200)
    ax.plot(d, curve["range_over_mean"], "o", color=PALETTE[0], ms=7, label="measured (max − min) / mean")
    ax.plot(fine, expected_normal_range(n) * np.sqrt(3 / (8 * fine)), "-", color=PALETTE[0],
            label=f"prediction E[R_n]·sqrt(3/(8d)), n = {n:,}")
    ax.plot(fine, np.sqrt(3 * np.log(n) / fine), ":", color=PALETTE[2], label="asymptote sqrt(3 ln n / d)")
    ax.plot(fine, slide_ratio_formula(fine), "--", color=PALETTE[3], label="slide: sqrt(1 + 2/d)")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("dimension d (log scale)")
    ax.set_ylabel("ratio (log scale)")
    ax.legend(fontsize=8, loc="upper right")
    return fig, ax


def plot_ball_volume(max_d: int, peak: dict):
    """Volume of the unit ball against d: linear scale (the peak) and log scale (the collapse).

    Parameters
    ----------
    max_d : int — largest dimension shown.
    peak : dict — from :func:`lib.vectors.geometry.volume_peak`.

    Example: ``plot_ball_volume(100, volume_peak())`` → peak marked at d = 5.
    """
    fig, axes = new_figure(2, width=11.0, height=4.0)
    d = np.arange(1, max_d + 1)
    fine = np.linspace(0.5, 25, 300)
    axes[0].plot(fine, unit_ball_volume(fine), color=PALETTE[5], lw=1, label="V_d for real d")
    axes[0].plot(d[d <= 25], unit_ball_volume(d[d <= 25]), "o", color=PALETTE[0], label="integer d")
    axes[0].plot(peak["integer_d"], peak["integer_volume"], "*", color=PALETTE[3], ms=15,
                 label=f"peak at d = {peak['integer_d']}: V = {peak['integer_volume']:.3f}")
    axes[0].set_xlabel("dimension d")
    axes[0].set_ylabel("volume of the unit ball")
    axes[0].legend(fontsize=9)
    axes[1].plot(d, np.log10(unit_ball_volume(d)), color=PALETTE[0])
    axes[1].set_xlabel("dimension d")
    axes[1].set_ylabel("log10 of the volume")
    for target in (10, 100):
        if target <= max_d:
            axes[1].annotate(f"d = {target}: {unit_ball_volume(target):.2e}", (target, np.log10(unit_ball_volume(target))),
                             xytext=(8, 6), textcoords="offset points", fontsize=9)
    return fig, axes


def plot_inner_fraction(max_d: int, claimed: dict, r: float = 0.9):
    """Share of the ball's volume inside radius r, ``r^d`` (a straight line on a log y axis), with the slides' values as crosses.

    Parameters
    ----------
    claimed : dict of int → float — the slides' stated fractions per dimension.

    Example: ``plot_inner_fraction(1000, {10: 0.35, 100: 1e-5})``.
    """
    fig, ax = new_figure(width=7.0, height=4.2)
    d = np.arange(1, max_d + 1)
    ax.plot(d, inner_fraction(d, r), color=PALETTE[0], label=f"exact: {r}^d")
    for i, (dim, value) in enumerate(claimed.items()):
        ax.plot(dim, inner_fraction(dim, r), "o", color=PALETTE[1 + i % 6])
        ax.plot(dim, value, "x", color=PALETTE[1 + i % 6], ms=11, mew=2, label=f"slide, d = {dim}: {value:g}")
    ax.set_yscale("log")
    ax.set_xlabel("dimension d")
    ax.set_ylabel(f"share of volume inside radius {r} (log scale)")
    ax.legend(fontsize=8, loc="lower left")
    return fig, ax


def plot_projection_study(study):
    """Random projection of trained vectors: neighbour overlap and distance distortion against target k.

    Parameters
    ----------
    study : DataFrame indexed by k — from :func:`lib.vectors.random_projection.projection_study`.

    Example: overlap rising from near 0 at k = 2 towards 1 as k grows.
    """
    fig, axes = new_figure(2, width=11.0, height=4.0)
    k = study.index.to_numpy()
    axes[0].plot(k, study["neighbour overlap"], "o-", color=PALETTE[0], label="top-10 cosine neighbours kept")
    axes[0].plot(k, study["within ±ε"], "s-", color=PALETTE[1], label="pairs with distance² within ±10 %")
    axes[0].set_ylim(0, 1.02)
    axes[0].set_ylabel("share")
    axes[0].legend(fontsize=9)
    axes[1].plot(k, study["ratio std"], "o-", color=PALETTE[0], label="measured std of ‖Px − Py‖² / ‖x − y‖²")
    axes[1].plot(k, study["theory sqrt(2/k)"], "--", color=OKABE_ITO["black"], label="theory sqrt(2/k)")
    axes[1].set_yscale("log")
    axes[1].set_ylabel("spread of the distance ratio (log scale)")
    axes[1].legend(fontsize=9)
    for ax in axes:
        ax.set_xscale("log")
        ax.set_xticks(k, [str(x) for x in k])
        ax.minorticks_off()
        ax.set_xlabel("target dimension k (log scale)")
    return fig, axes


def plot_norm_vs_count(counts, norms):
    """Vector length against corpus count (log x axis), one dot per word.

    Example: ``plot_norm_vs_count(counts, np.linalg.norm(kv.vectors, axis=1))``.
    """
    fig, ax = new_figure(width=6.4, height=4.2)
    ax.scatter(counts, norms, s=4, alpha=0.35, color=PALETTE[0], edgecolors="none")
    ax.set_xscale("log")
    ax.set_xlabel("corpus count of the word (log scale)")
    ax.set_ylabel("length of its vector")
    return fig, ax


def plot_relative_distances(summary: dict):
    """Histogram of distances divided by their mean, with the ±10 % band shaded.

    Example: ``plot_relative_distances(dimension_summary(100))``.
    """
    fig, ax = new_figure(width=6.4, height=3.6)
    rel = summary["distances"] / summary["distances"].mean()
    ax.axvspan(0.9, 1.1, color=PALETTE[5], alpha=0.25, label="within ±10 % of the mean")
    ax.hist(rel, bins=np.linspace(0, 2.2, 89), color=PALETTE[0], alpha=0.85)
    ax.set_xlim(0, 2.2)
    ax.set_xlabel("distance / mean distance")
    ax.set_ylabel("points")
    ax.set_title(f"d = {summary['d']}: (max − min)/mean = {summary['range_over_mean']:.3f}", fontsize=11)
    ax.legend(fontsize=9)
    return fig, ax
