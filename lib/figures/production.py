"""Figures for searching at scale and serving (chapter 9c): recall against speed, latency against concurrency.

Same style as :mod:`lib.figures.style`; each function returns ``(fig, ax)`` or ``(fig, axes)``.
"""
from __future__ import annotations

from lib.figures.style import OKABE_ITO, PALETTE, new_figure


def plot_recall_speed(table, target=(10.0, 0.9), quality: str = "recall@10"):
    """Recall against speed-up over exact search (log x), one line per index and build setting, with the target corner.

    Parameters
    ----------
    table : pandas.DataFrame
        Rows of :func:`lib.vectors.ann_index.recall_speed_table`: ``index``, ``setting``, ``recall@10``,
        ``speed-up``; rows of one index built once and searched with several query settings form one line.
    target : (speed-up, recall)
        The corner to shade (the slide's "90% quality at 10x speed").

    Example: exact at (1, 1.0) and HNSW at (20, 0.55), (12, 0.7), (3, 0.92) → a point and a falling line.
    """
    fig, ax = new_figure(width=7.6, height=4.6)
    build = table["setting"].str.replace(r",? ?(ef|nprobe) = \d+", "", regex=True).str.strip(", ")
    groups = list(dict.fromkeys(zip(table["index"], build)))
    markers = "osD^vP*X"
    for i, (family, setting) in enumerate(groups):
        rows = table[(table["index"] == family) & (build == setting)].sort_values("speed-up")
        label = family if setting in ("", "—") else f"{family} ({setting})"
        ax.plot(rows["speed-up"], rows[quality], markers[i % len(markers)] + "-", ms=6,
                color=PALETTE[i % len(PALETTE)], label=label)
    hi = max(table["speed-up"].max(), target[0]) * 2
    ax.fill_between([target[0], hi], target[1], 1.03, color=OKABE_ITO["bluish_green"], alpha=0.15,
                    label=f"slide: ≥ {target[1]:.0%} recall at ≥ {target[0]:g}x speed")
    ax.set_xscale("log")
    ax.set_xlim(min(table["speed-up"].min(), 0.5) / 1.5, hi)
    ax.set_ylim(0, 1.03)
    ax.set_xlabel("queries per second, relative to exact search (log scale)")
    ax.set_ylabel(quality + " of the exact neighbours")
    ax.legend(fontsize=7.5, loc="lower left")
    return fig, ax


def plot_latency_by_concurrency(table, metric: str = "p95 ms"):
    """Two panels against the number of concurrent clients: ``metric`` latency (log y) and requests per second.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per load run with ``configuration``, ``concurrency``, ``metric`` and ``requests/s``.

    Example: configurations "no batching, no cache" and "batching + cache" at concurrency 1 and 16 → two lines per panel.
    """
    fig, axes = new_figure(ncols=2, width=10.0, height=4.0)
    for i, (name, rows) in enumerate(table.groupby("configuration", sort=False)):
        rows = rows.sort_values("concurrency")
        for ax, column in zip(axes, (metric, "requests/s")):
            ax.plot(rows["concurrency"], rows[column], "o-", color=PALETTE[i % len(PALETTE)], label=name)
    for ax, label in zip(axes, (f"latency {metric.replace(' ms', '')} (ms, log scale)", "throughput (requests per second)")):
        ax.set_xscale("log", base=2)
        ax.set_xlabel("concurrent clients (log scale)")
        ax.set_ylabel(label)
    axes[0].set_yscale("log")
    axes[0].legend(fontsize=8)
    return fig, axes
