"""Explorer for chapter 15: what one training step costs, as V, k and B change.

The arithmetic is :func:`lib.measure.cost_model.step_cost` (tests call it directly);
the explorer wires sliders to it and redraws a two-bar comparison.
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from lib.figures.scaling import plot_step_cost
from lib.measure.cost_model import step_cost
from lib.measure.units import human_bytes
from lib.widgets.display import show_figure


def cost_explorer(V: int = 71_290, d: int = 100, negative: int = 5, batch: int = 1024) -> W.VBox:
    """Sliders for V (log scale), k and B; shows the cost bars and the memory one batch touches."""
    v_slider = W.IntSlider(value=int(np.log10(V) * 10), min=20, max=70, description="log10 V ×10")
    k_slider = W.IntSlider(value=negative, min=1, max=25, description="k")
    b_slider = W.IntSlider(value=int(np.log2(batch)), min=4, max=20, description="log2 B")
    out, text = W.Output(), W.HTML()

    def redraw(*_):
        V_now, B_now = int(round(10 ** (v_slider.value / 10))), 2 ** b_slider.value
        cost = step_cost(V_now, d, k_slider.value, B_now)
        text.value = (f"V = {V_now:,}, B = {B_now:,}: a batch touches at most {cost['ns_rows_per_batch']:,} rows "
                      f"of the two tables ({human_bytes(cost['ns_rows_per_batch'] * d * 4)} of "
                      f"{human_bytes(cost['table_bytes'])}); each pair reads and writes "
                      f"{human_bytes(cost['ns_bytes_per_pair'])}.")
        show_figure(out, plot_step_cost(cost, V_now, k_slider.value)[0])

    for slider in (v_slider, k_slider, b_slider):
        slider.observe(redraw, names="value")
    redraw()
    return W.VBox([W.HBox([v_slider, k_slider, b_slider]), text, out])
