"""Where things are: the repository, the book's build folder, benchmark records, the download cache.

Every path the library uses is computed here, from this file's own place in
the repository, so that modules can move between subpackages without
recounting how many folders lie between them and the root.
"""
from __future__ import annotations

import os

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
"""The repository's root folder, which holds ``_toc.yml``, ``lib/`` and ``chapters/``."""

TOC_FILE = os.path.join(REPO_ROOT, "_toc.yml")
"""The book's table of contents."""

BUILD_DIR = os.path.join(REPO_ROOT, "_build")
"""The book's build folder; chapters write their slide-claim records below it."""

BENCHMARK_RESULTS = os.path.join(REPO_ROOT, "benchmarks", "results")
"""Where the committed benchmark records live."""


def cache_dir() -> str:
    """Folder for downloaded corpora and cached training runs, created if missing.

    ``$EMBEDDINGS_CACHE`` when set, else ``~/.cache/embeddings-course``.
    Example: with ``EMBEDDINGS_CACHE=/tmp/c`` → ``"/tmp/c"``.
    """
    path = os.environ.get("EMBEDDINGS_CACHE") or os.path.join(
        os.path.expanduser("~"), ".cache", "embeddings-course")
    os.makedirs(path, exist_ok=True)
    return path
