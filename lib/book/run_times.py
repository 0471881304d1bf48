"""How long each page of the book takes to run, from the records of ``benchmarks/chapter_times.py``.

The records (``benchmarks/results/chapter_times/full.json`` and ``quick.json``)
hold, per page, the wall time of running the notebook once in a fresh kernel,
the kernel's peak memory, and the machine, date and commit that measured it.
The book's introduction shows them with :func:`run_time_table`.
"""
from __future__ import annotations

import json
import os

from lib.measure.units import human_seconds
from lib.paths import BENCHMARK_RESULTS, REPO_ROOT

RECORDS = {mode: os.path.join(BENCHMARK_RESULTS, "chapter_times", f"{mode}.json") for mode in ("full", "quick")}


def load_run_times(mode: str, path: str | None = None) -> dict:
    """The record of one mode (``'full'`` or ``'quick'``): ``{page: {seconds, peak_rss_mb, machine, …}}``.

    Returns an empty dict when no record has been committed.
    """
    path = path or RECORDS[mode]
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        record = json.load(f)
    if record.get("mode") != mode:
        raise ValueError(f"{path} holds {record.get('mode')!r} mode times, not {mode!r}")
    return record["pages"]


def run_time_table(pages: list[str], titles: dict | None = None, records: dict | None = None):
    """One row per page: run time in full and quick mode, peak memory, and when it was measured.

    Parameters
    ----------
    pages : list of str — page names as in ``_toc.yml`` (``"chapters/04_context_windows"``).
    titles : dict, optional — page → the title to show (default: the page name).
    records : dict, optional — ``{"full": …, "quick": …}`` as from :func:`load_run_times`
        (default: the committed records).

    Returns
    -------
    pandas DataFrame with columns "Page", "Run time (full)", "Run time (quick)",
    "Peak memory (full)", "Measured (full)".
    """
    import pandas as pd
    records = records if records is not None else {mode: load_run_times(mode) for mode in ("full", "quick")}
    rows = []
    for page in pages:
        full, quick = records.get("full", {}).get(page, {}), records.get("quick", {}).get(page, {})
        machine = full.get("machine") or {}
        peak = full.get("peak_rss_mb")
        rows.append({"Page": (titles or {}).get(page, page),
                     "Run time (full)": human_seconds(full.get("seconds")),
                     "Run time (quick)": human_seconds(quick.get("seconds")),
                     "Peak memory (full)": "not measured" if peak is None else f"{peak / 1024:.1f} GB",
                     "Measured (full)": (f"{machine['date'][:10]}, {machine['cpus']} cores, commit "
                                         f"{machine['commit'][:7]}") if machine else "—"})
    return pd.DataFrame(rows)


def page_title(page: str) -> str:
    """The first ``# `` heading of a page's Markdown file.

    Example: ``page_title("chapters/03_cosine_similarity")`` → "Cosine Similarity".
    """
    with open(os.path.join(REPO_ROOT, page + ".md"), encoding="utf-8") as f:
        for line in f:
            if line.startswith("# "):
                return line[2:].strip()
    raise ValueError(f"{page}.md has no '# ' title")
