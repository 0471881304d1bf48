"""The appendix "The slides, checked": every chapter's slide claims gathered into one report.

Each chapter writes its records to ``_build/slide_claims/<chapter>.json`` while
it executes (:mod:`lib.book.claims`). The book builds its pages in sorted order, so
``chapters/99_slides_checked`` runs after every other chapter and reads fresh
records (with :func:`lib.book.claims.load_records`); this module turns them into
tables, counts per verdict, and a list of chapters whose records are missing
(not executed yet) or stale (left by an earlier run).

Simplified on purpose: the report is plain HTML (links are relative to the
appendix page), with no JavaScript sorting or filtering.
"""
from __future__ import annotations

import datetime
import html
from collections import Counter

from lib.book.claims import VERDICT_COLOURS, VERDICTS
from lib.book.toc import book_pages
from lib.paths import TOC_FILE

APPENDIX = "chapters/99_slides_checked"


def expected_chapters(toc_path: str = TOC_FILE) -> list[str]:
    """The chapter documents listed in the table of contents, except this appendix.

    Example: a ``_toc.yml`` listing ``chapters/01_x`` and ``chapters/99_slides_checked`` → ``["chapters/01_x"]``.
    """
    return [f for f in book_pages(toc_path) if f.startswith("chapters/") and f != APPENDIX]


def status_by_chapter(records: dict, expected: list[str], since: datetime.datetime | None = None) -> dict:
    """For each expected chapter: ``"fresh"``, ``"stale"`` (written before ``since``) or ``"missing"``.

    Example: no file for chapter 05 → ``{"chapters/05_x": "missing", …}``.
    """
    status = {}
    for chapter in expected:
        if chapter not in records:
            status[chapter] = "missing"
        elif since is not None and records[chapter]["generated"] < since:
            status[chapter] = "stale"
        else:
            status[chapter] = "fresh"
    return status


def verdict_counts(claims) -> dict[str, int]:
    """Number of claims per verdict, every verdict present. Example: → ``{"holds": 40, "wrong": 6, "illustrative": 9, "unsourced": 3}``."""
    counts = Counter(c.verdict for c in claims)
    return {v: counts.get(v, 0) for v in VERDICTS}


def chapter_link(chapter: str, text: str | None = None) -> str:
    """An HTML link from the appendix page to a chapter page.

    Example: ``chapter_link("chapters/04_context_windows")`` → ``'<a href="../chapters/04_context_windows.html">04 context windows</a>'``.
    """
    name = chapter.split("/", 1)[-1]
    label = text or name.replace("_", " ")
    return f'<a href="../{html.escape(chapter)}.html">{html.escape(label)}</a>'


def claims_html(claims) -> str:
    """One HTML table row per claim: chapter link, slide, claim, computed value, verdict and note.

    Example: two claims → a ``<table>`` with a header row and two rows.
    """
    rows = []
    for c in claims:
        colour = VERDICT_COLOURS[c.verdict]
        rows.append(
            "<tr>"
            f"<td>{chapter_link(c.chapter, c.chapter.split('/')[-1].split('_')[0])}</td>"  # 05, 11b
            f"<td>{html.escape(c.slide)}</td><td>{html.escape(c.claim)}</td>"
            f"<td><code>{html.escape(c.computed)}</code></td>"
            f"<td style='color:{colour};font-weight:bold'>{c.verdict}</td>"
            f"<td>{html.escape(c.note)}</td></tr>")
    head = ("<tr><th>ch.</th><th>slide</th><th>claim on the slide</th><th>computed by the course</th>"
            "<th>verdict</th><th>note</th></tr>")
    return f"<table class='slide-claims'>{head}{''.join(rows)}</table>"


def status_html(status: dict, records: dict) -> str:
    """A short HTML list of chapters without fresh records (or a sentence saying all are present)."""
    problems = {ch: s for ch, s in status.items() if s != "fresh"}
    if not problems:
        return "<p>Every chapter's records are present and were written during this build.</p>"
    items = []
    for chapter, state in problems.items():
        if state == "missing":
            items.append(f"<li>{chapter_link(chapter)}: <b>missing</b> (the chapter has not been executed yet)</li>")
        else:
            when = records[chapter]["generated"].strftime("%Y-%m-%d %H:%M UTC")
            items.append(f"<li>{chapter_link(chapter)}: <b>stale</b>, written {when} by an earlier run</li>")
    return "<ul>" + "".join(items) + "</ul>"
