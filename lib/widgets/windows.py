"""Explorer for context windows: pick a center word and a window size, see its context and its pairs.

As in :mod:`lib.widgets.similarity`, the arithmetic is a pure function (:func:`window_report`,
tested without a display), :func:`window_view` turns it into what is shown, and an
:class:`lib.widgets.explorer.Explorer` wires two sliders to it: live in Jupyter, and on the
website over every center and the windows of :data:`WINDOW_GRID`.
"""
from __future__ import annotations

import html

import ipywidgets as W

from lib.figures.windows import CENTER_COLOUR, CONTEXT_COLOUR
from lib.text.pairs import pair_count, word_pairs
from lib.text.windows import context_positions, slide_pair_formula
from lib.widgets.explorer import Control, Explorer, View


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


def window_view(tokens, center: int, window: int) -> View:
    """The window explorer's readout: the sentence highlighted, the center's pairs and the sentence's count.

    Example: ``window_view(toy_tokens(), 3, 1).html`` → "fox" highlighted and "2 pairs with center “fox”".
    """
    r = window_report(tokens, center, window)
    all_pairs = word_pairs(list(tokens), window)
    listed = ", ".join(f"({a}, {b})" for a, b in r["pairs"])
    return View(html=(
        f"<p style='font-size:1.1em'>{r['html']}</p>"
        f"<p><b>{len(r['pairs'])} pairs</b> with center “{html.escape(tokens[center])}”: "
        f"{html.escape(listed)}</p>"
        f"<p>Whole sentence: <b>{r['sentence_pairs']}</b> pairs (counted: {len(all_pairs)}); "
        f"the slides' formula n · min(2w, n − 1) gives {r['slide_formula']}.</p>"))


WINDOW_GRID = [1, 2, 3, 5, 8]
"""The website's windows w: the slides' 1–3, then wider than half and than the toy sentence."""


def window_explorer(tokens, center: int = 3, window: int = 2) -> Explorer:
    """Sliders for the center position and the window w → highlighted sentence, pair list and counts.

    The website offers every center and the windows of :data:`WINDOW_GRID` below len(tokens).
    Example: ``window_explorer(toy_tokens())`` → "fox" with "quick", "brown", "jumps", "over" highlighted.
    """
    n = len(tokens)
    windows = sorted({w for w in WINDOW_GRID if w < n} | {window}) if n > 1 else [1]
    return Explorer(lambda center, window: window_view(tokens, center, window), {
        "center": Control(W.IntSlider, "center", center, grid=list(range(n)), min=0, max=n - 1),
        "window": Control(W.IntSlider, "window w", window, grid=windows, min=1, max=max(1, n - 1))})
