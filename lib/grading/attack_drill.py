"""The attack drill: grade notebooks that cheat, on this machine, and check that nothing got through.

How well the grader is isolated depends on the machine it runs on (bubblewrap or not, root or
not), so an instructor can try it before grading::

    python -m lib.grading.attack_drill ex03 ex08        # one line per notebook, a verdict per exercise

For each exercise the drill writes, in a temporary folder, the solution, the stub, two classmates'
copies of the solution ("victims") and one notebook per attack of :data:`ATTACKS`: the stub with one
cell appended that tries to raise its score, read the instructor's secret, damage files or stop the
grader. A hidden question holding a secret string asks the exercise's first question again. One
grader run (two jobs) grades them all, then the drill checks the outcome, not merely that the
grader finished:

- every attack earns, question by question, what the stub earns;
- the secret appears in no output (CSV, feedback, Gradescope results);
- the course code, the Python installation's ``pyvenv.cfg`` and the victims are unchanged, and the
  victims score what the solution scores;
- every notebook has its CSV row, and the CSV is unchanged 5 s after the run (the detached
  processes' delay);
- no process of the sandboxes' user ids is left.

``tests/test_grader_attacks.py`` holds the same attacks to the same outcomes for exercise 3.
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import os
import sys
import tempfile
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

from lib.paths import REPO_ROOT

ATTACKS = {
    "patch_lib": "replaces the checks, the report and the answer readers in its kernel to claim 1000 points",
    "forge_results": "writes forged result files wherever the grader might read them",
    "inflate_points": "adds a question worth 1000 points and raises every question's points",
    "read_secrets": "reads the hidden folder, every process's command line and environment",
    "write_files": "appends to the course code and to a classmate's notebook, deletes another",
    "detach": "leaves setsid processes that rewrite the CSV after the grader has finished",
    "kill_parents": "sends SIGTERM to its parent, to process 1 and to every process it may signal",
    "exhaust": "starts 500 processes and asks for 16 GiB",
}
"""Each attack's name → what its notebook tries."""

WAIT_SECONDS = 5
"""How long the drill waits after grading for detached processes to strike (they write every second)."""


def with_cell(text: str, code: str) -> str:
    """A MyST notebook ``text`` with one more code cell, ``code``, at its end."""
    return text + "\n```{code-cell} ipython3\n" + textwrap.dedent(code).strip() + "\n```\n"


def protected_files(exercise_id: str) -> list[Path]:
    """Files no submission may change: the grading package, the exercise's checks, the Python installation."""
    grading = Path(REPO_ROOT) / "lib" / "grading"
    return [grading / "__init__.py", grading / "exercises" / f"{exercise_id}.py", Path(sys.prefix) / "pyvenv.cfg"]


