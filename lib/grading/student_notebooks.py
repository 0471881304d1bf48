"""Write the student notebooks ``exercises/*.md`` from the solved ones ``solutions/*.md``.

The solution notebook is the only source of an exercise. Inside its code cells,
comment lines mark each answer region, indented like the code they enclose.
A function body between ``### BEGIN SOLUTION`` and ``### END SOLUTION``
(nbgrader's markers)::

    def sparsity_percent(V):
        ### BEGIN SOLUTION
        return (V - 1) / V * 100
        ### END SOLUTION

becomes, in the student notebook::

    def sparsity_percent(V):
        # YOUR CODE HERE
        raise NotImplementedError

and lines that compute a value, between ``### BEGIN ANSWER name`` and ``### END ANSWER``::

    ### BEGIN ANSWER cos_example
    a, b = np.array([1, 2, 2]), np.array([2, 1, 2])
    cos_example = a @ b / (np.linalg.norm(a) * np.linalg.norm(b))
    ### END ANSWER

become the single line ``cos_example = ...  # YOUR ANSWER HERE``.
Everything outside the regions, the Markdown included, is copied unchanged.
A malformed marker (a BEGIN without its END, a region inside another, an END
without a BEGIN, an unknown kind) raises :class:`MarkerError` naming the file
and line.

Usage::

    python -m lib.grading.student_notebooks            # (re)write exercises/*.md
    python -m lib.grading.student_notebooks --check    # write nothing; exit 1 if one is out of date
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import NamedTuple

from lib.paths import REPO_ROOT

COMMAND = "python -m lib.grading.student_notebooks"
"""The command that rewrites the student notebooks."""

_MARKER = re.compile(r"^(?P<indent>\s*)###\s*(?P<edge>BEGIN|END)\b\s*(?P<rest>.*?)\s*$")
_CELL_START = re.compile(r"^(?P<fence>`{3,})\{code-cell\}")


class MarkerError(ValueError):
    """A solution notebook's answer markers are malformed; the message starts with ``file:line:``."""


class _Region(NamedTuple):
    """An open answer region: its marker (``"SOLUTION"``, ``"ANSWER name"``), answer name, indentation, line."""
    kind: str
    name: str | None
    indent: str
    line: int


def _stub(name: str | None, indent: str) -> list[str]:
    """The student's lines for a region: a function body's (``name`` None) or the answer ``name``'s."""
    if name is None:
        return [f"{indent}# YOUR CODE HERE\n", f"{indent}raise NotImplementedError\n"]
    return [f"{indent}{name} = ...  # YOUR ANSWER HERE\n"]


def student_text(solution: str, source: str = "<solution>") -> str:
    """The student notebook: ``solution`` with every answer region replaced by its stub.

    Parameters
    ----------
    solution : str
        The text of a solution notebook (MyST Markdown).
    source : str
        The file name that error messages give.

    Returns
    -------
    str
        The same text, each marked region (markers included) replaced by its stub at the
        markers' indentation; markers count only inside ``{code-cell}`` blocks.

    Raises
    ------
    MarkerError
        On a malformed marker, with the file and line: ``"solutions/x.md:7: END SOLUTION
        without a BEGIN SOLUTION"``.

    Examples
    --------
    A code cell holding ``### BEGIN ANSWER n`` / ``n = 2 + 2`` / ``### END ANSWER`` → a code cell
    holding ``n = ...  # YOUR ANSWER HERE``; a function body ``    ### BEGIN SOLUTION`` /
    ``    return 4`` / ``    ### END SOLUTION`` → ``    # YOUR CODE HERE`` / ``    raise NotImplementedError``.
    """
    out: list[str] = []
    fence = None          # the fence that closes the code cell we are in, if any
    region = None         # the open _Region, if any
    assigned = False      # whether the open ANSWER region has assigned its name yet

    def error(number: int, problem: str):
        raise MarkerError(f"{source}:{number}: {problem}")

    for number, line in enumerate(solution.splitlines(keepends=True), start=1):
        text = line.rstrip("\n")
        marker = _MARKER.match(text) if fence else None
        if fence is None:
            start = _CELL_START.match(text)
            fence = start["fence"] if start else None
        elif text.strip() == fence:
            if region:
                error(region.line, f"BEGIN {region.kind} has no END before its code cell ends on line {number}")
            fence = None
        elif marker and marker["edge"] == "BEGIN":
            kind, indent = marker["rest"], marker["indent"]
            if region:
                error(number, f"BEGIN {kind} inside the region opened on line {region.line}; "
                              "regions cannot be nested")
            answer = re.fullmatch(r"ANSWER ([A-Za-z_]\w*)", kind)
            if kind != "SOLUTION" and not answer:
                error(number, f"unknown marker 'BEGIN {kind}': expected 'BEGIN SOLUTION' (a function body) "
                              "or 'BEGIN ANSWER name' (the lines that compute `name`)")
            region, assigned = _Region(kind, answer and answer[1], indent, number), False
            continue
        elif marker:
            end = marker["rest"]
            if not region:
                error(number, f"END {end} without a BEGIN {end}")
            kind, name, indent, begin = region
            if end != kind.split()[0] or marker["indent"] != indent:
                error(number, f"'END {end}' does not close 'BEGIN {kind}' of line {begin}: "
                              f"expected 'END {kind.split()[0]}' indented like it")
            if name and not assigned:
                error(begin, f"the region 'BEGIN {kind}' never assigns `{name}`")
            out += _stub(name, indent)
            region = None
            continue
        if region is None:
            out.append(line)
        elif region.name:
            assigned = assigned or bool(re.match(rf"{region.indent}{region.name}\s*=[^=]", text))
    if region:
        error(region.line, f"BEGIN {region.kind} has no END")
    return "".join(out)


