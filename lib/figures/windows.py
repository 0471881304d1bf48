"""Figures for context windows: which words a window sees, how many pairs it makes, what it does to vectors.

Same style as :mod:`lib.figures.style` (Okabe–Ito colours, white background); every
function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

import numpy as np
from matplotlib.patches import FancyBboxPatch

from lib.figures.style import OKABE_ITO, PALETTE, new_figure
from lib.text.windows import context_positions, pair_count_closed_form, slide_pair_formula

CENTER_COLOUR = OKABE_ITO["orange"]
CONTEXT_COLOUR = OKABE_ITO["sky_blue"]
OUTSIDE_COLOUR = "#EEEEEE"


def draw_sentence_row(ax, tokens, center: int, window: int, y: float, label: str = "") -> None:
    """Draw one row of word boxes: the center orange, its context words blue, the rest grey.

    Example: ``draw_sentence_row(ax, toy_tokens(), 3, 1, 0)`` → "brown" and "jumps" blue around "fox".
    """
    context = set(context_positions(len(tokens), center, window))
    for i, word in enumerate(tokens):
        colour = CENTER_COLOUR if i == center else CONTEXT_COLOUR if i in context else OUTSIDE_COLOUR
        ax.add_patch(FancyBboxPatch((i + 0.06, y - 0.32), 0.88, 0.64, boxstyle="round,pad=0.02",
                                    facecolor=colour, edgecolor="#555555", linewidth=0.8))
        ax.text(i + 0.5, y, word, ha="center", va="center", fontsize=10)
    if label:
        ax.text(-0.15, y, label, ha="right", va="center", fontsize=10)


def plot_window_diagram(tokens, center: int, windows):
    """One row per window size: the center word and the context words it pairs with.

    Parameters
    ----------
    tokens : list of str, length n
    center : int — position of the center word.
    windows : list of int — window sizes, one row each (top to bottom).

    Example: ``plot_window_diagram(toy_tokens(), 3, [1, 2, 3, 5])`` → the slides' four windows around "fox".
    """
    fig, ax = new_figure(width=9.0, height=0.75 * len(windows) + 1.0)
    for row, w in enumerate(windows):
        n_pairs = len(context_positions(len(tokens), center, w))
        draw_sentence_row(ax, tokens, center, w, -row, f"w = {w} ({n_pairs} contexts)")
    ax.set_xlim(-2.6, len(tokens))
    ax.set_ylim(-len(windows) + 0.4, 0.6)
    ax.axis("off")
    ax.set_title(f"Context words of “{tokens[center]}” (orange) for each window size (blue)")
    return fig, ax


def plot_pair_counts(n: int, max_window: int, stated: dict):
    """Pair count of an n-token sentence against the window: exact, the slides' formula, the slides' numbers.

    Parameters
    ----------
    n : int — sentence length.
    max_window : int — largest window on the x axis.
    stated : dict of int → int — the pair counts printed on the slides, drawn as crosses.

    Example: ``plot_pair_counts(9, 10, {1: 16, 2: 30, 3: 42, 5: 60})``.
    """
    fig, ax = new_figure(width=7.0, height=4.2)
    w = np.arange(1, max_window + 1)
    ax.plot(w, [pair_count_closed_form(n, k) for k in w], "o-", color=PALETTE[0],
            label="exact: Σ min(i, w) + min(n−1−i, w)")
    ax.plot(w, [slide_pair_formula(n, k) for k in w], "s--", color=PALETTE[3],
            label="slide formula: Σ min(2w, n−1)")
    ax.plot(list(stated), list(stated.values()), "x", color=OKABE_ITO["black"], ms=11, mew=2,
            label="numbers printed on the slides")
    ax.axhline(n * (n - 1), ls=":", color="grey", lw=1)
    ax.annotate(f"every ordered pair: n(n−1) = {n * (n - 1)}", (max_window, n * (n - 1)),
                xytext=(0, 4), textcoords="offset points", ha="right", fontsize=9, color="dimgrey")
    ax.set_xlabel("window size w")
    ax.set_ylabel(f"(center, context) pairs, n = {n}")
    ax.set_xticks(w)
    ax.legend(loc="lower right", fontsize=9)
    return fig, ax


def plot_window_sweep(scores, baseline: dict | None = None):
    """Three panels against window size: benchmark correlations, suffix agreement, document lift.

    Parameters
    ----------
    scores : pandas DataFrame indexed by window — from :func:`lib.measure.window_effects.window_scores`.
    baseline : dict, optional — ``{"suffix agreement": base rate}`` drawn as a dotted line.

    Example: the six-window sweep of chapter 4 → three rising or falling curves.
    """
    fig, axes = new_figure(3, width=12.0, height=3.8)
    w = scores.index.to_numpy()
    panels = [(["SimLex-999", "WordSim353"], "Spearman ρ with human scores", "Similarity vs relatedness"),
              (["suffix agreement"], "share of neighbours with the same suffix", "Syntax: -ing, -ed, -ly"),
              (["document lift"], "log2 lift of sharing a document", "Topic: neighbours share articles")]
    for ax, (columns, ylabel, title) in zip(axes, panels):
        for i, column in enumerate(columns):
            ax.plot(w, scores[column], "o-", color=PALETTE[i], label=column)
        if baseline and columns[0] in baseline:
            ax.axhline(baseline[columns[0]], ls=":", color="grey", label="share in the vocabulary")
        ax.set_xscale("log")
        ax.set_xticks(w, [str(x) for x in w])
        ax.minorticks_off()
        ax.set_xlabel("window size w (log scale)")
        ax.set_ylabel(ylabel)
        ax.set_title(title, fontsize=11)
        ax.legend(fontsize=8)
    return fig, axes
