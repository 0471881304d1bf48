"""Explorer for vector arithmetic: type ``a − b + c``, see the nearest words.

As in :mod:`lib.widgets.similarity`, a pure function (:func:`analogy_report`) does the
work and the explorer only wires text boxes to it. The website shows the
first state; with a running kernel the boxes respond.
"""
from __future__ import annotations

import html

import ipywidgets as W

from lib.vectors.analogies import solve


def analogy_report(kv, plus: str, minus: str, plus2: str, method: str = "3cosadd", topn: int = 10) -> dict:
    """The best answers to ``plus − minus + plus2`` (the slides' "king − man + woman"), or why there are none.

    Returns
    -------
    dict
        ``answers`` (list of (word, score), best first; empty if a word is missing)
        and ``message`` (a sentence for the reader).

    Example: ``analogy_report(kv, "king", "man", "woman")["answers"][0]`` → ``("queen", 0.7…)`` on good vectors.
    """
    words = [w.strip().lower() for w in (plus, minus, plus2)]
    try:
        answers = solve(kv, words[1], words[0], words[2], topn=topn, method=method)
    except KeyError as error:
        return {"answers": [], "message": str(error.args[0])}
    best = answers[0][0]
    return {"answers": answers,
            "message": f"{words[0]} − {words[1]} + {words[2]} ≈ {best}  ({method}; the three input words are excluded)"}


def analogy_explorer(kv, plus: str = "king", minus: str = "man", plus2: str = "woman", topn: int = 10) -> W.VBox:
    """Three text boxes and a method switch → the ``topn`` nearest words to ``plus − minus + plus2``.

    Example: ``analogy_explorer(kv)`` → king − man + woman with its ten best answers.
    """
    boxes = [W.Text(value=v, description=d, continuous_update=False, layout=W.Layout(width="210px"))
             for v, d in [(plus, "word"), (minus, "− word"), (plus2, "+ word")]]
    method = W.ToggleButtons(options=[("3CosAdd", "3cosadd"), ("3CosMul", "3cosmul")], value="3cosadd")
    result = W.HTML()

    def update(_=None):
        report = analogy_report(kv, *(b.value for b in boxes), method=method.value, topn=topn)
        rows = "".join(f"<tr><td>{i + 1}</td><td>{html.escape(w)}</td><td>{s:.3f}</td></tr>"
                       for i, (w, s) in enumerate(report["answers"]))
        table = f"<table><tr><th>rank</th><th>word</th><th>score</th></tr>{rows}</table>" if rows else ""
        result.value = f"<p>{html.escape(report['message'])}</p>{table}"

    for widget in (*boxes, method):
        widget.observe(update, names="value")
    update()
    return W.VBox([W.HBox(boxes), method, result])
