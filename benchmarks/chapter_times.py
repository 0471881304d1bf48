"""Execute the book's notebook pages one by one and record how long each takes and how much memory it needs.

Usage::

    python benchmarks/chapter_times.py --mode quick --out benchmarks/results/chapter_times/quick.json
    python benchmarks/chapter_times.py --mode full --out benchmarks/results/chapter_times/full.json
    python benchmarks/chapter_times.py --mode full --pages chapters/08_latest_research   # some pages only

Each page listed in ``_toc.yml`` (chapters and exercises) runs in a fresh kernel,
in its own folder, with ``EMBEDDINGS_QUICK=1`` for ``--mode quick`` and without it
for ``--mode full``, exactly as the book build runs it. Recorded per page:
``seconds`` (wall time from the first cell to the last) and ``peak_rss_mb`` (the
kernel's peak resident memory, VmHWM; child processes a page starts are not
included). The record names the machine, date and commit; ``intro.md`` shows it.
The executed notebooks, outputs included, are saved under ``_build/chapter_times/<mode>/``.
With ``--out`` naming an existing record, pages not run this time are kept from it.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)


def time_page(page: str, quick: bool) -> dict:
    """Run one page in a fresh kernel; returns ``{"page", "seconds", "peak_rss_mb", "cells"}``."""
    import jupytext
    import nbclient
    import nbformat

    from lib.measure.engine_benchmark import peak_rss_mb
    path = os.path.join(ROOT, page + ".md")
    notebook = jupytext.read(path)
    os.environ.pop("EMBEDDINGS_QUICK", None)
    if quick:
        os.environ["EMBEDDINGS_QUICK"] = "1"
    client = nbclient.NotebookClient(notebook, timeout=3600, kernel_name="python3",
                                     resources={"metadata": {"path": os.path.dirname(path)}})
    with client.setup_kernel():
        start = time.perf_counter()
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type == "code":
                client.execute_cell(cell, index)
        seconds = time.perf_counter() - start
        peak = peak_rss_mb(client.km.provisioner.pid)      # the kernel's, not this process's
    executed = os.path.join(ROOT, "_build", "chapter_times", "quick" if quick else "full", page + ".ipynb")
    os.makedirs(os.path.dirname(executed), exist_ok=True)
    nbformat.write(notebook, executed)
    return {"page": page, "seconds": round(seconds, 1), "peak_rss_mb": None if peak is None else round(peak),
            "cells": sum(c.cell_type == "code" for c in notebook.cells)}


def main(argv=None):
    from lib.book.toc import book_pages
    from lib.measure.engine_benchmark import machine_record
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mode", choices=["quick", "full"], required=True)
    parser.add_argument("--pages", nargs="+", help="pages to run (default: every chapter and exercise)")
    parser.add_argument("--out", help="write (or update) the record as JSON at this path")
    args = parser.parse_args(argv)
    pages = args.pages or book_pages()
    unknown = sorted(set(pages) - set(book_pages()))
    if unknown:
        parser.error(f"not pages of the book: {unknown}; see _toc.yml")
    record = {"mode": args.mode, "pages": {}}
    if args.out and os.path.exists(args.out):
        with open(args.out, encoding="utf-8") as f:
            record = json.load(f)
        if record.get("mode") != args.mode:
            parser.error(f"{args.out} holds {record.get('mode')} mode times, not {args.mode}")
    for page in pages:
        row = time_page(page, args.mode == "quick")
        row["machine"] = machine_record()
        record["pages"][page] = row
        print(f"{page:45s} {row['seconds']:8.1f} s  peak {row['peak_rss_mb']} MB", flush=True)
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                json.dump(record, f, indent=2)


if __name__ == "__main__":
    main()
