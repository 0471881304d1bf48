"""Grade a folder of exercise submissions into a CSV file (the instructor's command line).

Usage::

    python -m lib.grading.grader EXERCISE SUBMISSIONS_DIR -o grades.csv [--hidden DIR] [--jobs N]
        [--feedback DIR] [--gradescope DIR] [--timeout S] [--total-timeout S] [--isolation MODE]

``EXERCISE`` names a module in ``lib/grading/exercises`` (``ex03``, or just ``3``). Every ``*.md``
and ``*.ipynb`` directly in ``SUBMISSIONS_DIR`` is run top to bottom in its own Jupyter kernel,
inside a sandbox (``--isolation``, strongest available by default, and printed at the start): a
private folder holding only a copy of the submission, the course code read-only, no network, an
empty environment, and limits on memory, CPU time, processes, open files, file size and output.
A cell may run ``--timeout`` seconds (default 60) and all cells together ``--total-timeout``
(default 600); a cell that overruns is interrupted, a kernel that ignores that is killed.

Student code never runs in the grader. The grader asks the kernel for each answer: a value comes
back as plain data (JSON and ``.npy``, never unpickled), a function is called in the kernel with
the checks' inputs. The checks, their expected values and the hidden checks stay in the grader;
points are capped at each question's maximum. Whatever a submission does (patch ``lib`` in its
kernel, forge files, kill its parent, flood output, loop forever) costs that submission only.

Outputs: the CSV has ``submission``, one column of points per question (hidden ones last),
``total``, ``max_total``, ``flags`` (for a human: uses the course's reference implementations,
output truncated, a limit hit) and ``error``. Each row is written and flushed as its submission
finishes; running the same command again skips the submissions already in the CSV. ``--jobs N``
grades N submissions at once. ``--feedback DIR`` writes ``DIR/<submission>.txt`` for students and
``--gradescope DIR`` Gradescope's ``results.json`` (``DIR/results.json`` for a single submission,
else ``DIR/<submission>/results.json``); hidden questions show there without their reasons.

Not protected against: bugs in Linux or bubblewrap; copied answers. Without bubblewrap (isolation
``user``) the kernel can reach the network and read what any user may read; ``none`` is for your own
notebooks only. ``python -m lib.grading.attack_drill ex03`` shows what the isolation holds on this
machine: it grades notebooks that cheat and checks that nothing got through.

Grading fairly although solutions/ is public: put extra questions in ``--hidden DIR``, a folder
OUTSIDE the repository, with inputs of your own; they run only in the grader and the kernel never
sees the folder, only the inputs they send. Read the flags column: a submission that imports the
reference implementation scores like the solution. ``DIR/ex03.py`` holds top-level questions::

    from lib.grading import call, fail, question

    @question("h1", points=1, answer="one_hot")
    def unicode_words(one_hot):
        \"\"\"one_hot works for words outside ASCII.\"\"\"
        if list(call(one_hot, "café", ["naïve", "café"])) != [0, 1]:
            fail("one_hot('café', ['naïve', 'café']) is wrong")
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import multiprocessing
import os
import sys
import time
from multiprocessing.connection import wait
from pathlib import Path

from lib.grading.grade_outputs import GradesCsv, Row, feedback_text, gradescope_results
from lib.grading.questions import load_exercise, load_hidden
from lib.grading.sandbox import ISOLATIONS, Limits, choose_isolation, kill_user, sandbox_uid
from lib.grading.submission import Settings, find_submissions, grade_submission


# ----------------------------------------------------------------------------- a folder, in parallel

def _worker(conn, path, exercise, questions, settings, slot):
    try:
        row = grade_submission(path, exercise, questions, settings, slot)
    except BaseException as error:   # a bug of the grader's own: this submission only
        row = Row(path.name, errors=[f"grading failed: {type(error).__name__}: {error}"])
    conn.send_bytes(json.dumps(dataclasses.asdict(row)).encode("utf-8"))
    conn.close()


def grade_folder(exercise_name: str, folder: str | Path, output: str | Path, hidden_dir: str | Path | None = None,
                 timeout: float = 60.0, feedback_dir: str | Path | None = None, jobs: int = 1,
                 total_timeout: float = 600.0, gradescope_dir: str | Path | None = None,
                 isolation: str = "auto", limits: Limits | None = None, log=sys.stderr) -> list[Row]:
    """Grade every submission in ``folder`` not yet in the CSV ``output``; returns the rows graded now."""
    exercise = load_exercise(exercise_name)
    hidden = []
    if hidden_dir is not None:
        hidden_file = Path(hidden_dir).resolve() / f"{exercise.id}.py"
        if not hidden_file.is_file():
            raise FileNotFoundError(f"no hidden checks for {exercise.id}: expected the file {hidden_file}")
        hidden = load_hidden(hidden_file, exercise)   # here only: never in a student's kernel
    questions = list(exercise.questions.values()) + hidden
    max_total = sum(q.points for q in questions)
    isolation = choose_isolation(isolation)
    limits = dataclasses.replace(limits or Limits(), cell_seconds=timeout, total_seconds=total_timeout)
    print(f"isolation: {isolation}: {ISOLATIONS[isolation]}", file=log, flush=True)
    if isolation != "bwrap" and hidden_dir is not None and os.stat(hidden_dir).st_mode & 0o005:
        print(f"warning: {hidden_dir} is readable by other users, so also by the kernels in this isolation; "
              f"chmod 700 it", file=log, flush=True)
    grades = GradesCsv(Path(output), [q.id for q in questions])
    hide = tuple(str(p) for p in (hidden_dir, folder, output, feedback_dir, gradescope_dir) if p)
    settings = Settings(isolation, limits, hide)
    submissions = find_submissions(Path(folder))
    todo = [p for p in submissions if p.name not in grades.done]
    if len(todo) < len(submissions):
        print(f"{len(submissions) - len(todo)} submission(s) already in {output}: skipped", file=log, flush=True)
    wall = total_timeout + 2 * sum(q.timeout for q in questions) + 120
    context, running, rows = multiprocessing.get_context("fork"), {}, []
    free_slots = list(range(max(1, min(jobs, 64))))
    while todo or running:
        while todo and free_slots:
            path, slot = todo.pop(0), free_slots.pop(0)
            receive, send = context.Pipe(duplex=False)
            process = context.Process(target=_worker, args=(send, path, exercise, questions, settings, slot))
            process.start()
            send.close()
            running[receive] = (path, slot, process, time.monotonic() + wall)
        for receive in wait(list(running), timeout=1.0):
            path, slot, process, _ = running.pop(receive)
            try:
                row = Row(**json.loads(receive.recv_bytes()))
            except (EOFError, OSError, ValueError, TypeError):
                row = Row(path.name, errors=["the grading process ended without a result"])
            process.join(10)
            free_slots.append(slot)
            rows.append(_record(row, grades, exercise.id, max_total, feedback_dir, gradescope_dir,
                                len(submissions), log))
        for receive, (path, slot, process, end) in list(running.items()):
            if time.monotonic() > end:   # a stuck grading process: end it and its sandbox
                process.kill()
                process.join(10)
                if settings.isolation != "none":
                    kill_user(sandbox_uid(slot))
                running.pop(receive)
                free_slots.append(slot)
                rows.append(_record(Row(path.name, errors=[f"grading took longer than {wall:g} s and was stopped"],
                                        flags=["hit a limit: grading time"]),
                                    grades, exercise.id, max_total, feedback_dir, gradescope_dir,
                                    len(submissions), log))
    return rows


def _record(row: Row, grades: GradesCsv, exercise_id: str, max_total: float, feedback_dir, gradescope_dir,
            count: int, log) -> Row:
    """Write one finished submission everywhere it goes, the CSV row first."""
    grades.append(row, max_total)
    if feedback_dir is not None:
        Path(feedback_dir).mkdir(parents=True, exist_ok=True)
        Path(feedback_dir, f"{row.submission}.txt").write_text(feedback_text(row, exercise_id, max_total),
                                                               encoding="utf-8")
    if gradescope_dir is not None:
        target = Path(gradescope_dir) if count == 1 else Path(gradescope_dir, row.submission)
        target.mkdir(parents=True, exist_ok=True)
        (target / "results.json").write_text(json.dumps(gradescope_results(row, max_total), indent=1),
                                             encoding="utf-8")
    print(f"{row.submission}: {row.total:g}/{max_total:g}" + (f"  [{'; '.join(row.flags)}]" if row.flags else "")
          + (f"  ({'; '.join(row.errors)})" if row.errors else ""), file=log, flush=True)
    return row


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m lib.grading.grader", description=__doc__.split("\n")[0],
                                     epilog=__doc__.split("\n\n", 2)[2],
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("exercise", help="exercise module in lib/grading/exercises, e.g. ex03 (or 3)")
    parser.add_argument("submissions", help="folder of .md / .ipynb submissions")
    parser.add_argument("-o", "--output", default="grades.csv", help="CSV file to write or resume (grades.csv)")
    parser.add_argument("--hidden", metavar="DIR", help="folder outside the repository holding DIR/<exercise>.py")
    parser.add_argument("--feedback", metavar="DIR", help="write DIR/<submission>.txt for each student")
    parser.add_argument("--gradescope", metavar="DIR", help="write Gradescope's results.json under DIR")
    parser.add_argument("--jobs", type=int, default=1, metavar="N", help="submissions graded at once (1)")
    parser.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds per cell (60)")
    parser.add_argument("--total-timeout", type=float, default=600.0, metavar="S",
                        help="seconds for all cells of one notebook (600)")
    parser.add_argument("--isolation", default="auto", choices=["auto", *ISOLATIONS],
                        help="auto: bwrap when installed and run as root, else user (root), else none")
    args = parser.parse_args(argv)
    if not Path(args.submissions).is_dir():
        parser.error(f"{args.submissions} is not a folder")
    try:
        rows = grade_folder(args.exercise, args.submissions, args.output, args.hidden, args.timeout, args.feedback,
                            args.jobs, args.total_timeout, args.gradescope, args.isolation)
    except (ValueError, FileNotFoundError) as error:
        parser.error(str(error))
    print(f"graded {len(rows)} submission(s) → {args.output}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
