"""Grade a folder of exercise submissions into a CSV file (the instructor's command line).

Usage::

    python -m lib.grading.grader EXERCISE SUBMISSIONS_DIR -o grades.csv [--hidden DIR] [--timeout SECONDS]
                         [--feedback DIR]

``EXERCISE`` names a module in :mod:`lib.grading.exercises`, numbered like the chapter
it belongs to (``ex03``, or just ``3``, for chapter 3).
Every ``*.md`` (MyST/jupytext) and ``*.ipynb`` file directly inside
``SUBMISSIONS_DIR`` is run top to bottom in its own fresh Jupyter kernel,
in an empty temporary working directory, with the repository on
``PYTHONPATH`` so that ``import lib`` works there. A cell that raises costs
only the questions that depend on it (execution goes on); a cell that runs
longer than ``--timeout`` seconds (default 60, whole seconds) is interrupted
and execution goes on too. A kernel that ignores the interrupt or dies is killed and the
submission scores zero, with the reason in the ``error`` column. Then all
questions are checked in that kernel, against the names the notebook defined.

The CSV has the columns ``submission``, one per question (points earned;
hidden questions after the public ones), ``total``, ``max_total`` and
``error`` (cells that raised or timed out, or why nothing could be graded).
``--feedback DIR`` also writes ``DIR/<submission>.txt`` per submission:
every question's ✓/✗, points and reason (hidden questions included: edit
them out before handing the files back if their checks must stay secret).

Hidden checks
-------------
``--hidden DIR`` adds questions kept outside the course repository. For
exercise ``ex03`` the grader loads ``DIR/ex03.py``, a Python file whose
top-level :class:`lib.grading.questions.Question` objects become extra questions, in
the order they are defined, with ids unused by the public ones::

    # DIR/ex03.py
    import numpy as np
    from lib.grading import call, fail, question

    @question("h1", points=1, answer="one_hot")
    def unicode_words(one_hot):
        \"\"\"one_hot works for words outside ASCII.\"\"\"
        vec = np.asarray(call(one_hot, "café", ["naïve", "café"]))
        if vec.tolist() != [0, 1]:
            fail(f"one_hot('café', ['naïve', 'café']) returned {vec.tolist()}, expected [0, 1]")

A check receives the notebook's object named by ``answer`` and passes by
returning; ``fail(reason)`` (or a failed ``assert``) fails it. The helpers in
:mod:`lib.grading.checks` turn a student's exception, a missing ``return``
or a stub into a failure with a reason. Each check runs under its own time
limit (``timeout=`` in ``question``, 5 s by default).
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import jupytext
import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import DeadKernelError

from lib.grading.questions import Question, load_exercise, load_hidden
from lib.paths import REPO_ROOT

GRACE_SECONDS = 5.0
"""How long a kernel may take to answer after an interrupt before it is killed."""

GRADING_CELL = """\
def _grade_submission():
    import json
    from lib.grading.questions import grade_namespace
    report = grade_namespace({exercise!r}, globals(), hidden_file={hidden!r})
    with open({out!r}, "w", encoding="utf-8") as f:
        json.dump(report.to_dict(), f)
_grade_submission()
"""


@dataclass
class Row:
    """One submission's line of the CSV."""
    submission: str
    points: dict[str, float] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    feedback: list[str] = field(default_factory=list)

    @property
    def total(self) -> float:
        return sum(self.points.values())


# ----------------------------------------------------------------------------- helpers

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
    nb = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    return nb


def _cell_name(cell, index: int) -> str:
    """How the error column names a cell: its number and first line.

    Example: cell 7 holding ``while True:\n    pass`` → ``"cell 8 (while True:)"``.
    """
    first = (cell.source.strip().splitlines() or [""])[0]
    return f"cell {index + 1} ({first[:40] + ('…' if len(first) > 40 else '')})"


def _cell_error(cell) -> str | None:
    """``'RuntimeError'`` if the executed cell's outputs hold an error, else None."""
    return next((o.get("ename", "error") for o in cell.get("outputs", []) if o.get("output_type") == "error"),
                None)


class _Kernel:
    """A fresh kernel that runs cells under a time limit, interrupting a cell that overruns it.

    On a timeout nbclient interrupts the kernel and hands back a stand-in
    error reply named ``TIMEOUT`` instead of waiting; :meth:`run` reports it.
    """
    TIMEOUT = "GraderCellTimeout"

    def __init__(self, nb: nbformat.NotebookNode):
        self.client = NotebookClient(
            nb, kernel_name="python3", allow_errors=True, interrupt_on_timeout=True,
            error_on_timeout={"ename": self.TIMEOUT, "evalue": "", "traceback": []},
            shutdown_kernel="immediate", record_timing=False, iopub_timeout=2, on_cell_error=self._on_error)
        self.timed_out = False

    def _on_error(self, cell, cell_index, execute_reply):
        self.timed_out = execute_reply["content"].get("ename") == self.TIMEOUT

    def run(self, index: int, seconds: float) -> bool:
        """Run code cell ``index`` of the notebook; False if it ran past ``seconds`` and was interrupted."""
        self.client.timeout, self.timed_out = max(1, int(round(seconds))), False
        self.client.execute_cell(self.client.nb.cells[index], index)
        return not self.timed_out

    def run_extra(self, source: str, seconds: float) -> bool:
        """Append a code cell holding ``source`` and run it, like :meth:`run`."""
        self.client.nb.cells.append(nbformat.v4.new_code_cell(source))
        return self.run(len(self.client.nb.cells) - 1, seconds)


# ----------------------------------------------------------------------------- grading

