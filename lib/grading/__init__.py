"""Graded exercises: the questions and their checks, the helpers checks are written with, and the grader.

========================  =====================================================================
``questions``             ``Question``, ``Exercise``, ``CheckResult``, ``Report``: what a notebook calls
``checks``                Helpers for writing checks: fail with a reason, call student code safely
``cases``                 Partial credit: a question made of cases, each earning its points
``loops``                 Python loops in a student's function, found by reading its source
``time_limit``            The time limit every check runs under
``plain_data``            The plain copies of answers that checks receive: encoded, decoded, never unpickled
``grader``                The instructor's command line: a folder of submissions into a CSV file
``sandbox``               The sandbox a submission's kernel runs in: folder, user, namespaces, limits
``sandboxed_kernel``      A Jupyter kernel inside a sandbox: cells under time limits, capped output
``remote``                Answers that stay in the kernel: plain values across, functions called from afar
``review_flags``          Flags for a human: a submission using the course's reference implementations
``submission``            Grading one submission: its notebook in the sandbox, its answers checked here
``grade_outputs``         The CSV (row by row, resumable), feedback files and Gradescope results
``student_notebooks``     The student notebooks, generated from the solved ones
``attack_drill``          Notebooks that cheat, graded on this machine, and the check that nothing got through
``exercises``             The checks of each exercise, one module per exercise
========================  =====================================================================

Example: ``python -m lib.grading.grader --help``.
"""
import lazy_loader

# Each name is imported from its module on first use, so importing this package stays cheap.
__getattr__, __dir__, __all__ = lazy_loader.attach(
    __name__,
    submodules=["attack_drill", "cases", "checks", "exercises", "grade_outputs", "grader", "loops", "plain_data", "questions",
                "remote", "review_flags", "sandbox", "sandboxed_kernel", "student_notebooks", "submission",
                "time_limit"],
    submod_attrs={
        "cases": ["Case", "case", "needs", "recording"],
        "checks": ["CheckFailed", "NotAnswered", "StudentCodeError", "fail", "short_repr", "describe_call",
                   "call", "source_of", "raises", "as_array", "as_number", "close", "pair", "tolerance_text",
                   "how_close"],
        "loops": ["LOOP_NODES", "LOOP_CALLS", "python_loops", "fail_if_loops"],
        "grade_outputs": ["Row", "HIDDEN_REASON", "GradesCsv", "feedback_text", "gradescope_results"],
        "grader": ["grade_folder"],
        "plain_data": ["MAX_BYTES", "MAX_DEPTH", "NotPlainData", "to_plain", "encode", "decode", "roundtrip"],
        "remote": ["MAX_RESULT_BYTES", "MAX_SOURCE_CHARS", "describe_answer", "call_answer", "NotPlainAnswer",
                   "RemoteFunction", "StubCalled", "RemoteSession"],
        "review_flags": ["DYNAMIC_NAMES", "lib_imports", "dynamic_code", "reference_imports", "review_flags"],
        "sandbox": ["ISOLATIONS", "Limits", "choose_isolation", "sandbox_uid", "SandboxDir", "kernel_env",
                    "kernel_command", "set_limits", "kill_user", "sweep"],
        "sandboxed_kernel": ["GRACE_SECONDS", "START_SECONDS", "CellOutcome", "KernelLog", "SandboxedKernel"],
        "questions": ["DEFAULT_TIMEOUT", "MISSING", "Question", "question", "CheckResult", "Report",
                      "run_check", "Exercise", "load_exercise", "load_hidden"],
        "submission": ["MAX_NOTEBOOK_BYTES", "find_submissions", "read_submission", "validated", "Settings",
                       "grade_submission", "unanswerable"],
        "time_limit": ["CheckTimeout", "with_time_limit"],
        "attack_drill": ["ATTACKS", "WAIT_SECONDS", "with_cell", "protected_files", "attack_cells", "sha",
                         "sandbox_processes", "DrillResult", "run_drill"],
        "student_notebooks": ["COMMAND", "MarkerError", "student_text", "planned_notebooks", "out_of_date",
                              "write_notebooks"],
    },
)
