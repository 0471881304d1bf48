"""A stepping explorer for the skip-gram network: one button press, one stage of the computation.

As in :mod:`lib.widgets.similarity`, the arithmetic lives in a pure function
(:func:`lib.skipgram.network.stage_table`); :func:`stage_view` draws one stage and
:func:`network_stepper` wires a slider (and, in Jupyter, two buttons) to it. The
website's slider moves through every stage, precomputed when it is built.
"""
from __future__ import annotations

import ipywidgets as widgets

from lib.figures.network import plot_stage
from lib.skipgram.network import stage_table, step
from lib.widgets.explorer import Control, Explorer, View


def stage_labels(name: str, words, D: int):
    """Axis labels for a stage: words for V-long arrays, d1…dD for D-long ones, none for the loss.

    Example: ``stage_labels("hidden h", words, 4)`` → ``["d1", "d2", "d3", "d4"]``.
    """
    if name in ("loss", "loss after"):
        return ["L"]
    if name in ("hidden h", "∂L/∂h", "W row after"):
        return [f"d{k + 1}" for k in range(D)]
    return list(words)


def stage_view(stages, words, D: int, stage: int) -> View:
    """Stage ``stage`` (0-based) of a recorded step: its caption and its plot.

    Example: ``stage_view(stage_table(record, words), words, 4, 1).html``
    → ``"<p>stage 2 of 9: <b>hidden h</b></p>"``.
    """
    name, formula, values = stages[stage]
    fig, _ = plot_stage(name, formula, values, stage_labels(name, words, D))
    return View(html=f"<p>stage {stage + 1} of {len(stages)}: <b>{name}</b></p>", figure=fig,
                alt=f"Stage {stage + 1} of {len(stages)} of one SGD step, {name} ({formula}): "
                    f"its {len(values)} value{'s' if len(values) != 1 else ''} as bars")


def network_stepper(W, W_out, words, center: str, context: str, lr: float = 0.025) -> Explorer:
    """Buttons and a slider over the stages of one SGD step on the pair (center, context).

    Parameters
    ----------
    W : ndarray, shape (V, D); W_out : ndarray, shape (D, V); words : list of str, length V.

    In Jupyter "previous" and "next" buttons step the slider; the website offers the slider
    over every stage. Example: ``network_stepper(W, W_out, words, "brown", "fox")`` → stage 1
    of 9, the one-hot input.
    """
    record = step(W, W_out, words.index(center), words.index(context), lr)
    stages = stage_table(record, words)
    last = len(stages) - 1

    def buttons(live):
        slider = live["stage"]
        back, forward = widgets.Button(description="◀ previous"), widgets.Button(description="next ▶")
        back.on_click(lambda _: setattr(slider, "value", max(slider.value - 1, 0)))
        forward.on_click(lambda _: setattr(slider, "value", min(slider.value + 1, last)))
        return [widgets.HBox([back, forward])]

    return Explorer(lambda stage: stage_view(stages, words, W.shape[1], stage), {
        "stage": Control(widgets.IntSlider, "stage", 0, grid=[(f"{i + 1}. {name}", i) for i, (name, _, _) in enumerate(stages)],
                         min=0, max=last, readout=False)}, extra=buttons)
