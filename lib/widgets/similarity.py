"""Interactive explorers for the chapters, built from ipywidgets.

Each explorer is split in two: a pure function that does the arithmetic
(tests call it without a display) and a constructor that wires sliders to
it and returns the widget. The website shows the widget's first state only;
with a running kernel (Binder, a local Jupyter) the sliders respond.

Simplified on purpose: one output area per explorer, redrawn in full on
every change, which is fast enough for these small figures.
"""
from __future__ import annotations

import ipywidgets as W
import matplotlib.pyplot as plt
import numpy as np
from IPython.display import display

from lib.figures.style import plot_vectors_2d
from lib.vectors.representations import dense_bytes, one_hot_bytes, sparsity_percent
from lib.vectors.similarity import angle_degrees, cosine_similarity


def show_figure(out, fig) -> None:
    """Replace what the output area ``out`` shows with ``fig``, then close ``fig``.

    Example: inside an explorer's ``update``, ``show_figure(out, plot(...)[0])`` redraws it.
    """
    with out:
        out.clear_output(wait=True)
        display(fig)
    plt.close(fig)


def human_bytes(n: float) -> str:
    """Format a byte count with a decimal unit (kB = 1,000 bytes).

    Example: ``human_bytes(200_000)`` → ``"200 kB"``; ``human_bytes(1.2e10)`` → ``"12 GB"``.
    """
    for unit in ("B", "kB", "MB", "GB", "TB"):
        if abs(n) < 1000 or unit == "TB":
            return f"{n:.3g} {unit}"
        n /= 1000


# --------------------------------------------------------------------------
# Pure computations
# --------------------------------------------------------------------------

def sparsity_summary(V: int, d: int = 300, bytes_per_value: int = 4) -> dict:
    """What a one-hot and a dense representation cost for a vocabulary of V words.

    Parameters
    ----------
    V : int
        Vocabulary size (length of a one-hot vector).
    d : int
        Embedding dimension of the dense vectors.
    bytes_per_value : int
        4 for float32.

    Returns
    -------
    dict
        ``sparsity_percent`` ((V − 1)/V × 100), ``one_hot_bytes`` and ``dense_bytes``
        (one word), ``one_hot_table_bytes`` (V × V, every word) and ``dense_table_bytes``
        (V × d), and ``ratio`` = V / d, how many times shorter a dense vector is.

    Example: ``sparsity_summary(50_000, 300)["ratio"]`` → 166.66…
    """
    return {
        "V": V, "d": d,
        "sparsity_percent": sparsity_percent(V),
        "one_hot_bytes": one_hot_bytes(V, 1, bytes_per_value),
        "dense_bytes": dense_bytes(d, 1, bytes_per_value),
        "one_hot_table_bytes": one_hot_bytes(V, V, bytes_per_value),
        "dense_table_bytes": dense_bytes(d, V, bytes_per_value),
        "ratio": V / d,
    }


def vectors_at_angle(theta_degrees: float, length_a: float = 1.0, length_b: float = 1.0,
                     base_degrees: float = 20.0):
    """Two 2-D vectors with lengths ``length_a``, ``length_b`` and angle θ between them.

    Returns ``(a, b)``, each shape (2,); ``a`` points at ``base_degrees`` and ``b`` at
    ``base_degrees + θ``. Example: ``vectors_at_angle(90, base_degrees=0)`` → ``([1, 0], [0, 1])``.
    """
    angles = np.radians([base_degrees, base_degrees + theta_degrees])
    a = length_a * np.array([np.cos(angles[0]), np.sin(angles[0])])
    b = length_b * np.array([np.cos(angles[1]), np.sin(angles[1])])
    return a, b


def pick_present(kv, options) -> list:
    """For each list of candidate words, the first one in ``kv``'s vocabulary (and not picked yet).

    Lets a chapter ask for "cat, or failing that cats, or animal" and say which word it got,
    whatever corpus size the vectors were trained on. ``None`` where no candidate is present.
    Example: vocabulary {cat, cats, car} and ``[["kitten", "cats"], ["truck", "car"]]`` → ``["cats", "car"]``.
    """
    picked = []
    for candidates in options:
        picked.append(next((w for w in candidates if w in kv and w not in picked), None))
    return picked


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
