"""Explorers for Part II's objectives: the softmax at a given scale, the noise exponent, GloVe's weighting.

As in :mod:`lib.widgets.similarity`, each explorer is a pure function that computes what
is shown (tested without a display), a view that turns it into what is shown, and a
:class:`lib.widgets.explorer.Explorer` that wires controls to the view: live in Jupyter,
over a small grid of values on the website.
"""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from lib.figures.objectives import plot_curves, plot_noise_distributions, plot_probabilities
from lib.models.glove import weighting
from lib.skipgram.objective import softmax_probabilities
from lib.widgets.explorer import Control, Explorer, View

# --------------------------------------------------------------------------
# Pure computations
# --------------------------------------------------------------------------


def softmax_summary(V: int, scale: float, d: int = 50, seed: int = 0) -> dict:
    """p(w | c) for random vectors of a given size, and the loss of one true context word.

    Draws v_c and the V output vectors u_w with entries ~ N(0, scale² / √d), so the
    scores u_wᵀv_c have standard deviation scale² (all 0 at scale 0). Word 0 is the true context o.

    Returns
    -------
    dict
        ``probs`` (V,), ``loss`` (−log p(o | c)), ``ln_V``, ``max_prob``, ``entropy`` (nats).

    Example: ``softmax_summary(1000, 0.0)["loss"]`` → ln 1000 = 6.9078 (every p = 1/V).
    """
    rng = np.random.default_rng(seed)
    sigma = scale / d ** 0.25
    v_c, U = rng.normal(size=d) * sigma, rng.normal(size=(V, d)) * sigma
    p = softmax_probabilities(v_c, U)
    nz = p[p > 0]
    return {"probs": p, "loss": float(-np.log(p[0])), "ln_V": float(np.log(V)),
            "max_prob": float(p.max()), "entropy": float(-(nz * np.log(nz)).sum())}


def noise_summary(counts, words, power: float, top: int = 10) -> dict:
    """What the exponent of P_n ∝ count^power does to the draws of negatives.

    Returns
    -------
    dict
        ``top_share`` (share of draws that are the ``top`` most frequent words),
        ``top_word`` and ``top_word_prob`` (the most frequent word),
        ``rare_boost`` (P_n / unigram frequency for the rarest word).

    Example: ``noise_summary([3, 1], ["a", "b"], 0.0, top=1)["top_share"]`` → 0.5.
    """
    counts = np.asarray(counts, dtype=np.float64)
    p = counts ** power / (counts ** power).sum()
    unigram = counts / counts.sum()
    return {"top_share": float(p[:top].sum()), "top_word": words[0], "top_word_prob": float(p[0]),
            "rare_boost": float(p[-1] / unigram[-1]), "rare_word": words[-1]}


# --------------------------------------------------------------------------
# Explorers
# --------------------------------------------------------------------------

def softmax_view(V: int, scale: float) -> View:
    """What the softmax explorer shows for V words and vectors of a given size: the loss and the 20 largest p(w | c).

    Parameters
    ----------
    V : int, the vocabulary size.
    scale : float ≥ 0, the size of the vectors (scores u_wᵀv_c have standard deviation scale², see :func:`softmax_summary`).

    Example: ``softmax_view(1000, 0.0).html`` → "…loss −log p(o|c) = 6.908 … ln V = 6.908…".
    """
    s = softmax_summary(V, scale)
    readout = (f"<p>loss −log p(o|c) = {s['loss']:.3f} &nbsp; ln V = {s['ln_V']:.3f} &nbsp; "
               f"largest p = {s['max_prob']:.3g} &nbsp; entropy = {s['entropy']:.3f} nats</p>")
    fig, _ = plot_probabilities(s["probs"], highlight=0, title="p(w | c), the 20 largest (orange: o)")
    alt = (f"Bar chart of the 20 largest probabilities p(w | c) among V = {V} words with vector size {scale:g}: "
           f"the largest is {s['max_prob']:.3g} (uniform would be {1 / V:.3g}); loss {s['loss']:.2f} against "
           f"ln V = {s['ln_V']:.2f}.")
    return View(html=readout, figure=fig, alt=alt)


