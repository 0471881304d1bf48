"""Graded checks for the exercises: questions, their checks, and results a program can read.

An exercise module (``lib/grading/exercises/exNN.py``) creates one :class:`Exercise`
and registers its questions; each question names the notebook object it
checks (``answer``) and has a check function that receives that object::

    exercise = Exercise("ex03", "One-hot vectors", notebook="03_onehot_cosine")

    @exercise.question("q1", points=2, answer="one_hot")
    def check_one_hot(one_hot):
        \"\"\"one_hot(word, vocabulary) builds a vector of length V.\"\"\"
        vec = call(one_hot, "dog", ["cat", "dog"])
        if len(vec) != 2:
            fail(f"returned a vector of length {len(vec)}, expected 2")

A check passes by returning and fails by raising ``CheckFailed`` (via
``fail``). The helpers for writing checks and the per-check time limit live
in :mod:`lib.grading.checks`; ``from lib.grading import call, fail`` brings them. Whatever the
student's code does — raise, return None, loop forever, not exist yet —
becomes a failed :class:`CheckResult` with a reason, never an exception, so
"Run all" on an unsolved notebook reaches the end.

A question earns all of its points or none, unless its check is made of cases
(:func:`lib.grading.checks.case`): then it earns the points of the cases that pass.
A check receives plain data (:mod:`lib.grading.plain_data`): a value answer is copied with
``to_plain`` before the check sees it, and a function is called through ``checks.call``.
"""
from __future__ import annotations

import dataclasses
import html
import importlib
import importlib.util
import re
import sys
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import numpy as np

from lib.grading.checks import CheckFailed, CheckTimeout, NotAnswered, recording, with_time_limit
from lib.grading.plain_data import NotPlainData, to_plain

DEFAULT_TIMEOUT = 5.0
"""Seconds one check may run before it fails as a timeout."""

MISSING = type("Missing", (), {"__repr__": lambda self: "MISSING"})()
"""Stands for a notebook object that was never defined."""


# ----------------------------------------------------------------------------- questions and results

@dataclass(frozen=True)
class Question:
    """One graded question: ``check(answer_object)`` returns to pass or raises to fail."""
    id: str
    points: float
    answer: str
    check: Callable[[Any], Any]
    title: str = ""
    timeout: float = DEFAULT_TIMEOUT
    hidden: bool = False


def question(id: str, points: float, answer: str, timeout: float = DEFAULT_TIMEOUT):
    """Decorator turning a check function into a :class:`Question` (its docstring's first line is the title).

    Example: ``@question("h1", points=1, answer="one_hot")`` over ``def f(one_hot): ...``
    → ``Question("h1", …)``.
    """
    def wrap(check: Callable) -> Question:
        title = (check.__doc__ or answer).strip().splitlines()[0]
        return Question(id=id, points=points, answer=answer, check=check, title=title, timeout=timeout)
    return wrap


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one question; ``status`` is pass, partial, fail, not answered, missing, timeout or error.

    ``cases`` lists the question's parts as ``(name, points, max_points, hidden, reason)``; it is
    empty for an all-or-nothing check. ``passed`` means every point was earned.
    """
    question: str
    answer: str
    passed: bool
    points: float
    max_points: float
    status: str
    reason: str
    hidden: bool = False
    cases: list = field(default_factory=list)

    def __str__(self) -> str:
        mark = "✓" if self.passed else "✗"
        score = f"{self.points:g}/{self.max_points:g} points"
        return f"{mark} {self.question} {self.answer}: {score} — {self.reason}"

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))

    def _repr_html_(self) -> str:
        return _html_table([self])


@dataclass(frozen=True)
class Report:
    """All results of one exercise, with totals."""
    exercise: str
    results: list[CheckResult] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(r.points for r in self.results)

    @property
    def max_total(self) -> float:
        return sum(r.max_points for r in self.results)

    def __getitem__(self, question_id: str) -> CheckResult:
        for r in self.results:
            if r.question == question_id:
                return r
        raise KeyError(f"no result for question {question_id!r}")

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "total": self.total, "max_total": self.max_total,
                "results": [dataclasses.asdict(r) for r in self.results]}

    def __str__(self) -> str:
        lines = [f"{self.exercise}: {self.total:g}/{self.max_total:g} points"]
        return "\n".join(lines + [str(r) for r in self.results])

    def _repr_pretty_(self, printer, cycle):
        printer.text(str(self))

    def _repr_html_(self) -> str:
        return _html_table(self.results, f"{self.exercise}: {self.total:g}/{self.max_total:g} points")


def _html_table(results: list[CheckResult], caption: str = "") -> str:
    """Results as a small HTML table (✓ green, ✗ red)."""
    rows = "".join(
        f"<tr><td style='color:{'#1a7f37' if r.passed else '#cf222e'};font-weight:bold'>"
        f"{'✓' if r.passed else '✗'}</td><td>{html.escape(r.question)}</td>"
        f"<td><code>{html.escape(r.answer)}</code></td><td>{r.points:g}/{r.max_points:g}</td>"
        f"<td style='text-align:left'>{_html_reason(r.reason)}</td></tr>" for r in results)
    head = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return f"<table>{head}{rows}</table>"


def _html_reason(reason: str) -> str:
    """Escape a reason for HTML and show its `backticked` names as code."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(reason))


