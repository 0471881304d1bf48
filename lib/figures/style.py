"""The course's figure style and the plotting functions the chapters call.

Every figure in the book comes from one of these functions, so every figure
looks the same: the Okabe–Ito colour-blind-safe palette, an opaque white
background (figures stay readable when the site is in dark mode) and
labelled axes. Each function draws one kind of figure and returns the
Matplotlib ``(fig, ax)`` pair so a chapter can add a line or a note.

Simplified on purpose: no figure saving, no interactive backends; the
chapters show figures inline and the explorers in :mod:`lib.widgets.similarity` redraw
them.
"""
from __future__ import annotations

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

OKABE_ITO = {
    "black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9",
    "bluish_green": "#009E73", "yellow": "#F0E442", "blue": "#0072B2",
    "vermillion": "#D55E00", "reddish_purple": "#CC79A7",
}
"""The eight colours of Okabe & Ito (2008), *Color Universal Design*, by name."""

PALETTE = [OKABE_ITO[k] for k in ("blue", "orange", "bluish_green", "vermillion",
                                  "reddish_purple", "sky_blue", "yellow", "black")]
"""Colour cycle of the course: the Okabe–Ito colours, strongest contrasts first."""

BACKGROUND = "#FFFFFF"
"""Opaque figure and axes background."""

STYLE = {
    "figure.facecolor": BACKGROUND, "axes.facecolor": BACKGROUND,
    "savefig.facecolor": BACKGROUND, "savefig.transparent": False,
    "axes.prop_cycle": plt.cycler(color=PALETTE),
    "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.alpha": 0.3, "font.size": 11,
    "figure.dpi": 100, "image.cmap": "cividis",
}
"""Matplotlib rcParams of the course style."""

SIMILARITY_CMAP = "PuOr_r"
"""Diverging colour map for cosines in [-1, 1] (orange = similar, purple = opposite)."""


def use_course_style() -> None:
    """Apply :data:`STYLE` to Matplotlib globally (figures made later by hand match the book).

    Example: ``use_course_style()`` → ``plt.rcParams["figure.facecolor"] == "#FFFFFF"``.
    """
    plt.rcParams.update(STYLE)


def new_figure(ncols: int = 1, width: float = 6.4, height: float = 4.0):
    """Create a course-styled figure with ``ncols`` axes side by side.

    Returns ``(fig, ax)`` for one column and ``(fig, axes)`` (array of shape
    (ncols,)) otherwise. Example: ``new_figure(2)`` → a figure with two axes.
    """
    with plt.rc_context(STYLE):          # the course style, for this figure only
        fig, axes = plt.subplots(1, ncols, figsize=(width, height), layout="constrained")
        # The first figure of a Jupyter session loads the inline backend, which switches
        # interactive mode on; keep that switch when the style context is undone, or
        # Jupyter stops showing the figures that follow.
        interactive = matplotlib.is_interactive()
    matplotlib.interactive(interactive)
    fig.patch.set_facecolor(BACKGROUND)
    fig.patch.set_alpha(1.0)
    return fig, axes


def pca_2d(X) -> np.ndarray:
    """Project the rows of ``X`` (shape (n, d)) onto their first two principal components.

    Returns shape (n, 2); the signs are fixed so the largest coordinate of each
    axis is positive, making the picture deterministic. Example: 3 points on a
    line in 5-D → 3 points on the first axis with second coordinates ≈ 0.
    """
    X = np.asarray(X, dtype=float)
    centred = X - X.mean(axis=0)
    _, _, vt = np.linalg.svd(centred, full_matrices=False)
    coords = centred @ vt[:2].T
    signs = np.sign(coords[np.abs(coords).argmax(axis=0), [0, 1]])
    return coords * np.where(signs == 0, 1, signs)