SOFTMAX_V_GRID = [100, 1000, 10_000]
"""The website's vocabulary sizes: ln V = 4.6, 6.9 and 9.2."""

SOFTMAX_SCALE_GRID = [0.0, 0.5, 1.0, 2.0, 4.0]
"""The website's vector sizes: from word2vec's start (all scores 0, p = 1/V) to a sharply peaked softmax."""


def softmax_explorer(V: int = 1000, scale: float = 0.0) -> Explorer:
    """Sliders for V and the size of the vectors → p(w | c) and the loss −log p(o | c) against ln V.

    At scale 0 (word2vec's W_out = 0) every word gets 1/V and the loss is exactly ln V.
    In Jupyter the sliders take any value; the website offers :data:`SOFTMAX_V_GRID` × :data:`SOFTMAX_SCALE_GRID`.
    Example: ``softmax_explorer()`` → a flat bar chart at 1/1000 and "loss = 6.908 = ln V".
    """
    return Explorer(softmax_view, {
        "V": Control(W.IntSlider, "V", V, grid=SOFTMAX_V_GRID, min=10, max=20_000, step=10),
        "scale": Control(W.FloatSlider, "vector size", scale, grid=SOFTMAX_SCALE_GRID, min=0.0, max=4.0, step=0.1)})


def noise_view(counts, words, power: float, top: int = 10) -> View:
    """What the noise explorer shows for an exponent: the share of negatives taken by the top words, and P_n against rank.

    Parameters
    ----------
    counts : array of shape (V,), word counts, most frequent first; ``words``: the V words.
    power : float, the exponent in P_n ∝ count^power.
    top : int, how many of the most frequent words the readout sums over.

    Example: ``noise_view([100, 10, 1], ["a", "b", "c"], 0.0, top=1).html`` → "<p>33.3% of negatives…".
    """
    s = noise_summary(counts, words, power, top)
    readout = (f"<p>{s['top_share']:.1%} of negatives are the {top} most frequent words; "
               f"P_n({html.escape(str(s['top_word']))}) = {s['top_word_prob']:.3g}; the rarest word "
               f"({html.escape(str(s['rare_word']))}) is drawn {s['rare_boost']:.2f}× as often as its frequency.</p>")
    fig, _ = plot_noise_distributions(counts, sorted({0.0, power, 1.0}))
    alt = (f"Log-log lines of the noise distribution P_n against word rank for exponents 0, {power:g} and 1: "
           f"with exponent {power:g} the {top} most frequent words take {s['top_share']:.0%} of the draws.")
    return View(html=readout, figure=fig, alt=alt)


NOISE_POWER_GRID = [0.0, 0.25, 0.5, 0.75, 1.0]
"""The website's exponents: from uniform noise (0) through word2vec's 3/4 to the unigram distribution (1)."""


def noise_explorer(counts, words, power: float = 0.75, top: int = 10) -> Explorer:
    """A slider for the noise exponent → P_n against rank and the share taken by the top words.

    In Jupyter the exponent takes any value in [0, 1] in steps of 0.05; the website offers :data:`NOISE_POWER_GRID`.
    Example: ``noise_explorer(vocab.counts, vocab.words)`` → the 0.75 curve beside 0 and 1.
    """
    return Explorer(lambda power: noise_view(counts, words, power, top), {
        "power": Control(W.FloatSlider, "exponent", power, grid=NOISE_POWER_GRID, min=0.0, max=1.0, step=0.05)})


