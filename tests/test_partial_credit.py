"""Checks see plain data, earn partial credit case by case, and read sources without running them.

Worked example (``test_cases_earn_their_points_and_a_failed_one_costs_only_its_own``): a
question of 3 points made of the cases "values" (2 points) and "large scores" (1 point) gives
an answer that is right on small scores but overflows on large ones 2 points, status "partial",
and the reason "large scores: …" — the failed case's own message.
"""
from __future__ import annotations

import time

import numpy as np
import pytest

from lib.grading.checks import (CheckFailed, NotAnswered, StudentCodeError, call, case, fail, how_close,
                                needs, pair, source_of)
from lib.grading.loops import fail_if_loops, python_loops
from lib.grading.questions import Exercise, question, run_check


def softmax_question(points: float = 3, hidden: bool = False):
    @question("q1", points=points, answer="softmax")
    def check(softmax):
        """softmax(z), also for large scores."""
        with case("values", 2):
            if not np.allclose(call(softmax, [0.0, 0.0]), [0.5, 0.5]):
                fail("softmax([0, 0]) should be [0.5, 0.5]")
        with case("large scores", 1, hidden=hidden):
            got = call(softmax, [2000.0, 0.0])
            if not np.all(np.isfinite(got)):
                fail(f"softmax([2000, 0]) returned {got.tolist()}: subtract the largest score")
        return "right, also for large scores"
    return check


def naive_softmax(z):
    e = np.exp(np.asarray(z))
    return e / e.sum()


def stable_softmax(z):
    e = np.exp(np.asarray(z) - np.max(z))
    return e / e.sum()


# ----------------------------------------------------------------------------- cases

def test_cases_earn_their_points_and_a_failed_one_costs_only_its_own():
    result = run_check(softmax_question(), naive_softmax)
    assert (result.points, result.max_points, result.status, result.passed) == (2, 3, "partial", False)
    assert result.reason == "large scores: softmax([2000, 0]) returned [nan, 0.0]: subtract the largest score"
    assert result.cases == [("values", 2, 2, False, ""),
                            ("large scores", 0, 1, False, result.reason[len("large scores: "):])]


def test_all_cases_passed_is_full_marks_with_the_checks_note():
    result = run_check(softmax_question(), stable_softmax)
    assert (result.points, result.status, result.passed, result.reason) == (3, "pass", True,
                                                                          "right, also for large scores")


def test_the_score_is_capped_at_the_questions_points():
    assert run_check(softmax_question(points=2), stable_softmax).points == 2


def test_a_stub_fails_every_case_as_not_answered():
    def softmax(z):
        raise NotImplementedError

    result = run_check(softmax_question(), softmax)
    assert (result.points, result.status) == (0, "not answered")


def test_a_hidden_case_that_failed_shows_neither_its_input_nor_its_expected_value():
    result = run_check(softmax_question(hidden=True), naive_softmax)
    assert result.points == 2 and result.reason == "large scores: hidden case large scores failed"
    assert "2000" not in str(result.cases) and "2000" not in str(result)


def test_a_failure_outside_every_case_keeps_the_points_of_the_cases_before_it():
    @question("q1", points=2, answer="x")
    def check(x):
        """Two parts, then a final condition."""
        with case("first", 1):
            pass
        fail("the final condition failed")

    result = run_check(check, 1)
    assert (result.points, result.status) == (1, "partial")
    assert result.reason == "the final condition failed"


def test_a_time_out_inside_a_case_keeps_the_finished_cases():
    @question("q1", points=2, answer="f", timeout=0.3)
    def check(f):
        """A quick part, then one that never ends."""
        with case("quick", 1):
            call(f, 0)
        with case("slow", 1):
            call(f, 1)

    result = run_check(check, lambda x: time.sleep(5) if x else 1)
    assert (result.points, result.status) == (1, "timeout")
    assert result.cases[1] == ("slow", 0, 1, False, "not finished in time")


def test_needs_makes_a_part_count_only_after_another_passed():
    @question("q1", points=2, answer="f")
    def check(f):
        """Values, then something about the function itself."""
        with case("values", 1) as values:
            if call(f, 2) != 4:
                fail("f(2) should be 4")
        with case("style", 1):
            needs(values)

    assert run_check(check, lambda x: 2 * x).points == 2
    wrong = run_check(check, lambda x: x)
    assert wrong.points == 0 and "style: this part counts once case 'values' passes" in wrong.reason


def test_outside_a_graded_check_a_case_is_plain_code():
    with case("part", 1) as part:
        pass
    assert part.passed
    with pytest.raises(CheckFailed, match="plain"):
        with case("part", 1):
            fail("plain")


def test_a_check_that_cannot_use_an_answer_fails_only_that_case():
    @question("q1", points=2, answer="f")
    def check(f):
        """Two parts; the first indexes the result."""
        with case("indexed", 1):
            call(f)[5]
        with case("called", 1):
            call(f)

    result = run_check(check, lambda: [1, 2])
    assert result.points == 1
    assert result.reason == "indexed: the check could not use your answer: IndexError: list index out of range"


