"""One explorer, two lives: live ipywidgets in Jupyter, a precomputed grid on the website.

An explorer is a *view*, a pure function from control values to what is shown (an HTML
readout and a figure), plus the controls that feed it. :class:`Explorer` wires the two:

* In Jupyter and Binder it is an ipywidgets ``VBox``: moving a control calls the view again
  with any value the control allows.
* When the website is built (the ``_ext/static_explorers.py`` extension sets
  :data:`STATIC_ENV` for the kernels that execute the pages), it displays instead a plain
  HTML version: the view is called once for every combination of a small grid of values per
  control, each figure is stored as a compressed PNG, and ``static_explorers.js`` shows the
  output that belongs to the controls' positions. Static and live outputs come from the same
  view, so they cannot disagree for a value on the grid.

Converting an explorer takes three steps::

    def dimension_view(d: int) -> View:                      # 1. the pure view
        s = dimension_summary(d)
        return View(html=table_of(s), figure=plot_relative_distances(s)[0],
                    alt=f"Histogram of relative distances for d = {d}")

    def dimension_explorer(d=100):
        slider = W.IntSlider(value=d, min=1, max=3000, description="dimension d")
        return Explorer(dimension_view, {"d": slider},      # 2. the live controls
                        grid={"d": [2, 10, 100, 1000]})     # 3. the values the website offers

Choose grid values that teach (where something changes) and keep the product of their
counts small: every combination is one image on the page (budget: 250 kB per image,
8 MB per page with everything it loads).

Simplified on purpose: the whole output is redrawn on every change, and the website's
grid is rendered in full (no lazy loading).
"""
from __future__ import annotations

import base64
import html
import io
import itertools
import json
import os
from dataclasses import dataclass
from typing import Callable, Mapping, Sequence

import ipywidgets as W
import matplotlib.pyplot as plt

from lib.widgets.display import show_figure

STATIC_ENV = "EMBEDDINGS_STATIC_EXPLORERS"
"""Set to ``"1"`` while the website is built: explorers then display their precomputed grid."""

STATIC_DPI = 72
"""Resolution of the website's explorer figures: enough for a 6-inch figure at page width."""


@dataclass
class View:
    """What an explorer shows for one setting of its controls.

    ``html``: a readout (a table, a sentence), HTML; ``figure``: a matplotlib figure or None;
    ``alt``: the figure's alt text, naming the setting (required when there is a figure).
    """
    html: str = ""
    figure: object = None
    alt: str = ""


def static_mode() -> bool:
    """True while the website is built (``EMBEDDINGS_STATIC_EXPLORERS=1``)."""
    return os.environ.get(STATIC_ENV) == "1"


def grid_keys(grid: Mapping[str, Sequence]) -> list[tuple[int, ...]]:
    """Every combination of the grid, as one index per control, in row-major order.

    Example: ``grid_keys({"d": [2, 10], "n": [5, 6, 7]})`` → ``[(0, 0), (0, 1), (0, 2), (1, 0), (1, 1), (1, 2)]``.
    """
    return list(itertools.product(*(range(len(values)) for values in grid.values())))


