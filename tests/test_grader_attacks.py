"""A dishonest submission gets no more than its honest work, and costs nothing but itself.

Each attack is a real notebook (the cells of :mod:`lib.grading.attack_drill`, which instructors run
on their own machines): exercise 3's stub (which scores 0) with one cell appended that
tries to raise its score, read the instructor's secrets, damage other files or the grader, and the
test asserts the outcome (the stub's score, the secret nowhere, every file unchanged, every row in
the CSV). One grader run with two jobs grades them all (the kernels start once each); a second,
smaller run in its own process measures the grader's memory under an output flood and the
notebook's total time budget.

Worked example (``patch_lib``): the notebook replaces ``run_check``, ``Report.to_dict`` and the
remote-call helpers inside its kernel so that every check passes with 1000 points. The checks run
in the grader, which only asks the kernel for answers; the stub's functions still raise
NotImplementedError there, so the row reads 0/9, like the stub's.
"""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from lib.grading import grader, sandbox, submission
from lib.grading.attack_drill import attack_cells, protected_files, sandbox_processes, sha, with_cell
from lib.grading.grade_outputs import HIDDEN_REASON
from lib.grading.questions import CheckResult, load_exercise, question
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)
STUB = (ROOT / "exercises" / "03_onehot_cosine.md").read_text(encoding="utf-8")
SOLUTION = (ROOT / "solutions" / "03_onehot_cosine.md").read_text(encoding="utf-8")
SECRET = "s3cret-" + os.urandom(6).hex()
PROTECTED = protected_files("ex03")


def attacks(paths: dict) -> dict[str, str]:
    """The attack notebooks' extra cells, by file name (:func:`lib.grading.attack_drill.attack_cells`)."""
    answers = [q.answer for q in load_exercise("ex03").questions.values()]
    return attack_cells("ex03", answers, {"secret_variable": "GRADER_TEST_SECRET", **paths})


pytestmark = pytest.mark.skipif(sandbox.choose_isolation() != "bwrap",
                                reason="these attacks need bubblewrap and root (scripts/setup.sh installs it)")


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    """Grade the solution, the stub, two victims and every attack in one run (two jobs)."""
    base = tmp_path_factory.mktemp("attacks")
    subs, hidden, out = base / "submissions", base / "hidden", base / "out"
    for folder in (subs, hidden, out):
        folder.mkdir()
    (hidden / "ex03.py").write_text(
        "from lib.grading import call, fail, question\n\n"
        f"# {SECRET}: an instructor's secret\n"
        "@question('h1', points=1, answer='one_hot')\n"
        "def hidden_question(one_hot):\n"
        f"    '''one_hot works on the instructor's own words ({SECRET}).'''\n"
        f"    if list(call(one_hot, 'b', ['a', 'b'])) != [0, 1]:\n        fail('{SECRET} expected')\n")
    csv_path = out / "grades.csv"
    paths = {"hidden": str(hidden), "csv": str(csv_path), "victim": str(subs / "victim.md"),
             "victim2": str(subs / "victim2.md")}
    notebooks = {"solution.md": SOLUTION, "stub.md": STUB, "victim.md": SOLUTION, "victim2.md": SOLUTION,
                 "uses_reference.md": SOLUTION.replace(
                     "import numpy as np\n", "import numpy as np\nfrom lib.vectors.similarity import cosine_matrix\n", 1),
                 "malformed.md": with_cell(SOLUTION, "onehot_cosine = {1: 'a key that is not a string'}")}
    notebooks |= {name: with_cell(STUB, code) for name, code in attacks(paths).items()}
    for name, text in notebooks.items():
        (subs / name).write_text(text, encoding="utf-8")
    before = {p: sha(p) for p in PROTECTED + [subs / "victim.md", subs / "victim2.md"]}
    os.environ["GRADER_TEST_SECRET"] = SECRET
    log = out / "log.txt"
    start = time.monotonic()
    try:
        with open(log, "w") as stream:
            grader.grade_folder("ex03", subs, csv_path, hidden_dir=hidden, timeout=30, total_timeout=90,
                                feedback_dir=out / "feedback", gradescope_dir=out / "gradescope", jobs=2,
                                log=stream)
    finally:
        del os.environ["GRADER_TEST_SECRET"]
    seconds = time.monotonic() - start
    csv_text = csv_path.read_text()
    time.sleep(5)   # longer than the detached processes wait before they strike
    return {"rows": {r["submission"]: r for r in csv.DictReader(open(csv_path))}, "csv": csv_text,
            "csv_after": csv_path.read_text(), "before": before, "out": out, "subs": subs, "seconds": seconds,
            "log": log.read_text(), "count": len(notebooks)}


