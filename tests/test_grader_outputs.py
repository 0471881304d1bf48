"""The grader's parts that need no sandbox: the crossing protocol, the outputs, the flags, the commands.

Worked example (``test_checks_work_unchanged_on_remote_answers``): exercise 3's solution runs in
this process, and a stand-in kernel executes the lines the grader would send to the real one. Each
question's check receives what the grader would hand it (plain values, :class:`RemoteFunction`
objects) and the solution still scores 9/9, the stub 0/9 with "still raises NotImplementedError".
"""
from __future__ import annotations

import csv
import json
import linecache
import os
import shutil
import tempfile
import types
from pathlib import Path

import jupytext
import numpy as np
import pytest

from lib.grading.checks import NotAnswered, StudentCodeError, call
from lib.grading.grade_outputs import HIDDEN_REASON, GradesCsv, Row, feedback_text, gradescope_results
from lib.grading.questions import MISSING, load_exercise, run_check
from lib.grading.remote import NotPlainAnswer, RemoteFunction, RemoteSession
from lib.grading import sandbox
from lib.grading.review_flags import review_flags
from lib.grading.sandbox import Limits, SandboxDir, choose_isolation, kernel_command, kernel_env
from lib.grading.sandboxed_kernel import CellOutcome
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)


class LocalKernel:
    """Runs the grader's lines in a namespace of this process (what the sandboxed kernel does, unsandboxed)."""

    def __init__(self, namespace: dict, tmp: Path):
        self.namespace = namespace
        self.box = types.SimpleNamespace(inbox=tmp / "inbox", outbox=tmp / "outbox")
        self.box.inbox.mkdir(), self.box.outbox.mkdir()

    def run(self, line: str, seconds: float) -> CellOutcome:
        exec(line, {"globals": lambda: self.namespace})
        return CellOutcome("ok")

    def read_outbox(self, name: str, max_bytes: int):
        path = self.box.outbox / name
        return path.read_bytes()[:max_bytes] if path.exists() else None


def notebook_namespace(kind: str) -> dict:
    cells = jupytext.read(ROOT / kind / "03_onehot_cosine.md").cells
    namespace = {"__name__": "__main__"}
    for i, cell in enumerate(cells):
        if cell.cell_type == "code" and "ex03.check" not in cell.source:
            name = f"<{kind} cell {i}>"          # kept in linecache, so functions keep their source, as in a kernel
            linecache.cache[name] = (len(cell.source), None, cell.source.splitlines(True), name)
            exec(compile(cell.source, name, "exec"), namespace)
    return namespace


@pytest.mark.parametrize("kind, total", [("solutions", 9), ("exercises", 0)])
def test_checks_work_unchanged_on_remote_answers(kind, total, tmp_path):
    session = RemoteSession(LocalKernel(notebook_namespace(kind), tmp_path))
    exercise = load_exercise("ex03")
    results = [run_check(q, session.answer(q.answer, 5)) for q in exercise.questions.values()]
    assert sum(r.points for r in results) == total
    if total == 0:
        assert results[0].status == "not answered" and "NotImplementedError" in results[0].reason


def test_a_remote_function_returns_plain_data_and_reports_what_went_wrong(tmp_path):
    def explode(x):
        raise ValueError(f"bad {x}")

    def stub(x):
        raise NotImplementedError

    namespace = {"double": lambda x: np.asarray(x) * 2, "explode": explode, "stub": stub,
                 "custom": lambda: object(), "value": (np.float32(0.5), "cat"), "odd": {1: 2}, "dots": ...}
    session = RemoteSession(LocalKernel(namespace, tmp_path))
    double = session.answer("double", 5)
    assert isinstance(double, RemoteFunction) and double.__name__ == "<lambda>"
    assert "lambda x" in double.__grading_source__
    assert double([1, 2]).tolist() == [2, 4] and type(double([1, 2])) is np.ndarray
    with pytest.raises(StudentCodeError, match="ValueError: bad 3"):
        session.answer("explode", 5)(3)
    with pytest.raises(NotAnswered, match="still raises NotImplementedError"):
        call(session.answer("stub", 5), 1)
    with pytest.raises(StudentCodeError, match="NotPlainData"):
        session.answer("custom", 5)()
    assert session.answer("value", 5) == [0.5, "cat"]
    assert isinstance(session.answer("odd", 5), NotPlainAnswer)
    assert session.answer("dots", 5) is Ellipsis and session.answer("nothing", 5) is MISSING
    assert list(tmp_path.rglob("*.json")) == []   # every exchanged file is gone


def test_whatever_the_kernel_writes_back_is_only_an_answer(tmp_path):
    kernel = LocalKernel({}, tmp_path)
    kernel.run = lambda line, seconds: (kernel.box.outbox / "r1.json").write_bytes(b"\x80garbage") and None \
        or CellOutcome("ok")
    with pytest.raises(StudentCodeError, match="MalformedResult"):
        RemoteSession(kernel).answer("x", 5)
    kernel.run = lambda line, seconds: CellOutcome("ok")   # writes nothing at all
    with pytest.raises(StudentCodeError, match="NoResult"):
        RemoteSession(kernel).answer("x", 5)


