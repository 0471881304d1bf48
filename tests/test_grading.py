"""The check framework: every way a student's answer can go wrong becomes a failed, readable result.

Worked example (``test_stub_that_raises_fails_instead_of_raising``): a stub
``def double(x): raise NotImplementedError`` is checked by a question whose
check calls ``call(double, 2)``. ``call`` turns the NotImplementedError into
``NotAnswered``, ``run_check`` turns that into
``CheckResult(passed=False, points=0, status="not answered", reason="`double`
still raises NotImplementedError: …")`` — and nothing is raised to the notebook.
"""
from __future__ import annotations

import json
import signal
import threading
import time

import numpy as np
import pytest

from lib.grading.checks import call, close, fail, with_time_limit
from lib.grading.questions import (CheckResult, Exercise, load_exercise, load_hidden, MISSING, question,
                                   Report, run_check)


def make_exercise(timeout: float = 5.0) -> Exercise:
    """A two-question exercise: q1 checks ``double``, q2 checks the value ``answer``."""
    ex = Exercise("demo", "Demo exercise")

    @ex.question("q1", points=2, answer="double", timeout=timeout)
    def check_double(double):
        """double(x) returns 2x."""
        got = call(double, 2)
        if got != 4:
            fail(f"double(2) returned {got!r}, expected 4")

    @ex.question("q2", points=1, answer="answer", timeout=timeout)
    def check_answer(answer):
        """answer is 42."""
        assert answer == 42, f"answer is {answer!r}, expected 42"

    return ex


def test_correct_answers_pass():
    report = make_exercise().check_all({"double": lambda x: 2 * x, "answer": 42})
    assert [r.passed for r in report.results] == [True, True]
    assert (report.total, report.max_total) == (3, 3)


def test_stub_that_raises_fails_instead_of_raising():
    def double(x):
        raise NotImplementedError

    result = make_exercise().check("q1", double)
    assert (result.passed, result.points, result.max_points, result.status) == (False, 0, 2, "not answered")
    assert "NotImplementedError" in result.reason


def test_stub_that_returns_none_is_told_about_return():
    def double(x):
        pass

    result = make_exercise().check("q1", double)
    assert result.status == "fail" and "returned None" in result.reason and "double(2)" in result.reason


def test_missing_ellipsis_and_none_answers_fail_with_a_reason():
    report = make_exercise().check_all({"answer": ...})
    assert report["q1"].status == "missing" and "`double`" in report["q1"].reason
    assert report["q2"].status == "not answered" and "`...`" in report["q2"].reason
    assert report.total == 0
    assert make_exercise().check("q2", None).reason == "`answer` is still `None`: replace it with your answer"


def test_wrong_answer_fails_with_the_check_reason():
    report = make_exercise().check_all({"double": lambda x: x + 1, "answer": 41})
    assert report["q1"].reason == "double(2) returned 3, expected 4"
    assert report["q2"].reason.startswith("answer is 41, expected 42")  # pytest may append detail


def test_student_exception_is_reported_with_the_call():
    def double(x):
        raise ValueError("boom")

    result = make_exercise().check("q1", double)
    assert result.status == "fail"
    assert result.reason == "double(2) raised ValueError: boom"


def test_bug_inside_a_check_is_an_error_result_not_an_exception():
    ex = Exercise("demo", "Demo")

    @ex.question("q1", points=1, answer="x")
    def broken(x):
        return x + "text"  # TypeError for a number

    result = ex.check("q1", 3)
    assert (result.passed, result.status) == (False, "error")
    assert result.reason.startswith("the check could not use your answer: TypeError")


def test_exit_in_student_code_fails_only_that_question():
    def double(x):
        raise SystemExit

    report = make_exercise().check_all({"double": double, "answer": 42})
    assert report["q1"].status == "error" and report["q2"].passed


def test_infinite_loop_times_out_and_fails_only_its_question():
    def double(x):
        while True:
            pass

    start = time.monotonic()
    report = make_exercise(timeout=0.3).check_all({"double": double, "answer": 42})
    assert time.monotonic() - start < 2
    assert report["q1"].status == "timeout" and "0.3 s" in report["q1"].reason
    assert report["q2"].passed and report.total == 1


def test_loop_that_swallows_exceptions_still_times_out():
    def double(x):
        while True:
            try:
                time.sleep(0.01)
            except Exception:  # a student's catch-all cannot catch the time limit
                pass

    assert make_exercise(timeout=0.3).check("q1", double).status == "timeout"


def test_a_check_that_itself_loops_forever_times_out():
    ex = Exercise("demo", "Demo")

    @ex.question("q1", points=1, answer="x", timeout=0.2)
    def loops(x):
        while True:
            pass

    assert ex.check("q1", 1).status == "timeout"


