"""What one skip-gram training step costs, measured against the vocabulary size V.

The slides claim that the full softmax costs O(V) per training pair and
negative sampling O(k + 1); the hierarchical softmax
(:func:`lib.skipgram.hierarchical_softmax.sgd_step_hierarchical_softmax`) costs one
sigmoid per bit of the context word's Huffman code, about log2 V. Instead of counting operations we time the very
steps the trainer runs (:func:`lib.skipgram.numpy_engine.sgd_step_softmax` and
:func:`lib.skipgram.numpy_engine.sgd_step_negative_sampling`) on random weights for a
range of V, and fit a power law t ≈ a · V^p: p ≈ 1 means linear in V, p ≈ 0
means independent of V.

Simplified on purpose: the weights are random (the cost of a step does not
depend on their values), the negatives are drawn uniformly before the clock
starts (the trainer's table lookup is O(1) per draw), and each timing is the
best of a few repeats on **one** thread (linear algebra libraries otherwise
spread small products over several threads, whose start-up and contention on a
busy machine swamp the arithmetic). The best of a few single-thread repeats is
the usual way to damp the noise of a shared machine.
"""
from __future__ import annotations

import numpy as np

from lib.config import SEED
from lib.measure.timing import best_time
from lib.skipgram.hierarchical_softmax import sgd_step_hierarchical_softmax
from lib.skipgram.numpy_engine import sgd_step_negative_sampling, sgd_step_softmax

OBJECTIVES = ("softmax", "negative_sampling", "hierarchical_softmax")


