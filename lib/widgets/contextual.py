"""An explorer for contextual vectors: type a sentence, see where its "bank" lands.

As in :mod:`lib.widgets.similarity`, a pure function does the arithmetic
(:func:`place_word`, tested without a display), a view draws one sentence
(:func:`bank_view`) and :func:`bank_explorer` wires a text box to it. In Jupyter
every new sentence is encoded and placed; the website offers a few sentences,
encoded when it is built.
"""
from __future__ import annotations

from html import escape

import ipywidgets as W
import numpy as np

from lib.figures.attention import plot_placement
from lib.vectors.projections import pca_basis
from lib.vectors.similarity import cosine_similarity
from lib.widgets.explorer import Control, Explorer, View


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


def bank_view(vector_fn, reference, labels, word: str, sentence: str) -> View:
    """One sentence's ``word``: its cosine to each sense's mean vector and its place on the map.

    Example: ``bank_view(word_vectors, X, senses, "bank", "He paid the money into the bank.").html``
    → a readout of both cosines ending "closer to <b>money</b>", and the map.
    """
    text = sentence.strip()
    try:
        vector = vector_fn([text], word)[0]
    except ValueError as error:
        return View(html=f"<p>{escape(str(error))}</p>")
    placement = place_word(vector, reference, labels)
    parts = ", ".join(f"{s}: {c:.3f}" for s, c in placement["cosines"].items())
    fig, _ = plot_placement(placement, list(labels), text)
    return View(html=(f"<p>cosine with each sense's mean vector — {parts}; "
                      f"closer to <b>{placement['nearest']}</b></p>"), figure=fig,
                alt=(f'The "{word}" of "{text}" placed among the reference occurrences on their first two '
                     f"principal components; it is closer to the {placement['nearest']} sense ({parts})"))


BANK_CHOICES = [
    ("river: fishing from the bank", "He sat on the bank of the stream and fished all afternoon."),
    ("money: a loan from the bank", "She asked the bank for a loan to buy the house."),
    ("ambiguous: met at the bank", "We met at the bank at noon."),
    ("verb: bank on it", "You can bank on her to arrive on time."),
    ("snow: a bank of snow", "The car slid into a bank of snow."),
]
"""Sentences the website offers: one per sense, one ambiguous, a verb and a third noun sense."""


def bank_explorer(vector_fn, reference, labels, word: str = "bank",
                  sentence: str = "They walked along the bank and watched the boats.", choices=BANK_CHOICES):
    """Text box for a sentence containing ``word`` → its vector's cosine to each sense and its place on the map.

    Parameters
    ----------
    vector_fn : callable — ``vector_fn([sentence], word)`` → array of shape (1, d),
        e.g. :func:`lib.models.contextual.word_vectors`.
    reference, labels : the known occurrences (see :func:`place_word`).
    choices : list of (label, sentence) — the sentences the website offers after ``sentence``.

    Example: ``bank_explorer(word_vectors, X, senses)`` → a text box, a readout and a map.
    """
    offered = [(sentence, sentence), *[c for c in choices if c[1] != sentence]]
    return Explorer(lambda sentence: bank_view(vector_fn, reference, labels, word, sentence), {
        "sentence": Control(W.Text, "sentence", sentence, grid=offered, continuous_update=False,
                            layout=W.Layout(width="90%"))})