def points(row) -> float:
    return float(row["total"])


def test_the_honest_solution_scores_full_marks_and_the_stub_nothing(attacked):
    rows = attacked["rows"]
    assert points(rows["solution.md"]) == 10 and rows["solution.md"]["error"] == ""
    assert points(rows["stub.md"]) == 0 and rows["solution.md"]["flags"] == ""
    assert "isolation: bwrap" in attacked["log"]


@pytest.mark.parametrize("name", ["patch_lib.md", "forge_results.md", "inflate_points.md", "read_secrets.md",
                                  "write_files.md", "detach.md", "kill_parents.md", "exhaust.md"])
def test_an_attack_scores_what_the_stub_scores(attacked, name):
    row, stub = attacked["rows"][name], attacked["rows"]["stub.md"]
    assert [row[q] for q in ("q1", "q2", "q3", "q4", "q5", "q6", "h1")] == \
        [stub[q] for q in ("q1", "q2", "q3", "q4", "q5", "q6", "h1")]
    assert points(row) == 0 and float(row["max_total"]) == 10


def test_unknown_questions_never_reach_the_csv(attacked):
    header = attacked["csv"].splitlines()[0].split(",")
    assert header == ["submission", "q1", "q2", "q3", "q4", "q5", "q6", "h1", "total", "max_total", "flags",
                      "error"]


def test_points_are_capped_at_the_questions_maximum():
    q = question("q1", points=2, answer="x")(lambda x: None)
    for claimed, kept in [(1000, 2.0), (-5, 0.0), (float("nan"), 0.0), (1.5, 1.5)]:
        result = CheckResult("q9", "y", True, claimed, 1000, "pass", "ok")
        data = submission.validated(q, result)
        assert (data["question"], data["max_points"], data["points"]) == ("q1", 2, kept)
        assert data["passed"] == (kept == 2.0)


def test_the_secret_and_the_hidden_checks_appear_nowhere(attacked):
    out = attacked["out"]
    texts = [p.read_text(errors="replace") for p in out.rglob("*") if p.is_file() and p.name != "log.txt"]
    assert texts and not any(SECRET in t for t in texts)
    assert not any("--hidden" in t or "hidden_question" in t for t in texts)
    feedback = (out / "feedback" / "read_secrets.md.txt").read_text()
    assert "nothing found" in feedback                  # what the notebook could see, shown back to it
    assert f"h1 one_hot: 0/1 points — {HIDDEN_REASON}" in feedback
    assert not Path("/tmp/leak.txt").exists() or SECRET not in Path("/tmp/leak.txt").read_text()
    results = json.loads((out / "gradescope" / "solution.md" / "results.json").read_text())
    assert (results["score"], results["max_score"]) == (10.0, 10.0)
    assert results["tests"][-1] == {"name": "h1 one_hot", "score": 1.0, "max_score": 1.0,
                                    "output": HIDDEN_REASON, "visibility": "after_published"}


def test_other_submissions_and_the_course_code_are_unchanged(attacked):
    assert {p: sha(p) for p in attacked["before"]} == attacked["before"]
    assert points(attacked["rows"]["victim.md"]) == 10 and points(attacked["rows"]["victim2.md"]) == 10


def test_detached_processes_die_with_their_sandbox(attacked):
    assert attacked["csv_after"] == attacked["csv"]
    assert sandbox_processes() == []


def test_killing_parents_costs_only_that_submission_and_every_row_is_written(attacked):
    rows = attacked["rows"]
    assert len(rows) == attacked["count"] and len(attacked["csv"].splitlines()) == attacked["count"] + 1


