"""Serve the ipywidgets renderer from the book itself when it is installed.

Pages with interactive widgets are rendered in the browser from the widget
state that was saved while the notebook executed. By default myst-nb loads the
renderer (``@jupyter-widgets/html-manager``) from a public CDN. When the
renderer has been installed into ``_ext/node_modules`` (``npm install --prefix
_ext``, see ``_ext/package.json``), this extension copies its standalone bundle
into ``_build/html/_static/widgets/`` and points every widget page at that copy,
so the site works without any third-party host.

The book's explorers are precomputed for the website (``_ext/static_explorers.py``) and save
no widget state; the pages that still load the renderer are those whose training cells show a
tqdm progress bar (a finished bar, saved as widget state).

What it simplifies on purpose: only the widgets that ship with ipywidgets
(sliders, dropdowns, output areas…) are supported by the standalone bundle,
which is all this book uses.
"""
from __future__ import annotations

import shutil
from pathlib import Path

DIST = Path(__file__).parent / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
TARGET = Path("_static") / "widgets"
ASSET_SUFFIXES = {".woff", ".woff2", ".ttf", ".eot", ".svg"}


def bundle_available(dist: Path = DIST) -> bool:
    """Tell whether the standalone renderer bundle is installed.

    Example: after ``npm install --prefix _ext`` → True; in a fresh clone → False.
    """
    return (dist / "embed.js").is_file()


def use_local_bundle(app, config) -> None:
    """Point myst-nb at the local bundle instead of the CDN default."""
    if bundle_available():
        # Relative paths are served from _static/ by Sphinx.
        config.nb_ipywidgets_js = {"widgets/embed.js": {}}


def copy_bundle(app, exception) -> None:
    """Copy the bundle, its fonts and its licence notice into the HTML output."""
    if exception is not None or app.builder is None or app.builder.format != "html":
        return
    if not bundle_available():
        return
    target = Path(app.outdir) / TARGET
    target.mkdir(parents=True, exist_ok=True)
    for path in DIST.iterdir():
        if path.name in {"embed.js", "embed.js.LICENSE.txt"} or path.suffix in ASSET_SUFFIXES:
            shutil.copy2(path, target / path.name)


def setup(app):
    app.connect("config-inited", use_local_bundle)
    app.connect("build-finished", copy_bundle)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
