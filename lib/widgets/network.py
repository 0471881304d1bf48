"""A stepping explorer for the skip-gram network: one button press, one stage of the computation.

As in :mod:`lib.widgets.similarity`, the arithmetic lives in a pure function
(:func:`lib.skipgram.network.stage_table`) and this module only wires a slider
and two buttons to it. On the website the explorer shows its first stage; with
a running kernel the buttons and the slider move through all of them.
"""
from __future__ import annotations

import ipywidgets as widgets

from lib.figures.network import plot_stage
from lib.skipgram.network import stage_table, step
from lib.widgets.display import show_figure


def stage_labels(name: str, words, D: int):
    """Axis labels for a stage: words for V-long arrays, d1…dD for D-long ones, none for the loss.

    Example: ``stage_labels("hidden h", words, 4)`` → ``["d1", "d2", "d3", "d4"]``.
    """
    if name in ("loss", "loss after"):
        return ["L"]
    if name in ("hidden h", "∂L/∂h", "W row after"):
        return [f"d{k + 1}" for k in range(D)]
    return list(words)


def network_stepper(W, W_out, words, center: str, context: str, lr: float = 0.025):
    """Buttons and a slider over the stages of one SGD step on the pair (center, context).

    Parameters
    ----------
    W : ndarray, shape (V, D); W_out : ndarray, shape (D, V); words : list of str, length V.

    Example: ``network_stepper(W, W_out, words, "brown", "fox")`` → stage 1 of 9, the one-hot input.
    """
    record = step(W, W_out, words.index(center), words.index(context), lr)
    stages = stage_table(record, words)
    slider = widgets.IntSlider(value=0, min=0, max=len(stages) - 1, description="stage", readout=False)
    back, forward = widgets.Button(description="◀ previous"), widgets.Button(description="next ▶")
    caption = widgets.HTML()
    out = widgets.Output()

    def show(_=None):
        name, formula, values = stages[slider.value]
        caption.value = f"<p>stage {slider.value + 1} of {len(stages)}: <b>{name}</b></p>"
        fig, _ = plot_stage(name, formula, values, stage_labels(name, words, W.shape[1]))
        show_figure(out, fig)

    back.on_click(lambda _: setattr(slider, "value", max(slider.value - 1, 0)))
    forward.on_click(lambda _: setattr(slider, "value", min(slider.value + 1, len(stages) - 1)))
    slider.observe(show, names="value")
    show()
    return widgets.VBox([widgets.HBox([back, slider, forward]), caption, out])
