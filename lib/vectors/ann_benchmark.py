"""The recall–speed study of approximate nearest-neighbour indexes, at a chosen size, and its committed record.

:func:`run_study` builds a collection (:mod:`lib.vectors.collection`: real MiniLM
passage vectors plus synthetic ones around them), searches it with held-out
real passages as queries, and measures every index setting of a plan
(:func:`lib.vectors.ann_index.recall_speed_table`).

The slide's "90% quality at 10x speed" is a claim about large collections, so
its verdict (:func:`speed_claim_verdict`) is read from the full-size record
``benchmarks/results/ann_index/collection_100k_cpu.json`` written by ``benchmarks/ann_index.py``;
every chapter that records the claim reads that same file, so they agree.
"""
from __future__ import annotations

import json
import os

import numpy as np

from lib.paths import BENCHMARK_RESULTS

RECORD_PATH = os.path.join(BENCHMARK_RESULTS, "ann_index", "collection_100k_cpu.json")
"""Where the full-size study is recorded."""




def default_plan(n: int) -> list:
    """Index settings to measure for a collection of ``n`` vectors: HNSW (ef, M), IVF (nlist ≈ 4√n, nprobe), PQ, IVF-PQ, int8, binary.

    Example: ``default_plan(100_000)[0]`` → ``("hnsw", {"M": 8, "ef_construction": 64}, [{"ef": 16}, …])``.
    """
    nlist = int(2 ** round(np.log2(4 * np.sqrt(n))))
    return [("hnsw", {"M": 8, "ef_construction": 64}, [{"ef": ef} for ef in (16, 64, 256)]),
            ("hnsw", {"M": 16, "ef_construction": 100}, [{"ef": ef} for ef in (16, 32, 64, 96, 128, 192, 256)]),
            ("ivf", {"nlist": nlist}, [{"nprobe": p} for p in (1, 4, 16, 32, 48, 64, 96, 128) if p <= nlist]),
            ("pq", {"m": 48}, [{}]),
            ("ivfpq", {"nlist": nlist, "m": 48}, [{"nprobe": 16}, {"nprobe": 64}]),
            ("int8", {}, [{}]),
            ("binary", {}, [{}])]


def run_study(n_total: int, n_real: int, n_queries: int, plan=None, words: int = 16, max_tokens=None,
              repeats: int = 3, seed: int = 0) -> dict:
    """Collection, queries and recall–speed table for ``n_total`` stored vectors.

    Parameters
    ----------
    n_total : int
        Stored vectors N: ``n_real`` encoded passages plus N − n_real synthetic ones.
    n_queries : int
        Held-out real passages, encoded, used as queries (never stored).
    plan : list, optional
        As for :func:`lib.vectors.ann_index.recall_speed_table`; by default :func:`default_plan` (N).

    Returns
    -------
    dict
        ``{"table": DataFrame, "statistics": DataFrame, "spread": σ, "n_total", "n_real", "n_queries"}``.
        Example: ``run_study(5_000, 64, 32)["table"]`` → one row per setting, exact first.
    """
    from lib.text.corpus import load_shipped_corpus
    from lib.vectors.ann_index import recall_speed_table
    from lib.vectors.collection import (calibrate_spread, collection_statistics, encode_passages,
                                        passage_texts, synthetic_like)
    texts = passage_texts(load_shipped_corpus(max_tokens), words)
    if n_real + n_queries > len(texts):
        raise ValueError(f"{n_real} stored and {n_queries} query passages need {n_real + n_queries} passages; "
                         f"the corpus gives {len(texts)}: lower them or raise max_tokens")
    order = np.random.default_rng(seed).permutation(len(texts))
    vectors = encode_passages([texts[i] for i in order[:n_real + n_queries]])
    real, queries = vectors[:n_real], vectors[n_real:]
    spread = calibrate_spread(real, seed=seed)
    X = np.concatenate([real, synthetic_like(real, n_total - n_real, spread, seed=seed)])
    table = recall_speed_table(X, queries, plan or default_plan(n_total), repeats=repeats, seed=seed)
    return {"table": table, "spread": spread, "n_total": n_total, "n_real": n_real, "n_queries": n_queries,
            "statistics": collection_statistics({"real passages": real, "synthetic": X[n_real:],
                                                 "queries (held-out passages)": queries})}


def recall_at_speed(table, speed: float = 10.0) -> dict:
    """For each index and build setting, the recall@10 at ``speed`` × exact search, read off its measured curve.

    Along one build setting the query setting (ef, nprobe) trades recall for speed; between the two measured
    settings that bracket ``speed`` the recall is interpolated linearly in log speed-up. A curve that never
    gets as fast gives nothing; one that is faster everywhere gives its best recall at ≥ ``speed``.
    Example: IVF at (11.6x, 0.895) and (4.7x, 0.949) → about 0.904 at 10x.
    """
    build = table["setting"].str.replace(r",? ?(ef|nprobe) = \d+", "", regex=True).str.strip(", ")
    out = {}
    for (family, setting), rows in table.groupby([table["index"], build], sort=False):
        rows = rows.sort_values("speed-up")
        x, y = np.log(rows["speed-up"].to_numpy()), rows["recall@10"].to_numpy()
        if x[-1] < np.log(speed):
            continue
        if x[0] >= np.log(speed):
            value = y.max()
        else:
            i = int(np.searchsorted(x, np.log(speed)))
            t = (np.log(speed) - x[i - 1]) / (x[i] - x[i - 1])
            value = max(y[i - 1] + t * (y[i] - y[i - 1]), y[i:].max())
        out[f"{family} ({setting})" if setting not in ("", "—") else family] = float(value)
    return out


def speed_claim_verdict(table, quality: float = 0.9, speed: float = 10.0) -> tuple[str, str]:
    """("holds" or "wrong", what was found): does any index reach recall@10 ≥ ``quality`` at ``speed`` × exact search?

    Uses :func:`recall_at_speed`. Example: an HNSW curve through (12x, 0.93) → ``("holds", "hnsw (M = 16): recall@10 0.93 at 10x")``.
    """
    at_speed = recall_at_speed(table, speed)
    if not at_speed:
        return "wrong", f"no index reaches {speed:.0f}x the speed of exact search"
    best = max(at_speed, key=at_speed.get)
    return ("holds" if at_speed[best] >= quality else "wrong",
            f"best recall@10 at {speed:.0f}x the speed of exact search: {at_speed[best]:.3f}, {best}")


def save_record(study: dict, machine: dict, path: str = RECORD_PATH) -> None:
    """Write a study (its tables as lists of rows) with the machine it ran on to ``path`` (JSON)."""
    payload = {key: value for key, value in study.items() if key not in ("table", "statistics")}
    payload.update(machine=machine, table=study["table"].to_dict(orient="records"),
                   statistics=study["statistics"].reset_index(names="collection").to_dict(orient="records"))
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(payload, f, indent=1, default=float)


def load_record(path: str = RECORD_PATH) -> dict:
    """The committed full-size study: its fields, with ``table`` and ``statistics`` as DataFrames.

    Example: ``load_record()["n_total"]`` → 100000.
    """
    import pandas as pd
    if not os.path.exists(path):
        raise FileNotFoundError(f"{path} is missing: run `python benchmarks/ann_index.py` to measure it")
    with open(path) as f:
        payload = json.load(f)
    payload["table"] = pd.DataFrame(payload["table"])
    payload["statistics"] = pd.DataFrame(payload["statistics"]).set_index("collection")
    return payload
