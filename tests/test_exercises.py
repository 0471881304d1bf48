"""Every exercise in lib/exercises: stubs fail cleanly, solutions pass, typical wrong answers lose points,
and the instructor's grader turns a folder of notebooks into the right CSV.

The usual mistakes have a test each (section "the usual mistakes"): a softmax shifted by the mean
or the first score, attention without each row's own maximum, a naive log-sigmoid, a ``str`` whose
``==`` always says yes, a loop where the question forbids one; and defensible answers keep their
points: a value rounded to 4 decimals, a pair returned as a list, a misspelt name that gets a
friendly message instead of stopping "Run all".

The tests find exercises by module name (``lib/grading/exercises/exNN.py``, or ``exNNb.py``
for a lettered chapter), so a new exercise is covered as soon as it exists. Each module provides ``exercise``
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
import inspect
import linecache
import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import jupytext
import nbformat
import numpy as np
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
        filename = f"<{path.parent.name}/{path.name} code cell {i + 1}>"
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)  # as Jupyter does,
        exec(compile(source, filename, "exec"), namespace)  # so that a function's source can be read
    return namespace


def run_in_process(path: Path) -> dict:
    """Run a notebook's code cells top to bottom here, like "Run all"; returns a copy of its globals."""
    return dict(_run(path))


def answer_cell_index(cells: list[str], answer: str) -> int:
    """Index of the code cell that defines ``answer`` (``def answer(`` or ``answer = ``)."""
    pattern = re.compile(rf"^(def {re.escape(answer)}\(|{re.escape(answer)}\s*=)", re.M)
    return next(i for i, source in enumerate(cells) if pattern.search(source))


WRONG = [(name, qid, entry[0]) for name in EXERCISES
         for qid, wrongs in getattr(module(name), "WRONG_ANSWERS", {}).items() for entry in wrongs]


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
    """The wrong answer earns exactly the points its entry says it keeps (0 unless given); the rest stay."""
    exercise = module(name).exercise
    label, wrong, *kept = next(e for e in module(name).WRONG_ANSWERS[qid] if e[0] == label)
    kept = kept[0] if kept else 0
    namespace = run_in_process(notebook(name, "solutions"))
    namespace[exercise.questions[qid].answer] = wrong
    report = exercise.check_all(namespace)
    assert report[qid].status == ("partial" if kept else "fail"), str(report[qid])
    assert report[qid].points == kept < exercise.questions[qid].points, str(report[qid])
    assert report.total == report.max_total - exercise.questions[qid].points + kept, str(report)


def graded_with(name: str, **answers):
    """The report of the solution notebook of ``name`` with some answers replaced."""
    namespace = run_in_process(notebook(name, "solutions"))
    namespace.update(answers)
    return module(name).exercise.check_all(namespace)


def value_answers(name: str) -> list[str]:
    """The answers of ``name`` that are values (``answer = ...`` in the student notebook), not functions."""
    stub = notebook(name, "exercises").read_text(encoding="utf-8")
    return [q.answer for q in module(name).exercise.questions.values()
            if re.search(rf"^{re.escape(q.answer)} = \.\.\.", stub, re.M)]


def check_cell(name: str, qid: str) -> str:
    return next(c for c in code_cells(notebook(name, "exercises")) if f'{name}.check("{qid}")' in c)


# ----------------------------------------------------------------------------- the usual mistakes

def test_softmax_shifted_by_the_mean_or_the_first_score_loses_the_large_scores_half():
    def mean_shifted(scores):
        z = np.asarray(scores, dtype=float)
        e = np.exp(z - z.mean())                 # [2000, 0] → exp(1000) = inf
        return e / e.sum()

    def first_shifted(scores):
        z = np.asarray(scores, dtype=float)
        e = np.exp(z - z[0])                     # [-2000, 0] → exp(2000) = inf
        return e / e.sum()

    for wrong in (mean_shifted, first_shifted):
        result = graded_with("ex10", softmax=wrong)["q1"]
        assert (result.points, result.max_points, result.status) == (0.5, 1, "partial"), str(result)
        assert "large scores:" in result.reason and "LARGEST score" in result.reason


