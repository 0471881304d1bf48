"""Explorers of chapters 1–3: what a one-hot vector costs, the angle between two vectors, the cosine of two words.

Each explorer is a pure function that does the arithmetic (tested without a display), a view
that turns it into what is shown, and a :class:`lib.widgets.explorer.Explorer` that wires
controls to the view: live in Jupyter, over a small grid of values on the website.
"""
from __future__ import annotations

import html

import ipywidgets as W

from lib.figures.similarity import plot_vectors_2d
from lib.measure.units import human_bytes
from lib.vectors.representations import sparsity_summary
from lib.vectors.similarity import angle_degrees, cosine_similarity, vectors_at_angle
from lib.widgets.explorer import Control, Explorer, View

# --------------------------------------------------------------------------
# Pure computations
# --------------------------------------------------------------------------


def word_pair_report(kv, word_a: str, word_b: str) -> dict:
    """Cosine and angle between two words of a gensim ``KeyedVectors``, or why there is none.

    Returns a dict with ``cosine`` and ``angle`` (floats, or None) and ``message``
    (a sentence for the reader; names any word missing from the vocabulary).
    Example: ``word_pair_report(kv, "cat", "dog")`` → ``{"cosine": 0.6…, "angle": 5…, …}``.
    """
    missing = [w for w in (word_a, word_b) if w not in kv]
    if missing:
        return {"cosine": None, "angle": None,
                "message": f"not in the vocabulary of {len(kv):,} words: {', '.join(missing)}"}
    a, b = kv[word_a], kv[word_b]
    cos, angle = cosine_similarity(a, b), angle_degrees(a, b)
    return {"cosine": cos, "angle": angle,
            "message": f"cos({word_a}, {word_b}) = {cos:.3f}, θ = {angle:.1f}°"}


# --------------------------------------------------------------------------
# Views (what an explorer shows for one setting)
# --------------------------------------------------------------------------

def sparsity_view(V: int, d: int) -> View:
    """The sparsity explorer's table for V words and d dimensions.

    Example: ``sparsity_view(50_000, 300).html`` → a table with "99.9980 %" zeros and "166.7 ×".
    """
    s = sparsity_summary(int(round(V)), d)
    return View(html=(
        "<table>"
        f"<tr><td>vocabulary size V</td><td>{s['V']:,}</td></tr>"
        f"<tr><td>zeros in a one-hot vector</td><td>{s['sparsity_percent']:.4f} %</td></tr>"
        f"<tr><td>one word, one-hot (float32)</td><td>{human_bytes(s['one_hot_bytes'])}</td></tr>"
        f"<tr><td>one word, dense (d = {s['d']})</td><td>{human_bytes(s['dense_bytes'])}</td></tr>"
        f"<tr><td>all V words, one-hot (V × V)</td><td>{human_bytes(s['one_hot_table_bytes'])}</td></tr>"
        f"<tr><td>all V words, dense (V × d)</td><td>{human_bytes(s['dense_table_bytes'])}</td></tr>"
        f"<tr><td>dense vector is shorter by</td><td>{s['ratio']:,.1f} ×</td></tr>"
        "</table>"))


def angle_view(theta: float, k: float) -> View:
    """Vectors a and k·b at angle θ: the arrows and their cosine (k = 0 is drawn as 0.1: no direction).

    Example: ``angle_view(60, -1).html`` → ``"<p>cos(a, -1·b) = -0.500</p>"``.
    """
    k = k if k != 0 else 0.1  # a zero vector has no direction
    a, b = vectors_at_angle(theta, 1.0, k)
    cos = cosine_similarity(a, b)
    fig, _ = plot_vectors_2d({"a": a, f"{k:g}·b": b}, title=f"cos = {cos:.3f}")
    alt = (f"Two arrows from the origin: a of length 1 and {k:g}·b, "
           f"{'pointing away from' if k < 0 else 'at'} θ = {theta:g}° from a; their cosine is {cos:.3f}.")
    return View(html=f"<p>cos(a, {k:g}·b) = {cos:.3f}</p>", figure=fig, alt=alt)