def test_time_limit_leaves_no_alarm_and_restores_the_handler():
    before = signal.getsignal(signal.SIGALRM)
    with pytest.raises(BaseException) as info:
        with_time_limit(0.1, time.sleep, 2)
    assert type(info.value).__name__ == "CheckTimeout"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_time_limit_gives_an_outer_timer_back_its_remaining_time():
    fired = []
    previous = signal.signal(signal.SIGALRM, lambda *a: fired.append(True))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        assert with_time_limit(1.0, lambda: 7) == 7
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 4.0 < remaining <= 5.0
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_time_limit_outside_the_main_thread_uses_a_watchdog():
    results = []

    def worker():
        results.append(make_exercise(timeout=0.3).check("q1", lambda x: time.sleep(3)))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(2)
    assert results and results[0].status == "timeout"


def test_results_are_readable_by_programs_and_people():
    report = make_exercise().check_all({"double": lambda x: 2 * x, "answer": 0})
    assert isinstance(report, Report) and all(isinstance(r, CheckResult) for r in report.results)
    data = json.loads(json.dumps(report.to_dict()))
    assert data["total"] == 2 and data["max_total"] == 3
    assert data["results"][1] | {"reason": ""} == {
        "question": "q2", "answer": "answer", "passed": False, "points": 0, "max_points": 1,
        "status": "fail", "reason": "", "hidden": False, "cases": []}
    text = str(report)
    assert "2/3 points" in text and "✓ q1 double: 2/2" in text and "✗ q2 answer: 0/1" in text
    assert "✗" in report._repr_html_() and "answer is 0, expected 42" in report._repr_html_()


def test_check_without_an_answer_looks_in_the_callers_globals():
    global double

    def double(x):
        return 2 * x

    try:
        assert make_exercise().check("q1").passed
    finally:
        del double
    assert make_exercise().check("q1").status == "missing"


def test_unknown_question_id_is_a_failing_result():
    result = make_exercise().check("q9", 1)
    assert not result.passed and "q1, q2" in result.reason


def test_duplicate_question_ids_are_rejected():
    ex = make_exercise()
    with pytest.raises(ValueError, match="q1"):
        ex.question("q1", points=1, answer="y")(lambda y: None)


def test_run_check_accepts_missing_sentinel_and_arrays():
    q = question("q", points=1, answer="v")(lambda v: None if np.all(v == 0) else fail("not zero"))
    assert run_check(q, MISSING).status == "missing"
    assert run_check(q, np.zeros(3)).passed  # an array answer is not mistaken for a stub


def test_close_compares_numbers_and_arrays_of_the_same_shape():
    assert close(0.1 + 0.2, 0.3) and close([1.0, 2.0], np.array([1.0, 2.0 + 1e-9]))
    assert not close([1.0, 2.0], [1.0, 2.1])
    assert not close(5.0, [5.0]) and not close(np.ones(3), np.ones((3, 1)))  # no broadcasting


def test_close_tolerance_is_relative_and_absolute_alike_unless_told():
    assert close(1e-7, 0.0) and not close(1e-5, 0.0)          # atol defaults to rtol = 1e-6
    assert close(1e6 + 0.5, 1e6) and not close(1e6 + 5, 1e6)  # relative to the expected value
    assert not close(1e-7, 0.0, atol=0)                       # purely relative
    assert close(1.0 + 1e-10, 1.0, 1e-9) and not close(1.0 + 1e-8, 1.0, 1e-9)


def test_close_treats_nan_as_equal_only_when_asked():
    assert not close([np.nan, 1.0], [np.nan, 1.0])
    assert close([np.nan, 1.0], [np.nan, 1.0], equal_nan=True)


def test_load_hidden_collects_questions_in_order_and_marks_them(tmp_path):
    path = tmp_path / "demo.py"
    path.write_text(
        "from lib.grading import fail, question\n"
        "@question('h2', points=1, answer='double')\n"
        "def second(double):\n    'Second.'\n"
        "@question('h1', points=3, answer='answer')\n"
        "def first(answer):\n    'First.'\n    fail('never')\n")
    ex = make_exercise()
    hidden = load_hidden(path, ex)
    assert [(q.id, q.points, q.hidden) for q in hidden] == [("h2", 1, True), ("h1", 3, True)]
    report = ex.check_all({"double": lambda x: 2 * x, "answer": 42}, hidden)
    assert [r.question for r in report.results] == ["q1", "q2", "h2", "h1"]
    assert report.total == 4 and report.max_total == 7 and report["h1"].hidden


def test_load_hidden_rejects_ids_that_clash(tmp_path):
    path = tmp_path / "demo.py"
    path.write_text("from lib.grading import question\n"
                    "@question('q1', points=1, answer='double')\ndef clash(double):\n    pass\n")
    with pytest.raises(ValueError, match="q1"):
        load_hidden(path, make_exercise())


@pytest.mark.parametrize("name", ["ex03", "3", "03", "lib.grading.exercises.ex03"])
def test_load_exercise_accepts_short_names(name):
    assert load_exercise(name).id == "ex03"


@pytest.mark.parametrize("name", ["ex11b", "11b"])
def test_load_exercise_accepts_a_lettered_chapter(name):
    assert load_exercise(name).id == "ex11b"


def test_load_exercise_unknown_name_is_a_clear_error():
    with pytest.raises(ValueError, match="lib/grading/exercises/ex99.py"):
        load_exercise("99")
