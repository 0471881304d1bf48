"""Engines measured side by side in alternating order, so that a busy machine's noise cannot decide.

On a shared machine one timing means little: another job may start halfway through
it. :func:`alternating_runs` runs every variant once per round, each in a process of
its own (:func:`lib.measure.engine_benchmark.run_in_subprocess`), in the listed order
in even rounds and the reverse order in odd ones, so that each variant meets early
and late slots alike; :func:`ratio_table` then compares variants round by round.

A variant is a label, an engine of :data:`lib.measure.engine_benchmark.ENGINES` and
settings changes, e.g. ``("torch stream", "torch-cpu", {"chunk_tokens": 1_000_000})``, and
optionally a fourth item: a folder holding another copy of the course (an earlier commit's
files), whose code that variant runs — two versions of an engine, measured in one run.
"""
from __future__ import annotations

import dataclasses

from lib.measure.engine_benchmark import machine_record, run_in_subprocess
from lib.skipgram.settings import TrainingSettings


def round_order(n_variants: int, round_number: int) -> list[int]:
    """The order variants run in, in round ``round_number``: as listed in even rounds, reversed in odd ones.

    Example: ``round_order(3, 1)`` → ``[2, 1, 0]``.
    """
    order = list(range(n_variants))
    return order[::-1] if round_number % 2 else order


def alternating_runs(variants, corpus: str, settings: TrainingSettings, rounds: int = 2, report=print,
                     save=None) -> dict:
    """Run every variant once per round, in alternating order; returns a record.

    Parameters
    ----------
    variants : list of (label, engine, dict of settings changes[, folder of another copy of the course])
    corpus : ``'shipped'`` or ``'zipf'`` (:func:`lib.measure.engine_benchmark.load_corpus`)
    settings : TrainingSettings — shared; each variant's changes are applied to it.
    rounds : int — how many times each variant runs.
    save : callable, optional — receives the record so far after every run (a long measurement
        that is stopped keeps the runs it finished).

    Returns
    -------
    dict with ``machine``, ``corpus``, ``settings``, ``variants`` and ``results``: one row per run with
    ``label``, ``round`` and ``position`` (its place in the round) beside
    :func:`lib.measure.engine_benchmark.run_one`'s fields (tokens_per_s, peak_rss_mb, …).
    """
    rows = []
    variants = [tuple(v) + (None,) * (4 - len(v)) for v in variants]   # (label, engine, changes, source)
    record = {"machine": machine_record(), "corpus": corpus, "settings": dataclasses.asdict(settings),
              "variants": [{"label": l, "engine": e, "changes": c, **({"source": s} if s else {})}
                           for l, e, c, s in variants], "results": rows}
    for round_number in range(rounds):
        for position, i in enumerate(round_order(len(variants), round_number)):
            label, engine, changes, source = variants[i]
            row = run_in_subprocess(engine, corpus, dataclasses.replace(settings, **changes), source=source)
            rows.append({"label": label, "round": round_number, "position": position, **row})
            if report:
                report(f"round {round_number} {label:>24}: {row['tokens_per_s']:>11,.0f} tokens/s  "
                       f"peak RSS {row['peak_rss_mb']:,.0f} MB")
            if save:
                save(record)
    return record


def ratio_table(record: dict, baseline: str):
    """Per variant: median tokens/s and peak RSS over rounds, and ratios to ``baseline`` taken round by round.

    Returns a pandas DataFrame indexed by label, with ``tokens_per_s``, ``peak_rss_mb``,
    ``speed_ratio`` and ``memory_ratio`` (medians of the per-round ratios: each run is compared
    with the baseline's run of the same round, which met the same machine load).
    Example: a variant at 200k tokens/s and 600 MB beside a baseline at 250k and 300 MB →
    speed ratio 0.8, memory ratio 2.0.
    """
    import pandas as pd
    runs = pd.DataFrame(record["results"])
    if baseline not in set(runs["label"]):
        raise ValueError(f"baseline {baseline!r} is not in the record; it has {sorted(set(runs['label']))}")
    base = runs[runs["label"] == baseline].set_index("round")
    runs["speed_ratio"] = runs["tokens_per_s"] / runs["round"].map(base["tokens_per_s"])
    runs["memory_ratio"] = runs["peak_rss_mb"] / runs["round"].map(base["peak_rss_mb"])
    table = runs.groupby("label", sort=False)[["tokens_per_s", "peak_rss_mb", "speed_ratio", "memory_ratio"]]
    return table.median()
