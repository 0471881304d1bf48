"""Explorers of chapters 1–3: what a one-hot vector costs, the angle between two vectors, the cosine of two words.

Each explorer is a pure function that does the arithmetic (tested without a
display) and a constructor that wires widgets to it (see :mod:`lib.widgets.display`).
"""
from __future__ import annotations

import ipywidgets as W

from lib.figures.similarity import plot_vectors_2d
from lib.measure.units import human_bytes
from lib.vectors.representations import sparsity_summary
from lib.vectors.similarity import angle_degrees, cosine_similarity, vectors_at_angle
from lib.widgets.display import show_figure

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
# Explorers
# --------------------------------------------------------------------------

def sparsity_explorer(d: int = 300) -> W.VBox:
    """Slider over round vocabulary sizes V (10 to 3,000,000) and embedding size d → sparsity and memory table.

    Example: ``display(sparsity_explorer())`` → sliders and a table starting at V = 50,000.
    """
    sizes = [10, 100, 1_000, 10_000, 50_000, 100_000, 170_000, 500_000, 1_000_000, 3_000_000]
    # A selection of round sizes (the slides' among them): a log slider would snap 50,000 to 50,119.
    V_slider = W.SelectionSlider(options=[(f"{v:,}", v) for v in sizes], value=50_000, description="V")
    d_slider = W.IntSlider(value=d, min=10, max=1000, step=10, description="d")
    table = W.HTML()

    def update(_=None):
        s = sparsity_summary(int(round(V_slider.value)), d_slider.value)
        table.value = (
            "<table>"
            f"<tr><td>vocabulary size V</td><td>{s['V']:,}</td></tr>"
            f"<tr><td>zeros in a one-hot vector</td><td>{s['sparsity_percent']:.4f} %</td></tr>"
            f"<tr><td>one word, one-hot (float32)</td><td>{human_bytes(s['one_hot_bytes'])}</td></tr>"
            f"<tr><td>one word, dense (d = {s['d']})</td><td>{human_bytes(s['dense_bytes'])}</td></tr>"
            f"<tr><td>all V words, one-hot (V × V)</td><td>{human_bytes(s['one_hot_table_bytes'])}</td></tr>"
            f"<tr><td>all V words, dense (V × d)</td><td>{human_bytes(s['dense_table_bytes'])}</td></tr>"
            f"<tr><td>dense vector is shorter by</td><td>{s['ratio']:,.1f} ×</td></tr>"
            "</table>")

    V_slider.observe(update, names="value")
    d_slider.observe(update, names="value")
    update()
    return W.VBox([V_slider, d_slider, table])


def angle_explorer() -> W.VBox:
    """Sliders for the angle θ and the length of b → the two arrows and their cosine.

    Changing the length never changes the cosine (scale invariance); a negative
    length flips b and the sign of the cosine. Example: θ = 60° → cos θ = 0.500.
    """
    theta = W.FloatSlider(value=30, min=0, max=180, step=1, description="θ (degrees)")
    scale = W.FloatSlider(value=1.0, min=-2.0, max=2.0, step=0.1, description="length k of b")
    readout = W.HTML()
    out = W.Output()

    def update(_=None):
        k = scale.value if scale.value != 0 else 0.1  # a zero vector has no direction
        a, b = vectors_at_angle(theta.value, 1.0, k)
        cos = cosine_similarity(a, b)
        readout.value = f"<p>cos(a, {k:g}·b) = {cos:.3f}</p>"
        fig, _ = plot_vectors_2d({"a": a, f"{k:g}·b": b}, title=f"cos = {cos:.3f}")
        show_figure(out, fig)

    theta.observe(update, names="value")
    scale.observe(update, names="value")
    update()
    return W.VBox([theta, scale, readout, out])


def word_pair_explorer(kv, word_a: str = "cat", word_b: str = "dog") -> W.VBox:
    """Two text boxes for words of ``kv`` → their cosine and angle (or which word is unknown).

    Example: ``word_pair_explorer(kv, "king", "queen")`` → boxes filled in and the cosine below.
    """
    box_a = W.Text(value=word_a, description="word A", continuous_update=False)
    box_b = W.Text(value=word_b, description="word B", continuous_update=False)
    result = W.HTML()

    def update(_=None):
        report = word_pair_report(kv, box_a.value.strip().lower(), box_b.value.strip().lower())
        result.value = f"<p>{report['message']}</p>"

    box_a.observe(update, names="value")
    box_b.observe(update, names="value")
    update()
    return W.VBox([W.HBox([box_a, box_b]), result])
