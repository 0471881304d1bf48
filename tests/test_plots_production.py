"""Behaviour of chapter 9c's figures (lib.figures.production): each draws what it is given, in the course style."""
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
from matplotlib.colors import to_hex  # noqa: E402

from lib.figures.production import plot_latency_by_concurrency, plot_recall_speed  # noqa: E402
from lib.figures.style import OKABE_ITO  # noqa: E402

PALETTE_HEX = {c.lower() for c in OKABE_ITO.values()}
TABLE = pd.DataFrame({"index": ["exact", "hnsw", "hnsw", "hnsw", "ivf", "ivf", "pq"],
                      "setting": ["—", "M = 8, ef = 10", "M = 8, ef = 40", "M = 16, ef = 10", "nlist = 64, nprobe = 1",
                                  "nlist = 64, nprobe = 8", "m = 48"],
                      "recall@10": [1.0, 0.6, 0.9, 0.7, 0.3, 0.8, 0.5], "speed-up": [1.0, 20, 8, 15, 60, 12, 3]})


def test_recall_speed_draws_one_line_per_index_and_build_setting_with_the_target_corner():
    fig, ax = plot_recall_speed(TABLE)
    labels = [line.get_label() for line in ax.get_lines()]
    assert labels == ["exact", "hnsw (M = 8)", "hnsw (M = 16)", "ivf (nlist = 64)", "pq (m = 48)"]
    hnsw = ax.get_lines()[1]
    assert list(hnsw.get_xdata()) == [8, 20] and list(hnsw.get_ydata()) == [0.9, 0.6]     # sorted by speed
    assert ax.get_xscale() == "log" and "90%" in ax.get_legend().get_texts()[-1].get_text()
    assert {to_hex(line.get_color()) for line in ax.get_lines()} <= PALETTE_HEX
    plt.close(fig)


def test_latency_by_concurrency_has_two_labelled_panels_one_line_per_configuration():
    loads = pd.DataFrame({"configuration": ["plain", "plain", "batched", "batched"], "concurrency": [1, 16, 1, 16],
                          "p95 ms": [30, 400, 35, 90], "requests/s": [30, 32, 28, 150]})
    fig, axes = plot_latency_by_concurrency(loads)
    assert [len(ax.get_lines()) for ax in axes] == [2, 2]
    assert list(axes[1].get_lines()[1].get_ydata()) == [28, 150]
    assert axes[0].get_yscale() == "log" and "p95" in axes[0].get_ylabel() and axes[1].get_xlabel()
    plt.close(fig)