def weighting_view(x_max: float, alpha: float) -> View:
    """GloVe's f(x) = min(1, (x / x_max)^α) beside α = 1, and f at two counts.

    Example: ``weighting_view(100, 0.75).html`` → ``"<p>f(1) = 0.0316, f(x_max / 2) = 0.595</p>"``.
    """
    x = np.linspace(0, 3 * x_max, 400)
    fig, ax = plot_curves(x, {f"f(x), α = {alpha:g}": weighting(x, x_max, alpha),
                              "f(x), α = 1": weighting(x, x_max, 1.0)},
                          "co-occurrence count x", "weight f(x)")
    half = float(weighting(x_max / 2, x_max, alpha))
    return View(html=(f"<p>f(1) = {float(weighting(1.0, x_max, alpha)):.4f}, "
                      f"f(x_max / 2) = {half:.3f}</p>"), figure=fig,
                alt=(f"GloVe's weighting f(x) for x_max = {x_max:g} and α = {alpha:g} against the straight "
                     f"α = 1 ramp, both reaching 1 at x = {x_max:g}; f(x_max / 2) = {half:.2f}"))


WEIGHTING_GRID = {"x_max": [10.0, 100.0, 1000.0], "alpha": [0.25, 0.5, 0.75, 1.5]}
"""The website's values: x_max across three decades, α from a steep start (0.25) to convex (1.5)."""


def weighting_explorer(x_max: float = 100.0, alpha: float = 0.75) -> Explorer:
    """Sliders for x_max and α → GloVe's f(x) = min(1, (x / x_max)^α), with α = 1 for comparison.

    Example: ``weighting_explorer()`` → the slide's curve, reaching 1 at x = 100.
    """
    return Explorer(weighting_view, {
        "x_max": Control(W.FloatLogSlider, "x_max", x_max, grid=WEIGHTING_GRID["x_max"],
                         base=10, min=0, max=3, step=0.05),
        "alpha": Control(W.FloatSlider, "α", alpha, grid=WEIGHTING_GRID["alpha"], min=0.05, max=1.5, step=0.05)})


def ratio_view(X, vocab, word_i: str, word_j: str, probes: str) -> View:
    """The table of P(k|i) / P(k|j) for typed words, or the reason it cannot be computed.

    ``probes`` is a comma-separated string of probe words k. Example: ``ratio_view(X, vocab,
    "acid", "alkali", "sulfuric, metals").html`` → an HTML table with one row per probe.
    """
    from html import escape

    from lib.text.cooccurrence import ratio_table
    ks = [w.strip().lower() for w in probes.split(",") if w.strip()]
    try:
        table = ratio_table(X, vocab, word_i.strip().lower(), word_j.strip().lower(), ks)
    except (KeyError, ValueError) as error:
        return View(html=f"<p>{escape(str(error))}</p>")
    return View(html=table.to_html(float_format=lambda v: f"{v:.4g}"))


def ratio_explorer(X, vocab, word_i: str, word_j: str, probes, pairs=None, probe_sets=None) -> Explorer:
    """Text boxes for the two compared words and the probes → the table of P(k|i) / P(k|j).

    Parameters
    ----------
    X : sparse (V, V) co-occurrence counts; vocab : its Vocabulary.
    word_i, word_j : str — the compared words i and j; probes : list of str — the probe words k.
    pairs : list of str, optional — the words j the website offers (word i stays ``word_i``).
    probe_sets : list of (label, list of str), optional — the probe lists the website offers.

    Example: ``ratio_explorer(X, vocab, "acid", "alkali", ["sulfuric", "metals"])``.
    """
    first = ", ".join(probes)
    sets = [(label, ", ".join(words)) for label, words in (probe_sets or [])]
    return Explorer(lambda word_i, word_j, probes: ratio_view(X, vocab, word_i, word_j, probes), {
        "word_i": Control(W.Text, "word i", word_i, grid=[word_i], continuous_update=False),
        "word_j": Control(W.Text, "word j", word_j, grid=list(dict.fromkeys([word_j, *(pairs or [])])),
                          continuous_update=False),
        "probes": Control(W.Text, "probes k", first, grid=[(first, first), *sets], continuous_update=False,
                          layout=W.Layout(width="60%"))})