def run_check(q: Question, answer: Any = MISSING) -> CheckResult:
    """Run one question's check on the student's ``answer``; never raises (except KeyboardInterrupt).

    A value answer (anything not callable) reaches the check as its plain copy. With cases, the
    score is the sum of the passed cases' points, capped at the question's points.
    Example: a stub raising NotImplementedError → ``CheckResult(passed=False, status="not answered", …)``.
    """
    def result(status: str, reason: str, cases: list = ()) -> CheckResult:
        if not cases:
            passed = status == "pass"
            return CheckResult(q.id, q.answer, passed, q.points if passed else 0, q.points, status, reason,
                               q.hidden)
        earned = min(q.points, sum(c.points for c in cases if c.passed))
        failed = [c for c in cases if not c.passed]
        if status == "pass" and failed:
            status = "fail" if any(not c.not_answered for c in failed) else "not answered"
            reasons = [f"{c.name}: {c.reason}" for c in failed]
        else:
            reasons = [f"{c.name}: {c.reason}" for c in failed] + ([] if status == "pass" else [reason])
        if earned and status in ("fail", "not answered") or status == "pass" and earned < q.points:
            status = "partial"
        return CheckResult(q.id, q.answer, status == "pass", earned, q.points, status,
                           reason if status == "pass" else "; ".join(reasons), q.hidden,
                           [c.as_tuple() for c in cases])

    if answer is MISSING:
        return result("missing", f"nothing named `{q.answer}` is defined: run the cell that defines it "
                                 "(and check the spelling)")
    if answer is Ellipsis or answer is None:
        shown = "..." if answer is Ellipsis else "None"
        return result("not answered", f"`{q.answer}` is still `{shown}`: replace it with your answer")
    if not callable(answer):
        try:
            answer = to_plain(answer)
        except NotPlainData as error:
            return result("fail", f"`{q.answer}` is {error}")
    with recording() as cases:
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                note = with_time_limit(q.timeout, q.check, answer)
        except NotAnswered as error:
            return result("not answered", str(error), cases)
        except NotImplementedError:
            return result("not answered", f"`{q.answer}` still raises NotImplementedError: replace the stub",
                          cases)
        except (CheckFailed, AssertionError) as error:
            return result("fail", str(error) or "an assertion in the check failed", cases)
        except CheckTimeout:
            return result("timeout", f"the check took longer than {q.timeout:g} s: is there an infinite loop?",
                          cases)
        except KeyboardInterrupt:
            raise
        except SystemExit:
            return result("error", "your code called exit(); return a value instead", cases)
        except Exception as error:
            return result("error", f"the check could not use your answer: {type(error).__name__}: {error}", cases)
        except BaseException as error:  # e.g. a student's own BaseException subclass: still only this question
            return result("error", f"your code raised {type(error).__name__}, which is not an Exception; "
                                   "raise an Exception (or return a value) instead", cases)
    return result("pass", note if isinstance(note, str) else "all checks passed", cases)