def test_the_csv_is_resumed_only_for_the_same_questions(tmp_path):
    path = tmp_path / "grades.csv"
    grades = GradesCsv(path, ["q1", "q2"])
    grades.append(Row("alice.md", points={"q1": 2, "q2": 0.5}, flags=["output truncated"], errors=["x"]), 3)
    assert list(csv.reader(open(path))) == [["submission", "q1", "q2", "total", "max_total", "flags", "error"],
                                             ["alice.md", "2", "0.5", "2.5", "3", "output truncated", "x"]]
    assert GradesCsv(path, ["q1", "q2"]).done == {"alice.md"}
    with pytest.raises(ValueError, match="-o"):
        GradesCsv(path, ["q1", "q2", "h1"])


def test_feedback_and_gradescope_withhold_hidden_reasons():
    results = [{"question": "q1", "answer": "f", "passed": True, "points": 2.0, "max_points": 2, "reason": "fine",
                "hidden": False},
               {"question": "h1", "answer": "f", "passed": False, "points": 0.0, "max_points": 1,
                "reason": "f([7, 7]) returned 3, expected 14", "hidden": True}]
    row = Row("bob.md", points={"q1": 2.0, "h1": 0.0}, results=results)
    text = feedback_text(row, "ex03", 3)
    assert text.splitlines() == ["ex03 bob.md: 2/3 points", "✓ q1 f: 2/2 points — fine",
                                 f"✗ h1 f: 0/1 points — {HIDDEN_REASON}"]
    data = json.loads(json.dumps(gradescope_results(row, 3)))
    assert (data["score"], data["max_score"]) == (2.0, 3.0)
    assert data["tests"][1] == {"name": "h1 f", "score": 0.0, "max_score": 1.0, "output": HIDDEN_REASON,
                                "visibility": "after_published"}
    assert "14" not in json.dumps(data) and "14" not in text


def test_flags_name_reference_implementations_and_code_built_at_run_time():
    exercise = load_exercise("ex03")
    honest = [c.source for c in jupytext.read(ROOT / "solutions" / "03_onehot_cosine.md").cells
              if c.cell_type == "code"]
    assert review_flags(exercise, honest) == []
    assert review_flags(exercise, honest + ["%time x = 1\nfrom lib.vectors import similarity"]) == \
        ["uses lib's reference lib.vectors", "uses lib's reference lib.vectors.similarity"]
    assert review_flags(exercise, ["f = __import__('lib.vectors.similarity')"]) == \
        ["builds code at run time (__import__)"]


def test_the_kernel_gets_an_empty_environment_and_never_the_hidden_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("GITHUB_TOKEN", "token-123")
    submission = tmp_path / "alice.md"
    submission.write_text("x")
    box = SandboxDir(submission, None)
    try:
        assert "token-123" not in json.dumps(kernel_env(box, "bwrap"))
        assert sorted(os.listdir(box.work)) == ["alice.md"]
        inside = str(ROOT / "hidden_checks")   # a hidden folder carelessly put inside the repository
        os.makedirs(inside, exist_ok=True)
        try:
            command = kernel_command("bwrap", box, Limits(), 123456, ["python"], [inside, "/elsewhere/hidden"])
        finally:
            os.rmdir(inside)
        assert command[command.index(inside) - 1] == "--tmpfs"          # masked inside the sandbox
        assert "/elsewhere/hidden" not in command                        # never mounted, never named
        assert "--unshare-net" in command and "--reuid=123456" in command and command[-1] == "python"
        assert kernel_command("user", box, Limits(), 123456, ["python"])[0] == "setpriv"
    finally:
        box.remove()
    assert not box.root.exists()


def test_an_unknown_isolation_is_a_clear_error():
    with pytest.raises(ValueError, match="auto, bwrap, user, none"):
        choose_isolation("docker")



def test_a_path_behind_a_closed_folder_is_found_before_any_kernel_starts(monkeypatch):
    open_folder = Path(tempfile.mkdtemp())     # pytest's own tmp_path lies in a closed folder
    try:
        open_folder.chmod(0o755)
        closed, python = open_folder / "closed", open_folder / "closed" / "bin" / "python"
        python.parent.mkdir(parents=True)
        python.write_text("")
        closed.chmod(0o700)
        assert sandbox.hidden_from_other_users([python]) == closed
        closed.chmod(0o711)
        python.chmod(0o600)
        assert sandbox.hidden_from_other_users([python]) == python
        python.chmod(0o644)
        assert sandbox.hidden_from_other_users([python]) is None
        if os.geteuid() == 0 and shutil.which("setpriv"):
            closed.chmod(0o700)
            monkeypatch.setattr(sandbox, "kernel_paths", lambda: [python])
            with pytest.raises(ValueError, match=f"cannot read {closed} .*bubblewrap.*--isolation none"):
                choose_isolation("user")
    finally:
        shutil.rmtree(open_folder)
