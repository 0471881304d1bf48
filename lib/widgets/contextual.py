"""An explorer for contextual vectors: type a sentence, see where its "bank" lands.

As in :mod:`lib.widgets.similarity`, a pure function does the arithmetic
(:func:`place_word`, tested without a display) and a constructor wires a text
box to it. On the website the explorer shows its first sentence only; with a
running kernel every new sentence is encoded and placed.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from lib.figures.attention import plot_placement
from lib.vectors.projections import pca_basis
from lib.vectors.similarity import cosine_similarity
from lib.widgets.display import show_figure


def place_word(vector, reference, labels) -> dict:
    """Compare one contextual vector with reference vectors of known senses.

    Parameters
    ----------
    vector : array_like, shape (d,) — the new occurrence.
    reference : array_like, shape (n, d) — vectors of occurrences with known senses.
    labels : list of str, length n — their senses.

    Returns
    -------
    dict with ``cosines`` (sense → cosine with that sense's mean vector), ``nearest``
    (the sense with the larger cosine), ``xy`` (the vector's 2-D coordinates in the
    references' principal-component plane) and ``reference_xy`` (n, 2).

    Example: a vector equal to the "river" mean → nearest "river", cosine 1.0.
    """
    reference, labels = np.asarray(reference, dtype=float), np.asarray(labels)
    cosines = {str(s): cosine_similarity(vector, reference[labels == s].mean(axis=0))
               for s in dict.fromkeys(labels.tolist())}
    mean, components = pca_basis(reference)
    return {"cosines": cosines, "nearest": max(cosines, key=cosines.get),
            "xy": (np.asarray(vector, dtype=float) - mean) @ components.T,
            "reference_xy": (reference - mean) @ components.T}


def bank_explorer(vector_fn, reference, labels, word: str = "bank",
                  sentence: str = "They walked along the bank and watched the boats."):
    """Text box for a sentence containing ``word`` → its vector's cosine to each sense and its place on the map.

    Parameters
    ----------
    vector_fn : callable — ``vector_fn([sentence], word)`` → array of shape (1, d),
        e.g. :func:`lib.models.contextual.word_vectors`.
    reference, labels : the known occurrences (see :func:`place_word`).

    Example: ``bank_explorer(word_vectors, X, senses)`` → a text box, a readout and a map.
    """
    box = W.Text(value=sentence, description="sentence", continuous_update=False,
                 layout=W.Layout(width="90%"))
    readout = W.HTML()
    out = W.Output()

    def update(_=None):
        text = box.value.strip()
        try:
            vector = vector_fn([text], word)[0]
        except ValueError as error:
            readout.value = f"<p>{error}</p>"
            return
        placement = place_word(vector, reference, labels)
        parts = ", ".join(f"{s}: {c:.3f}" for s, c in placement["cosines"].items())
        readout.value = (f"<p>cosine with each sense's mean vector — {parts}; "
                         f"closer to <b>{placement['nearest']}</b></p>")
        fig, _ = plot_placement(placement, list(labels), text)
        show_figure(out, fig)

    box.observe(update, names="value")
    update()
    return W.VBox([box, readout, out])
