"""Grading one submission: run its notebook in a sandboxed kernel, then check every answer from the grader.

:func:`grade_submission` runs the code cells under the per-cell and total time limits, then, for
each question, asks the kernel for the answer (:class:`lib.grading.remote.RemoteSession`) and runs
the question's check here, in the grader; :func:`validated` keeps the points within the question's
maximum. Example: ``grade_submission(Path("alice.md"), load_exercise("ex03"), questions,
Settings("bwrap", Limits())).total`` → ``9.0`` for the solution of exercise 3.
"""
from __future__ import annotations

import dataclasses
import math
import time
from pathlib import Path

import jupytext
import nbformat

from lib.grading.checks import CheckTimeout, StudentCodeError
from lib.grading.grade_outputs import Row
from lib.grading.questions import Question, run_check
from lib.grading.remote import NotPlainAnswer, RemoteSession
from lib.grading.review_flags import review_flags
from lib.grading.sandbox import Limits
from lib.grading.sandboxed_kernel import SandboxedKernel

MAX_NOTEBOOK_BYTES = 20 * 2**20
"""The largest submission file the grader reads."""


def find_submissions(folder: Path) -> list[Path]:
    """The ``.md`` and ``.ipynb`` files directly in ``folder``, sorted by name.

    Example: a folder with ``b.md``, ``a.ipynb``, ``notes.txt`` → ``[a.ipynb, b.md]``.
    """
    return sorted(p for p in folder.iterdir()
                  if p.is_file() and p.suffix in {".md", ".ipynb"} and not p.name.startswith("."))


def read_submission(path: Path) -> nbformat.NotebookNode:
    """A submission as a notebook with its outputs cleared.

    Example: ``read_submission(Path("alice.md")).cells[0].cell_type`` → ``'markdown'``.
    """
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        raise ValueError(f"the file is larger than {MAX_NOTEBOOK_BYTES // 2**20} MiB")
    nb = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _cell_name(source: str, index: int) -> str:
    """How the error column names a cell. Example: cell 7 holding ``while True:`` → ``"cell 8 (while True:)"``."""
    first = (source.strip().splitlines() or [""])[0]
    return f"cell {index + 1} ({first[:40] + ('…' if len(first) > 40 else '')})"


def validated(q: Question, result) -> dict:
    """A question's result as a dict whose points lie in [0, the question's points], whatever the check said."""
    data = dataclasses.asdict(result)
    points = data.get("points")
    points = float(points) if isinstance(points, (int, float)) and math.isfinite(points) else 0.0
    data.update(question=q.id, answer=q.answer, max_points=q.points, hidden=q.hidden,
                points=min(max(points, 0.0), float(q.points)))
    data["passed"] = bool(data.get("passed")) and data["points"] == q.points
    return data


@dataclasses.dataclass(frozen=True)
class Settings:
    """How to grade: the isolation, its limits, and the paths the kernels must not see."""
    isolation: str
    limits: Limits
    hide: tuple[str, ...] = ()


def grade_submission(path: Path, exercise, questions: list[Question], settings: Settings, slot: int = 0) -> Row:
    """Run one notebook in its sandboxed kernel and check every question from here; never raises."""
    row = Row(path.name)
    try:
        nb = read_submission(path)
    except Exception as error:   # a corrupt file scores zero, with the reason
        row.errors.append(f"could not read the notebook: {type(error).__name__}: {str(error)[:200]}")
        return row
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    if not sources:
        row.errors.append("the notebook has no code cells")
        return row
    row.flags += review_flags(exercise, sources)
    limits = settings.limits
    try:
        with SandboxedKernel(path, settings.isolation, limits, slot, list(settings.hide)) as kernel:
            _run_cells(kernel, nb, limits, row)
            session = RemoteSession(kernel)
            for q in questions:
                row.results.append(_check(q, session, kernel))
            row.flags += ["output truncated"] * kernel.log.truncated
            row.flags += [f"hit a limit: {why}" for why in dict.fromkeys(kernel.log.limits_hit)]
    except Exception as error:   # the kernel failed to start, and the like
        row.errors.append(f"grading failed: {type(error).__name__}: {str(error)[:300]}")
    row.points = {r["question"]: r["points"] for r in row.results}
    return row


def unanswerable(q: Question, reason: str) -> dict:
    """The result of a question whose answer could not be read from the kernel: no check runs, no points.

    Example: ``unanswerable(q, "the kernel is gone")["status"]`` → ``"error"``.
    """
    return {"question": q.id, "answer": q.answer, "passed": False, "points": 0.0, "max_points": q.points,
            "status": "error", "reason": reason, "hidden": q.hidden, "cases": []}


def _check(q: Question, session: RemoteSession, kernel: SandboxedKernel) -> dict:
    """Ask the kernel for ``q``'s answer and run the check here; a failure to read it costs ``q`` only."""
    if not kernel.alive():
        return unanswerable(q, "the notebook's kernel is no longer running (see the error column)")
    try:
        answer = session.answer(q.answer, q.timeout)
    except CheckTimeout:
        return unanswerable(q, f"reading `{q.answer}` took longer than {q.timeout:g} s")
    except StudentCodeError as error:
        return unanswerable(q, f"`{q.answer}` could not be read back from the notebook: {error}")
    if isinstance(answer, NotPlainAnswer):
        return unanswerable(q, f"`{q.answer}` is {answer.message}")
    return validated(q, run_check(q, answer))


def _run_cells(kernel: SandboxedKernel, nb, limits: Limits, row: Row):
    """Run the notebook's code cells under the per-cell and total time limits, noting what went wrong."""
    deadline = time.monotonic() + limits.total_seconds
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        name, left = _cell_name(cell.source, index), deadline - time.monotonic()
        if left <= 0:
            row.errors.append(f"the notebook used up its {limits.total_seconds:g} s; {name} and later cells "
                              "were not run")
            kernel.log.limits_hit.append("total time")
            return
        outcome = kernel.run(cell.source, min(limits.cell_seconds, left))
        if outcome.status == "error":
            row.errors.append(f"{name} raised {outcome.error}")
            if outcome.error == "MemoryError":
                kernel.log.limits_hit.append("memory")
        elif outcome.status == "timeout":
            total = left < limits.cell_seconds
            row.errors.append(f"{name} ran past {'the notebook total of ' if total else ''}"
                              f"{limits.total_seconds if total else limits.cell_seconds:g} s and was interrupted")
            kernel.log.limits_hit.append("total time" if total else "cell time")
        if not kernel.alive():
            row.errors.append(f"{name} ignored the interrupt and was killed; nothing was graded"
                              if outcome.status == "timeout" else
                              f"the kernel died during {name} (the notebook exited, crashed or hit a limit)")
            kernel.log.limits_hit.append("kernel died")
            return
