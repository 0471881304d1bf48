"""Every exercise in lib/exercises: stubs fail cleanly, solutions pass, typical wrong answers lose points,
and the instructor's grader turns a folder of notebooks into the right CSV.

The tests find exercises by module name (``lib/grading/exercises/exNN.py``), so a new
exercise is covered as soon as it exists. Each module provides ``exercise``
(a :class:`lib.grading.questions.Exercise` whose ``notebook`` names
``exercises/<notebook>.md`` and ``solutions/<notebook>.md``) and
``WRONG_ANSWERS`` ({question id: [(label, wrong answer), …]}).

Worked example (``test_wrong_answer_loses_points[ex03-q2-fraction instead of percent]``):
we run the solution notebook's code cells in this process, replace its
``sparsity_percent`` by ``lambda V: (V - 1) / V`` and grade the namespace:
q2 fails ("sparsity_percent(10) returned 0.9, a fraction; …") and every other
question keeps its points, so the total drops by exactly q2's 1 point.

Most tests run notebooks in this process (fast); the grader tests start one
Jupyter kernel per submission, so they use as few submissions as the
behaviour needs.
"""
from __future__ import annotations

import csv
import functools
import importlib
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import pytest

import lib.grading.exercises
from lib.grading import grader
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
EXERCISES = sorted(m.name for m in pkgutil.iter_modules(lib.grading.exercises.__path__)
                   if re.fullmatch(r"ex\d+[a-z]?", m.name))
HEADER = {"extension": ".md", "format_name": "myst"}


def module(name: str):
    return importlib.import_module(f"lib.grading.exercises.{name}")


def notebook(name: str, kind: str) -> Path:
    """``exercises/<notebook>.md`` (kind "exercises") or ``solutions/<notebook>.md``."""
    return ROOT / kind / f"{module(name).exercise.notebook}.md"


def code_cells(path: Path) -> list[str]:
    return [c.source for c in jupytext.read(path).cells if c.cell_type == "code"]


@functools.lru_cache(maxsize=None)
def _run(path: Path) -> dict:
    namespace = {"__name__": "__main__"}
    for i, source in enumerate(code_cells(path)):
        exec(compile(source, f"<{path.name} code cell {i + 1}>", "exec"), namespace)
    return namespace


def run_in_process(path: Path) -> dict:
    """Run a notebook's code cells top to bottom here, like "Run all"; returns a copy of its globals."""
    return dict(_run(path))


def answer_cell_index(cells: list[str], answer: str) -> int:
    """Index of the code cell that defines ``answer`` (``def answer(`` or ``answer = ``)."""
    pattern = re.compile(rf"^(def {re.escape(answer)}\(|{re.escape(answer)}\s*=)", re.M)
    return next(i for i, source in enumerate(cells) if pattern.search(source))


WRONG = [(name, qid, label) for name in EXERCISES
         for qid, wrongs in getattr(module(name), "WRONG_ANSWERS", {}).items() for label, _ in wrongs]


# ----------------------------------------------------------------------------- notebooks and checks

def test_exercises_are_found():
    assert "ex03" in EXERCISES


@pytest.mark.parametrize("name", EXERCISES)
def test_notebooks_exist_with_the_course_header(name):
    for kind in ["exercises", "solutions"]:
        nb = jupytext.read(notebook(name, kind))
        assert nb.metadata["kernelspec"]["name"] == "python3"
        assert HEADER.items() <= nb.metadata["jupytext"]["text_representation"].items()


@pytest.mark.parametrize("name", EXERCISES)
def test_book_lists_the_exercise_but_not_its_solution(name):
    toc = (ROOT / "_toc.yml").read_text()
    assert f"exercises/{module(name).exercise.notebook}" in toc
    assert "solutions/" not in toc


@pytest.mark.parametrize("name", EXERCISES)
def test_stub_and_solution_differ_only_in_answer_cells(name):
    stub, solution = (jupytext.read(notebook(name, k)).cells for k in ["exercises", "solutions"])
    assert [c.cell_type for c in stub] == [c.cell_type for c in solution]
    changed = [(s.source, t.source) for s, t in zip(stub, solution) if s.source != t.source]
    assert all(s.cell_type == "code" for s, t in zip(stub, solution) if s.source != t.source)
    for stub_source, _ in changed:
        assert "raise NotImplementedError" in stub_source or re.search(r"=\s*\.\.\.", stub_source)
    assert len(changed) >= len(set(q.answer for q in module(name).exercise.questions.values()))