# ----------------------------------------------------------------------------- plain data

class AlwaysEqual(str):
    def __eq__(self, other):
        return True

    __hash__ = str.__hash__


def test_call_returns_the_plain_copy_of_the_result():
    assert call(lambda: (np.float32(0.5), "cat")) == [0.5, "cat"]
    word = call(lambda: AlwaysEqual("apple"))
    assert type(word) is str and word != "banana"


def test_a_result_that_is_not_plain_data_is_a_failure_with_what_to_return():
    with pytest.raises(CheckFailed, match=r"<lambda>\(\) returned an object of type generator; return numbers"):
        call(lambda: (i for i in range(3)))


def test_student_code_error_from_another_process_reads_like_a_local_exception():
    def proxy(x):
        raise StudentCodeError("ZeroDivisionError", "division by zero")

    proxy.__name__ = "ratio"
    with pytest.raises(CheckFailed) as info:
        call(proxy, 1)
    assert str(info.value) == "ratio(1) raised ZeroDivisionError: division by zero"


def test_not_answered_from_another_process_stays_not_answered():
    def proxy(x):
        raise NotAnswered("`f` still raises NotImplementedError: replace the stub with your code")

    with pytest.raises(NotAnswered):
        call(proxy, 1)


def test_a_value_answer_reaches_the_check_as_its_plain_copy():
    seen = []
    q = question("q1", points=1, answer="v")(lambda v: seen.append(v))
    run_check(q, (np.float64(1.5), AlwaysEqual("x")))
    assert seen == [[1.5, "x"]] and type(seen[0]) is list and type(seen[0][1]) is str
    result = run_check(q, object())
    assert result.status == "fail" and result.reason.startswith("`v` is an object of type object")


def test_pair_accepts_a_list_or_a_tuple_and_says_what_to_return_otherwise():
    assert pair((1, 2), "f()", ["h", "y_hat"]) == pair([1, 2], "f()", ["h", "y_hat"]) == [1, 2]
    with pytest.raises(CheckFailed, match=r"f\(\) returned an array of shape \(8,\); return \(h, y_hat\)"):
        pair(np.zeros(8), "f()", ["h", "y_hat"])


def test_how_close_says_the_distance_and_the_tolerance():
    assert how_close(0.1235, 0.12345, rtol=1e-6) == ("0.1235 is 5e-05 from the expected value; "
                                                      "the tolerance is 1e-06 relative")


# ----------------------------------------------------------------------------- sources and loops

def test_source_of_prefers_the_source_captured_where_the_function_ran():
    def local(x):
        return x

    assert "def local" in source_of(local)
    local.__grading_source__ = "def f(x):\n    return x\n"
    assert source_of(local) == "def f(x):\n    return x\n"
    local.__grading_source__ = None
    assert source_of(local) is None
    assert source_of(len) is None                    # a built-in has no Python source


@pytest.mark.parametrize("source, found", [
    ("def f(x):\n    return x @ x.T\n", []),
    ("def f(x):\n    for v in x:\n        pass\n", ["a `for` loop (line 2)"]),
    ("def f(x):\n    while x:\n        x -= 1\n", ["a `while` loop (line 2)"]),
    ("def f(x):\n    return sum(v for v in x)\n", ["a generator expression (line 2)"]),
    ("    def f(self, x):\n        return {v: 1 for v in x}\n", ["a dict comprehension (line 2)"]),
    ("def f(x):\n    return np.vectorize(g)(x)\n", ["a call to `vectorize`, which loops in Python (line 2)"]),
    ("def f(x):\n    return list(map(g, x))\n", ["a call to `map`, which loops in Python (line 2)"]),
])
def test_python_loops_are_found_in_the_source(source, found):
    assert python_loops(source) == found


def test_fail_if_loops_names_the_loop_and_refuses_a_function_without_source():
    def looped(x):
        return [v for v in x]

    with pytest.raises(CheckFailed, match="`looped` has a list comprehension"):
        fail_if_loops(looped, "looped")
    looped.__grading_source__ = None
    with pytest.raises(CheckFailed, match="cannot be read"):
        fail_if_loops(looped, "looped")
    looped.__grading_source__ = "def looped(x:\n"
    with pytest.raises(CheckFailed, match="could not be parsed"):
        fail_if_loops(looped, "looped")


# ----------------------------------------------------------------------------- check cells

def test_a_check_cell_never_raises():
    ex = Exercise("demo", "Demo")
    ex.add(softmax_question())
    assert ex.check("q1").status == "missing"                     # nothing named softmax here
    assert ex.check("q9").status == "error"                       # no such question
    assert ex.check("q1", lambda z: 1 / 0).status == "fail"       # the student's code raised

    class Escape(BaseException):
        pass

    def escapes(z):
        raise Escape

    result = ex.check("q1", escapes)                              # not even an Exception
    assert result.status == "error" and "Escape, which is not an Exception" in result.reason
