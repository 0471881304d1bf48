"""Serve MathJax from the book itself when it is installed.

Sphinx loads MathJax, which typesets the formulas of the pages, from a public
CDN by default. When MathJax has been installed into ``_ext/node_modules``
(``npm install --prefix _ext``, see ``_ext/package.json``), this extension
copies its browser build into ``_build/html/_static/mathjax/`` and points every
page at that copy, so formulas render without any third-party host.

What it simplifies on purpose: only the combined ``tex-mml-chtml.js``
component is used (TeX and MathML input, HTML output), with the folders it
loads on demand (fonts, TeX extensions, accessibility and menu components);
the other combined builds of the package are left out.
"""
from __future__ import annotations

import shutil
from pathlib import Path

DIST = Path(__file__).parent / "node_modules" / "mathjax" / "es5"
TARGET = Path("_static") / "mathjax"
ENTRY = "tex-mml-chtml.js"
FOLDERS = ("a11y", "adaptors", "input", "output", "sre", "ui")


def mathjax_available(dist: Path = DIST) -> bool:
    """Tell whether MathJax's browser build is installed.

    Example: after ``npm install --prefix _ext`` → True; in a fresh clone → False.
    """
    return (dist / ENTRY).is_file()


def use_local_mathjax(app, config) -> None:
    """Point Sphinx at the local copy (a relative ``mathjax_path`` is served from ``_static``)."""
    if mathjax_available():
        config.mathjax_path = f"mathjax/{ENTRY}"


def copy_mathjax(app, exception) -> None:
    """Copy the entry script, the folders it loads from and the licence into the HTML output."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    if not mathjax_available():
        return
    target = Path(app.outdir) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy2(DIST / ENTRY, target / ENTRY)
    licence = DIST.parent / "LICENSE"
    if licence.is_file():
        shutil.copy2(licence, target / "LICENSE")
    for folder in FOLDERS:
        if (DIST / folder).is_dir():
            shutil.copytree(DIST / folder, target / folder, dirs_exist_ok=True)


def setup(app):
    app.connect("config-inited", use_local_mathjax)
    app.connect("build-finished", copy_mathjax)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
