"""Run every notebook of the course as tests, straight from its MyST Markdown file.

Each ``.md`` file under ``chapters/``, ``exercises/`` and ``solutions/`` that
starts with a jupytext header is read with jupytext (no ``.ipynb`` copy is ever
written) and handed to nbval, which runs its code cells one by one in a fresh
kernel; every code cell is one test item (``chapters/01_x.md::Cell 3``).

Text notebooks store no outputs, so outputs are never compared ("lax" mode):
a cell fails its test only when it raises. A cell that is meant to raise
carries the ``raises-exception`` tag, which the book build honours too.

The kernel is the Python that runs pytest, started with the notebook's own
folder as working directory and the same environment variables (so
``EMBEDDINGS_QUICK=1 python -m pytest`` runs the notebooks in quick mode).

pytest runs in one process unless told otherwise. README's test command adds
``-n auto --dist loadfile`` (pytest-xdist: one worker per core, each file in
one worker); :func:`pytest_collection_modifyitems` then starts the slowest
files first.
"""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import jupytext
from nbval.kernel import CURRENT_ENV_KERNEL_NAME, RunningKernel
from nbval.plugin import IPyNbCell, IPyNbFile, find_comment_markers, find_metadata_tags

ROOT = Path(__file__).resolve().parent
NOTEBOOK_FOLDERS = ("chapters", "exercises", "solutions")


def is_text_notebook(path: Path) -> bool:
    """Tell whether ``path`` is a MyST Markdown notebook of the course.

    Example: ``chapters/01_representation_problem.md`` with a jupytext header
    → True; ``chapters/README.md`` without one → False.
    """
    path = Path(path).resolve()
    if path.suffix != ".md" or not path.is_file():
        return False
    try:
        folder = path.relative_to(ROOT).parts[0]
    except ValueError:
        return False
    if folder not in NOTEBOOK_FOLDERS:
        return False
    with open(path, encoding="utf-8") as handle:
        head = handle.read(2000)
    if not head.startswith("---"):
        return False
    header = head[3:head.find("\n---", 3)]
    return "jupytext:" in header and "kernelspec:" in header


class MarkdownNotebook(IPyNbFile):
    """An nbval notebook collector that reads a jupytext ``.md`` file."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # There are no stored outputs to compare with: only errors fail.
        self.compare_outputs = False

    def setup(self):
        # Same interpreter as pytest, cwd = the notebook's folder; the kernel
        # inherits this process's environment (EMBEDDINGS_QUICK included).
        self.kernel = RunningKernel(
            CURRENT_ENV_KERNEL_NAME,
            cwd=str(self.path.parent),
            startup_timeout=self.config.option.nbval_kernel_startup_timeout,
        )
        self.setup_sanitize_files()

    def collect(self):
        self.nb = jupytext.read(self.path)
        code_cells = [cell for cell in self.nb.cells if cell.cell_type == "code"]
        for number, cell in enumerate(code_cells):
            # nbval's own markers still work: NBVAL_SKIP, raises-exception, ...
            options = defaultdict(bool, find_metadata_tags(cell.metadata))
            options.update(find_comment_markers(cell.source))
            options["check"] = False
            yield IPyNbCell.from_parent(
                self, name=f"Cell {number}", cell_num=number, cell=cell, options=options)


def pytest_collect_file(file_path, parent):
    """Collect the course's MyST Markdown notebooks as nbval notebooks."""
    if is_text_notebook(file_path):
        return MarkdownNotebook.from_parent(parent, path=file_path)
    return None


FIRST_MARKERS = ("site", "binder")
"""Markers of the modules that take minutes: pytest-xdist starts them first."""


def pytest_configure(config):
    """Markers of the course's slower tests (continuous integration runs them all)."""
    config.addinivalue_line(
        "markers", "binder: builds the Binder environment from binder/ and runs a chapter in it "
        "(minutes; deselect with -m 'not binder')")
    config.addinivalue_line(
        "markers", "site: builds the website and drives it in a browser (minutes; deselect with -m 'not site')")
    config.addinivalue_line(
        "markers", "spark: trains Spark MLlib's Word2Vec in an embedded Spark (needs the optional extra, "
        "bash scripts/setup.sh --spark; skipped without it; deselect with -m 'not spark')")
    # pytest-xdist hands out whole files (--dist loadfile), largest file first by
    # default; the order set in pytest_collection_modifyitems is used instead.
    if getattr(config.option, "dist", None) == "loadfile" and hasattr(config.option, "loadscopereorder"):
        config.option.loadscopereorder = False


def pytest_collection_modifyitems(session, config, items):
    """Under pytest-xdist, order files so the two workers finish together.

    The files that take minutes (marked ``site`` or ``binder``) come first, so
    that they run while the other worker goes through the rest; the other files
    follow, those with the most tests first (pytest-xdist's own default order).
    Without xdist the order is left alone. Example: ``[tests/test_a.py::x,
    tests/test_site_browser.py::y]`` → ``[tests/test_site_browser.py::y, tests/test_a.py::x]``.
    """
    if not hasattr(config, "workerinput"):
        return
    files: dict[str, list] = {}
    for item in items:
        files.setdefault(item.nodeid.split("::", 1)[0], []).append(item)

    def rank(name):
        first = any(item.get_closest_marker(marker) for item in files[name] for marker in FIRST_MARKERS)
        return (not first, -len(files[name]))

    items[:] = [item for name in sorted(files, key=rank) for item in files[name]]

