"""What keeping N processes' skip-gram tables in step costs: bytes moved per step against the step's arithmetic.

Two established ways (:mod:`lib.skipgram.distributed` implements the first):

* **Tables, every S steps** — all-reduce both tables (2V rows of d float32). A ring all-reduce
  sends, and receives, ``2 (N − 1) / N`` of the tensor per process; spread over the S steps
  between synchronisations.
* **Touched rows, every step** — each process sends the rows its batch changed, B(2 + K) rows
  (B centers, B contexts, BK negatives; fewer if rows repeat) of d float32 plus their int64
  ids, to the N − 1 others (an all-gather).

Against it, a step's arithmetic: each of the B(1 + K) (center, output) pairs takes a dot
product and two row updates, about ``3 · 2d`` floating-point operations.
"""
from __future__ import annotations


def sync_cost(V: int, d: int, B: int, K: int, processes: int, sync_every: int) -> dict:
    """Bytes each process moves per step for either method, and the step's floating-point operations.

    Parameters
    ----------
    V, d : int — vocabulary size and dimension (the tables are V × d float32, two of them).
    B, K : int — pairs per step and negatives per pair.
    processes : int — N.
    sync_every : int — S, steps between all-reduces of the tables.

    Returns
    -------
    dict with ``tables_bytes_per_step`` (2V·d·4 · 2(N−1)/N / S), ``rows_bytes_per_step``
    (B(2+K)·(4d + 8) · (N−1)), ``flops_per_step`` (6·B(1+K)·d) and ``tables_bytes`` (2V·d·4).
    Example: V 71,290, d 100, B 1,024, K 5, N 2, S 32 → tables 57 MB each sync, about 1.8 MB per step;
    rows about 3.0 MB per step; 3.7 MFLOP per step.
    """
    tables = 2 * V * d * 4
    return {"tables_bytes": tables,
            "tables_bytes_per_step": tables * 2 * (processes - 1) / processes / sync_every,
            "rows_bytes_per_step": B * (2 + K) * (4 * d + 8) * (processes - 1),
            "flops_per_step": 6 * B * (1 + K) * d}