def attention_shifted_by(shift):
    def attention(Q, K, V):
        S = Q @ K.T / np.sqrt(Q.shape[1])
        E = np.exp(S - shift(S))
        A = E / E.sum(axis=1, keepdims=True)
        return A @ V, A
    return attention


@pytest.mark.parametrize("shift", [lambda S: 0.0, lambda S: S.max()], ids=["no shift", "global maximum"])
def test_attention_without_each_rows_own_maximum_loses_the_scales_point(shift):
    result = graded_with("ex13", attention=attention_shifted_by(shift))["q1"]
    assert (result.points, result.max_points) == (2, 3), str(result)
    assert "rows of very different scales:" in result.reason and "nan or inf" in result.reason
    assert graded_with("ex13", attention=attention_shifted_by(
        lambda S: S.max(axis=1, keepdims=True)))["q1"].points == 3


@pytest.mark.parametrize("shift", [lambda S: 0.0, lambda S: S.max()], ids=["no shift", "global maximum"])
def test_info_nce_without_each_rows_own_maximum_loses_the_small_temperature_part(shift):
    def info_nce(Z1, Z2, tau):
        A = Z1 / np.linalg.norm(Z1, axis=1, keepdims=True)
        B = Z2 / np.linalg.norm(Z2, axis=1, keepdims=True)
        S = A @ B.T / tau
        E = np.exp(S - shift(S))
        return float(-np.mean(np.log(np.diag(E) / E.sum(axis=1))))

    result = graded_with("ex08", info_nce=info_nce)["q4"]
    assert (result.points, result.max_points) == (1.5, 2) and "small temperature:" in result.reason


def test_naive_log_sigmoid_is_infinite_at_minus_800_and_loses_the_extreme_scores_parts():
    def naive_log_sigmoid(x):
        return np.log(1 / (1 + np.exp(-x)))      # exp(800) = inf → log 0 = −inf

    def ns_loss_and_gradients(v_c, u_o, u_neg):
        s_o, s_neg = u_o @ v_c, u_neg @ v_c
        loss = -naive_log_sigmoid(s_o) - naive_log_sigmoid(-s_neg).sum()
        g_o, g_neg = 1 / (1 + np.exp(-s_o)) - 1, 1 / (1 + np.exp(-s_neg))
        return loss, g_o * u_o + g_neg @ u_neg, g_o * v_c, g_neg[:, None] * v_c[None, :]

    def expected_negative_term(v_c, U, noise, k):
        return float(k * noise @ naive_log_sigmoid(-(U @ v_c)))

    report = graded_with("ex11", ns_loss_and_gradients=ns_loss_and_gradients,
                         expected_negative_term=expected_negative_term)
    assert (report["q2"].points, report["q2"].max_points) == (2.5, 3), str(report["q2"])
    assert (report["q4"].points, report["q4"].max_points) == (0.5, 1), str(report["q4"])
    assert "log(sigmoid(−800)) is log 0 = −∞" in report["q2"].reason
    assert report.total == report.max_total - 1


class AlwaysEqual(str):
    """A word whose == always says yes (and != always no)."""

    def __eq__(self, other):
        return True

    def __ne__(self, other):
        return False

    __hash__ = str.__hash__


@pytest.mark.parametrize("qid, answer", [("q1", "three_cos_add"), ("q2", "three_cos_mul")])
def test_a_word_answer_is_compared_as_a_plain_str(qid, answer):
    result = graded_with("ex05", **{answer: lambda E, words, a, b, c: AlwaysEqual("apple")})[qid]
    assert (result.points, result.status) == (0, "fail") and "returned 'apple'" in result.reason