def seconds_per_pair(objective: str, V: int, d: int = 100, batch: int = 256, negative: int = 5,
                     repeats: int = 5, seed: int = SEED, threads: int | None = 1) -> float:
    """Time of one SGD step on a batch of ``batch`` pairs, divided by ``batch``.

    Parameters
    ----------
    objective : ``'softmax'``, ``'negative_sampling'`` or ``'hierarchical_softmax'``
    V : int
        Vocabulary size: ``W_in`` and ``W_out`` have shape (V, d).
    d : int
        Embedding dimension.
    batch : int
        Pairs B per step.
    negative : int
        Negatives k per pair (negative sampling only).
    threads : int or None
        Threads the linear algebra library may use while timing (None: its default).

    Returns
    -------
    float — seconds per (center, context) pair.

    Example: ``seconds_per_pair("softmax", 10_000)`` → about 1e-5 on a laptop.
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, got {objective!r}")
    rng = np.random.default_rng(seed)
    W_in = (rng.random((V, d), dtype=np.float32) - 0.5) / d
    W_out = (rng.random((V, d), dtype=np.float32) - 0.5) / d
    centers, contexts = rng.integers(0, V, size=(2, batch))
    if objective == "softmax":
        step = lambda: sgd_step_softmax(W_in, W_out, centers, contexts, 1e-6)  # noqa: E731
    elif objective == "hierarchical_softmax":
        tree, contexts = zipf_tree_and_contexts(V, batch, rng)
        step = lambda: sgd_step_hierarchical_softmax(W_in, W_out[:-1], centers, contexts, tree, 1e-6)  # noqa: E731
    else:
        negatives = rng.integers(0, V, size=(batch, negative))
        step = lambda: sgd_step_negative_sampling(W_in, W_out, centers, contexts, negatives, 1e-6)  # noqa: E731
    from threadpoolctl import threadpool_limits
    with threadpool_limits(limits=threads):
        return best_time(step, repeats) / batch


def rows_touched(objective: str, V: int, d: int = 16, batch: int = 256, negative: int = 5,
                 seed: int = SEED) -> int:
    """How many rows of ``W_out`` (the output vectors u_w) one SGD step changes — a count, not a timing.

    The full softmax moves all V rows at every step; negative sampling at most
    B · (k + 1), whatever V is; the hierarchical softmax the inner nodes on the batch's
    paths (at most V − 1, and most paths share the nodes near the root). Example: ``rows_touched("softmax", 5000)`` → 5000.
    """
    if objective not in OBJECTIVES:
        raise ValueError(f"objective must be one of {OBJECTIVES}, got {objective!r}")
    rng = np.random.default_rng(seed)
    W_in = rng.normal(size=(V, d)).astype(np.float32)
    W_out = rng.normal(size=(V, d)).astype(np.float32)
    before = W_out.copy()
    centers, contexts = rng.integers(0, V, size=(2, batch))
    if objective == "softmax":
        sgd_step_softmax(W_in, W_out, centers, contexts, 0.1)
    elif objective == "hierarchical_softmax":
        tree, contexts = zipf_tree_and_contexts(V, batch, rng)
        sgd_step_hierarchical_softmax(W_in, W_out[:-1], centers, contexts, tree, 0.1)
    else:
        sgd_step_negative_sampling(W_in, W_out, centers, contexts,
                                   rng.integers(0, V, size=(batch, negative)), 0.1)
    return int(np.any(W_out != before, axis=1).sum())


def zipf_tree_and_contexts(V: int, batch: int, rng: np.random.Generator):
    """A Huffman tree of V words with Zipf counts (count ∝ 1/rank) and ``batch`` contexts drawn by frequency.

    Drawn as a corpus would give them, so frequent words, with short codes, come often.
    Returns ``(tree, contexts)``, contexts of shape (batch,). Example: V = 1000 → codes 2 to ~17 bits long.
    """
    from lib.skipgram.huffman import huffman_tree
    counts = np.round(1e7 / np.arange(1, V + 1)).astype(np.int64) + 1
    return huffman_tree(counts), rng.choice(V, size=batch, p=counts / counts.sum())


def cost_table(vocab_sizes, objectives=OBJECTIVES, progress: bool = True, **kwargs):
    """:func:`seconds_per_pair` for every V and objective, as a pandas DataFrame.

    Columns: ``V``, ``objective``, ``seconds_per_pair``. ``kwargs`` go to :func:`seconds_per_pair`.
    Example: ``cost_table([1000, 10_000], ["softmax"])`` → two rows.
    """
    import pandas as pd
    from tqdm.auto import tqdm
    jobs = [(int(V), obj) for obj in objectives for V in vocab_sizes]
    rows = [{"V": V, "objective": obj, "seconds_per_pair": seconds_per_pair(obj, V, **kwargs)}
            for V, obj in tqdm(jobs, disable=not progress, desc="timing steps")]
    return pd.DataFrame(rows)


def fit_power_law(x, y):
    """Least-squares fit of log y = log a + p log x: returns ``(p, a)`` with y ≈ a · x^p.

    Example: x = ``[1, 10, 100]``, y = ``[2, 20, 200]`` → ``(1.0, 2.0)``.
    """
    x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    if len(x) < 2 or np.any(x <= 0) or np.any(y <= 0):
        raise ValueError("need at least two points with positive x and y")
    p, log_a = np.polyfit(np.log(x), np.log(y), 1)
    return float(p), float(np.exp(log_a))


def step_cost(V: int, d: int = 100, negative: int = 5, batch: int = 1024, bytes_per_value: int = 4) -> dict:
    """Arithmetic and memory of one training step, counted from the formulas (no timing).

    Per pair, the full softmax computes V scores u_w · v_c (V·d multiply-adds), V
    exponentials, and an update of all V output vectors (V·d more); negative
    sampling computes k + 1 scores and updates k + 1 output vectors and the center.

    Returns
    -------
    dict with ``softmax_madds_per_pair``, ``ns_madds_per_pair``, ``speedup`` (their ratio),
    ``ns_rows_per_batch`` (rows a batch of B pairs can touch: B(k + 1) output + B input,
    at most 2V), ``ns_bytes_per_pair`` (values read and written per pair) and ``table_bytes``
    (both V × d tables). Example: V = 10,000, d = 100, k = 5 → 2,000,000 against 1,300
    multiply-adds per pair, a speed-up of about 1,538.
    """
    if min(V, d, batch) < 1 or negative < 0:
        raise ValueError("V, d and batch must be positive and negative non-negative")
    softmax = 2 * V * d                                   # scores, then every u_w moves
    ns = 2 * (negative + 1) * d + d                       # k + 1 scores and updates, plus the center's
    return {"softmax_madds_per_pair": softmax, "ns_madds_per_pair": ns, "speedup": softmax / ns,
            "ns_rows_per_batch": min(batch * (negative + 1), V) + min(batch, V),
            "ns_bytes_per_pair": 2 * (negative + 2) * d * bytes_per_value,   # read and write k + 2 rows
            "table_bytes": 2 * V * d * bytes_per_value}