def figure_png(figure, dpi: int = STATIC_DPI) -> bytes:
    """``figure`` as PNG bytes on an opaque white background, then closed.

    Example: ``figure_png(plt.figure())[:4]`` → ``b"\\x89PNG"``.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, facecolor="white", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _check_grid(grid: Mapping[str, Sequence], controls: Mapping[str, W.Widget]):
    if not grid:
        raise ValueError("an explorer's grid needs at least one control: grid={'name': [values…]}")
    for name, values in grid.items():
        if name not in controls:
            raise ValueError(f"grid control {name!r} is not one of the explorer's controls "
                             f"{sorted(controls)}; name each grid after the view's argument it feeds")
        if len(values) == 0:
            raise ValueError(f"grid control {name!r} offers no value; give it at least one")
    if set(controls) - set(grid):
        raise ValueError(f"controls {sorted(set(controls) - set(grid))} have no grid values; "
                         "give every control the values the website should offer")


def render_static(view: Callable[..., View], grid: Mapping[str, Sequence],
                  labels: Mapping[str, str], defaults: Mapping[str, object]) -> str:
    """The website's version of an explorer: controls over ``grid`` and one output per combination.

    Parameters
    ----------
    view : callable
        ``view(**values) -> View``, the explorer's pure function.
    grid : mapping of str → sequence
        The values offered per control (names are ``view``'s arguments), K_1, …, K_m of them.
    labels : mapping of str → str
        The label shown beside each control.
    defaults : mapping of str → value
        The value each control starts at; the nearest grid value is shown first.

    Returns
    -------
    str
        HTML: a ``<div data-static-explorer>`` with one ``<input type=range>`` (numbers) or
        ``<select>`` (anything else) per control and K_1 × … × K_m outputs, all but one hidden.

    Example: ``render_static(dimension_view, {"d": [2, 100]}, {"d": "dimension d"}, {"d": 100})``
    → a page fragment with a two-position slider and two histograms.
    """
    start = tuple(_nearest(values, defaults.get(name)) for name, values in grid.items())
    controls, outputs = [], []
    for position, (name, values) in enumerate(grid.items()):
        shown = [_label(v) for v in values]
        label = html.escape(labels.get(name, name))
        data = html.escape(json.dumps(shown), quote=True)
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in values):
            control = (f'<input type="range" min="0" max="{len(values) - 1}" step="1" value="{start[position]}" '
                       f'data-labels="{data}" aria-valuetext="{html.escape(shown[start[position]])}">')
        else:
            options = "".join(f'<option value="{i}"{" selected" if i == start[position] else ""}>'
                              f"{html.escape(s)}</option>" for i, s in enumerate(shown))
            control = f"<select>{options}</select>"
        controls.append(f'<label class="static-explorer-control"><span>{label}</span> {control} '
                        f'<output>{html.escape(shown[start[position]])}</output></label>')
    for key in grid_keys(grid):
        values = {name: grid[name][i] for name, i in zip(grid, key)}
        shown = view(**values)
        if shown.figure is not None and not shown.alt:
            raise ValueError(f"the view gave a figure without alt text for {values}; "
                             "return View(..., alt='what the figure shows for these values')")
        figure = ""
        if shown.figure is not None:
            png = base64.b64encode(figure_png(shown.figure)).decode("ascii")
            figure = f'<img src="data:image/png;base64,{png}" alt="{html.escape(shown.alt, quote=True)}">'
        hidden = "" if key == start else " hidden"
        outputs.append(f'<div class="static-explorer-output" data-key="{"-".join(map(str, key))}"{hidden}>'
                       f"{shown.html}{figure}</div>")
    note = ("<p class=\"static-explorer-note\">Precomputed for the values above: move the controls "
            "here, or launch this page in Binder (rocket button at the top) to explore any value live.</p>")
    return ('<div class="static-explorer" data-static-explorer>'
            f'<div class="static-explorer-controls">{"".join(controls)}</div>'
            f'{"".join(outputs)}{note}</div>')


def _label(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _nearest(values: Sequence, default) -> int:
    if default in list(values):
        return list(values).index(default)
    try:
        return min(range(len(values)), key=lambda i: abs(float(values[i]) - float(default)))
    except (TypeError, ValueError):
        return 0


class Explorer(W.VBox):
    """Live controls wired to a view in Jupyter; the precomputed grid on the website.

    Parameters
    ----------
    view : callable
        ``view(**values) -> View``; its argument names are the keys of ``controls``.
    controls : mapping of str → ipywidgets value widget
        The live controls (their ``description`` labels the website's controls too).
    grid : mapping of str → sequence
        The values the website offers for each control (every control needs some).
    extra : sequence of widgets, optional
        Live-only widgets shown under the controls (a button, a text box feeding a control).

    Example: ``Explorer(dimension_view, {"d": W.IntSlider(100, 1, 3000)}, grid={"d": [2, 100]})``.
    """

    def __init__(self, view: Callable[..., View], controls: Mapping[str, W.Widget],
                 grid: Mapping[str, Sequence], extra: Sequence[W.Widget] = ()):
        _check_grid(grid, controls)
        self.view, self.controls, self.grid = view, dict(controls), {k: list(v) for k, v in grid.items()}
        self.readout, self.out = W.HTML(), W.Output()
        super().__init__([*self.controls.values(), *extra, self.readout, self.out])
        for control in self.controls.values():
            control.observe(self.update, names="value")
        if not static_mode():
            self.update()

    def values(self) -> dict:
        """The controls' current values, by name."""
        return {name: control.value for name, control in self.controls.items()}

    def update(self, _=None) -> None:
        """Call the view with the controls' values and show its readout and figure."""
        shown = self.view(**self.values())
        self.readout.value = shown.html
        if shown.figure is not None:
            show_figure(self.out, shown.figure)

    def static_html(self) -> str:
        """The website's version: see :func:`render_static`."""
        labels = {name: getattr(control, "description", "") or name for name, control in self.controls.items()}
        return render_static(self.view, self.grid, labels, self.values())

    def _repr_mimebundle_(self, **kwargs):
        if static_mode():
            return {"text/plain": f"{type(self).__name__} over {', '.join(self.grid)}",
                    "text/html": self.static_html()}
        return super()._repr_mimebundle_(**kwargs)