def planned_notebooks(root: str | Path = REPO_ROOT) -> dict[Path, str]:
    """Every student notebook the solutions give, without writing any.

    Parameters
    ----------
    root : str or Path
        The repository, holding ``solutions/`` and ``exercises/`` (default: this one).

    Returns
    -------
    dict
        ``{root/exercises/<name>.md: its text}``, one entry per ``root/solutions/<name>.md``.

    Examples
    --------
    A root holding only ``solutions/03_cosine.md`` → ``{root/exercises/03_cosine.md: "---\njupytext: …"}``.
    """
    root = Path(root)
    return {root / "exercises" / path.name: student_text(path.read_text(encoding="utf-8"),
                                                         str(path.relative_to(root)))
            for path in sorted((root / "solutions").glob("*.md"))}


def _stale(planned: dict[Path, str]) -> list[Path]:
    """The planned notebooks that are missing on disk or differ from their planned text, in order."""
    return [path for path, text in planned.items()
            if not path.exists() or path.read_text(encoding="utf-8") != text]


def out_of_date(root: str | Path = REPO_ROOT) -> list[str]:
    """What is wrong with the student notebooks on disk, one sentence each.

    Parameters
    ----------
    root : str or Path
        The repository (default: this one).

    Returns
    -------
    list of str
        A student notebook that differs from what its solution gives, is missing, or has no
        solution; empty when every one is current.

    Examples
    --------
    After ``solutions/03_cosine.md`` was edited → ``["exercises/03_cosine.md differs from solutions/03_cosine.md"]``.
    """
    root, planned = Path(root), planned_notebooks(root)
    problems = [f"exercises/{path.name} " + ("is missing" if not path.exists() else
                                              f"differs from solutions/{path.name}")
                for path in _stale(planned)]
    problems += [f"exercises/{path.name} has no solutions/{path.name}: delete it, or add its solution"
                 for path in sorted((root / "exercises").glob("*.md")) if path not in planned]
    return problems


def write_notebooks(root: str | Path = REPO_ROOT) -> list[Path]:
    """Write every student notebook that differs from what its solution gives.

    Parameters
    ----------
    root : str or Path
        The repository (default: this one).

    Returns
    -------
    list of Path
        The notebooks written; a student notebook without a solution is left alone.

    Examples
    --------
    After ``solutions/03_cosine.md`` was edited → ``[root/exercises/03_cosine.md]``; run again → ``[]``.
    """
    planned = planned_notebooks(root)
    written = _stale(planned)
    for path in written:
        path.write_text(planned[path], encoding="utf-8")
    return written


def main(argv: list[str] | None = None) -> int:
    """The command line: write the student notebooks, or with ``--check`` only compare them.

    Parameters
    ----------
    argv : list of str, optional
        The arguments (default: the command line's): ``[--check] [--root DIR]``.

    Returns
    -------
    int
        The exit status: 0 when every student notebook is current (after writing, without
        ``--check``), 1 when one is not (each listed on stderr, with the command that fixes
        it), 2 on a malformed marker.

    Examples
    --------
    ``main(["--check"])`` with every notebook current → 0, printing nothing.
    """
    parser = argparse.ArgumentParser(prog=COMMAND, description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 listing every student notebook that is out of date")
    parser.add_argument("--root", default=REPO_ROOT, help="the repository (default: this one)")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            for path in write_notebooks(args.root):
                print(f"wrote exercises/{path.name}")
        problems = out_of_date(args.root)
    except MarkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems and args.check:
        print(f"Run `{COMMAND}` to rewrite the student notebooks from the solutions.", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
