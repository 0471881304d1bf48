"""Explorer for context windows: pick a center word and a window size, see its context and its pairs.

As in :mod:`lib.widgets.similarity`, the arithmetic is a pure function (:func:`window_report`,
tested without a display) and the explorer only wires sliders to it. The
website shows the explorer's first state; with a running kernel it responds.
"""
from __future__ import annotations

import html

import ipywidgets as W

from lib.figures.windows import CENTER_COLOUR, CONTEXT_COLOUR
from lib.text.pairs import pair_count, word_pairs
from lib.text.windows import context_positions, slide_pair_formula


def window_report(tokens, center: int, window: int) -> dict:
    """Everything the explorer shows for one center and window.

    Returns
    -------
    dict
        ``context`` (context words, left to right), ``pairs`` (the center's
        (center, context) pairs), ``sentence_pairs`` (pairs of the whole sentence,
        exact), ``slide_formula`` (the slides' n · min(2w, n − 1)) and ``html``
        (the sentence with the center and its context highlighted).

    Example: ``window_report(toy_tokens(), 3, 1)["context"]`` → ``['brown', 'jumps']``.
    """
    n = len(tokens)
    positions = context_positions(n, center, window)
    spans = []
    for i, word in enumerate(tokens):
        colour = CENTER_COLOUR if i == center else CONTEXT_COLOUR if i in positions else None
        text = html.escape(word)
        spans.append(f'<span style="background:{colour};padding:2px 5px;border-radius:4px">{text}</span>'
                     if colour else f'<span style="padding:2px 5px">{text}</span>')
    return {"context": [tokens[j] for j in positions],
            "pairs": [(tokens[center], tokens[j]) for j in positions],
            "sentence_pairs": pair_count(n, window),
            "slide_formula": slide_pair_formula(n, window),
            "html": " ".join(spans)}


def window_explorer(tokens, center: int = 3, window: int = 2) -> W.VBox:
    """Sliders for the center position and the window w → highlighted sentence, pair list and counts.

    Example: ``window_explorer(toy_tokens())`` → "fox" with "quick", "brown", "jumps", "over" highlighted.
    """
    center_slider = W.IntSlider(value=center, min=0, max=len(tokens) - 1, description="center")
    window_slider = W.IntSlider(value=window, min=1, max=max(1, len(tokens) - 1), description="window w")
    view = W.HTML()

    def update(_=None):
        r = window_report(tokens, center_slider.value, window_slider.value)
        all_pairs = word_pairs(list(tokens), window_slider.value)
        listed = ", ".join(f"({a}, {b})" for a, b in r["pairs"])
        view.value = (
            f"<p style='font-size:1.1em'>{r['html']}</p>"
            f"<p><b>{len(r['pairs'])} pairs</b> with center “{html.escape(tokens[center_slider.value])}”: "
            f"{html.escape(listed)}</p>"
            f"<p>Whole sentence: <b>{r['sentence_pairs']}</b> pairs (counted: {len(all_pairs)}); "
            f"the slides' formula n · min(2w, n − 1) gives {r['slide_formula']}.</p>")

    center_slider.observe(update, names="value")
    window_slider.observe(update, names="value")
    update()
    return W.VBox([W.HBox([center_slider, window_slider]), view])
