"""Python loops in a student's function, found by reading its source (never by running it).

A question that says "without a Python loop" checks the function's source with :func:`python_loops`:
``for`` and ``while`` statements, comprehensions and generator expressions, and the calls that
hide a loop (``map``, ``np.vectorize``, ``np.apply_along_axis``, ``np.frompyfunc``, ``np.fromiter``,
``functools.reduce``). The source comes from :func:`lib.grading.checks.source_of`: in the grader it
is text captured where the student's code ran, only parsed here.

Simplified on purpose: only the function itself is read, not helpers it calls.
"""
from __future__ import annotations

import ast
import textwrap
from typing import Callable

from lib.grading.checks import fail, source_of

LOOP_NODES = {ast.For: "a `for` loop", ast.AsyncFor: "a `for` loop", ast.While: "a `while` loop",
              ast.ListComp: "a list comprehension", ast.SetComp: "a set comprehension",
              ast.DictComp: "a dict comprehension", ast.GeneratorExp: "a generator expression"}
"""The syntax that runs a loop in Python, and how a message names it."""

LOOP_CALLS = {"map", "vectorize", "apply_along_axis", "apply_over_axes", "frompyfunc", "fromiter", "reduce"}
"""Functions (by their last name: ``np.vectorize`` → ``vectorize``) that loop in Python over their input."""


def python_loops(source: str) -> list[str]:
    """The Python loops in ``source``, as ``"a `for` loop (line 3)"``, in order; [] when there is none.

    Parameters
    ----------
    source : str
        A function's source text (indented, as a method's is, or not).

    Returns
    -------
    list of str
        One entry per loop; line numbers count from the ``def`` line (1).

    Examples
    --------
    ``python_loops("def f(x):\\n    return [v * 2 for v in x]\\n")`` → ``['a list comprehension (line 2)']``;
    ``python_loops("def f(x):\\n    return x * 2\\n")`` → ``[]``.
    """
    tree = ast.parse(textwrap.dedent(source))
    found = []
    for node in ast.walk(tree):
        if type(node) in LOOP_NODES:
            found.append((node.lineno, LOOP_NODES[type(node)]))
        elif isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in LOOP_CALLS:
                found.append((node.lineno, f"a call to `{name}`, which loops in Python"))
    return [f"{what} (line {line})" for line, what in sorted(found)]


def fail_if_loops(fn: Callable, name: str) -> None:
    """Fail the check when the student's function ``name`` has a Python loop or its source cannot be read.

    Example: ``fail_if_loops(similarity_matrix, "similarity_matrix")`` for a function with a ``for``
    fails with "`similarity_matrix` has a `for` loop (line 3); the question asks for no Python loop: …".
    """
    source = source_of(fn)
    if source is None:
        fail(f"the source of `{name}` cannot be read, so it cannot be checked for Python loops: "
             "define it with `def` in a code cell of this notebook")
    try:
        loops = python_loops(source)
    except SyntaxError as error:
        fail(f"the source of `{name}` could not be parsed ({error.msg}), so it cannot be checked for loops")
    if loops:
        fail(f"`{name}` has {', '.join(loops)}; the question asks for no Python loop: "
             "let NumPy work on whole arrays (broadcasting, @, np.einsum, np.add.at, …)")
