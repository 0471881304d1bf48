"""Explorer of chapter 9b: weigh the slide's criteria (task, memory, latency, throughput) and see which model wins.

The arithmetic is :func:`lib.measure.model_choice.rank_models` (tested without a display);
this module wires sliders to it.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from lib.figures.style import PALETTE, new_figure
from lib.measure.model_choice import CRITERIA, TASKS, rank_models
from lib.widgets.display import show_figure


def plot_model_scores(scores, title: str = ""):
    """Horizontal bars of each model's weighted score (a model ruled out by a limit is shown as such).

    Example: ``plot_model_scores(rank_models(table, {"latency": 1}))`` → the fastest model's bar on top.
    """
    fig, ax = new_figure(width=6.4, height=0.5 + 0.55 * len(scores))
    names = list(scores.index)[::-1]
    values = [scores[n] for n in names]
    bars = ax.barh(names, np.nan_to_num(values), color=[PALETTE[0] if np.isfinite(v) else "#BBBBBB" for v in values])
    ax.bar_label(bars, ["ruled out" if not np.isfinite(v) else f"{v:.2f}" for v in values], padding=3, fontsize=8)
    ax.set_xlim(0, 1.15)
    ax.set_xlabel("weighted score (1 = best on every weighted criterion)")
    ax.set_title(title)
    return fig, ax


def model_choice_explorer(table, task: str = "retrieval") -> W.VBox:
    """A task menu, one weight slider per criterion and two limits → each model's score, best first.

    Example: ``model_choice_explorer(decision_table)`` → the sliders and a bar chart of scores.
    """
    task_menu = W.Dropdown(options=list(TASKS), value=task, description="task")
    sliders = {c: W.FloatSlider(value=1.0, min=0.0, max=3.0, step=0.25, description=f"weight: {c}",
                                style={"description_width": "initial"}) for c in CRITERIA}
    memory = W.FloatLogSlider(value=1e4, base=10, min=0, max=4, step=0.25, description="max RAM (MB)",
                              style={"description_width": "initial"})
    latency = W.FloatLogSlider(value=100, base=10, min=-2, max=2, step=0.25, description="max latency (ms)",
                               style={"description_width": "initial"})
    message = W.HTML()
    out = W.Output()

    def update(_=None):
        weights = {c: s.value for c, s in sliders.items()}
        if sum(weights.values()) == 0:
            message.value = "<p>Give at least one criterion a weight above 0.</p>"
            return
        scores = rank_models(table, weights, task_menu.value, memory.value, latency.value)
        best = scores.dropna()
        message.value = (f"<p>Winner: <b>{best.index[0]}</b></p>" if len(best)
                         else "<p>No model meets both limits: relax one.</p>")
        show_figure(out, plot_model_scores(scores, f"task: {task_menu.value}")[0])

    for control in [task_menu, memory, latency, *sliders.values()]:
        control.observe(update, names="value")
    update()
    return W.VBox([task_menu, *sliders.values(), memory, latency, message, out])
