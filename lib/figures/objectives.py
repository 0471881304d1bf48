"""Figures for Part II's objectives: the softmax, negative sampling and GloVe chapters.

Same course style as :mod:`lib.figures.style` (Okabe–Ito colours, white background,
labelled axes); each function draws one kind of figure and returns ``(fig, ax)``.

Simplified on purpose: the functions take numbers the chapter has already
computed (timings, losses, scores) and only draw them.
"""
from __future__ import annotations

import numpy as np

from lib.figures.style import OKABE_ITO, PALETTE, new_figure

MARKERS = "osD^v<>p"


def plot_loss_at_init(vocab_sizes, softmax_losses, ns_losses=None):
    """Measured loss at initialisation against V, beside ln V and (k + 1) ln 2.

    Parameters
    ----------
    vocab_sizes : array_like, shape (n,)
    softmax_losses : array_like, shape (n,) — mean −log p(o|c) measured at W_out = 0.
    ns_losses : dict of int → array_like, shape (n,), optional — negative-sampling loss per k.

    Example: V = [10, 100], losses [2.30, 4.61] → two dots on the ln V curve.
    """
    fig, ax = new_figure(width=8.4 if ns_losses else 7.0, height=4.2)
    V = np.asarray(vocab_sizes, dtype=float)
    grid = np.geomspace(V.min() / 2, V.max() * 2, 200)
    ax.plot(grid, np.log(grid), color=PALETTE[0], lw=1.5, label="ln V")
    ax.plot(V, softmax_losses, "o", color=PALETTE[0], label="full softmax, measured")
    for n, (k, losses) in enumerate((ns_losses or {}).items()):
        color = PALETTE[1 + n % (len(PALETTE) - 1)]
        ax.axhline((k + 1) * np.log(2), color=color, ls="--", lw=1.2)
        ax.plot(V, losses, MARKERS[(n + 1) % 8], color=color,
                label=f"negative sampling, k = {k}, measured\n(dashed: (k + 1) ln 2 = {(k + 1) * np.log(2):.3f})")
    ax.set_xscale("log")
    ax.set_xlabel("vocabulary size V (log scale)")
    ax.set_ylabel("loss per pair at initialisation (nats)")
    if ns_losses:
        ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.02, 0.5))
    else:
        ax.legend(fontsize=9)
    return fig, ax


def plot_cost_vs_vocabulary(table, fits=None, unit: float = 1e-6, unit_name: str = "µs"):
    """Time per training pair against V on log–log axes, with fitted power laws.

    Parameters
    ----------
    table : pandas.DataFrame with columns ``V``, ``objective``, ``seconds_per_pair``
        (from :func:`lib.measure.cost_model.cost_table`).
    fits : dict of str → (p, a), optional — fitted t ≈ a · V^p per objective, drawn as lines.

    Example: softmax times growing tenfold per decade of V → a line of slope 1.
    """
    fig, ax = new_figure(width=7.0, height=4.2)
    for n, (objective, group) in enumerate(table.groupby("objective", sort=False)):
        color = PALETTE[n % len(PALETTE)]
        ax.plot(group["V"], group["seconds_per_pair"] / unit, MARKERS[n % 8], color=color,
                label=f"{objective.replace('_', ' ')} (measured)")
        if fits and objective in fits:
            p, a = fits[objective]
            grid = np.geomspace(group["V"].min(), group["V"].max(), 50)
            ax.plot(grid, a * grid ** p / unit, color=color, lw=1.2, label=f"fit: ∝ V^{p:.2f}")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("vocabulary size V (log scale)")
    ax.set_ylabel(f"time per training pair ({unit_name}, log scale)")
    ax.legend(fontsize=9)
    return fig, ax


def plot_gradient_checks(results: dict):
    """Analytic against numerical gradient entries, one marker style per formula.

    Parameters
    ----------
    results : dict of str → :class:`lib.measure.gradcheck.GradCheckResult`

    A correct formula puts every point on the diagonal. Example: ``{"lib": result}``.
    """
    fig, ax = new_figure(width=5.6, height=5.0)
    everything = []
    for n, (name, r) in enumerate(results.items()):
        num, ana = np.ravel(r.numeric), np.ravel(r.analytic)
        everything += [num, ana]
        verdict = "passes" if r.passed else f"fails (max rel. error {r.max_error:.1e})"
        ax.plot(num, ana, MARKERS[n % 8], color=PALETTE[n % len(PALETTE)], alpha=0.8, ms=6,
                mfc="none" if n else None, label=f"{name}: {verdict}")
    lim = np.abs(np.concatenate(everything)).max() * 1.1
    ax.plot([-lim, lim], [-lim, lim], color=OKABE_ITO["black"], lw=0.8, ls=":", label="analytic = numerical")
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    ax.set_aspect("equal")
    ax.set_xlabel("numerical gradient (central differences)")
    ax.set_ylabel("analytic gradient (formula)")
    ax.legend(fontsize=8, loc="upper left")
    return fig, ax