def similarity_matrix_with_for(X):
    X = np.asarray(X, dtype=float)
    unit = X / np.linalg.norm(X, axis=1, keepdims=True)
    out = np.empty((len(X), len(X)))
    for i in range(len(X)):
        out[i] = unit @ unit[i]
    return out


def similarity_matrix_with_comprehension(X):
    unit = np.asarray(X, dtype=float) / np.linalg.norm(X, axis=1, keepdims=True)
    return np.array([[a @ b for b in unit] for a in unit])


def glove_weight_with_vectorize(x, x_max=100, alpha=0.75):
    return np.vectorize(lambda v: min(1.0, v / x_max) ** alpha)(np.asarray(x, dtype=float))


def batched_scores_with_while(W_in, W_out, centers, outputs):
    rows, b = [], 0
    while b < len(centers):
        rows.append(W_out[outputs[b]] @ W_in[centers[b]])
        b += 1
    return np.array(rows)


@pytest.mark.parametrize("name, qid, answer, wrong, kept, loop", [
    ("ex03", "q5", "similarity_matrix", similarity_matrix_with_for, 1, "a `for` loop"),
    ("ex03", "q5", "similarity_matrix", similarity_matrix_with_comprehension, 1, "a list comprehension"),
    ("ex12", "q1", "glove_weight", glove_weight_with_vectorize, 0.5, "a call to `vectorize`"),
    ("ex15", "q2", "batched_scores", batched_scores_with_while, 1, "a `while` loop"),
], ids=["for", "comprehension", "np.vectorize", "while"])
def test_a_loop_where_the_question_forbids_one_loses_the_no_loop_part(name, qid, answer, wrong, kept, loop):
    result = graded_with(name, **{answer: wrong})[qid]
    assert (result.points, result.status) == (kept, "partial"), str(result)
    assert result.points == result.max_points - kept and loop in result.reason


def test_the_no_loop_part_needs_the_source_and_right_values():
    solved = run_in_process(notebook("ex03", "solutions"))["similarity_matrix"]
    no_source = lambda X: solved(X)               # noqa: E731
    no_source.__grading_source__ = None           # what the grader's proxy says when no source was found
    result = graded_with("ex03", similarity_matrix=no_source)["q5"]
    assert result.points == 1 and "cannot be read" in result.reason
    result = graded_with("ex03", similarity_matrix=lambda X: np.eye(len(X)))["q5"]
    assert result.points == 0 and "counts once case 'values' passes" in result.reason


@pytest.mark.parametrize("name", [n for n in EXERCISES if value_answers(n)])
def test_values_rounded_to_4_decimals_keep_their_points(name):
    namespace = run_in_process(notebook(name, "solutions"))
    rounded = {a: round(float(namespace[a]), 4) for a in value_answers(name)
               if isinstance(namespace[a], (int, float, np.number))}      # not the text of an open question
    report = graded_with(name, **rounded)
    assert report.total == report.max_total, str(report)


def test_a_value_off_by_more_than_the_tolerance_is_told_how_far():
    want = run_in_process(notebook("ex14", "solutions"))["loss_brown_fox"]
    result = graded_with("ex14", loss_brown_fox=want + 1e-3)["q2"]
    assert result.points == 0
    assert "is 0.001 from the expected value; the tolerance is 5e-05" in result.reason


def as_other_container(fn):
    """``fn`` returning a list where it returned a tuple and a tuple where it returned a list."""
    def wrapper(*args, **kwargs):
        result = fn(*args, **kwargs)
        return list(result) if isinstance(result, tuple) else tuple(result) if isinstance(result, list) else result
    wrapper.__name__, wrapper.__grading_source__ = fn.__name__, inspect.getsource(fn)
    return wrapper


