"""Small repairs to the scripts of every page, so that pages load without JavaScript errors.

* Scripts listed twice are listed once. sphinx-thebe registers its inline
  configuration (``const THEBE_JS_URL = ...``) each time the read phase
  starts, and the second ``const`` declaration throws a ``SyntaxError``.
* The theme starts in ``auto`` mode (light or dark, as the reader's system
  says) instead of an empty mode, which the theme reports as an error.
* One search field: the sidebar's. pydata-sphinx-theme would add a second one
  in a header bar above the page (its ``navbar_persistent`` default, which
  sphinx-book-theme's empty setting does not clear); the header is left empty.
* ``static/page_styles.css`` wraps long lines that cells print inside their box.
* ``static/page_scripts.js`` is added to every page: it lets the widget
  renderer typeset widget labels with MathJax 3 (the renderer calls MathJax
  2's ``MathJax.Hub.Queue``) and gives every figure that a widget draws an
  alt text naming the explorer's settings.

What it simplifies on purpose: duplicates are recognised by identical file
name and attributes only.
"""
from __future__ import annotations

from pathlib import Path

STATIC = Path(__file__).parent / "static"
SCRIPT = "page_scripts.js"
STYLES = "page_styles.css"


def configure(app, config) -> None:
    """Start the theme in ``auto`` mode, keep one search field and serve ``static/``."""
    # pydata-sphinx-theme (under sphinx-book-theme) reads the mode from html_context.
    config.html_context.setdefault("default_mode", "auto")
    # The header bar's search field duplicates the sidebar's: no persistent header items.
    config.html_theme_options.setdefault("navbar_persistent", [])
    config.html_static_path.append(str(STATIC))


def unique_scripts(scripts) -> list:
    """The scripts of a page with repeats removed, first occurrence kept.

    Example: ``[a.js, inline "const X = 1", inline "const X = 1"]`` → ``[a.js, inline "const X = 1"]``
    (an inline script counts as the same whether its file name is None or "").
    """
    seen, unique = set(), []
    for script in scripts:
        # An inline script is registered with the file name None or "" depending on the caller.
        filename = getattr(script, "filename", script) or ""
        attributes = tuple(sorted(getattr(script, "attributes", {}).items()))
        key = (str(filename), attributes)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    return unique


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = unique_scripts(context["script_files"])


def setup(app):
    app.connect("config-inited", configure)
    # Before the MathJax and widget scripts, so that the bridge is in place when they load.
    app.add_js_file(SCRIPT, priority=100)
    app.add_css_file(STYLES)
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
