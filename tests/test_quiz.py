"""Specifications of the self-check questions: quiz files (lib.book.quiz) and think-first dropdowns in the chapters.

Worked example (``test_a_quiz_file_with_two_right_answers_is_refused``): a multiple-choice
question with two answers marked correct raises ``ValueError`` naming the file and question.
"""
import json
import re
from pathlib import Path

import pytest

from lib.book import quiz
from lib.book.toc import book_pages
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
CHAPTERS = [p for p in book_pages() if p.startswith("chapters/") and not p.startswith("chapters/99_")]
QUIZ_CALL = re.compile(r'show_quiz\("([^"]+)"\)')


def think_first(text: str) -> int:
    """How many think-first questions a chapter's source holds. Example: one ``:::{admonition} Think first: …`` → 1."""
    return len(re.findall(r"^:::\{admonition\} Think first:.*\n:class: dropdown", text, flags=re.M))


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_asks_at_least_three_questions_on_the_page(chapter):
    text = (ROOT / f"{chapter}.md").read_text(encoding="utf-8")
    calls = QUIZ_CALL.findall(text)
    name = Path(chapter).name
    assert calls in ([], [name]), f"{chapter} shows the quiz of {calls}, not its own ({name})"
    questions = len(quiz.load_quiz(name)) if calls else 0
    assert questions + think_first(text) >= 3, f"{chapter}: {questions} quiz and {think_first(text)} think-first questions"


def test_every_quiz_file_belongs_to_a_chapter_and_loads():
    names = {Path(c).name for c in CHAPTERS}
    files = sorted(quiz.QUIZ_DIR.glob("*.json"))
    assert files
    for path in files:
        assert path.stem in names, f"{path.name} belongs to no chapter of _toc.yml"
        questions = quiz.load_quiz(path.stem)
        assert {q["type"] for q in questions} <= set(quiz.QUESTION_TYPES)


def test_chapter_quizzes_mix_multiple_choice_and_numeric():
    kinds = {q["type"] for path in quiz.QUIZ_DIR.glob("*.json") for q in quiz.load_quiz(path.stem)}
    assert kinds == {"multiple_choice", "numeric"}


def write(tmp_path, monkeypatch, questions) -> str:
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    (tmp_path / "x.json").write_text(json.dumps(questions), encoding="utf-8")
    return "x"


MC = {"question": "cos(a, −2a)?", "type": "multiple_choice",
      "answers": [{"answer": "−1", "correct": True, "feedback": "Right: opposite."},
                  {"answer": "1", "correct": False, "feedback": "The sign flips."}]}
NUMERIC = {"question": "ln 10,000?", "type": "numeric",
           "answers": [{"type": "range", "range": [9.2, 9.22], "correct": True, "feedback": "Right."},
                       {"type": "default", "feedback": "All scores are equal."}]}


def test_a_valid_quiz_loads_as_written(tmp_path, monkeypatch):
    name = write(tmp_path, monkeypatch, [MC, NUMERIC])
    assert quiz.load_quiz(name) == [MC, NUMERIC]


def test_a_quiz_file_with_two_right_answers_is_refused(tmp_path, monkeypatch):
    bad = dict(MC, answers=[dict(a, correct=True) for a in MC["answers"]])
    name = write(tmp_path, monkeypatch, [bad])
    with pytest.raises(ValueError, match=r"x\.json, question 1: .*exactly one correct"):
        quiz.load_quiz(name)


@pytest.mark.parametrize("change, message", [
    (lambda q: q["answers"][1].pop("feedback"), "have no feedback"),
    (lambda q: q.update(type="essay"), "is not one of"),
    (lambda q: q.update(question="cos of $a$?"), r"TeX"),
    (lambda q: q.update(answers=[]), "no answers"),
])
def test_questions_without_feedback_of_unknown_type_or_with_tex_are_refused(tmp_path, monkeypatch, change, message):
    bad = json.loads(json.dumps(MC))
    change(bad)
    with pytest.raises(ValueError, match=message):
        quiz.load_quiz(write(tmp_path, monkeypatch, [bad]))


def test_a_numeric_question_needs_a_default_feedback(tmp_path, monkeypatch):
    bad = dict(NUMERIC, answers=NUMERIC["answers"][:1])
    with pytest.raises(ValueError, match="'default' answer"):
        quiz.load_quiz(write(tmp_path, monkeypatch, [bad]))


def test_a_missing_quiz_names_the_file(tmp_path, monkeypatch):
    monkeypatch.setattr(quiz, "QUIZ_DIR", tmp_path)
    with pytest.raises(FileNotFoundError, match="no quiz .*nope.json"):
        quiz.load_quiz("nope")


def test_the_quiz_script_loads_nothing_from_another_host():
    html, script = quiz.quiz_html_and_script([MC, NUMERIC], "quizx")
    assert 'id="quizx"' in html and "<style>" in html
    assert "questionsquizx" in script and "show_questions" in script
    assert not re.search(r"https?://", html + script)
    assert "force load MathJax" not in script


def test_quiz_ids_are_letters_only():
    assert quiz.quiz_id("13b_bias") == "quizbbias"
    assert re.fullmatch(r"[A-Za-z]+", quiz.quiz_id("03_cosine_similarity"))


def test_jupyterquiz_is_the_pinned_version():
    import jupyterquiz
    pins = dict(line.split("==") for line in (ROOT / "requirements.txt").read_text().splitlines()
                if "==" in line and not line.startswith("#"))
    assert jupyterquiz.__version__ == pins["jupyterquiz"]