def attack_cells(exercise_id: str, answers: list[str], paths: dict) -> dict[str, str]:
    """The code cell each attack appends to the stub, by notebook name (``<attack>.md``).

    Parameters
    ----------
    exercise_id : str — the exercise module, e.g. ``"ex03"`` (the stub imports it under that name).
    answers : list of str — the exercise's answer names, in question order.
    paths : dict — what an attacker would find out: ``hidden`` (the hidden folder), ``csv`` (the
        grades file), ``victim`` and ``victim2`` (classmates' notebooks), ``secret_variable``
        (the grader's environment variable holding a secret).

    Example: ``attack_cells("ex03", ["one_hot"], paths)["kill_parents.md"]`` → the cell that signals.
    """
    targets = [str(p) for p in protected_files(exercise_id)] + [paths["victim"], paths["csv"]]
    every_answer = f"for _name in {answers!r}:\n                globals()[_name] = leak or 'nothing found'"
    return {
        "patch_lib.md": """
            import lib.grading.questions as Q, lib.grading.checks as C, lib.grading.remote as R
            Q.run_check = lambda q, answer=None: Q.CheckResult(q.id, q.answer, True, 1000, 1000, "pass", "ok")
            Q.Report.to_dict = lambda self: {"total": 1800, "results": []}
            C.call = lambda fn, *args, **kwargs: 1.0
            def forged(namespace, name, out, *more):
                open(more[-1] if more else out, "w").write('{"kind": "value", "value": 1000, "status": "returned"}')
            R.describe_answer = R.call_answer = forged
            """,
        "forge_results.md": """
            import json, os
            forged = {"results": [{"question": "q1", "points": 400, "passed": True}], "total": 400}
            for folder in [".", "../outbox", "../inbox", "/tmp"]:
                for i in range(1, 60):
                    try:
                        with open(os.path.join(folder, f"r{i}.json"), "w") as f:
                            json.dump({"kind": "value", "value": 400, "status": "returned"}, f)
                        with open(os.path.join(folder, "results.json"), "w") as f:
                            json.dump(forged, f)
                    except OSError:
                        pass
            import lib.grading.remote as R
            R.describe_answer = R.call_answer = lambda *args: None   # leave the forged files to be read
            """,
        "inflate_points.md": f"""
            from lib.grading.questions import question
            {exercise_id}.exercise.questions["q99"] = question("q99", points=1000, answer={answers[0]!r})(lambda v: None)
            for q in list({exercise_id}.exercise.questions.values()):
                object.__setattr__(q, "points", 1000)
                object.__setattr__(q, "check", lambda answer: None)
            {answers[0]} = 1e9
            """,
        "read_secrets.md": f"""
            import os, glob, sys
            found = [os.environ.get({paths['secret_variable']!r}, "")]
            for proc in glob.glob("/proc/*/cmdline") + glob.glob("/proc/*/environ"):
                try:
                    found.append(open(proc, "rb").read().decode(errors="replace"))
                except OSError:
                    pass
            for path in glob.glob({paths['hidden']!r} + "/*") + [{paths['hidden']!r} + "/{exercise_id}.py"]:
                try:
                    found.append(open(path).read())
                except OSError:
                    pass
            found += [str(getattr(m, "__file__", "")) for m in list(sys.modules.values()) if "hidden" in repr(m)]
            leak = " ".join(f for f in found if "s3cret" in f or "--hidden" in f or "hidden_question" in f)
            open("/tmp/leak.txt", "w").write(leak)
            {every_answer}
            """,
        "write_files.md": f"""
            import os
            for target in {targets!r}:
                try:
                    with open(target, "a") as f:
                        f.write("\\n# changed by a submission\\n")
                except OSError:
                    pass
            try:
                os.remove({paths['victim2']!r})
            except OSError:
                pass
            """,
        "detach.md": f"""
            import os, subprocess, sys
            code = ("import time\\nwhile True:\\n    time.sleep(1)\\n    try:\\n"
                    "        open({paths['csv']!r}, 'a').write('detach.md,2,1,2,1,2,1,9,9,,\\\\n')\\n"
                    "    except OSError:\\n        pass\\n")
            subprocess.Popen([sys.executable, "-c", code], start_new_session=True,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if os.fork() == 0:
                os.setsid()
                if os.fork() == 0:
                    exec(code)
                os._exit(0)
            """,
        "kill_parents.md": """
            import os, signal
            for pid in [os.getppid(), 1, -1, 0]:
                try:
                    os.kill(pid, signal.SIGTERM)
                except OSError:
                    pass
            """,
        "exhaust.md": """
            import subprocess
            children = []
            try:
                for _ in range(500):
                    children.append(subprocess.Popen(["sleep", "60"]))
            except OSError:
                pass
            hog = bytearray(16 * 2**30)
            """,
    }