def word_pair_view(kv, word_a: str, word_b: str) -> View:
    """The word pair explorer's sentence: cosine and angle of two words of ``kv``, or which is missing.

    Example: ``word_pair_view(kv, "cat", "dog").html`` → ``"<p>cos(cat, dog) = 0.707, θ = 45.0°</p>"``.
    """
    report = word_pair_report(kv, word_a.strip().lower(), word_b.strip().lower())
    return View(html=f"<p>{html.escape(report['message'])}</p>")


# --------------------------------------------------------------------------
# Explorers
# --------------------------------------------------------------------------

VOCABULARY_SIZES = [10, 100, 1_000, 10_000, 50_000, 100_000, 170_000, 500_000, 1_000_000, 3_000_000]
"""Round vocabulary sizes, the slides' among them (a log slider would snap 50,000 to 50,119)."""

SPARSITY_DIMENSIONS = [10, 50, 100, 300, 1000]
"""The website's embedding sizes d for the sparsity explorer."""

ANGLE_GRID = [0, 30, 90, 135, 180]
"""The website's angles θ (degrees): same, orthogonal, opposite and between."""

LENGTH_GRID = [-1.0, 1.0, 2.0]
"""The website's lengths k of b: doubling leaves the cosine alone, a negative length flips it."""

WORD_PAIRS = [("king", "queen"), ("man", "woman"), ("paris", "france"), ("good", "bad"),
              ("day", "night"), ("walking", "walked"), ("king", "computer"), ("cat", "dog")]
"""Candidate pairs the website offers (those in the vocabulary): related, antonyms, unrelated."""


def sparsity_explorer(d: int = 300, V: int = 50_000) -> Explorer:
    """Slider over round vocabulary sizes V (10 to 3,000,000) and embedding size d → sparsity and memory table.

    Example: ``display(sparsity_explorer())`` → sliders and a table starting at V = 50,000.
    """
    return Explorer(sparsity_view, {
        "V": Control(W.SelectionSlider, "V", V, grid=[(f"{v:,}", v) for v in VOCABULARY_SIZES],
                     options=[(f"{v:,}", v) for v in VOCABULARY_SIZES]),
        "d": Control(W.IntSlider, "d", d, grid=SPARSITY_DIMENSIONS, min=10, max=1000, step=10)})


def angle_explorer(theta: float = 30, k: float = 1.0) -> Explorer:
    """Sliders for the angle θ and the length k of b → the two arrows and their cosine.

    Changing the length never changes the cosine (scale invariance); a negative
    length flips b and the sign of the cosine. Example: θ = 60° → cos θ = 0.500.
    """
    return Explorer(angle_view, {
        "theta": Control(W.FloatSlider, "θ (degrees)", theta, grid=ANGLE_GRID, min=0, max=180, step=1),
        "k": Control(W.FloatSlider, "length k of b", k, grid=LENGTH_GRID, min=-2.0, max=2.0, step=0.1)})


def word_pair_explorer(kv, word_a: str = "cat", word_b: str = "dog", pairs=WORD_PAIRS) -> Explorer:
    """Two text boxes for words of ``kv`` → their cosine and angle (or which word is unknown).

    In Jupyter any two words can be typed; the website offers one select of ``pairs``
    (those with both words in ``kv``, the starting pair first).
    Example: ``word_pair_explorer(kv, "king", "queen")`` → boxes filled in and the cosine below.
    """
    offered = [(word_a, word_b)] + [p for p in pairs if p != (word_a, word_b) and all(w in kv for w in p)]
    text = {"continuous_update": False}
    return Explorer(lambda word_a, word_b: word_pair_view(kv, word_a, word_b), {
        "word_a": Control(W.Text, "word A", word_a, grid=[word_a], **text),
        "word_b": Control(W.Text, "word B", word_b, grid=[word_b], **text)},
        website=(lambda pair: word_pair_view(kv, *pair), {
            "pair": Control(W.Dropdown, "word pair", (word_a, word_b),
                            grid=[(f"{a} – {b}", (a, b)) for a, b in offered])}))
