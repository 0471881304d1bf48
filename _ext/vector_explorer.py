"""The vector explorer page: its script and styles, and its data copied into the site.

A page that holds ``<div id="vx-app">`` (the appendix "Vector explorer")
gets ``static/vector_explorer.js`` and ``static/vector_explorer.css``; no other page
loads them. The page's notebook writes the vectors the script searches to
:data:`lib.book.vector_explorer.DATA_FILE` while it executes; when the build has
finished, this extension copies that file into the site's ``_static/``, beside
the script, which loads it from there (a ``<script>``, so the page works from
a local copy of the site, even opened as files).

What it simplifies on purpose: the page is recognised by the element's id in its
HTML, and the data file is taken from where the notebook of this build wrote it.
"""
from __future__ import annotations

import os
import shutil

from sphinx.util import logging

MARKER = 'id="vx-app"'
SCRIPT, STYLES = "vector_explorer.js", "vector_explorer.css"

logger = logging.getLogger(__name__)
PAGES: set[str] = set()
"""The pages of this build that show the explorer (the book is written in one process)."""


def add_assets(app, pagename, templatename, context, doctree) -> None:
    """Give the page that holds the explorer its script and styles (files of ``static/``)."""
    if MARKER in context.get("body", ""):
        app.add_js_file(SCRIPT)
        app.add_css_file(STYLES)
        PAGES.add(pagename)


def copy_data(app, exception) -> None:
    """Copy the explorer's data beside its script; warn if a page shows the explorer without it."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    from lib.book.vector_explorer import DATA_FILE
    pages = PAGES
    if not pages:
        return
    if not os.path.isfile(DATA_FILE):
        logger.warning(f"{sorted(pages)} show the vector explorer, but its data {DATA_FILE} was not written: "
                       "the page's notebook writes it with lib.book.vector_explorer.write_explorer_data")
        return
    target = os.path.join(app.outdir, "_static")
    os.makedirs(target, exist_ok=True)
    shutil.copy2(DATA_FILE, os.path.join(target, os.path.basename(DATA_FILE)))


def setup(app):
    app.connect("html-page-context", add_assets)
    app.connect("build-finished", copy_data)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
