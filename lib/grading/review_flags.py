"""Flags for a human: a submission whose code uses the course's reference implementations.

The checks compare answers with reference implementations in ``lib`` (``lib.vectors.similarity``
for exercise 3, ...). A submission may import and return those instead of writing its own; the
grader cannot tell from the values, so it reads the submission's code (never runs it) and flags:

- an import of a ``lib`` module or function that the exercise's checks import, beyond what the
  distributed student notebook already imports;
- code built at run time (``exec``, ``eval``, ``compile``, ``__import__``, ``importlib``), which can
  hide such an import.

Example: a cell ``from lib.vectors.similarity import cosine_similarity`` in a submission of
exercise 3 → ``["uses lib's reference lib.vectors.similarity.cosine_similarity"]``.
"""
from __future__ import annotations

import ast
import importlib
from pathlib import Path

from lib.paths import REPO_ROOT

DYNAMIC_NAMES = {"exec", "eval", "compile", "__import__", "importlib"}


def _python(source: str) -> ast.AST | None:
    """A cell's code as a syntax tree, its IPython ``%`` and ``!`` lines left out; None if it does not parse."""
    lines = [line for line in source.splitlines() if not line.lstrip().startswith(("%", "!"))]
    try:
        return ast.parse("\n".join(lines))
    except (SyntaxError, ValueError):
        return None


def lib_imports(sources: list[str]) -> set[str]:
    """Every ``lib`` module and ``module.name`` the code imports, ``lib.grading`` excepted.

    Example: ``lib_imports(["from lib.vectors import similarity as s"])`` →
    ``{"lib.vectors", "lib.vectors.similarity"}``.
    """
    found = set()
    for source in sources:
        tree = _python(source)
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
            else:
                continue
            found |= {n for n in names if (n == "lib" or n.startswith("lib.")) and not n.startswith("lib.grading")}
    return found


def dynamic_code(sources: list[str]) -> set[str]:
    """The names among ``exec``, ``eval``, ``compile``, ``__import__``, ``importlib`` that the code uses."""
    used = set()
    for source in sources:
        tree = _python(source)
        for node in ast.walk(tree) if tree else ():
            if isinstance(node, ast.Name) and node.id in DYNAMIC_NAMES:
                used.add(node.id)
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names = [a.name for a in node.names] + [getattr(node, "module", None) or ""]
                used |= {"importlib" for n in names if n.split(".")[0] == "importlib"}
    return used


def reference_imports(exercise_id: str) -> set[str]:
    """The ``lib`` modules and names that the exercise's checks import (its reference implementations)."""
    module = importlib.import_module(f"lib.grading.exercises.{exercise_id}")
    return lib_imports([Path(module.__file__).read_text(encoding="utf-8")])


def _distributed_imports(notebook: str | None) -> set[str]:
    """What the student notebook handed out already imports from ``lib``."""
    path = Path(REPO_ROOT, "exercises", f"{notebook}.md") if notebook else None
    if path is None or not path.is_file():
        return set()
    import jupytext
    cells = jupytext.read(path).cells
    return lib_imports([c.source for c in cells if c.cell_type == "code"])


def review_flags(exercise, sources: list[str]) -> list[str]:
    """The flags for a submission of ``exercise`` whose code cells are ``sources``.

    Example: see the module's docstring.
    """
    references = reference_imports(exercise.id)
    modules = {r.rsplit(".", 1)[0] for r in references} | references
    used = lib_imports(sources) - _distributed_imports(exercise.notebook)
    hits = sorted(u for u in used if u in references or u in modules
                  or any(m.startswith(u + ".") for m in modules))
    flags = [f"uses lib's reference {hit}" for hit in hits]
    dynamic = dynamic_code(sources)
    if dynamic:
        flags.append(f"builds code at run time ({', '.join(sorted(dynamic))})")
    return flags
