"""Figures for the attention, positional-encoding and BERT chapter.

Same conventions as :mod:`lib.figures.style`: course style and palette, one kind of
figure per function, ``(fig, ax)`` or ``(fig, axes)`` returned.
"""
from __future__ import annotations

import numpy as np

from lib.figures.basic import plot_matrix
from lib.figures.style import PALETTE, SIMILARITY_CMAP, new_figure
from lib.vectors.projections import pca_2d


def plot_attention_weights(A, query_labels, key_labels, title="attention weights A"):
    """Heatmap of an attention matrix (rows = queries, columns = keys, each row sums to 1).

    Parameters
    ----------
    A : array_like, shape (n, m)

    Example: 4 tokens attending to each other → a 4×4 grid with the weights written in.
    """
    fig, ax = plot_matrix(A, query_labels, key_labels, title=title, fmt="{:.2f}", cmap="Blues", vmin=0, vmax=1)
    ax.set_xlabel("key (attended to)")
    ax.set_ylabel("query (attending)")
    return fig, ax


def plot_scaling_effect(rows):
    """Two panels from :func:`lib.models.attention.dot_product_spread`: variance of q·k, and the softmax's largest weight.

    Left: variance of raw and scaled dot products against d_k (log–log), with the line var = d_k.
    Right: mean largest attention weight with and without the √d_k scaling.

    Example: d_k = 4 … 1024 → the raw variance follows the diagonal, the scaled one stays at 1.
    """
    d = np.array([r["d_k"] for r in rows])
    fig, (left, right) = new_figure(2, width=10.0, height=3.8)
    left.loglog(d, [r["var_raw"] for r in rows], "o-", color=PALETTE[1], label="q · k (measured)")
    left.loglog(d, [r["var_scaled"] for r in rows], "s-", color=PALETTE[0], label="q · k / √d_k (measured)")
    left.loglog(d, d, ":", color="grey", label="var = d_k")
    left.set_xlabel("d_k")
    left.set_ylabel("variance")
    left.legend(fontsize=9)
    right.semilogx(d, [r["max_weight_raw"] for r in rows], "o-", color=PALETTE[1], label="without scaling")
    right.semilogx(d, [r["max_weight_scaled"] for r in rows], "s-", color=PALETTE[0], label="with √d_k scaling")
    right.set_ylim(0, 1.05)
    right.set_xlabel("d_k")
    right.set_ylabel("mean largest weight (16 keys)")
    right.legend(fontsize=9)
    return fig, (left, right)


def plot_positional_encoding(PE, max_dims: int | None = None):
    """The encoding as an image: positions down, dimensions across, values in [−1, 1].

    Parameters
    ----------
    PE : array_like, shape (n_positions, d_model)

    Example: 100 positions × 64 dimensions → fast stripes on the left, slow ones on the right.
    """
    PE = np.asarray(PE)[:, :max_dims]
    fig, ax = new_figure(width=7.0, height=4.2)
    image = ax.imshow(PE, aspect="auto", cmap=SIMILARITY_CMAP, vmin=-1, vmax=1, interpolation="nearest")
    ax.grid(False)
    ax.set_xlabel("dimension (2i = sine, 2i + 1 = cosine)")
    ax.set_ylabel("position pos")
    fig.colorbar(image, ax=ax, label="PE(pos, ·)")
    return fig, ax


def plot_masking_shares(measured: dict, stated: dict):
    """Bars of the measured masking shares beside the slide's/paper's values.

    Parameters
    ----------
    measured, stated : dict with keys ``chosen``, ``mask``, ``random``, ``kept`` (fractions)

    Example: measured ≈ {0.15, 0.80, 0.10, 0.10} next to the stated values.
    """
    keys = ["chosen", "mask", "random", "kept"]
    names = ["chosen\n(of all tokens)", "[MASK]\n(of chosen)", "random\n(of chosen)", "unchanged\n(of chosen)"]
    x = np.arange(len(keys))
    fig, ax = new_figure(width=7.0, height=3.6)
    bars = ax.bar(x - 0.2, [measured[k] for k in keys], 0.4, color=PALETTE[0], label="measured")
    ax.bar(x + 0.2, [stated[k] for k in keys], 0.4, color=PALETTE[1], label="BERT paper")
    ax.bar_label(bars, [f"{measured[k]:.3f}" for k in keys], padding=2)
    ax.set_xticks(x, names)
    ax.set_ylim(0, 1)
    ax.set_ylabel("share")
    ax.legend()
    return fig, ax


