"""Where the time of one batched skip-gram step goes, measured on random tables.

A training step of :func:`lib.skipgram.torch_engine.sgd_step` gathers rows, takes
B(k + 1) dot products, and scatters the updates back. This module measures
three things about it, for chapter 15:

* :func:`step_profile` — PyTorch's profiler on repeated steps: the share of the
  time each kind of operation takes;
* :func:`kernel_choices` — the same result computed two ways (advanced indexing
  against ``index_select``; ``bmm`` against an elementwise product and a sum),
  each timed, to show why the engine uses what it uses;
* :func:`pairs_per_second` — throughput against the batch size B.

Simplified on purpose: the weights and the word ids are random and uniform
(a step's cost does not depend on their values, only on V, d, B and k), every
timing is the best of a few repeats on **one** thread — the way the engine runs
on a CPU — and the numbers are those of the machine that runs them.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np

from lib.config import SEED
from lib.measure.timing import best_time


@contextmanager
def one_thread():
    """Run the block with PyTorch on one thread, as the engine runs on a CPU; restores the setting after."""
    import torch
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def random_batch(V: int = 10_000, d: int = 100, batch: int = 1024, negative: int = 5, seed: int = SEED):
    """Random float32 tables and a batch of word ids, as tensors.

    Returns
    -------
    W_in, W_out : (V, d) tensors with entries of size about 0.1
    centers, contexts : (B,) int64 tensors; negatives : (B, k) int64 tensor
    """
    import torch
    generator = torch.Generator().manual_seed(seed)
    W_in = 0.1 * torch.randn(V, d, generator=generator)
    W_out = 0.1 * torch.randn(V, d, generator=generator)
    centers, contexts = torch.randint(0, V, (2, batch), generator=generator)
    negatives = torch.randint(0, V, (batch, negative), generator=generator)
    return W_in, W_out, centers, contexts, negatives


def step_profile(V: int = 10_000, batch: int = 1024, steps: int = 20, damping: bool = True, seed: int = SEED):
    """Profile ``steps`` calls of :func:`lib.skipgram.torch_engine.sgd_step` on one thread.

    Returns
    -------
    pandas DataFrame indexed by operation (``aten::index_select``, ``aten::mul``, …), columns
    ``ms_per_step`` (self time, excluding the operations it calls) and ``share`` (of the total),
    largest first. Example: ``step_profile(V=1000, batch=256, steps=5)`` → about a dozen rows.
    """
    import pandas as pd
    from torch.profiler import ProfilerActivity, profile

    from lib.skipgram.torch_engine import sgd_step
    tables = random_batch(V, batch=batch, seed=seed)
    with one_thread():
        sgd_step(*tables, lr=0.025, damping=damping)                         # warm-up
        with profile(activities=[ProfilerActivity.CPU]) as prof:
            for _ in range(steps):
                sgd_step(*tables, lr=0.025, damping=damping)
    rows = [(event.key, event.self_cpu_time_total / 1e3 / steps) for event in prof.key_averages()]
    table = pd.DataFrame(rows, columns=["operation", "ms_per_step"]).groupby("operation").sum()
    table = table[table.ms_per_step > 0].sort_values("ms_per_step", ascending=False)
    table["share"] = table.ms_per_step / table.ms_per_step.sum()
    return table


def kernel_choices(V: int = 10_000, batch: int = 1024, negative: int = 5, d: int = 100, repeats: int = 5,
                   seed: int = SEED):
    """Time two ways of computing the gather and the dot products of one step.

    Returns
    -------
    pandas DataFrame with one row per way: ``work``, ``way``, ``ms`` (best of ``repeats``
    on one thread) and ``same_result`` (the two ways agree to float32 rounding).
    Example: the rows for "gather B(k+1) rows" are ``W_out[ids]`` and ``W_out.index_select(0, ids)``.
    """
    import pandas as pd
    import torch
    W_in, W_out, centers, contexts, negatives = random_batch(V, d, batch, negative, seed)
    ids = torch.cat([contexts[:, None], negatives], dim=1)                 # (B, 1+k)
    u = W_out.index_select(0, ids.reshape(-1)).view(batch, -1, d)          # (B, 1+k, d)
    v = W_in.index_select(0, centers)                                      # (B, d)
    ways = {
        "gather B(k+1) rows": {"W_out[ids]": lambda: W_out[ids],
                               "W_out.index_select(0, ids)": lambda: W_out.index_select(0, ids.reshape(-1)).view(
                                   batch, -1, d)},
        "B(k+1) dot products": {"torch.bmm(u, v[:, :, None])": lambda: torch.bmm(u, v[:, :, None])[..., 0],
                                "(u * v[:, None]).sum(2)": lambda: (u * v[:, None, :]).sum(2)},
    }
    rows = []
    with one_thread():
        for work, pair in ways.items():
            results = [fn() for fn in pair.values()]
            same = bool(torch.allclose(results[0], results[1], atol=1e-6))
            rows += [{"work": work, "way": way, "ms": 1e3 * best_time(fn, repeats), "same_result": same}
                     for way, fn in pair.items()]
    return pd.DataFrame(rows)


def pairs_per_second(batch_sizes, V: int = 10_000, pairs: int = 65_536, damping: bool = True, repeats: int = 3,
                     seed: int = SEED, compiled: bool = False, threads: int = 1) -> np.ndarray:
    """Training pairs per second of :func:`lib.skipgram.torch_engine.sgd_step` for each batch size.

    Each of ``threads`` Python threads (PyTorch itself on one thread) trains on ``pairs``
    pairs (at least one batch) of its own batches, all updating the same tables, as the
    engine's Hogwild workers do; the best of ``repeats`` is kept. ``compiled=True`` times
    the step compiled by :func:`lib.skipgram.torch_engine.compile_step` (compiled before the clock starts).
    Returns an array of shape (len(batch_sizes),): all threads' pairs per second of wall time.
    Example: ``pairs_per_second([64, 1024])`` → e.g. ``[6e4, 4e5]`` on a laptop.
    """
    import torch

    from lib.skipgram.torch_engine import compile_step, sgd_step
    from lib.skipgram.torch_pairs import on_threads
    rates = []
    with one_thread(), torch.no_grad():
        for B in batch_sizes:
            W_in, W_out, *_ = random_batch(V, batch=int(B), seed=seed)
            batches = [random_batch(V, batch=int(B), seed=seed + t)[2:] for t in range(threads)]
            n_steps = max(1, pairs // int(B))
            step = compile_step(W_in, W_out, int(B), batches[0][2].shape[1], damping) if compiled else sgd_step
            lr = torch.tensor(1e-6, dtype=torch.float64)   # as in training: a 0-d tensor

            @torch.no_grad()   # gradient mode is per thread
            def train(batch):
                for _ in range(n_steps):
                    step(W_in, W_out, *batch, lr, damping)

            rates.append(threads * n_steps * int(B) / best_time(lambda: on_threads(train, batches, threads), repeats))
    return np.array(rates)


KEEP_FREED_MEMORY = {"MALLOC_MMAP_THRESHOLD_": str(2 ** 31), "MALLOC_TRIM_THRESHOLD_": str(2 ** 40)}
"""glibc settings that keep freed blocks in the process instead of handing them back to the kernel."""


def pairs_per_second_in_process(batch_sizes, keep_freed_memory: bool, **kwargs) -> np.ndarray:
    """:func:`pairs_per_second` in a fresh Python process, optionally with :data:`KEEP_FREED_MEMORY`.

    By default glibc returns a freed block of more than a few megabytes to the kernel,
    and the next step's block of the same size is handed back page by page, each
    page zeroed on its first touch. The environment variables are read when a
    process starts, hence the fresh process. Returns an array of shape (len(batch_sizes),).
    """
    import json
    import os
    import subprocess
    import sys
    env = {**os.environ, **(KEEP_FREED_MEMORY if keep_freed_memory else {})}
    if not keep_freed_memory:
        for name in KEEP_FREED_MEMORY:
            env.pop(name, None)
    code = ("import json, sys; from lib.measure.profiling import pairs_per_second; "
            "print(json.dumps(pairs_per_second(json.loads(sys.argv[1]), **json.loads(sys.argv[2])).tolist()))")
    done = subprocess.run([sys.executable, "-c", code, json.dumps([int(b) for b in batch_sizes]), json.dumps(kwargs)],
                          capture_output=True, text=True, env=env)
    if done.returncode != 0:
        raise RuntimeError(f"timing process failed:\n{done.stderr[-2000:]}")
    return np.array(json.loads(done.stdout.strip().splitlines()[-1]))