@pytest.mark.parametrize("name", EXERCISES)
def test_a_list_and_a_tuple_are_the_same_answer(name):
    namespace = run_in_process(notebook(name, "solutions"))
    answers = {q.answer for q in module(name).exercise.questions.values() if callable(namespace[q.answer])}
    report = graded_with(name, **{a: as_other_container(namespace[a]) for a in answers})
    assert report.total == report.max_total, str(report)


def test_forward_may_return_h_and_y_hat_as_a_list():
    forward = run_in_process(notebook("ex14", "solutions"))["forward"]
    result = graded_with("ex14", forward=lambda W, W_out, c: [*forward(W, W_out, c)])["q1"]
    assert result.points == result.max_points == 2


@pytest.mark.parametrize("name", EXERCISES)
def test_check_cells_name_the_question_only_and_never_raise(name):
    """Every check cell, run with its answer missing or misspelt, shows the friendly message."""
    namespace = run_in_process(notebook(name, "exercises"))
    for qid, q in module(name).exercise.questions.items():
        source = check_cell(name, qid).strip()
        assert source == f'{name}.check("{qid}")'
        broken = dict(namespace)
        broken[q.answer + "_"] = broken.pop(q.answer)          # a misspelt name
        result = eval(compile(source, "<check cell>", "eval"), broken)
        assert result.status == "missing", str(result)
        assert result.reason.startswith(f"nothing named `{q.answer}` is defined")


def test_a_misspelt_function_name_gives_the_friendly_message():
    namespace = run_in_process(notebook("ex03", "solutions"))
    namespace["one_hott"] = namespace.pop("one_hot")
    result = eval('ex03.check("q1")', namespace)
    assert (result.points, result.status) == (0, "missing")
    assert str(result) == ("✗ q1 one_hot: 0/2 points — nothing named `one_hot` is defined: "
                           "run the cell that defines it (and check the spelling)")


@pytest.mark.parametrize("name", EXERCISES)
def test_the_case_points_of_every_question_add_up_to_its_points(name):
    report = graded_with(name)
    for result in report.results:
        if result.cases:
            assert sum(c[2] for c in result.cases) == result.max_points, result.question


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
    from lib.skipgram import course_embeddings
    course_embeddings(progress=False)      # the instructor has the course's vectors (exercise 13b loads them)
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
                      # short cells for the first exercise, whose stuck cells must be cut quickly;
                      # room for the others' cells that load trained vectors
                      "--timeout", "2" if n == 0 else "60", "--feedback", str(base / "feedback"),
                      "--jobs", "2"], cwd=base)
        assert done.returncode == 0, done.stderr
        out[name] = (*read_csv(base / "grades.csv"), done, base / "feedback")
    return out


@pytest.mark.parametrize("name", EXERCISES)
def test_grader_writes_one_column_per_question_plus_hidden_ones(name, graded, tmp_path):
    header, rows, *_ = graded[name]
    ids = list(module(name).exercise.questions)
    assert header == ["submission", *ids, "h1", "h2", "total", "max_total", "flags", "error"]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert grader.main([name, str(empty), "-o", str(tmp_path / "plain.csv")]) == 0  # no kernel needed
    assert read_csv(tmp_path / "plain.csv")[0] == ["submission", *ids, "total", "max_total", "flags", "error"]


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
    assert lines[-1] == f"✗ h2 {first_answer}: 0/2 points — a hidden check: its details are not shown"


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
    assert "a_stuck.md" in rows and len(rows) == 7    # every submission graded: the run went on
    assert "a_stuck.md: 0/" in done.stderr


@pytest.mark.parametrize("args, message", [(["ex99"], "ex99"), (["ex03", "--hidden", "."], "ex03.py")])
def test_grader_rejects_unknown_exercise_and_missing_hidden_file(tmp_path, capsys, args, message):
    with pytest.raises(SystemExit) as info:
        grader.main([args[0], str(tmp_path), "-o", str(tmp_path / "g.csv"), *args[1:]])
    assert info.value.code == 2 and message in capsys.readouterr().err
