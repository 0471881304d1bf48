"""The website's explorers: precomputed on a grid, switched by a small script, no kernel needed.

While the book is built, this extension sets ``EMBEDDINGS_STATIC_EXPLORERS=1`` in the
environment that the kernels executing the pages inherit, so every
:class:`lib.widgets.explorer.Explorer` displays its grid of outputs as plain HTML instead of
a widget snapshot; ``static/static_explorers.js`` shows the output that matches the controls
and ``static/static_explorers.css`` lays them out. In Jupyter the variable is unset and the
explorers stay live widgets.
"""
from __future__ import annotations

import os

from lib.widgets.explorer import STATIC_ENV


def setup(app):
    os.environ[STATIC_ENV] = "1"
    app.add_js_file("static_explorers.js")
    app.add_css_file("static_explorers.css")
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
