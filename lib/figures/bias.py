"""Figures for bias in embeddings: words on a direction with intervals, WEAT's null distribution, debiased maps.

Same style as :mod:`lib.figures.style`; every function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure
from lib.vectors.projections import pca_2d


def plot_leanings(leanings: dict, xlabel: str = "cos(word, g)   ← she side · he side →"):
    """Each word's projection on a bias direction, one marker per model, with an interval bar.

    Parameters
    ----------
    leanings : dict of str → dict of str → (float, float, float)
        Model name → word → (value, low, high). Words are ordered by the first
        model's value; a word a model lacks is left out for that model.
    xlabel : str

    Example: ``{"MiniLM": {"nurse": (-0.2, -0.25, -0.15), "captain": (0.15, 0.1, 0.2)}}`` → two rows.
    """
    names = list(leanings)
    words = sorted(set().union(*leanings.values()),
                   key=lambda w: leanings[names[0]].get(w, (np.inf,))[0])
    fig, ax = new_figure(width=7.0, height=0.26 * len(words) + 1.4)
    offsets = np.linspace(-0.2, 0.2, len(names)) if len(names) > 1 else [0.0]
    for i, name in enumerate(names):
        rows = [(y, *leanings[name][w]) for y, w in enumerate(words) if w in leanings[name]]
        y, value, low, high = (np.array(c) for c in zip(*rows))
        ax.errorbar(value, y + offsets[i], xerr=[value - low, high - value], fmt="o", ms=4, capsize=2,
                    color=PALETTE[i % len(PALETTE)], label=name)
    ax.axvline(0, color=OKABE_ITO["black"], lw=0.8)
    ax.set_yticks(range(len(words)), words)
    ax.set_xlabel(xlabel)
    ax.legend(loc="lower right")
    return fig, ax


def plot_weat_nulls(results: dict):
    """For each model, the permutation distribution of WEAT's statistic S with the observed S marked.

    Parameters
    ----------
    results : dict of str → lib.vectors.association_test.WeatResult

    Example: ``{"course vectors": weat(X, Y, A, B)}`` → one histogram with a dashed line at S.
    """
    fig, axes = new_figure(ncols=len(results), width=3.4 * len(results) + 0.6, height=3.4)
    for i, (ax, (name, r)) in enumerate(zip(np.atleast_1d(axes), results.items())):
        ax.hist(r.null, bins=40, color=PALETTE[i % len(PALETTE)], alpha=0.75)
        ax.axvline(r.statistic, color=OKABE_ITO["black"], ls="--")
        ax.set_title(f"{name}\nd = {r.effect_size:+.2f}, p = {r.p_value:.3f}")
        ax.set_xlabel("S under re-partitions of X ∪ Y")
    np.atleast_1d(axes)[0].set_ylabel("re-partitions")
    return fig, axes


def plot_debiased_map(E_before, E_after, leans_a_side, title_before: str = "before", title_after: str = "after"):
    """2-D principal-component maps of the same words before and after neutralising, coloured by their original side.

    Parameters
    ----------
    E_before, E_after : array_like, shape (n, d)
    leans_a_side : array_like of bool, shape (n,) — which side each word leaned to before.

    Example: two clusters that stay apart after neutralising show what the direction did not remove.
    """
    fig, axes = new_figure(ncols=2, width=9.0, height=4.2)
    side = np.asarray(leans_a_side, bool)
    for ax, E, title in zip(axes, (E_before, E_after), (title_before, title_after)):
        P = pca_2d(np.asarray(E, float))
        for flag, colour, label in [(True, PALETTE[0], "leaned to the he side"),
                                    (False, PALETTE[1], "leaned to the she side")]:
            ax.scatter(*P[side == flag].T, s=14, color=colour, alpha=0.8, label=label)
        ax.set_title(title)
        ax.set_xticks([])
        ax.set_yticks([])
    axes[0].legend(loc="best")
    return fig, axes
