"""Self-check quizzes on the chapter pages, drawn by jupyterquiz from JSON files in ``lib/book/quizzes/``.

Each chapter's questions live in ``lib/book/quizzes/<chapter stem>.json`` (jupyterquiz's
format: a list of questions, each ``multiple_choice`` or ``numeric``, every answer with the
feedback a reader sees after answering). A chapter shows them with one line::

    from lib.book.quiz import show_quiz
    show_quiz("03_cosine_similarity")

The quiz works on the static website (its script and styles are written into the page)
and in Jupyter. What it changes in jupyterquiz's script: when MathJax 3 is present but has
not started yet, jupyterquiz would load another copy of MathJax from a public host and
replace the page's ``window.MathJax``; the site serves its own MathJax, so that fallback is
removed (questions are written without TeX, so nothing waits for it).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

QUIZ_DIR = Path(__file__).parent / "quizzes"
"""Folder of the quiz files, one ``<chapter stem>.json`` per chapter."""

QUESTION_TYPES = ("multiple_choice", "numeric")

_FALLBACK = re.compile(r"console\.log\('WARNING: Trying to force load MathJax 3'\);.*?\}\)\(\);", re.S)


def quiz_path(name: str) -> Path:
    """The file of a chapter's quiz. Example: ``"03_cosine_similarity"`` → ``lib/book/quizzes/03_cosine_similarity.json``."""
    return QUIZ_DIR / f"{name}.json"


def _check_question(question: dict, where: str) -> None:
    kind = question.get("type")
    if kind not in QUESTION_TYPES:
        raise ValueError(f"{where}: type {kind!r} is not one of {QUESTION_TYPES}; set 'type' to one of them")
    if not str(question.get("question", "")).strip():
        raise ValueError(f"{where}: no question text; add a 'question' string")
    answers = question.get("answers") or []
    if not answers:
        raise ValueError(f"{where}: no answers; add a list 'answers'")
    missing = [i for i, a in enumerate(answers) if not str(a.get("feedback", "")).strip()]
    if missing:
        raise ValueError(f"{where}: answers {missing} have no feedback; every answer explains itself")
    if "$" in question["question"] or any("$" in str(a.get("answer", "")) + a["feedback"] for a in answers):
        raise ValueError(f"{where}: TeX ($…$) in a quiz is not typeset on the website; write the symbols in Unicode")
    correct = [a for a in answers if a.get("correct") is True]
    if kind == "multiple_choice":
        if len(correct) != 1 or len(answers) < 2:
            raise ValueError(f"{where}: a multiple-choice question needs two or more answers, exactly one correct "
                             f"(found {len(answers)} answers, {len(correct)} correct)")
    else:
        if not correct:
            raise ValueError(f"{where}: a numeric question needs an answer with 'correct': true")
        for a in answers:
            if a.get("type") not in ("value", "range", "default"):
                raise ValueError(f"{where}: numeric answer type {a.get('type')!r}; use 'value', 'range' or 'default'")
        if not any(a["type"] == "default" for a in answers):
            raise ValueError(f"{where}: a numeric question needs a 'default' answer (the feedback for any other number)")


def load_quiz(name: str) -> list[dict]:
    """Read and check a chapter's questions.

    Parameters
    ----------
    name : str
        The chapter's file stem, e.g. ``"03_cosine_similarity"``.

    Returns
    -------
    list of dict
        jupyterquiz questions, in the file's order.

    Example: ``load_quiz("03_cosine_similarity")[0]["type"]`` → ``"multiple_choice"``;
    a file whose multiple-choice question marks two answers correct raises ``ValueError``.
    """
    path = quiz_path(name)
    if not path.is_file():
        raise FileNotFoundError(f"no quiz {path}; write one (a JSON list of jupyterquiz questions) or fix the name")
    questions = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(questions, list) or len(questions) < 1:
        raise ValueError(f"{path.name}: a quiz file holds a non-empty JSON list of questions")
    for index, question in enumerate(questions):
        _check_question(question, f"{path.name}, question {index + 1}")
    return questions


def quiz_id(name: str) -> str:
    """The quiz's element id (letters only: jupyterquiz uses it as a JavaScript name). Example: ``"13b_bias"`` → ``"quizbbias"``."""
    return "quiz" + re.sub(r"[^A-Za-z]", "", name)


def quiz_html_and_script(questions: list[dict], div_id: str) -> tuple[str, str]:
    """The HTML (container and styles) and the script that draw a quiz; nothing in them loads from another host.

    Example: ``quiz_html_and_script(load_quiz("03_cosine_similarity"), "quizcosine")`` →
    ``('<div id="quizcosine" …<style>…', 'var questionsquizcosine=[…]…')``.
    """
    from jupyterquiz.dynamic.renderer import build_script, build_styles, render_div

    # jupyterquiz's default colours (white text on purple: readable in light and dark mode)
    colours = {"--jq-multiple-choice-bg": "#392061", "--jq-mc-button-bg": "#fafafa",
               "--jq-mc-button-border": "#e0e0e0e0", "--jq-mc-button-inset-shadow": "#555555",
               "--jq-many-choice-bg": "#f75c03ff", "--jq-numeric-bg": "#392061ff",
               "--jq-numeric-input-bg": "#c0c0c0", "--jq-numeric-input-label": "#101010",
               "--jq-numeric-input-shadow": "#999999", "--jq-string-bg": "#4c1a57",
               "--jq-incorrect-color": "#c80202", "--jq-correct-color": "#009113",
               "--jq-text-color": "#fafafa", "--jq-link-color": "#9abafa"}
    html = render_div(div_id, False, True, False, 1_000_000, 700, 10, "left") + "</div>" + build_styles(div_id, colours)
    prefix = f"var questions{div_id}=" + json.dumps(questions) + ";\n\nif (typeof Question === 'undefined') {\n"
    script, fallbacks = _FALLBACK.subn("/* MathJax comes from the site itself */", build_script(prefix, True, "", div_id, True))
    if not fallbacks or re.search(r"https?://", script):
        raise RuntimeError("jupyterquiz's script changed: its MathJax fallback was not found or it names another "
                           "host; check lib/book/quiz.py against the installed jupyterquiz")
    return html, script


def show_quiz(name: str) -> None:
    """Show a chapter's quiz in the notebook (and so on its web page).

    Example: ``show_quiz("03_cosine_similarity")`` → the questions with answer buttons and a
    number field; each answer shows its feedback, in green when right and red when wrong.
    """
    from IPython.display import HTML, Javascript, display

    html, script = quiz_html_and_script(load_quiz(name), quiz_id(name))
    display(HTML(html))
    display(Javascript(script))