# ----------------------------------------------------------------------------- exercises

class Exercise:
    """The questions of one exercise, in order; ``check`` and ``check_all`` are what notebooks call."""

    def __init__(self, id: str, title: str, notebook: str | None = None):
        self.id, self.title, self.notebook = id, title, notebook
        self.questions: dict[str, Question] = {}

    def add(self, q: Question) -> Question:
        if q.id in self.questions:
            raise ValueError(f"{self.id} already has a question {q.id!r}")
        self.questions[q.id] = q
        return q

    def question(self, id: str, points: float, answer: str, timeout: float = DEFAULT_TIMEOUT):
        """Decorator: like :func:`question`, and registers the question on this exercise."""
        return lambda check: self.add(question(id, points, answer, timeout)(check))

    def check(self, question_id: str, answer: Any = MISSING) -> CheckResult:
        """Check one question, looking its answer up by name in the caller's globals; never raises.

        A notebook's check cell names the question only, so a missing or misspelt answer gives a
        result ("nothing named `one_hot` is defined …") instead of a ``NameError`` that would stop
        "Run all". ``answer`` may be passed explicitly (tests do).
        Example: ``ex03.check("q2")`` → ``✓ q2 sparsity_percent: 1/1 points — …``.
        """
        q = self.questions.get(question_id)
        if q is None:
            return CheckResult(str(question_id), "?", False, 0, 0, "error",
                               f"{self.id} has no question {question_id!r}; its questions are "
                               + ", ".join(self.questions))
        if answer is MISSING:
            answer = sys._getframe(1).f_globals.get(q.answer, MISSING)
        return run_check(q, answer)

    def check_all(self, namespace: dict, extra: list[Question] = ()) -> Report:
        """Check every question against the objects in ``namespace`` (pass ``globals()``)."""
        questions = list(self.questions.values()) + list(extra)
        return Report(self.id, [run_check(q, namespace.get(q.answer, MISSING)) for q in questions])


def load_exercise(name: str) -> Exercise:
    """The :class:`Exercise` for ``name``: ``"ex03"``, ``"3"``, ``"03"`` or ``"lib.grading.exercises.ex03"``.

    Exercises are numbered like their chapters, a chapter added between two others
    with a letter (``"11b"`` → ``"ex11b"``). Example: ``load_exercise("3").id`` → ``"ex03"``.
    """
    name = name.rsplit(".", 1)[-1]
    numbered = re.fullmatch(r"(\d+)([a-z]?)", name)
    if numbered:
        name = f"ex{int(numbered[1]):02d}{numbered[2]}"
    try:
        module = importlib.import_module(f"lib.grading.exercises.{name}")
    except ModuleNotFoundError as error:
        if error.name != f"lib.grading.exercises.{name}":
            raise  # the exercise exists but one of its imports is missing
        raise ValueError(f"no exercise {name!r}: expected a module lib/grading/exercises/{name}.py") from None
    return module.exercise


def load_hidden(path: str | Path, exercise: Exercise | None = None) -> list[Question]:
    """The :class:`Question` objects defined at the top level of the Python file ``path``, marked hidden.

    Example: a file with ``@question("h1", points=1, answer="one_hot")`` over a check
    → ``[Question("h1", …)]``.
    """
    path = Path(path)
    spec = importlib.util.spec_from_file_location(f"_hidden_checks_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    found = [dataclasses.replace(q, hidden=True) for q in vars(module).values() if isinstance(q, Question)]
    taken = set(exercise.questions) if exercise else set()
    for q in found:
        if q.id in taken:
            raise ValueError(f"hidden question id {q.id!r} in {path} is already used; pick another")
        taken.add(q.id)
    return found