def test_exhausting_limits_is_flagged(attacked):
    row = attacked["rows"]["exhaust.md"]
    assert "hit a limit: memory" in row["flags"] and "MemoryError" in row["error"]


def test_reference_implementations_are_flagged_and_malformed_answers_cost_one_question(attacked):
    rows = attacked["rows"]
    assert "uses lib's reference lib.vectors.similarity.cosine_matrix" in rows["uses_reference.md"]["flags"]
    assert points(rows["uses_reference.md"]) == 10
    malformed = rows["malformed.md"]
    assert (malformed["q6"], points(malformed)) == ("0", 9)
    assert "onehot_cosine" in (attacked["out"] / "feedback" / "malformed.md.txt").read_text()


def test_a_rerun_resumes_and_grades_nothing_twice(attacked, tmp_path):
    out = attacked["out"]
    rows = grader.grade_folder("ex03", attacked["subs"], out / "grades.csv", hidden_dir=out.parent / "hidden",
                               log=open(os.devnull, "w"))
    assert rows == [] and (out / "grades.csv").read_text() == attacked["csv"]


FLOOD_SCRIPT = """
import resource, sys
from pathlib import Path
from lib.grading.submission import Settings, grade_submission
from lib.grading.questions import load_exercise
from lib.grading.sandbox import Limits
exercise = load_exercise("ex03")
settings = Settings("bwrap", Limits(cell_seconds=3, total_seconds=5))
for path in sys.argv[1:]:
    row = grade_submission(Path(path), exercise, list(exercise.questions.values()), settings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(Path(path).name, row.total, "|".join(row.flags), "|".join(row.errors), f"{peak:.0f}", sep="\\t")
"""


def test_output_floods_and_slow_cells_are_cut_and_the_grader_stays_small(tmp_path):
    paths = {"quiet.md": STUB,
             "flood.md": with_cell(STUB, """
                 import sys
                 for _ in range(50):
                     print("x" * 2**20)
                 sys.stdout.write("y" * 50 * 2**20)
                 """),
             "slow.md": STUB + "".join(with_cell("", "import time\ntime.sleep(2)") for _ in range(5))}
    for name, text in paths.items():
        (tmp_path / name).write_text(text)
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-c", FLOOD_SCRIPT, *(str(tmp_path / n) for n in paths)],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    rows = {line.split("\t")[0]: line.split("\t") for line in done.stdout.splitlines()}
    (_, _, _, _, quiet_mb), (_, total, flags, _, flood_mb) = rows["quiet.md"], rows["flood.md"]
    assert "output truncated" in flags and float(total) == 0
    assert float(flood_mb) < float(quiet_mb) + 40       # 100 MB printed, not held
    _, _, flags, errors, _ = rows["slow.md"]
    assert "hit a limit: total time" in flags and "the notebook total of 5 s" in errors
    assert "were not run" in errors
    assert time.monotonic() - start < 120


@pytest.mark.skipif(sandbox.hidden_from_other_users(sandbox.kernel_paths()) is not None,
                    reason="Python or the course lies in a folder closed to other users, so isolation "
                           "'user' refuses to start (tested in test_grader_outputs.py)")
def test_without_bubblewrap_a_user_of_its_own_still_keeps_the_grader_safe(tmp_path):
    subs = tmp_path / "submissions"
    subs.mkdir()
    (subs / "solution.md").write_text(SOLUTION)
    killer = attacks(dict.fromkeys(["hidden", "csv", "victim", "victim2"], "/x"))["kill_parents.md"]
    (subs / "kill_parents.md").write_text(with_cell(STUB, killer))
    log = tmp_path / "log.txt"
    with open(log, "w") as stream:
        rows = grader.grade_folder("ex03", subs, tmp_path / "grades.csv", timeout=30, isolation="user", log=stream)
    assert {row.submission: row.total for row in rows} == {"solution.md": 9, "kill_parents.md": 0}
    assert "isolation: user" in log.read_text() and "WITHOUT namespaces" in log.read_text()
    assert sandbox_processes() == []
