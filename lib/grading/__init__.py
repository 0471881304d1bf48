"""Graded exercises: the questions and their checks, the helpers checks are written with, and the grader.

========================  =====================================================================
``questions``             ``Question``, ``Exercise``, ``CheckResult``, ``Report``: what a notebook calls
``checks``                Helpers for writing checks: fail with a reason, call student code safely
``cases``                 Partial credit: a question made of cases, each earning its points
``loops``                 Python loops in a student's function, found by reading its source
``time_limit``            The time limit every check runs under
``plain_data``            The plain copies of answers that checks receive: encoded, decoded, never unpickled
``grader``                The instructor's command line: a folder of submissions into a CSV file
``student_notebooks``     The student notebooks, generated from the solved ones
``exercises``             The checks of each exercise, one module per exercise
========================  =====================================================================

Example: ``python -m lib.grading.grader --help``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["cases", "checks", "exercises", "grader", "loops", "plain_data", "questions", "student_notebooks",
                "time_limit"],
    submod_attrs={
        "cases": ["Case", "case", "needs", "recording"],
        "checks": ["CheckFailed", "NotAnswered", "StudentCodeError", "fail", "short_repr", "describe_call",
                   "call", "source_of", "raises", "as_array", "as_number", "close", "pair", "tolerance_text",
                   "how_close"],
        "loops": ["LOOP_NODES", "LOOP_CALLS", "python_loops", "fail_if_loops"],
        "grader": ["GRACE_SECONDS", "GRADING_CELL", "Row", "find_submissions", "read_submission",
                   "grade_submission", "grade_folder"],
        "plain_data": ["MAX_BYTES", "MAX_DEPTH", "NotPlainData", "to_plain", "encode", "decode", "roundtrip"],
        "questions": ["DEFAULT_TIMEOUT", "MISSING", "Question", "question", "CheckResult", "Report",
                      "run_check", "Exercise", "load_exercise", "load_hidden", "grade_namespace"],
        "time_limit": ["CheckTimeout", "with_time_limit"],
        "student_notebooks": ["COMMAND", "MarkerError", "student_text", "planned_notebooks", "out_of_date",
                              "write_notebooks"],
    },
)
