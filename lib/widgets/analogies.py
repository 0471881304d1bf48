"""Explorer for vector arithmetic: type ``a − b + c``, see the nearest words.

As in :mod:`lib.widgets.similarity`, a pure function (:func:`analogy_report`) does the
work, :func:`analogy_view` turns it into a table, and an :class:`lib.widgets.explorer.Explorer`
wires controls to it: three word boxes and a method switch in Jupyter, on the website one
select of whole questions (:data:`ANALOGY_QUESTIONS`) and the method switch.
"""
from __future__ import annotations

import html

import ipywidgets as W

from lib.vectors.analogies import solve
from lib.widgets.explorer import Control, Explorer, View


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


def analogy_view(kv, plus: str, minus: str, plus2: str, method: str = "3cosadd", topn: int = 10) -> View:
    """The analogy explorer's readout: its sentence and a table of the ``topn`` best answers.

    Example: ``analogy_view(kv, "king", "man", "woman").html`` → "king − man + woman ≈ queen …" and a table.
    """
    report = analogy_report(kv, plus, minus, plus2, method=method, topn=topn)
    rows = "".join(f"<tr><td>{i + 1}</td><td>{html.escape(w)}</td><td>{s:.3f}</td></tr>"
                   for i, (w, s) in enumerate(report["answers"]))
    table = f"<table><tr><th>rank</th><th>word</th><th>score</th></tr>{rows}</table>" if rows else ""
    return View(html=f"<p>{html.escape(report['message'])}</p>{table}")


ANALOGY_QUESTIONS = [("king", "man", "woman"), ("paris", "france", "italy"), ("paris", "france", "germany"),
                     ("father", "man", "woman"), ("walking", "walk", "swim"), ("bigger", "big", "small"),
                     ("january", "one", "two")]
"""Candidate questions a − b + c the website offers (those in the vocabulary): gender, capitals, grammar."""

METHODS = [("3CosAdd", "3cosadd"), ("3CosMul", "3cosmul")]


def analogy_explorer(kv, plus: str = "king", minus: str = "man", plus2: str = "woman", topn: int = 10,
                     questions=ANALOGY_QUESTIONS) -> Explorer:
    """Three text boxes and a method switch → the ``topn`` nearest words to ``plus − minus + plus2``.

    In Jupyter any words can be typed; the website offers one select of ``questions`` (those
    with all three words in ``kv``, the starting question first) and both methods.
    Example: ``analogy_explorer(kv)`` → king − man + woman with its ten best answers.
    """
    start = (plus, minus, plus2)
    offered = [start] + [q for q in questions if q != start and all(w in kv for w in q)]
    box = {"continuous_update": False, "layout": W.Layout(width="210px")}
    method = Control(W.ToggleButtons, "method", "3cosadd", grid=METHODS, options=METHODS)
    return Explorer(lambda plus, minus, plus2, method: analogy_view(kv, plus, minus, plus2, method, topn), {
        "plus": Control(W.Text, "word", plus, grid=[plus], **box),
        "minus": Control(W.Text, "− word", minus, grid=[minus], **box),
        "plus2": Control(W.Text, "+ word", plus2, grid=[plus2], **box),
        "method": method},
        website=(lambda question, method: analogy_view(kv, *question, method, topn), {
            "question": Control(W.Dropdown, "question", start,
                                grid=[(f"{a} − {b} + {c}", (a, b, c)) for a, b, c in offered]),
            "method": method}))
