"""Figures for chapters 1–3: one-hot sparsity, word maps, vectors in the plane and the cosine curve."""
from __future__ import annotations

import numpy as np

from lib.figures.basic import plot_matrix
from lib.figures.style import OKABE_ITO, PALETTE, SIMILARITY_CMAP, new_figure


def plot_similarity_tables(tables, labels, titles):
    """Show several cosine tables side by side on the same [-1, 1] colour scale.

    Parameters
    ----------
    tables : list of array_like, each shape (n, n)
    labels : list of str, length n  (or a list of such lists, one per table)
    titles : list of str, one per table

    Example: the slide's 4×4 table beside the one computed from trained vectors.
    """
    fig, axes = new_figure(len(tables), width=4.2 * len(tables), height=3.8)
    axes = np.atleast_1d(axes)
    per_table = labels if isinstance(labels[0], (list, tuple)) else [labels] * len(tables)
    for ax, table, names, title in zip(axes, tables, per_table, titles):
        plot_matrix(table, names, names, title, fmt="{:.2f}", cmap=SIMILARITY_CMAP,
                    vmin=-1, vmax=1, ax=ax)
    return fig, axes


def plot_sparsity_curve(V_range, marks, sparsity):
    """Sparsity of one-hot vectors against vocabulary size V (log x axis).

    Parameters
    ----------
    V_range : array_like, shape (k,)
        Vocabulary sizes for the curve.
    marks : dict of str → int
        Named vocabulary sizes to mark, e.g. ``{"slide: V = 10": 10}``.
    sparsity : callable
        V → percentage of zeros, normally :func:`lib.vectors.representations.sparsity_percent`.

    Example: marks at V = 10 and 50,000 → points at 90 % and 99.998 %.
    """
    fig, ax = new_figure(width=7.0, height=4.0)
    V_range = np.asarray(V_range)
    ax.plot(V_range, [sparsity(v) for v in V_range], color=PALETTE[0])
    for i, (name, V) in enumerate(marks.items()):
        y = sparsity(V)
        ax.plot(V, y, "o", color=PALETTE[1 + i % (len(PALETTE) - 1)], label=f"{name}: {y:.6g} % zeros")
    ax.set_xscale("log")
    ax.set_xlabel("vocabulary size V (log scale)")
    ax.set_ylabel("zeros in a one-hot vector (%)")
    ax.legend(loc="lower right")
    return fig, ax


def plot_word_map(points, labels, groups):
    """Scatter words in 2-D, coloured by group, each point labelled with its word.

    Parameters
    ----------
    points : array_like, shape (n, 2)
        2-D coordinates, e.g. from :func:`pca_2d`.
    labels : list of str, length n
    groups : list of str, length n
        Group name of each word (one colour and legend entry per group).

    Example: animals, foods and verbs projected from 100-D vectors.
    """
    P = np.asarray(points, dtype=float)
    fig, ax = new_figure(width=6.8, height=5.0)
    for i, group in enumerate(dict.fromkeys(groups)):
        idx = [k for k, g in enumerate(groups) if g == group]
        ax.scatter(P[idx, 0], P[idx, 1], s=45, color=PALETTE[i % len(PALETTE)],
                   marker="osD^v<>p"[i % 8], label=group)
        for k in idx:
            ax.annotate(labels[k], P[k], xytext=(4, 4), textcoords="offset points")
    ax.set_xlabel("first principal component")
    ax.set_ylabel("second principal component")
    ax.legend()
    return fig, ax


def plot_vectors_2d(vectors, title="", ax=None):
    """Draw 2-D vectors as arrows from the origin and mark the angle between the first two.

    Parameters
    ----------
    vectors : dict of str → array_like, shape (2,)
    Example: ``{"a": [1, 0], "b": [1, 1]}`` → two arrows with a 45° arc.
    """
    if ax is None:
        _, ax = new_figure(width=5.0, height=5.0)
    items = [(name, np.asarray(v, dtype=float)) for name, v in vectors.items()]
    for i, (name, v) in enumerate(items):
        color = PALETTE[i % len(PALETTE)]
        ax.annotate("", xy=v, xytext=(0, 0),
                    arrowprops=dict(arrowstyle="-|>", color=color, lw=2.2, mutation_scale=16))
        ax.annotate(name, v, xytext=(6, 6), textcoords="offset points", color=color, fontsize=12)
    if len(items) >= 2:
        (_, a), (_, b) = items[:2]
        start, stop = sorted(np.degrees([np.arctan2(a[1], a[0]), np.arctan2(b[1], b[0])]))
        if stop - start > 180:
            start, stop = stop, start + 360
        r = 0.3 * min(np.linalg.norm(a), np.linalg.norm(b))
        t = np.radians(np.linspace(start, stop, 50))
        ax.plot(r * np.cos(t), r * np.sin(t), color=OKABE_ITO["black"], lw=1)
    lim = 1.15 * max(np.abs(v).max() for _, v in items)
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.axhline(0, color="grey", lw=0.8)
    ax.axvline(0, color="grey", lw=0.8)
    ax.set_title(title)
    return ax.figure, ax


def plot_cosine_curve(points, key_angles=None):
    """The curve cos θ for θ from 0° to 180°, with named (θ, value) points marked on it.

    Parameters
    ----------
    points : list of (str, float, float)
        ``(label, theta_degrees, cosine_claimed)``; a claim is drawn as a cross, the
        true ``cos θ`` as a dot, so a wrong claim sits off the curve.
    key_angles : dict of float → str, optional
        Angles to mark with a dotted vertical line and a short text, e.g. ``{90: "unrelated"}``.

    Example: ``[("slide: 15°", 15, 0.97)]`` → a cross almost on the curve at 15°.
    """
    fig, ax = new_figure(width=7.0, height=4.2)
    theta = np.linspace(0, 180, 361)
    ax.plot(theta, np.cos(np.radians(theta)), color=OKABE_ITO["black"], lw=1.2, label="cos θ")
    for th, text in (key_angles or {}).items():
        ax.axvline(th, ls=":", color="grey", lw=1)
        ax.annotate(f"{th:g}°: {text}", (th, -1.0), xytext=(3, 0), textcoords="offset points",
                    rotation=90, va="bottom", fontsize=9, color="dimgrey")
    for i, (label, th, claimed) in enumerate(points):
        color = PALETTE[i % (len(PALETTE) - 1)]
        ax.plot(th, np.cos(np.radians(th)), "o", color=color)
        ax.plot(th, claimed, "x", color=color, ms=10, mew=2, label=label)
    ax.set_xticks(range(0, 181, 30))
    ax.set_xlabel("angle θ between the vectors (degrees)")
    ax.set_ylabel("cosine similarity")
    ax.legend(fontsize=9, loc="upper right")
    return fig, ax