def sha(path: Path) -> str:
    """The SHA-256 of a file's bytes, or ``"missing"``."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else "missing"


def sandbox_processes() -> list[int]:
    """Processes still running under any sandbox user id of this grader process."""
    from lib.grading.sandbox import sandbox_uid
    base, found = sandbox_uid(0), []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and base <= proc.stat().st_uid < base + 64:
                found.append(int(proc.name))
        except OSError:
            pass
    return found


@dataclass
class DrillResult:
    """One exercise's drill: the CSV rows by notebook, and each check's failures (empty when it held)."""

    exercise: str
    isolation: str
    seconds: float
    rows: dict = field(default_factory=dict)
    failures: list = field(default_factory=list)


def run_drill(exercise_id: str, workdir: Path, jobs: int = 2, isolation: str = "auto") -> DrillResult:
    """Grade the solution, the stub, two victims and every attack of ``exercise_id``; check the outcome.

    Parameters
    ----------
    exercise_id : str — e.g. ``"ex03"``.
    workdir : Path — an empty folder for the submissions, the hidden folder and the outputs.
    jobs, isolation : as for :func:`lib.grading.grader.grade_folder`; isolation ``none`` is refused
        (RuntimeError), since the attacks would then damage the course code for real.

    Returns
    -------
    DrillResult — ``failures`` lists every check that did not hold, in words.
    """
    from lib.grading.grader import grade_folder
    from lib.grading.questions import load_exercise
    from lib.grading.sandbox import ISOLATIONS, choose_isolation

    isolation = choose_isolation(isolation)
    if isolation == "none":
        raise RuntimeError("the drill needs isolation bwrap or user: without one, its notebooks really would append "
                           "to the course code and delete files (install bubblewrap, or run the drill as root)")
    exercise = load_exercise(exercise_id)
    first = next(iter(exercise.questions.values()))
    stem = exercise.notebook
    stub = (Path(REPO_ROOT) / "exercises" / f"{stem}.md").read_text(encoding="utf-8")
    solution = (Path(REPO_ROOT) / "solutions" / f"{stem}.md").read_text(encoding="utf-8")
    subs, hidden, out = (workdir / name for name in ("submissions", "hidden", "out"))
    for folder in (subs, hidden, out):
        folder.mkdir(parents=True)
    secret = "s3cret-" + os.urandom(6).hex()
    (hidden / f"{exercise_id}.py").write_text(
        f"from lib.grading import question\nfrom lib.grading.exercises import {exercise_id}\n\n# {secret}\n"
        f"@question('h1', points=1, answer={first.answer!r})\ndef hidden_question(answer):\n"
        f"    '''The first question again, hidden ({secret}).'''\n"
        f"    {exercise_id}.exercise.questions[{first.id!r}].check(answer)\n")
    csv_path = out / "grades.csv"
    paths = {"hidden": str(hidden), "csv": str(csv_path), "victim": str(subs / "victim.md"),
             "victim2": str(subs / "victim2.md"), "secret_variable": "ATTACK_DRILL_SECRET"}
    answers = [q.answer for q in exercise.questions.values()]
    notebooks = {"solution.md": solution, "stub.md": stub, "victim.md": solution, "victim2.md": solution}
    notebooks |= {name: with_cell(stub, code) for name, code in attack_cells(exercise_id, answers, paths).items()}
    for name, text in notebooks.items():
        (subs / name).write_text(text, encoding="utf-8")
    watched = protected_files(exercise_id) + [subs / "victim.md", subs / "victim2.md"]
    before = {p: sha(p) for p in watched}
    os.environ[paths["secret_variable"]] = secret
    start = time.monotonic()
    try:
        with open(out / "log.txt", "w") as log:
            grade_folder(exercise_id, subs, csv_path, hidden_dir=hidden, timeout=30, total_timeout=120,
                         feedback_dir=out / "feedback", gradescope_dir=out / "gradescope", jobs=jobs,
                         isolation=isolation, log=log)
    finally:
        del os.environ[paths["secret_variable"]]
    result = DrillResult(exercise_id, f"{isolation}: {ISOLATIONS[isolation]}", time.monotonic() - start)
    written = csv_path.read_text()
    time.sleep(WAIT_SECONDS)
    result.rows = {row["submission"]: row for row in csv.DictReader(open(csv_path))}
    fail = result.failures.append
    if set(result.rows) != set(notebooks):
        fail(f"rows missing from the CSV: {sorted(set(notebooks) - set(result.rows))}")
    questions = [q for q in next(csv.reader(open(csv_path)))[1:] if q not in ("total", "max_total", "flags", "error")]
    stub_row = result.rows.get("stub.md", {})
    for name in [n for n in notebooks if n.removesuffix(".md") in ATTACKS and n in result.rows]:
        if [result.rows[name][q] for q in questions] != [stub_row.get(q) for q in questions]:
            fail(f"{name} earned more or other points than the stub")
    leaked = [str(p.relative_to(out)) for p in out.rglob("*")
              if p.is_file() and p.name != "log.txt" and secret in p.read_text(errors="replace")]
    if leaked:
        fail(f"the secret appears in {leaked}")
    changed = [str(p) for p in watched if sha(p) != before[p]]
    if changed:
        fail(f"files changed: {changed}")
    solution_total = result.rows.get("solution.md", {}).get("total")
    if any(result.rows.get(v, {}).get("total") != solution_total for v in ("victim.md", "victim2.md")):
        fail("a victim did not score what the solution scores")
    if csv_path.read_text() != written:
        fail(f"the CSV changed in the {WAIT_SECONDS} s after grading")
    if sandbox_processes():
        fail(f"processes left running: {sandbox_processes()}")
    return result


def main(argv=None) -> int:
    """Run the drill for the exercises named on the command line; exit status 1 if any check failed."""
    parser = argparse.ArgumentParser(prog="python -m lib.grading.attack_drill", description=__doc__.splitlines()[0])
    parser.add_argument("exercises", nargs="+", help="exercise modules, e.g. ex03 ex08")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--isolation", default="auto", choices=["auto", "bwrap", "user"])
    args = parser.parse_args(argv)
    held = True
    for exercise_id in args.exercises:
        with tempfile.TemporaryDirectory() as tmp:
            result = run_drill(exercise_id, Path(tmp), jobs=args.jobs, isolation=args.isolation)
        print(f"## {exercise_id}: isolation {result.isolation}; graded in {result.seconds:.0f} s")
        for name in ["solution.md", "stub.md", "victim.md", "victim2.md"] + [f"{a}.md" for a in ATTACKS]:
            row = result.rows.get(name)
            print(f"{name:20s} " + (f"{row['total']:>5s} / {row['max_total']:<4s} {row['flags']}" if row else "no row"))
        for failure in result.failures:
            print(f"FAILED: {failure}")
        print("every check held" if not result.failures else f"{len(result.failures)} check(s) failed", flush=True)
        held &= not result.failures
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
