"""Explorer for chapter 15: what one training step costs, as V, k and B change.

The arithmetic is :func:`lib.measure.cost_model.step_cost` (tests call it directly);
:func:`cost_view` draws a two-bar comparison and :func:`cost_explorer` wires sliders to it
(in Jupyter any value; the website a grid of 12 settings, precomputed when it is built).
"""
from __future__ import annotations

import ipywidgets as W
import numpy as np

from lib.figures.scaling import plot_step_cost
from lib.measure.cost_model import step_cost
from lib.measure.units import human_bytes
from lib.widgets.explorer import Control, Explorer, View


def cost_view(log_V: int, k: int, log_B: int, d: int = 100) -> View:
    """Cost bars and batch memory for V = 10^(log_V / 10), k negatives and B = 2^log_B pairs.

    Example: ``cost_view(40, 5, 10).html`` → "V = 10,000, B = 1,024: a batch touches at most 7,168 rows…".
    """
    V, B = int(round(10 ** (log_V / 10))), 2 ** log_B
    cost = step_cost(V, d, k, B)
    rows = cost["ns_rows_per_batch"]
    text = (f"V = {V:,}, B = {B:,}: a batch touches at most {rows:,} rows "
            f"of the two tables ({human_bytes(rows * d * 4)} of "
            f"{human_bytes(cost['table_bytes'])}); each pair reads and writes "
            f"{human_bytes(cost['ns_bytes_per_pair'])}.")
    return View(html=f"<p>{text}</p>", figure=plot_step_cost(cost, V, k)[0],
                alt=(f"Multiply-adds per pair on a log axis for V = {V:,}, k = {k}: full softmax "
                     f"{cost['softmax_madds_per_pair']:,} against negative sampling {cost['ns_madds_per_pair']:,}, "
                     f"{cost['speedup']:,.0f} times fewer"))


def cost_explorer(V: int = 71_290, d: int = 100, negative: int = 5, batch: int = 1024) -> Explorer:
    """Sliders for V (log scale), k and B; shows the cost bars and the memory one batch touches.

    The website offers V = 1,000, the given V and 10,000,000; k = 5 and 20; B = 1,024 and 65,536:
    once B(k + 1) reaches V a batch can touch every output row, once B reaches V every row of both tables.
    Example: ``cost_explorer(V=10_000)`` → "V = 10,000, B = 1,024: a batch touches at most 7,168 rows…".
    """
    log_V = int(np.log10(V) * 10)
    return Explorer(lambda log_V, k, log_B: cost_view(log_V, k, log_B, d), {
        "log_V": Control(W.IntSlider, "log10 V ×10", log_V,
                         grid=[(f"{int(round(10 ** (v / 10))):,}", v) for v in sorted({30, log_V, 70})],
                         min=20, max=70),
        "k": Control(W.IntSlider, "k", negative, grid=sorted({negative, 20}), min=1, max=25),
        "log_B": Control(W.IntSlider, "log2 B", int(np.log2(batch)),
                         grid=[(f"{2 ** b:,}", b) for b in sorted({int(np.log2(batch)), 16})], min=4, max=20)})
