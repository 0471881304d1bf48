"""Explorer of chapter 9b: weigh the slide's criteria (task, memory, latency, throughput) and see which model wins.

The arithmetic is :func:`lib.measure.model_choice.rank_models` (tested without a display);
:func:`model_choice_view` shows its result, and :class:`lib.widgets.explorer.Explorer` wires it to
sliders in Jupyter and to a few named weightings and memory limits on the website.
"""
from __future__ import annotations

import html

import ipywidgets as W
import numpy as np

from lib.figures.style import PALETTE, new_figure
from lib.measure.model_choice import CRITERIA, TASKS, rank_models
from lib.widgets.explorer import Control, Explorer, View


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


def model_choice_view(table, task: str, weights: dict, max_memory_mb: float | None = None,
                      max_latency_ms: float | None = None) -> View:
    """What the model-choice explorer shows for one setting: the winner and each model's weighted score.

    Parameters
    ----------
    table : DataFrame, the decision table (see :func:`lib.measure.model_choice.rank_models`).
    task : a key of :data:`lib.measure.model_choice.TASKS`.
    weights : dict criterion → weight ≥ 0; all 0 gives a message instead of scores.
    max_memory_mb, max_latency_ms : hard limits; a model over one is ruled out.

    Example: ``model_choice_view(table, "retrieval", {"latency": 1}).html`` → "<p>Winner: <b>…</b></p>" naming
    the model with the lowest p50 latency.
    """
    if sum(weights.values()) == 0:
        return View(html="<p>Give at least one criterion a weight above 0.</p>")
    scores = rank_models(table, weights, task, max_memory_mb, max_latency_ms)
    best = scores.dropna()
    message = (f"<p>Winner: <b>{html.escape(str(best.index[0]))}</b></p>" if len(best)
               else "<p>No model meets both limits: relax one.</p>")
    setting = ", ".join(f"{c} ×{w:g}" for c, w in weights.items() if w)
    limits = "".join([f"; RAM ≤ {max_memory_mb:g} MB" if max_memory_mb is not None else "",
                      f"; latency ≤ {max_latency_ms:g} ms" if max_latency_ms is not None else ""])
    outcome = f"{best.index[0]} scores highest" if len(best) else "every model is ruled out"
    alt = (f"Horizontal bars of each model's weighted score for the {task} task with weights {setting}{limits}: "
           f"{outcome}" + (f", {len(scores) - len(best)} ruled out." if len(best) < len(scores) else "."))
    return View(html=message, figure=plot_model_scores(scores, f"task: {task}")[0], alt=alt)


WEIGHTINGS = {"quality only": {"quality": 1.0},
              "quality first (quality ×3, latency ×1)": {"quality": 3.0, "latency": 1.0},
              "balanced (every criterion ×1)": {c: 1.0 for c in CRITERIA},
              "speed critical (latency ×3, quality ×1)": {"quality": 1.0, "latency": 3.0}}
"""The website's weightings, by name: from a project that wants only quality to one that needs speed."""

MEMORY_LIMITS = [("50 MB", 50), ("80 MB", 80), ("10 GB", 10_000)]
"""The website's RAM limits: one that rules out both encoders, one that rules out the full-precision
encoder only (its 22.7 million float32 parameters take about 90 MB), and the slide's upper end (no model ruled out)."""


def model_choice_explorer(table, task: str = "retrieval") -> Explorer:
    """A task menu, one weight slider per criterion and two limits → each model's score, best first.

    Both limits start at 10 GB and 10 s, which rule out no model. In Jupyter every control takes any
    value; the website offers the named :data:`WEIGHTINGS` × :data:`MEMORY_LIMITS` for the given task.
    Example: ``model_choice_explorer(decision_table)`` → the sliders and a bar chart of scores.
    """
    style = {"description_width": "initial"}

    def view(task, max_memory_mb, max_latency_ms, **weights):
        return model_choice_view(table, task, weights, max_memory_mb, max_latency_ms)

    controls = {"task": Control(W.Dropdown, "task", task, grid=[task], options=list(TASKS)),
                **{c: Control(W.FloatSlider, f"weight: {c}", 1.0, grid=[1.0], min=0.0, max=3.0, step=0.25,
                              style=style) for c in CRITERIA},
                "max_memory_mb": Control(W.FloatLogSlider, "max RAM (MB)", 1e4, grid=MEMORY_LIMITS, base=10,
                                         min=0, max=4, step=0.25, style=style),
                "max_latency_ms": Control(W.FloatLogSlider, "max latency (ms)", 1e4, grid=[1e4], base=10,
                                          min=-2, max=4, step=0.25, style=style)}
    website = {"weights": Control(W.Dropdown, "weighting", WEIGHTINGS["quality only"],
                                  grid=list(WEIGHTINGS.items())),
               "max_memory_mb": Control(W.FloatLogSlider, "max RAM", 1e4, grid=MEMORY_LIMITS)}
    return Explorer(view, controls, website=(
        lambda weights, max_memory_mb: model_choice_view(table, task, weights, max_memory_mb, 1e4), website))
