"""Figures for vector arithmetic: the slides' 3-D parallelogram, relation offsets in 2-D, accuracy bars.

Same style as :mod:`lib.figures.style`; every function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure
from lib.vectors.projections import pca_2d


def plot_vectors_3d(vectors: dict, arrows, axis_labels=("dimension 1", "dimension 2", "dimension 3")):
    """Points in 3-D with labelled arrows between them (the slides' king/man/woman/queen example).

    Parameters
    ----------
    vectors : dict of str → array_like, shape (3,)
    arrows : list of (str, str, str) — ``(from word, to word, label)``; arrows with the
        same label share a colour.
    axis_labels : three str.

    Example: ``plot_vectors_3d(SLIDE_VECTORS, [("man", "king", "royalty")])`` → one arrow.
    """
    fig, flat = new_figure(width=6.4, height=5.2)   # course style and Jupyter's interactive mode kept
    flat.remove()
    ax = fig.add_subplot(projection="3d")
    colours = {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(dict.fromkeys(a[2] for a in arrows))}
    for word, v in vectors.items():
        ax.scatter(*v, color=OKABE_ITO["black"], s=40)
        ax.text(*(np.asarray(v) + [0.0, 0.03, 0.03]), word, fontsize=11)
    seen = set()
    for start, end, label in arrows:
        a, b = np.asarray(vectors[start], float), np.asarray(vectors[end], float)
        ax.quiver(*a, *(b - a), color=colours[label], arrow_length_ratio=0.12, linewidth=2,
                  label=None if label in seen else label)
        seen.add(label)
    ax.set_xlabel(axis_labels[0])
    ax.set_ylabel(axis_labels[1])
    ax.set_zlabel(axis_labels[2])
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_zlim(0, 1)
    ax.legend(loc="upper left")
    return fig, ax


def plot_offset_pairs(kv, pair_groups: dict, title: str = ""):
    """PCA of the words of several relations, with an arrow from a to b for each pair (a, b).

    Parameters
    ----------
    kv : gensim KeyedVectors
    pair_groups : dict of str → list of (str, str) — relation name → its word pairs.

    A consistent relation shows as parallel arrows of similar length.
    Example: ``{"country → capital": [("france", "paris"), ("japan", "tokyo")]}``.
    """
    words = list(dict.fromkeys(w for pairs in pair_groups.values() for p in pairs for w in p))
    P = dict(zip(words, pca_2d(kv.get_normed_vectors()[[kv.key_to_index[w] for w in words]])))
    fig, ax = new_figure(width=7.2, height=5.6)
    for i, (name, pairs) in enumerate(pair_groups.items()):
        colour = PALETTE[i % len(PALETTE)]
        for k, (a, b) in enumerate(pairs):
            ax.annotate("", xy=P[b], xytext=P[a],
                        arrowprops=dict(arrowstyle="-|>", color=colour, lw=1.6, mutation_scale=12))
            ax.plot(*P[a], "o", color=colour, ms=5, label=name if k == 0 else None)
            ax.plot(*P[b], "s", color=colour, ms=5)
            ax.annotate(a, P[a], xytext=(-3, 3), textcoords="offset points", fontsize=8, ha="right")
            ax.annotate(b, P[b], xytext=(3, 3), textcoords="offset points", fontsize=8)
    ax.set_xlabel("first principal component")
    ax.set_ylabel("second principal component")
    ax.set_title(title)
    ax.legend(fontsize=9)
    return fig, ax


def plot_category_accuracy(tables: dict):
    """Horizontal bars of analogy accuracy per category, one bar colour per method.

    Parameters
    ----------
    tables : dict of str → DataFrame — method name → :meth:`lib.vectors.evaluation.AnalogyResult.table`.

    Example: ``{"3CosAdd": add.table(), "3CosMul": mul.table()}`` → 14 pairs of bars.
    """
    names = list(tables)
    categories = list(tables[names[0]].index)
    fig, ax = new_figure(width=7.6, height=0.32 * len(categories) * len(names) + 1.2)
    y = np.arange(len(categories))
    height = 0.8 / len(names)
    for i, name in enumerate(names):
        acc = tables[name]["accuracy"].to_numpy(dtype=float)
        ax.barh(y + (i - (len(names) - 1) / 2) * height, 100 * np.nan_to_num(acc), height,
                color=PALETTE[i], label=name)
    labels = [f"{c} ({int(tables[names[0]].loc[c, 'answered'])})" for c in categories]
    ax.set_yticks(y, labels, fontsize=9)
    ax.invert_yaxis()
    ax.set_xlabel("accuracy on answered questions (%)")
    ax.set_ylabel("category (questions answered)")
    ax.legend()
    return fig, ax


def plot_accuracy_vs_tokens(sizes, series: dict, ylabel: str = "accuracy (%)"):
    """Line plot of one or more scores against corpus size (log x axis).

    Parameters
    ----------
    sizes : array_like, shape (k,) — tokens in each training corpus.
    series : dict of str → array_like, shape (k,) — values in percent.

    Example: four corpus sizes and "top-1" and "top-10" accuracy.
    """
    fig, ax = new_figure(width=6.4, height=4.0)
    for i, (name, values) in enumerate(series.items()):
        ax.plot(sizes, values, "o-", color=PALETTE[i], label=name)
    ax.set_xscale("log")
    ax.set_xlabel("training tokens (log scale)")
    ax.set_ylabel(ylabel)
    ax.legend()
    return fig, ax
