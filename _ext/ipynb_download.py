"""Offer every notebook page of the book as a runnable ``.ipynb`` download.

The pages are MyST Markdown notebooks, so the theme's download menu offers the
``.md`` source, which a reader cannot open as a notebook without jupytext. This
extension converts each notebook page with jupytext and writes the result next
to the page's HTML (``chapters/01_x.md`` → ``_build/html/chapters/01_x.ipynb``),
then puts it first in the page's download menu.

What it simplifies on purpose: the written notebook has no outputs — it is the
notebook exactly as stored in the repository, ready to run — and it is
rewritten on every build, whatever changed.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import jupytext
import nbformat

BUTTON_LABEL = "download-ipynb-button"


def is_jupytext_notebook(path: str | Path) -> bool:
    """Tell whether a text file starts with a jupytext front-matter header.

    Example: a ``.md`` whose front matter holds ``jupytext:`` and
    ``kernelspec:`` → True; ``README.md`` → False.
    """
    path = Path(path)
    if path.suffix != ".md" or not path.is_file():
        return False
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return False
    end = text.find("\n---", 3)
    header = text[3:end] if end != -1 else ""
    return "jupytext:" in header and "kernelspec:" in header


def markdown_to_ipynb(source: str | Path, destination: str | Path) -> nbformat.NotebookNode:
    """Convert a MyST Markdown notebook to an ``.ipynb`` file without outputs.

    The jupytext pairing metadata is dropped so that the downloaded notebook
    stands alone. Example: ``chapters/01_x.md`` → ``out/01_x.ipynb`` (nbformat 4).
    """
    notebook = jupytext.read(source)
    notebook.metadata.pop("jupytext", None)
    destination = Path(destination)
    destination.parent.mkdir(parents=True, exist_ok=True)
    nbformat.validate(notebook)
    nbformat.write(notebook, str(destination))
    return notebook


# ---------------------------------------------------------------------------
# Sphinx hooks
# ---------------------------------------------------------------------------

def add_notebook_download(app, pagename: str, templatename: str,
                          context: dict[str, Any], doctree) -> None:
    """Write ``<page>.ipynb`` beside the page and link it in the download menu."""
    if doctree is None or app.builder is None or app.builder.format != "html":
        return
    source = app.env.doc2path(pagename)
    if not is_jupytext_notebook(source):
        return
    markdown_to_ipynb(source, Path(app.outdir) / f"{pagename}.ipynb")

    for group in context.get("header_buttons", []):
        if group.get("label") != "download-buttons":
            continue
        buttons = group["buttons"]
        # When launch buttons are on, the theme also offers the executed copy
        # of the notebook under the same name; say which one is which.
        for button in buttons:
            if button.get("label") == "download-notebook-button":
                button["text"] = ".ipynb with outputs"
                button["tooltip"] = "Download the notebook with the outputs shown on this page"
        buttons.insert(0, {
            "type": "link",
            "url": context["pathto"](f"{pagename}.ipynb", 1),
            "text": ".ipynb",
            "icon": "fas fa-code",
            "tooltip": "Download this page as a notebook to run",
            "label": BUTTON_LABEL,
        })


def setup(app):
    # Run after sphinx-book-theme has built the header buttons (priority 501).
    app.connect("html-page-context", add_notebook_download, priority=600)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
