"""Run-size switch shared by the book build, the tests and the benchmarks.

Set the environment variable ``EMBEDDINGS_QUICK=1`` to shrink corpora and
epochs so that every notebook finishes in seconds (continuous integration
uses this). Readers who leave it unset get the full-size runs.

We keep this as plain module-level functions rather than a settings object:
there is one switch and one seed, and nothing else to configure.
"""
from __future__ import annotations

import os

SEED = 0
"""Default random seed used by every trainer and sampler in :mod:`lib`."""

QUICK_ENV = "EMBEDDINGS_QUICK"


def quick_mode() -> bool:
    """Return True when ``EMBEDDINGS_QUICK`` is set to a true value.

    Examples: ``EMBEDDINGS_QUICK=1`` → True; unset or ``0`` → False.
    """
    return os.environ.get(QUICK_ENV, "").strip().lower() in {"1", "true", "yes", "on"}


def full_or_quick(full, quick):
    """Pick ``quick`` in quick mode and ``full`` otherwise.

    Example: ``full_or_quick(20, 2)`` → 2 under ``EMBEDDINGS_QUICK=1``.
    """
    return quick if quick_mode() else full