def grade_submission(path: Path, exercise: str, questions: list[Question], hidden_file: Path | None,
                     timeout: float) -> Row:
    """Run one notebook in a fresh kernel and check every question; never raises."""
    row = Row(path.name)
    try:
        nb = read_submission(path)
    except Exception as error:  # a corrupt file scores zero, with the reason
        row.errors.append(f"could not read the notebook: {type(error).__name__}: {error}")
        return row
    if not any(cell.cell_type == "code" for cell in nb.cells):
        row.errors.append("the notebook has no code cells")
        return row
    workdir = tempfile.mkdtemp(prefix="grade-")
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(REPO_ROOT),
                                                                    os.environ.get("PYTHONPATH")])))
    kernel, n_cells, name = _Kernel(nb), len(nb.cells), "the kernel start"
    try:
        with kernel.client.setup_kernel(cwd=workdir, env=env, stderr=subprocess.DEVNULL):
            for index in range(n_cells):
                if nb.cells[index].cell_type != "code":
                    continue
                name = _cell_name(nb.cells[index], index)
                if kernel.run(index, timeout):
                    if _cell_error(nb.cells[index]):
                        row.errors.append(f"{name} raised {_cell_error(nb.cells[index])}")
                    continue
                row.errors.append(f"{name} ran past {timeout:g} s and was interrupted")
                if not kernel.run_extra("pass", min(GRACE_SECONDS, max(timeout, 1))):
                    row.errors.append("the kernel ignored the interrupt and was killed; nothing was graded")
                    return row
            out, name = os.path.join(workdir, "results.json"), "the checks"
            source = GRADING_CELL.format(exercise=exercise, out=out,
                                         hidden=str(hidden_file) if hidden_file else None)
            if not kernel.run_extra(source, sum(q.timeout for q in questions) + 30):
                row.errors.append("checking the answers ran out of time; the kernel was killed")
                return row
            if not os.path.exists(out):
                row.errors.append(f"the checks could not run: {_traceback_tail(nb.cells[-1])}")
                return row
            with open(out, encoding="utf-8") as f:
                results = json.load(f)["results"]
            row.points = {r["question"]: r["points"] for r in results}
            row.feedback = [f"{'✓' if r['passed'] else '✗'} {r['question']} {r['answer']}: "
                            f"{r['points']:g}/{r['max_points']:g} points — {r['reason']}" for r in results]
    except DeadKernelError:
        row.errors.append(f"the kernel died during {name} (did the notebook exit or crash Python?); "
                          "nothing was graded")
    except Exception as error:  # the kernel failed to start, and the like
        row.errors.append(f"grading failed: {type(error).__name__}: {error}")
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return row


def _traceback_tail(cell) -> str:
    """The error name and message from an executed cell's outputs."""
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            return f"{output.get('ename')}: {output.get('evalue')}"
    return "no results were written"


def grade_folder(exercise_name: str, folder: str | Path, output: str | Path,
                 hidden_dir: str | Path | None = None, timeout: float = 60.0,
                 feedback_dir: str | Path | None = None, log=sys.stderr) -> list[Row]:
    """Grade every submission in ``folder`` and write the CSV to ``output``; returns the rows.

    With ``feedback_dir``, also write ``<submission>.txt`` there: every question's ✓/✗, points and reason.
    """
    exercise = load_exercise(exercise_name)
    hidden_file = None
    if hidden_dir is not None:
        hidden_file = Path(hidden_dir).resolve() / f"{exercise.id}.py"
        if not hidden_file.is_file():
            raise FileNotFoundError(f"no hidden checks for {exercise.id}: expected the file {hidden_file}")
    hidden = load_hidden(hidden_file, exercise) if hidden_file else []
    questions = list(exercise.questions.values()) + hidden
    ids, max_total = [q.id for q in questions], sum(q.points for q in questions)
    rows = []
    for path in find_submissions(Path(folder)):
        row = grade_submission(path, exercise.id, questions, hidden_file, timeout)
        rows.append(row)
        if feedback_dir is not None:
            Path(feedback_dir).mkdir(parents=True, exist_ok=True)
            Path(feedback_dir, f"{path.name}.txt").write_text("\n".join(
                [f"{exercise.id} {path.name}: {row.total:g}/{max_total:g} points", *row.feedback,
                 *(f"note: {e}" for e in row.errors)]) + "\n", encoding="utf-8")
        print(f"{row.submission}: {row.total:g}/{max_total:g}"
              + (f"  ({'; '.join(row.errors)})" if row.errors else ""), file=log, flush=True)
    with open(output, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", *ids, "total", "max_total", "error"])
        for row in rows:
            writer.writerow([row.submission, *(f"{row.points.get(i, 0):g}" for i in ids),
                             f"{row.total:g}", f"{max_total:g}", "; ".join(row.errors)])
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.grading.grader", description=__doc__.split("\n")[0])
    parser.add_argument("exercise",
                        help="exercise module in lib/grading/exercises, numbered like its chapter, e.g. ex03 (or 3)")
    parser.add_argument("submissions", help="folder of .md / .ipynb submissions")
    parser.add_argument("-o", "--output", default="grades.csv", help="CSV file to write (default grades.csv)")
    parser.add_argument("--hidden", metavar="DIR", help="folder holding extra checks, DIR/<exercise>.py")
    parser.add_argument("--feedback", metavar="DIR",
                        help="also write DIR/<submission>.txt with each question's result and reason")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="SECONDS",
                        help="time limit per notebook cell before it is interrupted (default 60)")
    args = parser.parse_args(argv)
    if not Path(args.submissions).is_dir():
        parser.error(f"{args.submissions} is not a folder")
    try:
        rows = grade_folder(args.exercise, args.submissions, args.output, args.hidden, args.timeout,
                            args.feedback)
    except (ValueError, FileNotFoundError) as error:
        parser.error(str(error))
    print(f"graded {len(rows)} submission(s) → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