def plot_loss_curve(history, x_key="step", y_key="loss", reference=None, xlabel="training step",
                    ylabel="loss", ax=None):
    """Loss against training time, with optional named horizontal reference lines.

    Parameters
    ----------
    history : list of dict with ``x_key`` and ``y_key``
    reference : dict of str → float, optional — e.g. ``{"uniform guess: log V": 8.5}``.

    Example: the tiny BERT's MLM loss falling from about log V.
    """
    if ax is None:
        _, ax = new_figure(width=6.4, height=3.6)
    ax.plot([h[x_key] for h in history], [h[y_key] for h in history], "o-", ms=3, color=PALETTE[0], label=y_key)
    for i, (name, y) in enumerate((reference or {}).items()):
        ax.axhline(y, ls="--", color=PALETTE[1 + i], label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.legend(fontsize=9)
    return ax.figure, ax


def plot_sense_vectors(X, labels, names, title=""):
    """Cosine matrix (left) and 2-D principal-component map (right) of contextual vectors of one word.

    Parameters
    ----------
    X : array_like, shape (n, d) — one vector per occurrence.
    labels : list of str, length n — the sense of each occurrence (colours the map).
    names : list of str, length n — short labels for the rows and points.

    Example: six "river" and six "money" sentences → two blocks on the diagonal and two clusters.
    """
    from lib.vectors.similarity import cosine_matrix

    X = np.asarray(X, dtype=float)
    fig, (left, right) = new_figure(2, width=12.0, height=5.2)
    C = cosine_matrix(X)
    image = left.imshow(C, cmap=SIMILARITY_CMAP, vmin=-1, vmax=1)
    left.grid(False)
    left.set_xticks(range(len(names)), range(1, len(names) + 1))
    left.set_yticks(range(len(names)), names, fontsize=8)
    left.set_title("cosine between the vectors of 'bank'")
    fig.colorbar(image, ax=left, shrink=0.8)
    P = pca_2d(X)
    for i, sense in enumerate(dict.fromkeys(labels)):
        idx = [k for k, s in enumerate(labels) if s == sense]
        right.scatter(P[idx, 0], P[idx, 1], s=50, color=PALETTE[i], marker="os^D"[i % 4], label=sense)
        for k in idx:
            right.annotate(str(k + 1), P[k], xytext=(4, 3), textcoords="offset points", fontsize=9)
    right.set_xlabel("first principal component")
    right.set_ylabel("second principal component")
    right.set_title("the same vectors in 2-D (numbers = rows)")
    right.legend()
    if title:
        fig.suptitle(title)
    return fig, (left, right)


def plot_placement(placement: dict, labels, sentence: str):
    """The reference occurrences in 2-D by sense, and the new one as a black star."""
    fig, ax = new_figure(width=6.4, height=4.4)
    xy = placement["reference_xy"]
    for i, sense in enumerate(dict.fromkeys(labels)):
        idx = [k for k, s in enumerate(labels) if s == sense]
        ax.scatter(xy[idx, 0], xy[idx, 1], s=45, color=PALETTE[i], marker="os^D"[i % 4], label=sense)
    ax.scatter(*placement["xy"], s=260, marker="*", color="black", label="your sentence")
    ax.set_xlabel("first principal component")
    ax.set_ylabel("second principal component")
    ax.set_title(sentence if len(sentence) < 60 else sentence[:57] + "…", fontsize=10)
    ax.legend(fontsize=9)
    return fig, ax