@pytest.mark.parametrize("name", EXERCISES)
def test_every_question_has_a_check_cell_and_the_notebook_ends_with_the_summary(name):
    cells = code_cells(notebook(name, "exercises"))
    for qid in module(name).exercise.questions:
        assert any(f'{name}.check("{qid}"' in source for source in cells), qid
    assert cells[-1].strip() == f"{name}.check_all(globals())"


@pytest.mark.parametrize("name", EXERCISES)
def test_stub_runs_to_the_end_and_every_question_is_unanswered(name):
    report = module(name).exercise.check_all(run_in_process(notebook(name, "exercises")))
    assert report.total == 0
    assert {r.status for r in report.results} == {"not answered"}, str(report)


@pytest.mark.parametrize("name", EXERCISES)
def test_solution_scores_full_marks(name):
    report = module(name).exercise.check_all(run_in_process(notebook(name, "solutions")))
    assert report.total == report.max_total > 0, str(report)


@pytest.mark.parametrize("name", EXERCISES)
def test_every_question_has_a_typical_wrong_answer(name):
    wrong = getattr(module(name), "WRONG_ANSWERS", {})
    assert set(wrong) == set(module(name).exercise.questions)
    assert all(len(answers) >= 1 for answers in wrong.values())


@pytest.mark.parametrize("name, qid, label", WRONG)
def test_wrong_answer_loses_points(name, qid, label):
    exercise = module(name).exercise
    wrong = dict(module(name).WRONG_ANSWERS[qid])[label]
    namespace = run_in_process(notebook(name, "solutions"))
    namespace[exercise.questions[qid].answer] = wrong
    report = exercise.check_all(namespace)
    assert report[qid].status == "fail", str(report[qid])
    assert report.total == report.max_total - exercise.questions[qid].points, str(report)


# ----------------------------------------------------------------------------- the grader CLI