def plot_probabilities(probs, labels=None, highlight=None, top: int = 20, title: str = "", xlabel: str = "word w"):
    """The ``top`` largest probabilities of a distribution as bars, one bar optionally highlighted.

    Parameters
    ----------
    probs : array_like, shape (V,)
    labels : list of str, length V, optional — a name for each outcome.
    highlight : int, optional — index drawn in a second colour (the true context word).

    Example: ``plot_probabilities([0.7, 0.2, 0.1], ["a", "b", "c"], highlight=1)``.
    """
    p = np.asarray(probs, dtype=float)
    order = np.argsort(-p, kind="stable")[:top]
    if highlight is not None and highlight not in order:
        order = np.r_[order[:-1], highlight]
    fig, ax = new_figure(width=7.0, height=3.6)
    colors = [PALETTE[1] if i == highlight else PALETTE[0] for i in order]
    ax.bar(range(len(order)), p[order], color=colors)
    names = [labels[i] for i in order] if labels is not None else [str(i) for i in order]
    ax.set_xticks(range(len(order)), names, rotation=60, ha="right", fontsize=8)
    ax.axhline(1 / len(p), color="grey", ls=":", lw=1, label=f"uniform 1/V = {1 / len(p):.2g}")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("probability")
    ax.set_title(title)
    ax.legend(fontsize=9)
    return fig, ax


def plot_noise_distributions(counts, powers=(0.0, 0.75, 1.0), mark_words=None):
    """P_n(w) ∝ count(w)^power against frequency rank, for several powers (log–log).

    Parameters
    ----------
    counts : array_like, shape (V,), sorted by decreasing count.
    mark_words : dict of str → int, optional — words (by rank index) to annotate.

    Example: power 0 is a flat line at 1/V; power 1 the Zipf curve of the counts.
    """
    counts = np.asarray(counts, dtype=float)
    rank = np.arange(1, len(counts) + 1)
    fig, ax = new_figure(width=7.0, height=4.2)
    for n, power in enumerate(powers):
        p = counts ** power / (counts ** power).sum()
        ax.plot(rank, p, color=PALETTE[n % len(PALETTE)], lw=1.8, label=f"exponent {power:g}")
        for word, i in (mark_words or {}).items():
            ax.plot(i + 1, p[i], "o", color=PALETTE[n % len(PALETTE)], ms=4)
    for word, i in (mark_words or {}).items():
        ax.annotate(word, (i + 1, counts[i] / counts.sum()), xytext=(4, 6), textcoords="offset points",
                    fontsize=9)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("frequency rank of the word (log scale)")
    ax.set_ylabel("probability of being drawn as a negative")
    ax.legend(fontsize=9)
    return fig, ax


def plot_running_mean(samples, exact: float, label: str = "average of sampled objective"):
    """Running mean of Monte Carlo samples converging to an exact expectation (horizontal line).

    Example: samples of a fair die → a curve settling at 3.5.
    """
    s = np.asarray(samples, dtype=float)
    n = np.arange(1, len(s) + 1)
    fig, ax = new_figure(width=7.0, height=3.8)
    ax.plot(n, np.cumsum(s) / n, color=PALETTE[0], label=label)
    ax.axhline(exact, color=PALETTE[1], ls="--", label=f"exact expectation {exact:.4f}")
    ax.set_xscale("log")
    ax.set_xlabel("number of draws (log scale)")
    ax.set_ylabel("objective")
    ax.legend(fontsize=9)
    return fig, ax


def plot_score_bars(results: dict, metrics: dict, title: str = ""):
    """Grouped bars: one group per metric, one bar per model, each bar labelled with its value.

    Parameters
    ----------
    results : dict of str → dict of str → float — model name → {metric key: score}.
    metrics : dict of str → str — metric key → axis label (the groups, in order).

    Example: ``{"GloVe": {"wordsim353": 0.3}, "skip-gram": {"wordsim353": 0.4}}``.
    """
    fig, ax = new_figure(width=min(12.0, max(6.0, 1.6 * len(metrics) * max(1, len(results)) / 2 + 2)), height=4.0)
    width = 0.8 / len(results)
    for n, (model, scores) in enumerate(results.items()):
        x = np.arange(len(metrics)) + (n - (len(results) - 1) / 2) * width
        values = [scores[m] for m in metrics]
        bars = ax.bar(x, values, width, color=PALETTE[n % len(PALETTE)], label=model)
        ax.bar_label(bars, [f"{v:.2f}" for v in values], padding=2, fontsize=8)
    ax.set_xticks(range(len(metrics)), list(metrics.values()))
    ax.axhline(0, color="grey", lw=0.8)
    ax.set_xlabel("benchmark")
    ax.set_ylabel("score")
    ax.set_title(title)
    ax.margins(y=0.15)
    ax.legend(fontsize=9)
    return fig, ax


def plot_curves(x, series: dict, xlabel: str, ylabel: str, title: str = "", logy: bool = False,
                hlines: dict | None = None, logx: bool = False):
    """Several named curves over a shared x axis (losses per epoch, f(x) for several α).

    Parameters
    ----------
    x : array_like, shape (n,)
    series : dict of str → array_like, shape (n,)
    hlines : dict of str → float, optional — named horizontal reference lines.
    logx, logy : bool — logarithmic axes.

    Example: ``plot_curves([1, 2], {"loss": [3, 2]}, "epoch", "J")``.
    """
    fig, ax = new_figure(width=7.0, height=4.0)
    for n, (name, y) in enumerate(series.items()):
        ax.plot(x, y, color=PALETTE[n % len(PALETTE)], lw=1.8, label=name,
                marker=MARKERS[n % 8] if len(np.atleast_1d(x)) <= 30 else None, ms=4)
    for n, (name, y) in enumerate((hlines or {}).items()):
        ax.axhline(y, color="grey", ls=":" if n % 2 else "--", lw=1, label=name)
    if logy:
        ax.set_yscale("log")
    if logx:
        ax.set_xscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=9)
    return fig, ax
