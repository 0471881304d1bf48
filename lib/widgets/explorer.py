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

Converting an explorer takes two steps::

    def dimension_view(d: int) -> View:                      # 1. the pure view
        s = dimension_summary(d)
        return View(html=table_of(s), figure=plot_relative_distances(s)[0],
                    alt=f"Histogram of relative distances for d = {d}")

    def dimension_explorer(d=100):                           # 2. each control: its widget,
        return Explorer(dimension_view, {                    #    label, start and website values
            "d": Control(W.IntSlider, "dimension d", d, grid=[2, 10, 100, 1000], min=1, max=3000)})

The widgets are created only in Jupyter: while the website is built no widget exists, so
no widget state is saved into the page.

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


@dataclass
class Control:
    """One control of an explorer: how to make its live widget, and the values the website offers.

    ``widget``: an ipywidgets class (``W.IntSlider``, ``W.Text``, ``W.Dropdown``…); ``label``:
    its description; ``value``: where it starts; ``grid``: the website's values, each a value
    or a ``(label, value)`` pair; ``options``: any other keyword for the widget (``min``,
    ``max``, ``options``, ``layout``…). Example: ``Control(W.IntSlider, "dimension d", 100,
    grid=[2, 100], min=1, max=3000)``.
    """
    widget: type
    label: str
    value: object
    grid: Sequence
    options: dict

    def __init__(self, widget: type, label: str, value, grid: Sequence, **options):
        self.widget, self.label, self.value, self.grid, self.options = widget, label, value, list(grid), options
        if not self.grid:
            raise ValueError(f"control {label!r} offers no value on the website; give it grid=[…] with at least one")

    def make(self) -> W.Widget:
        """The live widget, at its starting value."""
        return self.widget(value=self.value, description=self.label, **self.options)

    def values(self) -> list:
        """The grid's values (labels dropped)."""
        return [v[1] if _is_pair(v) else v for v in self.grid]

    def labels(self) -> list[str]:
        """How the website names each grid value."""
        return [str(v[0]) if _is_pair(v) else _label(v) for v in self.grid]


def _is_pair(entry) -> bool:
    return isinstance(entry, tuple) and len(entry) == 2 and isinstance(entry[0], str)


def render_static(view: Callable[..., View], controls: Mapping[str, Control]) -> str:
    """The website's version of an explorer: controls over their grids and one output per combination.

    Parameters
    ----------
    view : callable
        ``view(**values) -> View``, the explorer's pure function.
    controls : mapping of str → Control
        The controls by ``view``'s argument names, with K_1, …, K_m grid values.

    Returns
    -------
    str
        HTML: a ``<div data-static-explorer>`` with one ``<input type=range>`` (numbers) or
        ``<select>`` (anything else) per control and K_1 × … × K_m outputs, all but the one
        for the controls' starting values (or the nearest grid values) hidden.

    Example: ``render_static(dimension_view, {"d": Control(W.IntSlider, "d", 100, grid=[2, 100])})``
    → a page fragment with a two-position slider and two histograms.
    """
    if not controls:
        raise ValueError("an explorer needs at least one control: {'name': Control(…)}")
    grid = {name: c.values() for name, c in controls.items()}
    start = tuple(_nearest(c.values(), c.value) for c in controls.values())
    parts = []
    for position, (name, c) in enumerate(controls.items()):
        shown, first = c.labels(), start[position]
        if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in grid[name]):
            data = html.escape(json.dumps(shown), quote=True)
            control = (f'<input type="range" min="0" max="{len(shown) - 1}" step="1" value="{first}" '
                       f'data-labels="{data}" aria-valuetext="{html.escape(shown[first])}">')
        else:
            options = "".join(f'<option value="{i}"{" selected" if i == first else ""}>'
                              f"{html.escape(s)}</option>" for i, s in enumerate(shown))
            control = f"<select>{options}</select>"
        parts.append(f'<label class="static-explorer-control"><span>{html.escape(c.label)}</span> {control} '
                     f'<output>{html.escape(shown[first])}</output></label>')
    outputs = []
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
            f'<div class="static-explorer-controls">{"".join(parts)}</div>'
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


class Explorer:
    """Live controls wired to a view in Jupyter; the precomputed grid on the website.

    Parameters
    ----------
    view : callable
        ``view(**values) -> View``; its argument names are the keys of ``controls``.
    controls : mapping of str → Control
        The controls, each with its live widget and its website values.
    extra : callable, optional
        ``extra(widgets) -> list of widgets``: live-only widgets shown under the controls, given
        the live controls by name (for example buttons that step a slider).
    website : (view, controls), optional
        What the website precomputes instead, when the live controls are too many for every
        combination (for example a few named settings of several sliders); for each of its
        settings its view must show what the live view shows for the same values.

    In Jupyter the explorer displays as an ipywidgets ``VBox`` (:attr:`widget`), built on first
    use; while the website is built it displays :func:`render_static` instead.
    Example: ``Explorer(dimension_view, {"d": Control(W.IntSlider, "d", 100, grid=[2, 100], max=3000)})``.
    """

    def __init__(self, view: Callable[..., View], controls: Mapping[str, Control],
                 extra: Callable[[dict], Sequence[W.Widget]] | None = None,
                 website: tuple[Callable[..., View], Mapping[str, Control]] | None = None):
        if not controls:
            raise ValueError("an explorer needs at least one control: {'name': Control(…)}")
        self.view, self.controls, self.extra, self.website = view, dict(controls), extra, website
        self._widget = None

    @property
    def widget(self) -> W.VBox:
        """The live explorer: the controls' widgets, any extra widgets, the readout and the figure."""
        if self._widget is None:
            self.live = {name: c.make() for name, c in self.controls.items()}
            self.readout, self.out = W.HTML(), W.Output()
            extra = list(self.extra(self.live)) if self.extra else []
            self._widget = W.VBox([*self.live.values(), *extra, self.readout, self.out])
            for control in self.live.values():
                control.observe(self.update, names="value")
            self.update()
        return self._widget

    def update(self, _=None) -> None:
        """Call the view with the live controls' values and show its readout and figure."""
        shown = self.view(**{name: control.value for name, control in self.live.items()})
        self.readout.value = shown.html
        if shown.figure is not None:
            show_figure(self.out, shown.figure)

    def static_html(self) -> str:
        """The website's version: see :func:`render_static` (over ``website`` when given)."""
        return render_static(*(self.website or (self.view, self.controls)))

    def _repr_mimebundle_(self, **kwargs):
        if static_mode():
            return {"text/plain": f"explorer over {', '.join(self.controls)}", "text/html": self.static_html()}
        return self.widget._repr_mimebundle_(**kwargs)