def grade(args: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "lib.grading.grader", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


def read_csv(path: Path) -> tuple[list[str], dict[str, dict[str, str]]]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
        f.seek(0)
        header = next(csv.reader(f))
    return header, {row["submission"]: row for row in rows}


def write_variant(text: str, path: Path, answer: str, insert: str | None = None, prefix: str = ""):
    """Write the solution with ``prefix`` added to the cell defining ``answer``, or ``insert`` after it."""
    nb = jupytext.reads(text, fmt="md:myst")
    code = [i for i, c in enumerate(nb.cells) if c.cell_type == "code"]
    index = code[answer_cell_index([nb.cells[i].source for i in code], answer)]
    nb.cells[index].source = prefix + nb.cells[index].source
    if insert is not None:
        nb.cells.insert(index + 1, nbformat.v4.new_code_cell(insert))
    if path.suffix == ".ipynb":
        nbformat.write(nb, path)
    else:
        jupytext.write(nb, path, fmt="md:myst")


STUCK = ("import time\nwhile True:\n    try:\n        time.sleep(0.05)\n"
         "    except KeyboardInterrupt:  # ignores the grader's interrupt\n        pass\n")


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Grade, per exercise, a folder holding the solution, the stub, a notebook that raises, an unreadable
    file, a Markdown file without code, and (first exercise only) one with an endless top-level loop and
    one that ignores interrupts; with a hidden-checks folder.
    Returns {exercise: (header, rows by submission, completed process, feedback folder)}."""
    out = {}
    for n, name in enumerate(EXERCISES):
        base = tmp_path_factory.mktemp(name)
        subs, hidden = base / "submissions", base / "hidden"
        subs.mkdir(), hidden.mkdir()
        exercise = module(name).exercise
        first = next(iter(exercise.questions.values()))
        solution = notebook(name, "solutions").read_text()
        (subs / "solution.md").write_text(solution)
        (subs / "stub.md").write_text(notebook(name, "exercises").read_text())
        (subs / "broken.ipynb").write_text("{not a notebook")
        (subs / "notes.md").write_text("# Notes\n\nNo code here.\n")
        write_variant(solution, subs / "raises.ipynb", first.answer, prefix="raise RuntimeError('oops')\n")
        if n == 0:
            write_variant(solution, subs / "loops.md", first.answer, insert="while True:\n    pass\n")
            write_variant(solution, subs / "a_stuck.md", first.answer, insert=STUCK)
        (hidden / f"{exercise.id}.py").write_text(
            "from lib.grading import fail, question\n\n"
            f"@question('h1', points=1, answer={first.answer!r})\n"
            "def defined(answer):\n    'The first answer is defined.'\n\n"
            f"@question('h2', points=2, answer={first.answer!r})\n"
            "def strict(answer):\n    'A hidden check nobody passes.'\n    fail('not this time')\n")
        done = grade([name, str(subs), "-o", str(base / "grades.csv"), "--hidden", str(hidden),
                      "--timeout", "2", "--feedback", str(base / "feedback")], cwd=base)
        assert done.returncode == 0, done.stderr
        out[name] = (*read_csv(base / "grades.csv"), done, base / "feedback")
    return out


@pytest.mark.parametrize("name", EXERCISES)
def test_grader_writes_one_column_per_question_plus_hidden_ones(name, graded, tmp_path):
    header, rows, *_ = graded[name]
    ids = list(module(name).exercise.questions)
    assert header == ["submission", *ids, "h1", "h2", "total", "max_total", "error"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert grader.main([name, str(empty), "-o", str(tmp_path / "plain.csv")]) == 0  # no kernel needed
    assert read_csv(tmp_path / "plain.csv")[0] == ["submission", *ids, "total", "max_total", "error"]


@pytest.mark.parametrize("name", EXERCISES)
def test_grader_scores_solution_stub_and_broken_notebooks(name, graded):
    _, rows, _, feedback = graded[name]
    exercise = module(name).exercise
    public = sum(q.points for q in exercise.questions.values())
    solution, stub, broken = rows["solution.md"], rows["stub.md"], rows["broken.ipynb"]
    first_answer = next(iter(exercise.questions.values())).answer
    assert all(float(solution[q]) == exercise.questions[q].points for q in exercise.questions)
    assert (solution["h1"], solution["h2"], float(solution["total"])) == ("1", "0", public + 1)
    assert float(solution["max_total"]) == public + 3 and solution["error"] == ""
    assert all(stub[q] == "0" for q in exercise.questions) and stub["error"] == ""
    assert float(broken["total"]) == 0 and "could not read" in broken["error"]
    assert rows["notes.md"]["total"] == "0" and "no code cells" in rows["notes.md"]["error"]
    # h1 ("the first answer is defined") passes on a function stub, which exists but raises,
    # and fails on a value stub left as `...`, which counts as not answered.
    stub_text = notebook(name, "exercises").read_text()
    h1 = 0 if re.search(rf"^{re.escape(first_answer)}\s*=\s*\.\.\.", stub_text, re.M) else 1
    lines = (feedback / "stub.md.txt").read_text().splitlines()  # title, public, h1, h2
    assert lines[0] == f"{exercise.id} stub.md: {h1}/{public + 3:g} points"
    assert [line[:1] for line in lines[1:]] == ["✗"] * len(exercise.questions) + ["✓✗"[1 - h1], "✗"]
    reason = "not this time" if h1 else f"`{first_answer}` is still `...`: replace it with your answer"
    assert lines[-1] == f"✗ h2 {first_answer}: 0/2 points — {reason}"


@pytest.mark.parametrize("name", EXERCISES)
def test_a_cell_that_raises_costs_only_the_questions_it_affects(name, graded):
    _, rows, *_ = graded[name]
    exercise = module(name).exercise
    first = next(iter(exercise.questions))
    row = rows["raises.ipynb"]
    assert row[first] == "0" and "raised RuntimeError" in row["error"]
    if len(exercise.questions) > 1:
        assert 0 < float(row["total"]) - float(row["h1"]) < sum(q.points for q in exercise.questions.values())


def test_endless_loops_are_interrupted_or_killed_without_stopping_the_run(graded):
    _, rows, done, _ = graded[EXERCISES[0]]
    exercise = module(EXERCISES[0]).exercise
    loops, stuck = rows["loops.md"], rows["a_stuck.md"]
    assert all(float(loops[q]) == exercise.questions[q].points for q in exercise.questions)
    assert "interrupted" in loops["error"]
    assert float(stuck["total"]) == 0 and "killed" in stuck["error"]
    assert list(rows)[0] == "a_stuck.md" and len(rows) == 7  # graded first, and the run went on
    assert "a_stuck.md: 0/" in done.stderr


@pytest.mark.parametrize("args, message", [(["ex99"], "ex99"), (["ex03", "--hidden", "."], "ex03.py")])
def test_grader_rejects_unknown_exercise_and_missing_hidden_file(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as info:
        grader.main([args[0], str(tmp_path), "-o", str(tmp_path / "g.csv"), *args[1:]])
    assert info.value.code == 2 and message in capsys.readouterr().err