def plot_matrix(matrix, row_labels, col_labels, title="", fmt="{:.0f}", cmap="Blues",
                vmin=None, vmax=None, ax=None):
    """Draw a small matrix as an annotated heatmap (one-hot vectors, similarity tables).

    Parameters
    ----------
    matrix : array_like, shape (n, m)
    row_labels : list of str, length n
    col_labels : list of str, length m
    fmt : str
        Format of the number written in each cell.

    Returns
    -------
    (fig, ax)

    Example: ``plot_matrix(np.eye(2), ["cat", "dog"], ["0", "1"])`` → a 2×2 grid of 1s and 0s.
    """
    M = np.asarray(matrix, dtype=float)
    if ax is None:
        _, ax = new_figure(width=max(3.0, 0.55 * M.shape[1] + 1.8), height=0.5 * M.shape[0] + 1.4)
    image = ax.imshow(M, cmap=cmap, vmin=vmin, vmax=vmax, aspect="auto")
    ax.grid(False)
    ax.set_xticks(range(M.shape[1]), col_labels)
    ax.set_yticks(range(M.shape[0]), row_labels)
    for (i, j), value in np.ndenumerate(M):
        r, g, b, _ = image.cmap(image.norm(value))
        dark_cell = 0.299 * r + 0.587 * g + 0.114 * b < 0.5   # perceived brightness
        ax.text(j, i, fmt.format(value), ha="center", va="center",
                color="white" if dark_cell else "black", fontsize=10)
    ax.set_title(title)
    return ax.figure, ax


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


def plot_bars(labels, values, ylabel, title="", log=False, fmt="{:,.0f}", colors=None):
    """Bar chart with each bar's value written on top (character codes, memory sizes).

    Parameters
    ----------
    labels : list of str, length n
    values : array_like, shape (n,)
    log : bool
        Logarithmic y axis, for values spanning several orders of magnitude.
    fmt : str or callable
        Format string or function turning a value into its label.

    Example: ``plot_bars(["c", "a", "t"], [99, 97, 116], "code")`` → three labelled bars.
    """
    fig, ax = new_figure(width=max(4.0, 0.9 * len(labels) + 2), height=3.6)
    colors = colors or [PALETTE[i % len(PALETTE)] for i in range(len(labels))]
    bars = ax.bar(range(len(labels)), values, color=colors)
    ax.set_xticks(range(len(labels)), labels)
    label = fmt if callable(fmt) else fmt.format
    ax.bar_label(bars, [label(v) for v in values], padding=2)
    if log:
        ax.set_yscale("log")
    ax.margins(y=0.25 if log else 0.12)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    return fig, ax


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


def plot_histograms(series, xlabel, title="", vlines=None, bins=60):
    """Overlaid, normalised histograms of one or more samples (e.g. cosines of word pairs).

    Parameters
    ----------
    series : dict of str → array_like, each shape (n_i,)
        Samples drawn on the same bin edges so their shapes compare directly.
    vlines : dict of str → float, optional
        Named reference values drawn as dashed vertical lines.

    Example: ``{"random pairs": cosines}`` with ``{"θ = 90°": 0.0}``.
    """
    fig, ax = new_figure(width=7.0, height=4.0)
    samples = {name: np.asarray(values, dtype=float).ravel() for name, values in series.items()}
    everything = np.concatenate(list(samples.values()))
    edges = np.linspace(everything.min(), everything.max(), bins + 1)   # shared bins
    for i, (name, values) in enumerate(samples.items()):
        # one sample: filled bars; several: outlines, so overlapping shapes stay visible
        style = dict(alpha=0.75) if len(samples) == 1 else dict(histtype="step", linewidth=2)
        ax.hist(values, bins=edges, density=True, color=PALETTE[i % len(PALETTE)],
                label=name, **style)
    for j, (name, x) in enumerate((vlines or {}).items()):
        ax.axvline(x, ls="--", color=PALETTE[(len(series) + j) % len(PALETTE)], label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel("density")
    ax.set_title(title)
    ax.legend(fontsize=9)
    return fig, ax
