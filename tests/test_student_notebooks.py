"""The student notebooks are generated from the solutions: answer regions become stubs, nothing else changes.

Worked example (``test_answer_region_becomes_one_line_naming_the_variable``): the
solution's code cell

    ### BEGIN ANSWER cos_example
    a, b = np.array([1, 2, 2]), np.array([2, 1, 2])
    cos_example = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    ### END ANSWER

becomes, in the student notebook, the one line ``cos_example = ...  # YOUR ANSWER HERE``.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from lib.grading.student_notebooks import MarkerError, main, out_of_date, student_text
from lib.paths import REPO_ROOT

ROOT = Path(REPO_ROOT)

HEADER = "---\njupytext:\n  formats: md:myst\n---\n\n# Exercise 3: Demo\n\n"


def cell(*lines: str) -> str:
    """A MyST code cell holding ``lines``."""
    return "```{code-cell} ipython3\n" + "".join(line + "\n" for line in lines) + "```\n"


# ----------------------------------------------------------------------------- the committed notebooks

def test_committed_student_notebooks_are_exactly_what_the_solutions_give():
    assert out_of_date(ROOT) == [], "run `python -m lib.grading.student_notebooks`"


def test_every_solution_marks_at_least_one_answer_region():
    for path in sorted((ROOT / "solutions").glob("*.md")):
        text = path.read_text(encoding="utf-8")
        assert "### BEGIN " in text and student_text(text, path.name) != text, path.name


# ----------------------------------------------------------------------------- regions and their stubs

def test_function_body_becomes_the_code_stub_at_the_markers_indentation():
    solution = cell("def double(x):",
                    '    """Twice x."""',
                    "    ### BEGIN SOLUTION",
                    "    y = x + x",
                    "    return y",
                    "    ### END SOLUTION")
    assert student_text(solution) == cell("def double(x):",
                                          '    """Twice x."""',
                                          "    # YOUR CODE HERE",
                                          "    raise NotImplementedError")


def test_method_body_keeps_its_deeper_indentation():
    solution = cell("class Counter:",
                    "    def add(self, n):",
                    "        ### BEGIN SOLUTION",
                    "        self.total += n",
                    "        ### END SOLUTION")
    assert student_text(solution) == cell("class Counter:",
                                          "    def add(self, n):",
                                          "        # YOUR CODE HERE",
                                          "        raise NotImplementedError")


def test_answer_region_becomes_one_line_naming_the_variable():
    solution = cell("import numpy as np",
                    "### BEGIN ANSWER cos_example",
                    "a, b = np.array([1, 2, 2]), np.array([2, 1, 2])",
                    "cos_example = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))",
                    "### END ANSWER")
    assert student_text(solution) == cell("import numpy as np",
                                          "cos_example = ...  # YOUR ANSWER HERE")


def test_markdown_and_code_outside_regions_are_copied_unchanged():
    markdown = ("## Q1 — Write it (1 point)\n\n"
                "### BEGIN SOLUTION\n\n"                 # a Markdown heading, not a marker
                "```python\n### END SOLUTION\n```\n\n")  # nor is a plain code block's line
    solution = (HEADER + markdown
                + cell("x = 1", "### BEGIN ANSWER y", "y = 2 * x", "### END ANSWER", "print(y)  # trailing")
                + "\nLast words.\n")
    assert student_text(solution) == (HEADER + markdown
                                      + cell("x = 1", "y = ...  # YOUR ANSWER HERE", "print(y)  # trailing")
                                      + "\nLast words.\n")


def test_text_without_markers_is_returned_as_it_is():
    text = HEADER + "Some prose.\n\n" + cell("print('hello')")
    assert student_text(text) == text


# ----------------------------------------------------------------------------- malformed markers

@pytest.mark.parametrize("lines, line, message", [
    (["def f():", "    ### BEGIN SOLUTION", "    return 1"], 5,
     "BEGIN SOLUTION has no END before its code cell ends on line 7"),
    (["### BEGIN SOLUTION", "x = 1", "### BEGIN ANSWER y", "y = 2", "### END ANSWER", "### END SOLUTION"], 6,
     "BEGIN ANSWER y inside the region opened on line 4; regions cannot be nested"),
    (["x = 1", "### END SOLUTION"], 5, "END SOLUTION without a BEGIN SOLUTION"),
    (["def f():", "    ### BEGIN SOLUTON", "    return 1", "    ### END SOLUTION"], 5,
     "unknown marker 'BEGIN SOLUTON'"),
    (["### BEGIN ANSWER", "y = 2", "### END ANSWER"], 4, "unknown marker 'BEGIN ANSWER'"),
    (["### BEGIN ANSWER y", "y = 2", "### END SOLUTION"], 6, "'END SOLUTION' does not close 'BEGIN ANSWER y'"),
    (["def f():", "    ### BEGIN SOLUTION", "    return 1", "### END SOLUTION"], 7,
     "'END SOLUTION' does not close 'BEGIN SOLUTION' of line 5: expected 'END SOLUTION' indented like it"),
    (["### BEGIN ANSWER y", "z = 2", "### END ANSWER"], 4, "the region 'BEGIN ANSWER y' never assigns `y`"),
])
def test_malformed_markers_raise_naming_file_and_line(lines, line, message):
    text = "Intro.\n\n" + cell(*lines)          # the cell's first line is line 4 of the file
    with pytest.raises(MarkerError) as info:
        student_text(text, "solutions/03_demo.md")
    assert str(info.value).startswith(f"solutions/03_demo.md:{line}: {message}")


def test_region_left_open_at_the_end_of_the_file_is_an_error():
    with pytest.raises(MarkerError, match=r"^solutions/03_demo.md:2: BEGIN SOLUTION has no END$"):
        student_text("```{code-cell} ipython3\n### BEGIN SOLUTION\nx = 1\n", "solutions/03_demo.md")


# ----------------------------------------------------------------------------- the command line

@pytest.fixture
def course(tmp_path):
    """A repository with one solution and its student notebook, out of date."""
    (tmp_path / "solutions").mkdir()
    (tmp_path / "exercises").mkdir()
    (tmp_path / "solutions" / "03_demo.md").write_text(
        HEADER + cell("### BEGIN ANSWER y", "y = 2", "### END ANSWER"), encoding="utf-8")
    (tmp_path / "exercises" / "03_demo.md").write_text(HEADER + cell("y = 2"), encoding="utf-8")
    return tmp_path


def test_check_lists_the_stale_notebook_says_how_to_fix_it_and_writes_nothing(course, capsys):
    before = (course / "exercises" / "03_demo.md").read_text(encoding="utf-8")
    assert main(["--check", "--root", str(course)]) == 1
    err = capsys.readouterr().err
    assert "exercises/03_demo.md differs from solutions/03_demo.md" in err
    assert "python -m lib.grading.student_notebooks" in err
    assert (course / "exercises" / "03_demo.md").read_text(encoding="utf-8") == before


def test_writing_brings_every_student_notebook_up_to_date(course, capsys):
    (course / "solutions" / "05_new.md").write_text(HEADER + cell("z = 3"), encoding="utf-8")
    assert main(["--root", str(course)]) == 0
    assert capsys.readouterr().out == "wrote exercises/03_demo.md\nwrote exercises/05_new.md\n"
    assert (course / "exercises" / "03_demo.md").read_text(encoding="utf-8") == (
        HEADER + cell("y = ...  # YOUR ANSWER HERE"))
    assert main(["--check", "--root", str(course)]) == 0


def test_check_reports_a_student_notebook_without_a_solution(course, capsys):
    main(["--root", str(course)])
    (course / "exercises" / "01_old.md").write_text(HEADER, encoding="utf-8")
    assert main(["--check", "--root", str(course)]) == 1
    assert "exercises/01_old.md has no solutions/01_old.md" in capsys.readouterr().err


def test_malformed_marker_stops_the_command_with_file_and_line(course, capsys):
    (course / "solutions" / "03_demo.md").write_text(HEADER + cell("### END ANSWER"), encoding="utf-8")
    assert main(["--root", str(course)]) == 2
    assert "solutions/03_demo.md:9: END ANSWER without a BEGIN ANSWER" in capsys.readouterr().err
